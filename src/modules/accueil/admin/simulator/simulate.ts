import { captureTimeoutSeconds, startFlow, stepFlow } from '../../flow/engine.ts';
import type { FlowEvent, FlowResult, FlowState } from '../../flow/types.ts';
import { formatPhone } from '../phone.ts';
import { describeActions, type SimulationContext } from './describe.ts';

/**
 * A call simulated in the browser with the real engine: the admin plays the caller (keys, silence,
 * hanging up) and the secretariat (the agent answers or not), at a moment they chose. The call is
 * plain JSON carried by the page (state-token.ts); each click adds to its transcript. Nothing is
 * recorded and nothing is sent: the side effects are only described.
 */

export type TranscriptEntry = { at: string; who: 'appelant' | 'serveur' | 'effet' | 'attente'; text: string };

export type SimulatedCall = {
  /** The line's version when the simulation started: a flow changed since ends it. */
  version: string;
  /** The simulated clock (ISO), moved on by each step. */
  at: string;
  state: FlowState;
  /** Keys typed so far of a number (a ten-digit gather collects them before the engine sees them). */
  typed: string;
  transcript: TranscriptEntry[];
};

export type CallerInput =
  | { type: 'digit'; digit: string }
  /** Several keys at once (a phone number typed in a text field). */
  | { type: 'digits'; digits: string }
  | { type: 'noInput' }
  | { type: 'hangup' }
  | { type: 'answered' }
  | { type: 'noAnswer' }
  /** The caller leaves a 10-second message. */
  | { type: 'message' };

/** What the call waits for, which decides the buttons offered. */
export type Waiting =
  | { kind: 'keys'; maxDigits: number; timeoutSeconds: number }
  | { kind: 'transfer'; ringSeconds: number }
  | { kind: 'record' }
  | { kind: 'connected' }
  | { kind: 'ended' };

