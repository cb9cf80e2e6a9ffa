import type { CallRow } from './call-log.repository.ts';
import type { TicketRow } from './tickets.repository.ts';
import type { VoicemailRow } from './voicemails.repository.ts';

/** One thing that happened with a caller on a line: a call, a callback ticket or a voicemail. */
export type HistoryEntry =
  | { kind: 'appel'; at: Date; call: CallRow }
  | { kind: 'rappel'; at: Date; ticket: TicketRow }
  | { kind: 'message'; at: Date; voicemail: VoicemailRow };

/**
 * The caller's history, newest first. At the same instant (a call and the ticket or message it
 * created share it) the call comes last, so reading down, each call is followed by what it led to
 * further up — the order people read a thread in.
 */
export function mergeHistory(
  calls: CallRow[],
  tickets: TicketRow[],
  voicemails: VoicemailRow[],
): HistoryEntry[] {
  const rank = { rappel: 0, message: 1, appel: 2 } as const;
  const entries: HistoryEntry[] = [
    ...calls.map((call) => ({ kind: 'appel' as const, at: call.startedAt, call })),
    ...tickets.map((ticket) => ({ kind: 'rappel' as const, at: ticket.createdAt, ticket })),
    ...voicemails.map((voicemail) => ({ kind: 'message' as const, at: voicemail.recordedAt, voicemail })),
  ];
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime() || rank[a.kind] - rank[b.kind]);
}
