import { formatDateTime } from '../web/components.tsx';

export type OutboxEmail = { id: string; to: string; subject: string; text: string; createdAt: Date };

/**
 * Splits a plain-text body into text and links, so the sign-in links of the demo can be clicked.
 * Only http(s) addresses become links; preact escapes everything else.
 */
export function linkify(text: string): (string | { href: string })[] {
  const parts: (string | { href: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    const href = match[0].replace(/[.,;:!?)»]+$/, '');
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push({ href });
    last = match.index + href.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

export function OutboxPage(props: { emails: OutboxEmail[]; limit: number }) {
  return (
    <>
      <h1>Messages de développement</h1>
      <div class="fr-alert fr-alert--info fr-mb-4w">
        <p>
          Sans SMTP_URL, Tremplin n’envoie aucun courriel : il les garde ici, les plus récents en premier
          {props.emails.length === props.limit ? ` (les ${props.limit} derniers)` : ''}. Cette page n’existe
          pas en production.
        </p>
      </div>
      {props.emails.length === 0 ? (
        <p>Aucun message pour le moment.</p>
      ) : (
        props.emails.map((email) => (
          <article class="fr-card fr-card--no-arrow fr-mb-3w">
            <div class="fr-card__body">
              <div class="fr-card__content">
                <h2 class="fr-card__title">{email.subject}</h2>
                <p class="fr-card__detail">
                  À {email.to} · le {formatDateTime(email.createdAt)}
                </p>
                <div class="fr-card__desc tp-pre">
                  {linkify(email.text).map((part) =>
                    typeof part === 'string' ? part : <a href={part.href}>{part.href}</a>,
                  )}
                </div>
              </div>
            </div>
          </article>
        ))
      )}
    </>
  );
}
