import type { Db } from '../../../platform/db/client.ts';
import { queueMessage } from '../../../platform/messaging/outbox.service.ts';
import type { Platform } from '../../../platform/platform.ts';
import { startFlow, stepFlow } from '../flow/engine.ts';
import { addWorkingHours } from '../flow/hours.ts';
import type { FlowAction, FlowDefinition, FlowEvent, FlowResult } from '../flow/types.ts';
import { findLine, findLineByNumber } from '../lines.repository.ts';
import type { Call, CallStep, Line } from '../tables.ts';
import { type CallState, isMediaAction, type MediaAction } from './call-state.ts';
import {
  type CallChange,
  findCallByExternalId,
  insertCall,
  insertTicket,
  insertVoicemail,
  lockCall,
  saveCallProgress,
} from './calls.repository.ts';
import { SERVICE_INFO_SMS, type ServiceInfoMessage } from './templates.ts';

/**
 * Every call goes through here, whatever brought it (SIP, a hosted provider's webhooks): the flow
 * engine decides, this file keeps the records — the call, its path through the menus, its outcome,
 * the callback ticket, the SMS, the voicemail — in the transaction of the event, and hands the
 * adapter only what it must do with the caller's ear (media actions).
 */
export type OpenCallInput = {
  channel: 'sip' | 'webhook';
  /** SIP Call-ID or the provider's call id. */
  externalId: string;
  /** The number dialled (E.164): it names the line. */
  dialled: string;
  callerNumber: string | null;
  at: Date;
};

export type CallProgress = {
  callId: string;
  lineId: string;
  actions: MediaAction[];
  seq: number;
  ended: boolean;
};

/**
 * A call comes in: recorded, and the engine's first actions returned. The same call reported again
 * (a provider's retry, a retransmitted INVITE) returns the existing call with its current actions.
 * Null when no line has this number.
 */
export async function openCall(platform: Platform, input: OpenCallInput): Promise<CallProgress | null> {
  const { db } = platform.database;
  const line = await findLineByNumber(db, input.dialled);
  if (!line) return null;
  const existing = await findCallByExternalId(db, input.channel, input.externalId);
  if (existing) return progressOf(existing);
  return db.transaction(async (tx) => {
    const call = await insertCall(tx, {
      lineId: line.id,
      organisationId: line.organisationId,
      channel: input.channel,
      externalId: input.externalId,
      callerNumber: input.callerNumber,
      startedAt: input.at,
    });
    // Lost a race with the same call reported twice at once: the other one started it.
    if (!call) {
      const other = await findCallByExternalId(tx, input.channel, input.externalId);
      return other ? progressOf(other) : null;
    }
    const result = startFlow(line.flow, { type: 'start', at: input.at, callerNumber: input.callerNumber });
    return apply(platform, tx, line, line.flow, call, result, 0, input.at);
  });
}

export type AdvanceOptions = {
  /** The recording of a 'recorded' event: a WAV file. */
  voicemail?: { wav: Buffer; durationMs: number };
  /**
   * The number of events the adapter has seen applied (CallProgress.seq). A retried request with a
   * stale one is answered with the current actions and changes nothing.
   */
  seq?: number;
};

/** Something happened on the call: the engine decides what follows, the records follow it. */
export async function advanceCall(
  platform: Platform,
  callId: string,
  event: Exclude<FlowEvent, { type: 'start' }>,
  options: AdvanceOptions = {},
): Promise<CallProgress | null> {
  const { db } = platform.database;
  return db.transaction(async (tx) => {
    const call = await lockCall(tx, callId);
    if (!call?.state) return null;
    const state = call.state;
    if (options.seq !== undefined && options.seq !== state.seq) return progressOf(call);
    const definition = state.definition;
    if (call.endedAt || !definition) {
      // Already over (the caller hung up and the adapter reports it too): nothing to do.
      return progressOf(call);
    }
    const line = await findLine(tx, call.lineId);
    if (!line) return null;
    const result = stepFlow(definition, state.engine, event);
    if (event.type === 'recorded' && options.voicemail && options.voicemail.durationMs > 0) {
      await insertVoicemail(tx, {
        lineId: call.lineId,
        organisationId: call.organisationId,
        callId: call.id,
        serviceKey: result.state.serviceKey ?? call.serviceKey,
        callerNumber: call.callerNumber,
        audio: options.voicemail.wav,
        durationMs: options.voicemail.durationMs,
        recordedAt: event.at,
      });
    }
    const ended = event.type === 'hangup' || result.state.ended;
    return apply(platform, tx, line, definition, call, result, state.seq + 1, event.at, ended);
  });
}

