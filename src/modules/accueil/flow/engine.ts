import { isServiceOpen } from './hours.ts';
import {
  callerNumberOf,
  mobileNumberOf,
  spokenDigits,
  typedCallbackNumber,
  typedMobileNumber,
} from './phone.ts';
import type { SystemPromptKey } from './system-prompts.ts';
import type {
  FlowAction,
  FlowDefinition,
  FlowEvent,
  FlowResult,
  FlowState,
  OptionDigit,
  Outcome,
  PromptRef,
  ServiceDefinition,
  Target,
} from './types.ts';

/**
 * The call flow as a pure state machine: an event and the state in, the next state and the actions
 * out. No clock (the event's `at` is the time), no I/O, plain JSON state: the SIP adapter, the hosted
 * provider's webhooks and the admin's simulator drive the same function, and the same tests cover them.
 *
 * The rules that make "every call ends with one outcome" hold:
 * - an `outcome` action is only ever emitted through `settle`, which refuses a second one;
 * - every question (menu, overflow menu, confirmation, typed number) is asked again at most
 *   flow.maxRepeats times after no key or a wrong key, then the engine ends the call itself;
 * - when the engine ends a call with no outcome yet, it opens a callback ticket if the caller's number
 *   is known (outcome 'raccroche_ticket', the caller hears 'rappel-automatique'), else it records
 *   'hors_service' (the caller heard everything the line had to offer; nobody can call them back).
 *   This covers a caller who never chooses, a closed service offering no overflow choice and a
 *   number that cannot be typed correctly;
 * - when the caller hangs up with no outcome yet, a known number gets a callback ticket
 *   ('raccroche_ticket'); an unknown one gets nothing: that call is lost, and counted as such.
 * "Known number" is the number the network presented, else a number the caller typed, that passed the
 * checks and was read back to them (they hung up while asked to confirm it).
 */

