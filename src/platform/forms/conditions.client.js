// Progressive enhancement of conditional questions (views/fields.tsx). Without JavaScript every question
// is on the page with the hint « Répondez si … » and the server drops answers to hidden ones; with it,
// a question is hidden until the earlier answer it depends on is chosen. Blocks come in document order
// and a condition always points at an earlier question, so one pass in order settles chains.
const blocks = Array.from(document.querySelectorAll('[data-condition-question]'));

function chosenValues(name) {
  return Array.from(document.getElementsByName(name))
    .filter((input) => input.checked && !input.closest('[hidden]'))
    .map((input) => input.value);
}

function update() {
  for (const block of blocks) {
    const wanted = (block.getAttribute('data-condition-values') || '').split(' ');
    const chosen = chosenValues(block.getAttribute('data-condition-question') || '');
    block.hidden = !chosen.some((value) => wanted.includes(value));
  }
}

if (blocks.length > 0) {
  document.addEventListener('change', update);
  update();
}