/** Does the record-keeping actions, saves the call, returns the media actions. */
async function apply(
  platform: Platform,
  tx: Db,
  line: Line,
  definition: FlowDefinition,
  call: Call,
  result: FlowResult,
  seq: number,
  at: Date,
  endedByEvent = false,
): Promise<CallProgress> {
  const steps: CallStep[] = [...call.steps];
  const menuPath = [...call.menuPath];
  let serviceKey = call.serviceKey;
  let outcome: CallChange['outcome'];
  for (const action of result.actions) {
    await keepRecord(platform, tx, line, definition, call, action, at);
    if (action.type === 'step') {
      steps.push({
        at: at.toISOString(),
        kind: action.kind,
        ...(action.detail ? { detail: action.detail } : {}),
      });
      if (
        (action.kind === 'menu' || action.kind === 'touche' || action.kind === 'service') &&
        action.detail
      ) {
        menuPath.push(action.detail);
      }
      if (action.kind === 'service' && action.detail) serviceKey = action.detail;
    }
    if (action.type === 'outcome' && !call.outcome && !outcome) {
      outcome = { outcome: action.outcome, at };
      serviceKey = action.serviceKey ?? serviceKey;
    }
  }
  const ended = endedByEvent || result.state.ended;
  const actions = result.actions.filter(isMediaAction);
  const state: CallState = ended
    ? { engine: result.state, seq, actions: [] }
    : { engine: result.state, seq, actions, definition };
  await saveCallProgress(tx, call.id, {
    state,
    steps,
    menuPath,
    serviceKey,
    ...(ended && !call.endedAt ? { endedAt: at } : {}),
    ...(outcome ? { outcome } : {}),
  });
  return { callId: call.id, lineId: call.lineId, actions, seq, ended };
}

async function keepRecord(
  platform: Platform,
  tx: Db,
  line: Line,
  definition: FlowDefinition,
  call: Call,
  action: FlowAction,
  at: Date,
): Promise<void> {
  switch (action.type) {
    case 'createTicket':
      await insertTicket(tx, {
        lineId: call.lineId,
        organisationId: call.organisationId,
        callId: call.id,
        serviceKey: action.serviceKey,
        reason: action.reason,
        callerNumber: action.number,
        dueAt: addWorkingHours(definition, action.serviceKey, at, line.callbackDueHours),
        createdAt: at,
      });
      return;
    case 'sendSms': {
      const service = definition.services.find((s) => s.key === action.serviceKey);
      if (!service) return;
      const data: ServiceInfoMessage = {
        serviceName: service.name,
        info: service.smsText,
        bookingPath: service.booking ? bookingPath(service.booking) : null,
      };
      await queueMessage(
        tx,
        platform.messaging,
        {
          channel: 'sms',
          template: SERVICE_INFO_SMS,
          recipient: action.number,
          data,
          idempotencyKey: `accueil:appel:${call.id}:sms`,
          organisationId: call.organisationId,
          subject: { type: 'accueil_call', id: call.id },
          // The caller asked for it on the phone a minute ago: it goes out now, even at 21:00.
          urgent: true,
        },
        at,
      );
      return;
    }
    default:
      return;
  }
}

/** The booking engine's public journey for the commune, at the appointment type when given. */
export function bookingPath(booking: { commune: string; appointmentTypeId?: string }): string {
  const query = new URLSearchParams({ commune: booking.commune });
  if (booking.appointmentTypeId) {
    query.set('motif', booking.appointmentTypeId);
    return `/rdv/lieux?${query}`;
  }
  return `/rdv/motifs?${query}`;
}

function progressOf(call: Call): CallProgress {
  return {
    callId: call.id,
    lineId: call.lineId,
    actions: call.state?.actions ?? [],
    seq: call.state?.seq ?? 0,
    ended: call.endedAt !== null,
  };
}