/** The `step` kinds written to the call's history, in the order a call may meet them. */
export const STEP_KINDS = [
  'debut', // detail 'numero-connu' | 'numero-masque'
  'menu', // detail: the menu's key
  'touche', // detail: the key pressed
  'repetition', // '*'
  'choix-invalide',
  'sans-reponse',
  'repetitions-epuisees', // the question was asked flow.maxRepeats times again: the engine ends the call
  'service', // detail: the service's key
  'ferme', // detail: the service's key
  'transfert', // detail: the service's key
  'transfert-repondu',
  'non-repondu',
  'debordement', // detail: the service's key (overflow menu offered)
  'rappel',
  'messagerie',
  'sms',
  'numero-saisi', // a number was typed (not written here: the ticket or SMS keeps it)
  'numero-invalide',
  'message', // a voicemail was recorded
  'message-vide',
  'raccroche', // the caller hung up
  'fin',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

type StartEvent = Extract<FlowEvent, { type: 'start' }>;
type Actions = FlowAction[];
type Reason = 'choix-invalide' | 'sans-reponse' | 'numero-invalide';

/**
 * Seconds left to type a ten-digit number after the prompt: the menu's wait plus ten, whether the
 * adapter counts it between keys (the hosted providers) or for the whole number.
 */
export function captureTimeoutSeconds(flow: FlowDefinition): number {
  return flow.noInputSeconds + 10;
}

/** A call comes in: the welcome (not interruptible: it says how the caller's data is used), then the root menu. */
export function startFlow(flow: FlowDefinition, event: StartEvent): FlowResult {
  const callerNumber = callerNumberOf(event.callerNumber);
  const state: FlowState = { node: 'menu', callerNumber, repeats: 0, ended: false };
  const actions: Actions = [
    step('debut', callerNumber ? 'numero-connu' : 'numero-masque'),
    { type: 'play', prompts: [{ prompt: flow.welcomePrompt }] },
  ];
  return enterMenu(flow, state, actions, flow.rootMenu);
}

/** The next state and actions after an event. Events after the end, or not awaited, change nothing. */
export function stepFlow(flow: FlowDefinition, state: FlowState, event: FlowEvent): FlowResult {
  if (state.ended || event.type === 'start') return { state, actions: [] };
  if (event.type === 'hangup') return callerHangsUp(state);
  switch (state.node) {
    case 'menu':
      return inMenu(flow, state, event);
    case 'transfer':
      return inTransfer(flow, state, event);
    case 'overflow':
      return inOverflow(flow, state, event);
    case 'confirm':
      return inConfirm(flow, state, event);
    case 'capture':
      return inCapture(flow, state, event);
    case 'record':
      return inRecord(flow, state, event);
    default:
      // 'connected': the service answered; only the hangup is left.
      return { state, actions: [] };
  }
}

// ——— Menus ———

function enterMenu(flow: FlowDefinition, state: FlowState, actions: Actions, key: string): FlowResult {
  if (!flow.menus.some((m) => m.key === key)) return giveUp(state, actions, 'hors-service');
  actions.push(step('menu', key));
  const next = moveTo(state, 'menu', { menu: key, serviceKey: undefined });
  return ask(flow, next, actions, []);
}

function inMenu(flow: FlowDefinition, state: FlowState, event: FlowEvent): FlowResult {
  const menu = flow.menus.find((m) => m.key === state.menu);
  const answer = answerOf(event);
  if (answer === undefined) return { state, actions: [] };
  if (!menu) return giveUp(state, [], 'hors-service'); // the flow lost this menu: end rather than hang
  if (answer === null) return askAgain(flow, state, [], 'sans-reponse');
  const key = answer[0]!;
  const actions: Actions = [step('touche', key)];
  if (key === '*') return askAgain(flow, state, actions, null);
  const target: Target | undefined =
    key === '0'
      ? flow.operatorService
        ? { service: flow.operatorService }
        : undefined
      : menu.options[key as OptionDigit];
  if (target && 'menu' in target && flow.menus.some((m) => m.key === target.menu)) {
    return enterMenu(flow, state, actions, target.menu);
  }
  const service = target && 'service' in target ? serviceOf(flow, target.service) : undefined;
  if (service) return enterService(flow, state, actions, service, event.at);
  return askAgain(flow, state, actions, 'choix-invalide');
}

// ——— Services: transfer when open, overflow otherwise ———

function enterService(
  flow: FlowDefinition,
  state: FlowState,
  actions: Actions,
  service: ServiceDefinition,
  at: Date,
): FlowResult {
  actions.push(step('service', service.key));
  const here: FlowState = { ...state, serviceKey: service.key };
  if (isServiceOpen(flow, service, at)) {
    actions.push(
      step('transfert', service.key),
      { type: 'play', prompts: [{ prompt: 'transfert' }] },
      { type: 'transfer', serviceKey: service.key, to: service.transferTo, ringSeconds: service.ringSeconds },
    );
    return { state: moveTo(here, 'transfer'), actions };
  }
  actions.push(step('ferme', service.key), { type: 'play', prompts: [{ prompt: service.closedPrompt }] });
  return enterOverflow(flow, here, service, actions);
}

function inTransfer(flow: FlowDefinition, state: FlowState, event: FlowEvent): FlowResult {
  if (event.type !== 'transferResult') return { state, actions: [] };
  const service = serviceOf(flow, state.serviceKey);
  if (event.answered) {
    const actions: Actions = [step('transfert-repondu', state.serviceKey)];
    // The adapter hangs up its own leg; the call ends with the caller's or the agent's hangup.
    return { state: moveTo(settle(state, actions, 'transfere_repondu'), 'connected'), actions };
  }
  const actions: Actions = [
    step('non-repondu', state.serviceKey),
    { type: 'play', prompts: [{ prompt: 'personne-disponible' }] },
  ];
  if (!service) return giveUp(state, actions, 'au-revoir');
  return enterOverflow(flow, state, service, actions);
}

/** The overflow menu: the service's choices on keys 1, 2, 3… in its order. */
function enterOverflow(
  flow: FlowDefinition,
  state: FlowState,
  service: ServiceDefinition,
  actions: Actions,
): FlowResult {
  if (service.overflow.length === 0) return giveUp(state, actions, 'au-revoir');
  actions.push(step('debordement', service.key));
  return ask(flow, moveTo(state, 'overflow'), actions, []);
}

function inOverflow(flow: FlowDefinition, state: FlowState, event: FlowEvent): FlowResult {
  const service = serviceOf(flow, state.serviceKey);
  const answer = answerOf(event);
  if (answer === undefined) return { state, actions: [] };
  if (!service) return giveUp(state, [], 'hors-service');
  if (answer === null) return askAgain(flow, state, [], 'sans-reponse');
  const key = answer[0]!;
  const actions: Actions = [step('touche', key)];
  if (key === '*') return askAgain(flow, state, actions, null);
  const choice = /^[1-9]$/.test(key) ? service.overflow[Number(key) - 1] : undefined;
  switch (choice) {
    case 'rappel': {
      actions.push(step('rappel'));
      return state.callerNumber
        ? confirmNumber(flow, state, actions, 'rappel', state.callerNumber, 'rappel-au-numero')
        : captureNumber(flow, state, actions, 'rappel');
    }
    case 'sms': {
      actions.push(step('sms'));
      const mobile = mobileNumberOf(state.callerNumber);
      return mobile
        ? confirmNumber(flow, state, actions, 'sms', mobile, 'sms-au-numero')
        : captureNumber(flow, state, actions, 'sms');
    }
    case 'messagerie': {
      actions.push(
        step('messagerie'),
        { type: 'play', prompts: [{ prompt: 'messagerie-bip' }] },
        { type: 'record', maxSeconds: flow.voicemailMaxSeconds },
      );
      // The overflow menu's repeats carry over: an empty recording counts as one more silence.
      return { state: moveTo(state, 'record', { repeats: state.repeats }), actions };
    }
    default:
      return askAgain(flow, state, actions, 'choix-invalide');
  }
}

// ——— Callback and SMS: a number confirmed by a key press ———

function confirmNumber(
  flow: FlowDefinition,
  state: FlowState,
  actions: Actions,
  purpose: 'rappel' | 'sms',
  number: string,
  lead: SystemPromptKey,
): FlowResult {
  const next = moveTo(state, 'confirm', { purpose, pendingNumber: number });
  return ask(flow, next, actions, [], lead);
}

function captureNumber(
  flow: FlowDefinition,
  state: FlowState,
  actions: Actions,
  purpose: 'rappel' | 'sms',
): FlowResult {
  return ask(flow, moveTo(state, 'capture', { purpose }), actions, []);
}

function inConfirm(flow: FlowDefinition, state: FlowState, event: FlowEvent): FlowResult {
  const answer = answerOf(event);
  if (answer === undefined) return { state, actions: [] };
  if (!state.pendingNumber) return captureNumber(flow, state, [], state.purpose ?? 'rappel');
  if (answer === null) return askAgain(flow, state, [], 'sans-reponse');
  const key = answer[0]!;
  const actions: Actions = [step('touche', key)];
  if (key === '*') return askAgain(flow, state, actions, null);
  if (key === '2') return captureNumber(flow, state, actions, state.purpose ?? 'rappel');
  if (key !== '1') return askAgain(flow, state, actions, 'choix-invalide');
  const number = state.pendingNumber;
  const serviceKey = state.serviceKey ?? null;
  if (state.purpose === 'sms' && serviceKey) {
    actions.push({ type: 'sendSms', serviceKey, number });
    const settled = settle(state, actions, 'sms_envoye');
    actions.push({ type: 'play', prompts: [{ prompt: 'sms-envoye' }] });
    return end(settled, actions);
  }
  actions.push({ type: 'createTicket', reason: 'rappel_demande', serviceKey, number });
  const settled = settle(state, actions, 'rappel_demande');
  actions.push({ type: 'play', prompts: [{ prompt: 'rappel-confirme' }] });
  return end(settled, actions);
}

function inCapture(flow: FlowDefinition, state: FlowState, event: FlowEvent): FlowResult {
  const answer = answerOf(event);
  if (answer === undefined) return { state, actions: [] };
  if (answer === null) return askAgain(flow, state, [], 'sans-reponse');
  const typed = answer.replace(/#+$/, '');
  if (typed === '') return askAgain(flow, state, [], 'sans-reponse');
  const purpose = state.purpose ?? 'rappel';
  const number = purpose === 'sms' ? typedMobileNumber(typed) : typedCallbackNumber(typed);
  // The digits stay out of the history: the ticket or the SMS keeps the number where it is needed.
  const actions: Actions = [step('numero-saisi')];
  if (!number) return askAgain(flow, state, actions, 'numero-invalide');
  return confirmNumber(flow, state, actions, purpose, number, 'vous-avez-tape');
}

// ——— Voicemail ———

function inRecord(flow: FlowDefinition, state: FlowState, event: FlowEvent): FlowResult {
  if (event.type !== 'recorded') return { state, actions: [] };
  if (event.durationMs > 0) {
    const actions: Actions = [step('message')];
    const settled = settle(state, actions, 'message_vocal');
    actions.push({ type: 'play', prompts: [{ prompt: 'message-enregistre' }] });
    return end(settled, actions);
  }
  // Nothing recorded: back to the overflow menu, as after a silence.
  return askAgain(flow, { ...state, node: 'overflow' }, [step('message-vide')], 'sans-reponse');
}

// ——— Asking, asking again, ending ———

/** Asks the question of the state's node, after `lead` (a key press interrupts them all). */
function ask(
  flow: FlowDefinition,
  state: FlowState,
  actions: Actions,
  lead: PromptRef[],
  confirmLead?: SystemPromptKey,
): FlowResult {
  const single = (prompts: PromptRef[]): FlowAction => ({
    type: 'gather',
    prompts: [...lead, ...prompts],
    maxDigits: 1,
    timeoutSeconds: flow.noInputSeconds,
  });
  switch (state.node) {
    case 'menu': {
      const menu = flow.menus.find((m) => m.key === state.menu);
      if (!menu) return giveUp(state, actions, 'hors-service');
      actions.push(single([{ prompt: menu.prompt }]));
      break;
    }
    case 'overflow': {
      const service = serviceOf(flow, state.serviceKey);
      if (!service) return giveUp(state, actions, 'au-revoir');
      actions.push(single([...offers(service), { prompt: 'reecouter' }]));
      break;
    }
    case 'confirm': {
      const defaultLead = state.purpose === 'sms' ? 'sms-au-numero' : 'rappel-au-numero';
      actions.push(
        single([
          { prompt: confirmLead ?? defaultLead },
          { digits: spokenDigits(state.pendingNumber!) },
          { prompt: 'confirmer-ou-changer' },
        ]),
      );
      break;
    }
    case 'capture':
      actions.push({
        type: 'gather',
        prompts: [...lead, { prompt: state.purpose === 'sms' ? 'saisir-mobile' : 'saisir-numero' }],
        maxDigits: 10,
        timeoutSeconds: captureTimeoutSeconds(flow),
      });
      break;
    default:
      return giveUp(state, actions, 'au-revoir');
  }
  return { state, actions };
}

/** The overflow offers: « Pour être rappelé…, tapez » 1, « Pour laisser un message, tapez » 2… */
function offers(service: ServiceDefinition): PromptRef[] {
  return service.overflow.flatMap((choice, i): PromptRef[] => [
    { prompt: `offre-${choice}` },
    { digits: String(i + 1) },
  ]);
}

/**
 * Asks the same question again: after '*' (reason null) as it is, not counted; after a silence or a
 * wrong answer with the reason said first, counted, and at most flow.maxRepeats times.
 */
function askAgain(
  flow: FlowDefinition,
  state: FlowState,
  actions: Actions,
  reason: Reason | null,
): FlowResult {
  if (!reason) {
    actions.push(step('repetition'));
    return ask(flow, state, actions, []);
  }
  actions.push(step(reason));
  if (state.repeats >= flow.maxRepeats) {
    actions.push(step('repetitions-epuisees'));
    return giveUp(state, actions, 'au-revoir');
  }
  return ask(flow, { ...state, repeats: state.repeats + 1 }, actions, [{ prompt: reason }]);
}

/**
 * The engine ends the call itself, nothing chosen: a callback ticket when the number is known, else
 * 'hors_service' (see the rules at the top).
 */
function giveUp(state: FlowState, actions: Actions, goodbye: SystemPromptKey): FlowResult {
  let settled = state;
  let prompt: string = goodbye;
  const number = knownNumber(state);
  if (!state.outcome && number) {
    actions.push({ type: 'createTicket', reason: 'raccroche', serviceKey: state.serviceKey ?? null, number });
    settled = settle(state, actions, 'raccroche_ticket');
    prompt = 'rappel-automatique';
  } else {
    settled = settle(state, actions, 'hors_service');
  }
  actions.push({ type: 'play', prompts: [{ prompt }] });
  return end(settled, actions);
}

function callerHangsUp(state: FlowState): FlowResult {
  const actions: Actions = [step('raccroche')];
  let settled = state;
  const number = knownNumber(state);
  if (!state.outcome && number) {
    actions.push({ type: 'createTicket', reason: 'raccroche', serviceKey: state.serviceKey ?? null, number });
    settled = settle(state, actions, 'raccroche_ticket');
  }
  actions.push(step('fin'));
  return { state: moveTo(settled, 'ended', { ended: true }), actions };
}

function end(state: FlowState, actions: Actions): FlowResult {
  actions.push({ type: 'hangup' }, step('fin'));
  return { state: moveTo(state, 'ended', { ended: true }), actions };
}

/** Records the call's outcome, once: a second one is dropped, whatever the path. */
function settle(state: FlowState, actions: Actions, outcome: Outcome): FlowState {
  if (state.outcome) return state;
  actions.push({ type: 'outcome', outcome, serviceKey: state.serviceKey ?? null });
  return { ...state, outcome };
}

// ——— Small helpers ———

function knownNumber(state: FlowState): string | null {
  return state.callerNumber ?? state.pendingNumber ?? null;
}

/**
 * A state at a new node: the question's count starts again, and the number being confirmed is only
 * kept where `extra` gives it. Keys left undefined are dropped, so the state stays the same JSON once
 * stored and read back.
 */
function moveTo(state: FlowState, node: FlowState['node'], extra: Partial<FlowState> = {}): FlowState {
  const next: FlowState = {
    node,
    callerNumber: state.callerNumber,
    menu: node === 'menu' ? state.menu : undefined,
    serviceKey: state.serviceKey,
    repeats: 0,
    outcome: state.outcome,
    ended: false,
    ...extra,
  };
  for (const key of Object.keys(next) as (keyof FlowState)[]) {
    if (next[key] === undefined) delete next[key];
  }
  return next;
}

/** A gather's answer: the keys, null for no key at all, undefined for an event that is no answer. */
function answerOf(event: FlowEvent): string | null | undefined {
  if (event.type === 'noInput') return null;
  if (event.type !== 'digits') return undefined;
  return event.digits === '' ? null : event.digits;
}

function serviceOf(flow: FlowDefinition, key: string | undefined): ServiceDefinition | undefined {
  return key === undefined ? undefined : flow.services.find((s) => s.key === key);
}

function step(kind: StepKind, detail?: string): FlowAction {
  return detail === undefined ? { type: 'step', kind } : { type: 'step', kind, detail };
}
