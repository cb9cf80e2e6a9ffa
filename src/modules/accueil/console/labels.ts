import { displayPhone } from '../../../platform/scheduling/agenda/views/parts.tsx';
import type { FlowDefinition, Outcome } from '../flow/types.ts';
import type { attemptResult, ticketReason, ticketStatus } from '../tables.ts';

/** The console's words: statuses, reasons, outcomes and attempt results in French, and small formats. */

export type TicketStatus = (typeof ticketStatus.enumValues)[number];
export type TicketReason = (typeof ticketReason.enumValues)[number];
export type AttemptResult = (typeof attemptResult.enumValues)[number];

export const OPEN_STATUSES: TicketStatus[] = ['a_rappeler', 'en_cours'];

/** Unsuccessful attempts after which a ticket is « injoignable » (issue 7, scope 5). */
export const MAX_ATTEMPTS = 3;

export const ticketStatusLabels: Record<TicketStatus, string> = {
  a_rappeler: 'À rappeler',
  en_cours: 'En cours',
  fait: 'Fait',
  injoignable: 'Injoignable',
};

export const ticketReasonLabels: Record<TicketReason, string> = {
  rappel_demande: 'Rappel demandé',
  raccroche: 'A raccroché avant d’être aidé',
};

export const attemptResultLabels: Record<AttemptResult, string> = {
  joint: 'Joint',
  pas_de_reponse: 'Pas de réponse',
  messagerie: 'Messagerie',
  mauvais_numero: 'Mauvais numéro',
};

export const outcomeLabels: Record<Outcome, string> = {
  transfere_repondu: 'Transféré, répondu',
  rappel_demande: 'Rappel demandé',
  message_vocal: 'Message vocal',
  sms_envoye: 'SMS envoyé',
  raccroche_ticket: 'Raccroché (rappel créé)',
  hors_service: 'Hors service',
};

/** A call's outcome in words: its outcome, « en cours » while it lasts, « perdu » when it ended with none. */
export function callOutcomeText(call: { outcome: Outcome | null; endedAt: Date | null }): string {
  if (call.outcome) return outcomeLabels[call.outcome];
  return call.endedAt ? 'Perdu (aucune issue)' : 'En cours';
}

export const isLostCall = (call: { outcome: Outcome | null; endedAt: Date | null }) =>
  call.outcome === null && call.endedAt !== null;

/** 06 12 34 56 78 for French numbers; « numéro masqué » when the network gave none (or it was erased). */
export function phoneText(number: string | null): string {
  return number ? displayPhone(number) : 'numéro masqué ou effacé';
}

/** A service's name in the line's flow, its key if the flow no longer has it, « — » for none. */
export function serviceName(flow: FlowDefinition, key: string | null): string {
  if (!key) return '—';
  return flow.services.find((s) => s.key === key)?.name ?? key;
}

/** The menu path as read: « principal › touche 1 › ASPI ». */
export function menuPathText(flow: FlowDefinition, path: string[]): string {
  if (path.length === 0) return '—';
  return path
    .map((step) => {
      if (/^[0-9*#]$/.test(step)) return `touche ${step}`;
      const service = flow.services.find((s) => s.key === step);
      return service ? shortName(service.name) : step;
    })
    .join(' › ');
}

/** « Action sociale de proximité et insertion (ASPI) » → « ASPI »: the abbreviation when the name has one. */
export function shortName(name: string): string {
  return /\(([^)]+)\)\s*$/.exec(name)?.[1] ?? name;
}

/** 42 s, 1 min 05 s. */
export function durationText(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** E.164 as it may appear in a URL: + and 6 to 15 digits, the first not 0. */
export const E164 = /^\+[1-9]\d{5,14}$/;
