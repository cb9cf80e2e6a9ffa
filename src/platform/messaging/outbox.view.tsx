import { formatDateTime } from '../web/components.tsx';
import type { ListedMessage } from './messages.repository.ts';
import { channelLabels, LETTERS_PATH, StatusBadge } from './messages.view.tsx';
import type { RenderedMessage } from './render.ts';
import { previewSmsSend } from './sms/encoding.ts';

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

export function Linkified({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part) => (typeof part === 'string' ? part : <a href={part.href}>{part.href}</a>))}
    </>
  );
}

export type OutboxEntry = {
  message: ListedMessage;
  rendered: RenderedMessage;
  /** Non-essential emails: the List-Unsubscribe link the email carries. */
  unsubscribeUrl: string | null;
};

function titleOf({ message, rendered }: OutboxEntry): string {
  if ('error' in rendered) return `${channelLabels[message.channel]} (${message.template})`;
  switch (rendered.channel) {
    case 'email':
      return rendered.content.subject;
    case 'sms':
      return `SMS à ${message.recipientNormalised ?? message.recipient}`;
    case 'letter':
      return `Lettre : ${rendered.content.subject}`;
  }
}

function Body({ entry }: { entry: OutboxEntry }) {
  const { message, rendered } = entry;
  if ('error' in rendered) return <p>{rendered.error}</p>;
  switch (rendered.channel) {
    case 'email':
      return (
        <>
          <div class="fr-card__desc tp-pre">
            <Linkified text={rendered.content.text} />
          </div>
          {entry.unsubscribeUrl && (
            <p class="fr-text--xs fr-mt-2w fr-mb-0">
              En-tête List-Unsubscribe : <a href={entry.unsubscribeUrl}>{entry.unsubscribeUrl}</a>
            </p>
          )}
        </>
      );
    case 'sms': {
      const sms = previewSmsSend(rendered.content.text, 1);
      const segments = message.segments ?? sms.segments;
      return (
        <>
          <div class="fr-card__desc tp-pre">
            <Linkified text={sms.text} />
          </div>
          <p class="fr-text--xs fr-mt-2w fr-mb-0">
            {sms.characters} caractère{sms.characters > 1 ? 's' : ''} · {sms.encoding} · {segments} segment
            {segments > 1 ? 's' : ''}
          </p>
        </>
      );
    }
    case 'letter':
      return (
        <p class="fr-card__desc">
          Lettre à imprimer depuis la page <a href={LETTERS_PATH}>Lettres</a>.
        </p>
      );
  }
}

export function OutboxPage(props: { entries: OutboxEntry[]; limit: number; smtp: boolean }) {
  return (
    <>
      <h1>Messages de développement</h1>
      <div class="fr-alert fr-alert--info fr-mb-4w">
        <p>
          Chaque message de la boîte d’envoi, tel qu’il est rendu, les plus récents en premier
          {props.entries.length === props.limit ? ` (les ${props.limit} derniers)` : ''}.{' '}
          {props.smtp
            ? 'Les courriels partent aussi par le serveur SMTP configuré.'
            : 'Sans SMTP_URL, aucun courriel ne quitte cette machine : ils ne sont visibles qu’ici.'}{' '}
          Cette page n’existe pas en production.
        </p>
      </div>
      {props.entries.length === 0 ? (
        <p>Aucun message pour le moment.</p>
      ) : (
        props.entries.map((entry) => (
          <article class="fr-card fr-card--no-arrow fr-mb-3w">
            <div class="fr-card__body">
              <div class="fr-card__content">
                <h2 class="fr-card__title">{titleOf(entry)}</h2>
                <p class="fr-card__detail">
                  À {entry.message.recipient.split('\n')[0]} · {channelLabels[entry.message.channel]} · le{' '}
                  {formatDateTime(entry.message.createdAt)}
                </p>
                <StatusBadge message={entry.message} />
                <Body entry={entry} />
              </div>
            </div>
          </article>
        ))
      )}
    </>
  );
}
