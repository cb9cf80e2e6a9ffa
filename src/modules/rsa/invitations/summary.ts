import type { InviteResult } from './invite.service.ts';
import { NO_SLOT_REASON } from './invite.service.ts';
import { formatLocalDay } from './message.ts';

export type FlashLine = { type: 'success' | 'info' | 'warning' | 'error'; message: string };

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
const SHOWN_REASONS = 4;
const SHOWN_COMMUNES = 5;

/**
 * What the agent reads after inviting (flash messages, kept short: they travel in a cookie): how many
 * left by which channel, who was not invited and why (grouped), and, for each organisation without a
 * free slot, a warning that nobody of its sector was invited.
 */
export function summariseInvitations(result: InviteResult): FlashLine[] {
  const lines: FlashLine[] = [];
  const { invited } = result;
  if (invited.length > 0) {
    const by = (channel: string) => invited.filter((i) => i.channel === channel).length;
    const parts = [
      by('sms') && `${by('sms')} par SMS`,
      by('email') && `${by('email')} par courriel`,
      by('letter') && `${by('letter')} par courrier`,
    ].filter(Boolean);
    lines.push({
      type: 'success',
      message: `${plural(invited.length, 'invitation envoyée', 'invitations envoyées')} (${parts.join(', ')}).${
        by('letter') ? ' Les courriers sont à imprimer depuis la page des lettres.' : ''
      }`,
    });
  }
  const others = result.skipped.filter((s) => s.reason !== NO_SLOT_REASON);
  if (others.length > 0) {
    const counts = new Map<string, number>();
    for (const { reason } of others) counts.set(reason, (counts.get(reason) ?? 0) + 1);
    const reasons = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    const shown = reasons.slice(0, SHOWN_REASONS).map(([reason, n]) => `${reason} (${n})`);
    if (reasons.length > SHOWN_REASONS) shown.push('autres raisons');
    lines.push({
      type: 'warning',
      message: `${plural(others.length, 'personne non invitée', 'personnes non invitées')} : ${shown.join(' ; ')}.`,
    });
  }
  for (const entry of result.noSlotOrganisations) {
    const communes = entry.communes.slice(0, SHOWN_COMMUNES).join(', ');
    lines.push({
      type: 'warning',
      message: `Aucun créneau libre pour ${entry.organisationName} d’ici le ${formatLocalDay(entry.lastDay)}${
        communes ? ` (${communes}${entry.communes.length > SHOWN_COMMUNES ? '…' : ''})` : ''
      } : ${plural(entry.held, 'personne n’a pas été invitée', 'personnes n’ont pas été invitées')}. Ouvrez des créneaux d’orientation RSA, puis invitez à nouveau. Les administrateurs de l’organisation sont prévenus par courriel.`,
    });
  }
  if (lines.length === 0) lines.push({ type: 'info', message: 'Aucune personne sélectionnée.' });
  return lines;
}