export const MESSAGE_SECONDS = 10;
const KEYS = /^[0-9*#]$/;

export function waitingFor(context: SimulationContext, call: SimulatedCall): Waiting {
  const { flow } = context;
  const { state } = call;
  if (state.ended) return { kind: 'ended' };
  switch (state.node) {
    case 'menu':
    case 'overflow':
    case 'confirm':
      return { kind: 'keys', maxDigits: 1, timeoutSeconds: flow.noInputSeconds };
    case 'capture':
      return { kind: 'keys', maxDigits: 10, timeoutSeconds: captureTimeoutSeconds(flow) };
    case 'transfer': {
      const service = flow.services.find((s) => s.key === state.serviceKey);
      return { kind: 'transfer', ringSeconds: service?.ringSeconds ?? 0 };
    }
    case 'record':
      return { kind: 'record' };
    case 'connected':
      return { kind: 'connected' };
    default:
      return { kind: 'ended' };
  }
}

export function startSimulation(
  context: SimulationContext,
  start: { at: Date; callerNumber: string | null; version: string },
): SimulatedCall {
  const result = startFlow(context.flow, { type: 'start', at: start.at, callerNumber: start.callerNumber });
  const call: SimulatedCall = {
    version: start.version,
    at: start.at.toISOString(),
    state: result.state,
    typed: '',
    transcript: [],
  };
  note(
    call,
    'appelant',
    start.callerNumber ? `Appel du ${formatPhone(start.callerNumber)}.` : 'Appel d’un numéro masqué.',
  );
  return record(context, call, result, start.at);
}

/** The call after the admin's click; an input the call does not wait for changes nothing. */
export function advanceSimulation(
  context: SimulationContext,
  previous: SimulatedCall,
  input: CallerInput,
): SimulatedCall {
  const waiting = waitingFor(context, previous);
  const call: SimulatedCall = { ...previous, transcript: [...previous.transcript] };
  const later = (seconds: number) => {
    const at = new Date(new Date(call.at).getTime() + seconds * 1000);
    call.at = at.toISOString();
    return at;
  };
  if (input.type === 'hangup') {
    if (waiting.kind === 'ended') return previous;
    const at = later(2);
    note(call, 'appelant', 'Vous raccrochez.');
    return send(context, call, { type: 'hangup', at });
  }
  switch (waiting.kind) {
    case 'keys':
      return pressKeys(context, call, waiting, input, later) ?? previous;
    case 'transfer': {
      if (input.type === 'answered') {
        const at = later(5);
        note(call, 'appelant', 'L’agent décroche.');
        return send(context, call, { type: 'transferResult', at, answered: true });
      }
      if (input.type === 'noAnswer') {
        const at = later(waiting.ringSeconds);
        note(call, 'appelant', `Personne ne répond (${waiting.ringSeconds} s de sonnerie).`);
        return send(context, call, { type: 'transferResult', at, answered: false });
      }
      return previous;
    }
    case 'record': {
      if (input.type !== 'message') return previous;
      const at = later(MESSAGE_SECONDS);
      note(call, 'appelant', `Vous laissez un message de ${MESSAGE_SECONDS} s.`);
      return send(context, call, { type: 'recorded', at, durationMs: MESSAGE_SECONDS * 1000 });
    }
    default:
      return previous;
  }
}

function pressKeys(
  context: SimulationContext,
  call: SimulatedCall,
  waiting: Extract<Waiting, { kind: 'keys' }>,
  input: CallerInput,
  later: (seconds: number) => Date,
): SimulatedCall | undefined {
  if (input.type === 'noInput') {
    const at = later(waiting.timeoutSeconds);
    // Keys already typed of a number are sent when the wait ends, as a real adapter does.
    if (call.typed) {
      note(call, 'appelant', `Vous ne tapez plus rien (${waiting.timeoutSeconds} s).`);
      return sendTyped(context, call, at);
    }
    note(call, 'appelant', `Vous ne tapez rien (${waiting.timeoutSeconds} s).`);
    return send(context, call, { type: 'noInput', at });
  }
  const keys =
    input.type === 'digit' ? input.digit : input.type === 'digits' ? input.digits.replace(/[\s.]/g, '') : '';
  if (!keys || ![...keys].every((k) => KEYS.test(k))) return undefined;
  if (waiting.maxDigits === 1) {
    const key = keys[0]!;
    const at = later(3);
    note(call, 'appelant', `Vous tapez ${keyName(key)}.`);
    return send(context, call, { type: 'digits', at, digits: key });
  }
  // A number: keys are collected until there are enough of them or '#' ends it.
  for (const key of keys) {
    if (key === '#') {
      call.typed += '#';
      break;
    }
    call.typed += key;
    if (call.typed.length >= waiting.maxDigits) break;
  }
  const done = call.typed.endsWith('#') || call.typed.length >= waiting.maxDigits;
  const at = later(keys.length);
  if (!done) {
    note(call, 'appelant', `Vous tapez ${[...keys].map(keyName).join(', ')}.`);
    return call;
  }
  return sendTyped(context, call, at);
}

function sendTyped(context: SimulationContext, call: SimulatedCall, at: Date): SimulatedCall {
  const digits = call.typed;
  call.typed = '';
  note(
    call,
    'appelant',
    `Numéro tapé : ${digits.replace(/#$/, '') || 'aucun'}${digits.endsWith('#') ? ', puis dièse' : ''}.`,
  );
  return send(context, call, { type: 'digits', at, digits });
}

function send(context: SimulationContext, call: SimulatedCall, event: Exclude<FlowEvent, { type: 'start' }>) {
  return record(context, call, stepFlow(context.flow, call.state, event), event.at);
}

function record(
  context: SimulationContext,
  call: SimulatedCall,
  result: FlowResult,
  at: Date,
): SimulatedCall {
  call.state = result.state;
  for (const line of describeActions(context, result.actions, at)) note(call, line.who, line.text);
  return call;
}

function note(call: SimulatedCall, who: TranscriptEntry['who'], text: string): void {
  call.transcript.push({ at: call.at, who, text });
}

export function keyName(key: string): string {
  return key === '*' ? 'étoile' : key === '#' ? 'dièse' : key;
}
