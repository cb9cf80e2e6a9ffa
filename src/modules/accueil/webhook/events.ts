import type { FlowEvent } from '../flow/types.ts';
import type { FormParams } from './signature.ts';

/**
 * What the provider's parameters mean for the flow engine: pure translation, no I/O.
 *
 * Every verb that waits (Gather, Dial, Record) posts to the call's /evenement address with `k` saying
 * which verb it was. A Gather that hears nothing, or a Record that records nothing, does not call its
 * action: the provider falls through to the next verb, a <Redirect> we put there whose address says
 * so (`gather-timeout`, `record-timeout`).
 */
export const ACTION_KINDS = ['gather', 'gather-timeout', 'dial', 'record', 'record-timeout'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export function isActionKind(value: unknown): value is ActionKind {
  return typeof value === 'string' && (ACTION_KINDS as readonly string[]).includes(value);
}

export type StepEvent = Exclude<FlowEvent, { type: 'start' }>;

/** A recording to fetch before the 'recorded' event is applied. */
export type RecordingRef = { url: string; durationMs: number };

export type ActionEvent = { event: StepEvent; recording?: RecordingRef };

/** One value of a parameter (the first when sent twice); '' when absent. */
export function param(params: FormParams, name: string): string {
  const value = params[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

const DTMF = /[0-9*#]/g;

/** The event an action request stands for. */
export function eventOfAction(kind: ActionKind, params: FormParams, at: Date): ActionEvent {
  switch (kind) {
    case 'gather': {
      // Keys only, at most 32 of them: anything else is not something a phone keypad sends.
      const digits = (param(params, 'Digits').match(DTMF) ?? []).join('').slice(0, 32);
      return { event: digits ? { type: 'digits', at, digits } : { type: 'noInput', at } };
    }
    case 'gather-timeout':
      return { event: { type: 'noInput', at } };
    case 'dial': {
      // « answered » is what some providers report while the bridged call is up; « completed » once over.
      const status = param(params, 'DialCallStatus');
      return {
        event: { type: 'transferResult', at, answered: status === 'completed' || status === 'answered' },
      };
    }
    case 'record': {
      const url = param(params, 'RecordingUrl');
      const seconds = Number.parseInt(param(params, 'RecordingDuration'), 10);
      const durationMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
      if (!url || durationMs === 0) return { event: { type: 'recorded', at, durationMs: 0 } };
      return { event: { type: 'recorded', at, durationMs }, recording: { url, durationMs } };
    }
    case 'record-timeout':
      return { event: { type: 'recorded', at, durationMs: 0 } };
  }
}

/** Call statuses that mean the call is over (Twilio's vocabulary, shared by SignalWire and Telnyx TeXML). */
const FINAL_STATUSES = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

/** The hangup a status callback reports, or null for a call still going (ringing, in-progress…). */
export function eventOfStatus(params: FormParams, at: Date): StepEvent | null {
  return FINAL_STATUSES.has(param(params, 'CallStatus')) ? { type: 'hangup', at } : null;
}

/**
 * What Twilio puts in From when the network withheld the caller's number: the words ANONYMOUS,
 * UNAVAILABLE, RESTRICTED and BLOCKED spelt on a keypad. Nobody can be called back on them.
 */
const PLACEHOLDER_NUMBERS = new Set(['+266696687', '+86282452253', '+7378742833', '+2562533']);

/** The caller's number when it is one we can call back (E.164), else null (withheld, SIP client…). */
export function callerNumberOf(params: FormParams): string | null {
  const from = param(params, 'From').trim();
  if (!/^\+[1-9]\d{5,14}$/.test(from) || PLACEHOLDER_NUMBERS.has(from)) return null;
  return from;
}

/**
 * The number dialled, E.164. Providers send `To` as +33…; a SIP domain sends sip:+33…@host, whose
 * user part is the number.
 */
export function dialledNumberOf(params: FormParams): string | null {
  const to = param(params, 'To').trim();
  const user = /^sips?:([^@;]+)/.exec(to)?.[1] ?? to;
  return /^\+[1-9]\d{5,14}$/.test(user) ? user : null;
}

/**
 * The POST parameters as parsed by @fastify/formbody, strings only: all of them, since the signature
 * covers every one (a body validated against a schema would drop the parameters it does not know).
 */
export function formParamsOf(body: unknown): FormParams {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const params: FormParams = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') params[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) params[name] = value;
  }
  return params;
}
