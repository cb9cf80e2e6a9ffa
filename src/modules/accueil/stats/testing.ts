import { randomUUID } from 'node:crypto';
import type { Db } from '../../../platform/db/client.ts';
import type { Outcome } from '../flow/types.ts';
import { type CallStep, calls, type Line, ticketEvents, tickets, voicemails } from '../tables.ts';

/**
 * Records written directly for the statistics' and the retention job's tests, as the calls service
 * would have left them: a call with its steps and outcome, and optionally its ticket and voicemail.
 */
export type CallSpec = {
  startedAt: Date;
  /** Seconds the call lasted; null: not ended (still going, or lost by a crash). */
  seconds?: number | null;
  callerNumber?: string | null;
  serviceKey?: string | null;
  outcome?: Outcome | null;
  /** Step kinds, e.g. ['transfert', 'sms']: stored with the call's start time. */
  steps?: string[];
  ticket?: {
    reason?: 'rappel_demande' | 'raccroche';
    status?: 'a_rappeler' | 'en_cours' | 'fait' | 'injoignable';
    dueHours?: number;
    /** Hours from the call's start to done (fait / injoignable). */
    closedAfterHours?: number;
    callerNumber?: string | null;
  };
  voicemail?: { audio?: Buffer | null; callerNumber?: string | null };
};

const HOUR = 3_600_000;

export async function recordCalls(
  db: Db,
  line: Pick<Line, 'id' | 'organisationId'>,
  specs: CallSpec[],
): Promise<{ callIds: string[]; ticketIds: (string | null)[]; voicemailIds: (string | null)[] }> {
  const result = {
    callIds: [] as string[],
    ticketIds: [] as (string | null)[],
    voicemailIds: [] as (string | null)[],
  };
  for (const spec of specs) {
    const seconds = spec.seconds === undefined ? 60 : spec.seconds;
    const endedAt = seconds === null ? null : new Date(spec.startedAt.getTime() + seconds * 1000);
    const steps: CallStep[] = [
      { at: spec.startedAt.toISOString(), kind: 'debut' },
      ...(spec.steps ?? []).map((kind) => ({ at: spec.startedAt.toISOString(), kind })),
    ];
    const [call] = await db
      .insert(calls)
      .values({
        lineId: line.id,
        organisationId: line.organisationId,
        channel: 'sip',
        externalId: randomUUID(),
        callerNumber: spec.callerNumber === undefined ? '+33639980001' : spec.callerNumber,
        startedAt: spec.startedAt,
        endedAt,
        serviceKey: spec.serviceKey ?? null,
        outcome: spec.outcome ?? null,
        outcomeAt: spec.outcome ? (endedAt ?? spec.startedAt) : null,
        steps,
      })
      .returning({ id: calls.id, callerNumber: calls.callerNumber });
    result.callIds.push(call!.id);

    if (spec.ticket) {
      const status = spec.ticket.status ?? 'a_rappeler';
      const closed = status === 'fait' || status === 'injoignable';
      const closedAt = closed
        ? new Date(spec.startedAt.getTime() + (spec.ticket.closedAfterHours ?? 1) * HOUR)
        : null;
      const [ticket] = await db
        .insert(tickets)
        .values({
          lineId: line.id,
          organisationId: line.organisationId,
          callId: call!.id,
          serviceKey: spec.serviceKey ?? null,
          reason: spec.ticket.reason ?? 'rappel_demande',
          callerNumber:
            spec.ticket.callerNumber === undefined ? call!.callerNumber : spec.ticket.callerNumber,
          status,
          dueAt: new Date(spec.startedAt.getTime() + (spec.ticket.dueHours ?? 4) * HOUR),
          createdAt: spec.startedAt,
          closedAt,
          attempts: closed ? 1 : 0,
        })
        .returning({ id: tickets.id });
      if (closed) {
        await db.insert(ticketEvents).values({
          ticketId: ticket!.id,
          kind: 'tentative',
          result: status === 'fait' ? 'joint' : 'pas_de_reponse',
          at: closedAt!,
        });
      }
      result.ticketIds.push(ticket!.id);
    } else {
      result.ticketIds.push(null);
    }

    if (spec.voicemail) {
      const [voicemail] = await db
        .insert(voicemails)
        .values({
          lineId: line.id,
          organisationId: line.organisationId,
          callId: call!.id,
          serviceKey: spec.serviceKey ?? null,
          callerNumber:
            spec.voicemail.callerNumber === undefined ? call!.callerNumber : spec.voicemail.callerNumber,
          audio: spec.voicemail.audio === undefined ? Buffer.from('RIFF-test-audio') : spec.voicemail.audio,
          durationMs: 2000,
          recordedAt: spec.startedAt,
        })
        .returning({ id: voicemails.id });
      result.voicemailIds.push(voicemail!.id);
    } else {
      result.voicemailIds.push(null);
    }
  }
  return result;
}
