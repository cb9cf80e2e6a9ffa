// Progressive enhancement of the console's ticket list (views/console.tsx). Without JavaScript the page
// is complete and the agent reloads it; with it, the list (#rappels-liste, with its filters) is fetched
// again every 30 s from the page's own address and replaced, and tickets that were not there before
// are announced in the live region #rappels-annonce (role="status"), which screen readers read out.
const list = document.getElementById('rappels-liste');
const announce = document.getElementById('rappels-annonce');

const idsOf = (root) =>
  new Set(
    Array.from(root.querySelectorAll('[data-ticket-id]')).map((row) => row.getAttribute('data-ticket-id')),
  );

function announcement(rows) {
  const labels = rows.map((row) => row.getAttribute('data-ticket-label'));
  if (labels.length === 1) return `Nouveau rappel : ${labels[0]}.`;
  return `${labels.length} nouveaux rappels : ${labels.join(' ; ')}.`;
}

async function refresh(known) {
  // Not while the agent works in the list: replacing it would pull the focus from under the keyboard.
  if (document.visibilityState !== 'visible' || list.contains(document.activeElement)) return known;
  let response;
  try {
    response = await fetch(window.location.href, {
      credentials: 'same-origin',
      headers: { accept: 'text/html' },
    });
  } catch {
    return known; // offline for a moment: try again next time
  }
  // Signed out meanwhile (redirected to the sign-in page) or an error: keep what is shown.
  if (!response.ok || response.redirected) return known;
  const fresh = new DOMParser()
    .parseFromString(await response.text(), 'text/html')
    .getElementById('rappels-liste');
  if (!fresh) return known;
  const added = Array.from(fresh.querySelectorAll('[data-ticket-id]')).filter(
    (row) => !known.has(row.getAttribute('data-ticket-id')),
  );
  list.replaceChildren(...Array.from(fresh.childNodes).map((node) => document.importNode(node, true)));
  if (added.length > 0) announce.textContent = announcement(added);
  return idsOf(fresh);
}

if (list && announce) {
  const seconds = Number(list.getAttribute('data-refresh-seconds')) || 30;
  let known = idsOf(list);
  let busy = false;
  setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      known = await refresh(known);
    } finally {
      busy = false;
    }
  }, seconds * 1000);
}
