import { describe, expect, it } from 'vitest';
import { captureTimeoutSeconds, startFlow, stepFlow } from './engine.ts';
import { localInstant } from './hours.ts';
import { withSubMenu } from './testing.ts';
import type { FlowAction, FlowDefinition, FlowEvent, FlowResult, FlowState } from './types.ts';
import { utsLaSeyneFlow } from './uts-la-seyne.ts';

const OPEN = localInstant('2027-03-01', '10:00'); // a Monday morning
const CLOSED = localInstant('2027-03-06', '10:00'); // a Saturday
const EASTER_MONDAY = localInstant('2027-03-29', '10:00');

type Input =
  | string // keys
  | 'silence'
  | 'hangup'
  | 'answered'
  | 'unanswered'
  | { recorded: number };

function eventOf(input: Input, at: Date): FlowEvent {
  if (typeof input === 'object') return { type: 'recorded', at, durationMs: input.recorded };
  if (input === 'silence') return { type: 'noInput', at };
  if (input === 'hangup') return { type: 'hangup', at };
  if (input === 'answered') return { type: 'transferResult', at, answered: true };
  if (input === 'unanswered') return { type: 'transferResult', at, answered: false };
  return { type: 'digits', at, digits: input };
}

/** Runs a call; `last` is the result of the last event, `all` every action of the call. */
function call(
  inputs: Input[],
  options: { flow?: FlowDefinition; caller?: string | null; at?: Date } = {},
): { state: FlowState; last: FlowAction[]; all: FlowAction[] } {
  const flow = options.flow ?? utsLaSeyneFlow();
  const at = options.at ?? OPEN;
  let result: FlowResult = startFlow(flow, {
    type: 'start',
    at,
    callerNumber: options.caller === undefined ? '+33612345678' : options.caller,
  });
  const all = [...result.actions];
  for (const input of inputs) {
    result = stepFlow(flow, result.state, eventOf(input, at));
    all.push(...result.actions);
  }
  return { state: result.state, last: result.actions, all };
}

const withoutSteps = (actions: FlowAction[]) => actions.filter((a) => a.type !== 'step');
const stepsOf = (actions: FlowAction[]) =>
  actions.flatMap((a) => (a.type === 'step' ? [a.detail ? `${a.kind}:${a.detail}` : a.kind] : []));
const outcomes = (actions: FlowAction[]) => actions.filter((a) => a.type === 'outcome');

const menuGather = {
  type: 'gather',
  prompts: [{ prompt: 'menu-principal' }],
  maxDigits: 1,
  timeoutSeconds: 6,
};
const aspiOverflow = {
  type: 'gather',
  prompts: [
    { prompt: 'offre-rappel' },
    { digits: '1' },
    { prompt: 'offre-messagerie' },
    { digits: '2' },
    { prompt: 'offre-sms' },
    { digits: '3' },
    { prompt: 'reecouter' },
  ],
  maxDigits: 1,
  timeoutSeconds: 6,
};

describe('start', () => {
  it('says the welcome, then asks the main menu', () => {
    const { state, all } = call([]);
    expect(all).toEqual([
      { type: 'step', kind: 'debut', detail: 'numero-connu' },
      { type: 'play', prompts: [{ prompt: 'accueil' }] },
      { type: 'step', kind: 'menu', detail: 'principal' },
      menuGather,
    ]);
    expect(state).toEqual({
      node: 'menu',
      callerNumber: '+33612345678',
      menu: 'principal',
      repeats: 0,
      ended: false,
    });
  });

  it.each([
    ['+33612345678', '+33612345678'],
    ['0612345678', '+33612345678'],
    ['33494000000', '+33494000000'],
    ['0590123456', '+590590123456'],
    ['anonymous', null],
    ['', null],
    [null, null],
  ])('reads the caller’s number %s as %s', (presented, e164) => {
    const { state, all } = call([], { caller: presented });
    expect(state.callerNumber).toBe(e164);
    expect(all[0]).toEqual({ type: 'step', kind: 'debut', detail: e164 ? 'numero-connu' : 'numero-masque' });
  });
});

describe('menus', () => {
  it('transfers to an open service', () => {
    const { state, last } = call(['1']);
    expect(stepsOf(last)).toEqual(['touche:1', 'service:aspi', 'transfert:aspi']);
    expect(withoutSteps(last)).toEqual([
      { type: 'play', prompts: [{ prompt: 'transfert' }] },
      { type: 'transfer', serviceKey: 'aspi', to: 'sip:aspi@127.0.0.1:5091', ringSeconds: 25 },
    ]);
    expect(state).toMatchObject({ node: 'transfer', serviceKey: 'aspi' });
  });

  it('sends 0 to the operator service', () => {
    const { state } = call(['0']);
    expect(state).toMatchObject({ node: 'transfer', serviceKey: 'pole-accueil' });
  });

  it('treats 0 as a wrong key when the flow has no operator', () => {
    const flow = utsLaSeyneFlow();
    delete flow.operatorService;
    const { state, last } = call(['0'], { flow });
    expect(stepsOf(last)).toEqual(['touche:0', 'choix-invalide']);
    expect(state).toMatchObject({ node: 'menu', repeats: 1 });
  });

  it('says the menu again on *, without counting it', () => {
    const { state, last } = call(['*', '*', '*', '*']);
    expect(last).toEqual([
      { type: 'step', kind: 'touche', detail: '*' },
      { type: 'step', kind: 'repetition' },
      menuGather,
    ]);
    expect(state).toMatchObject({ node: 'menu', repeats: 0 });
  });

  it('says why before asking again, after a wrong key or a silence', () => {
    expect(withoutSteps(call(['7']).last)).toEqual([
      { ...menuGather, prompts: [{ prompt: 'choix-invalide' }, { prompt: 'menu-principal' }] },
    ]);
    expect(withoutSteps(call(['#']).last)).toEqual([
      { ...menuGather, prompts: [{ prompt: 'choix-invalide' }, { prompt: 'menu-principal' }] },
    ]);
    expect(withoutSteps(call(['silence']).last)).toEqual([
      { ...menuGather, prompts: [{ prompt: 'sans-reponse' }, { prompt: 'menu-principal' }] },
    ]);
    expect(call(['']).state.repeats).toBe(1); // an empty gather is a silence
  });

  it('ends after maxRepeats repeats with a callback ticket when the number is known', () => {
    const { state, last, all } = call(['7', 'silence', '8']);
    expect(stepsOf(last)).toEqual(['touche:8', 'choix-invalide', 'repetitions-epuisees', 'fin']);
    expect(withoutSteps(last)).toEqual([
      { type: 'createTicket', reason: 'raccroche', serviceKey: null, number: '+33612345678' },
      { type: 'outcome', outcome: 'raccroche_ticket', serviceKey: null },
      { type: 'play', prompts: [{ prompt: 'rappel-automatique' }] },
      { type: 'hangup' },
    ]);
    expect(state).toMatchObject({ node: 'ended', ended: true, outcome: 'raccroche_ticket' });
    expect(outcomes(all)).toHaveLength(1);
  });

  it('ends after maxRepeats repeats as hors service when the number is withheld', () => {
    const { state, last } = call(['silence', 'silence', 'silence'], { caller: null });
    expect(withoutSteps(last)).toEqual([
      { type: 'outcome', outcome: 'hors_service', serviceKey: null },
      { type: 'play', prompts: [{ prompt: 'au-revoir' }] },
      { type: 'hangup' },
    ]);
    expect(state.ended).toBe(true);
  });

  it('goes down into sub-menus and back up', () => {
    const flow = withSubMenu();
    expect(stepsOf(call(['1'], { flow }).last)).toEqual(['touche:1', 'menu:social']);
    expect(withoutSteps(call(['1'], { flow }).last)).toEqual([
      { type: 'gather', prompts: [{ prompt: 'menu-social' }], maxDigits: 1, timeoutSeconds: 6 },
    ]);
    const { state } = call(['1', '7', '9'], { flow });
    expect(state).toMatchObject({ node: 'menu', menu: 'principal', repeats: 0 });
    expect(call(['1', '2', '1'], { flow }).state).toMatchObject({
      node: 'transfer',
      serviceKey: 'pole-accueil',
    });
  });
});

describe('transfer', () => {
  it('ends with « transféré, répondu » when the service answers, then waits for the hangup', () => {
    const answered = call(['1', 'answered']);
    expect(answered.last).toEqual([
      { type: 'step', kind: 'transfert-repondu', detail: 'aspi' },
      { type: 'outcome', outcome: 'transfere_repondu', serviceKey: 'aspi' },
    ]);
    expect(answered.state).toMatchObject({ node: 'connected', ended: false, outcome: 'transfere_repondu' });
    expect(call(['1', 'answered', '5']).last).toEqual([]);
    const hungUp = call(['1', 'answered', 'hangup']);
    expect(hungUp.last).toEqual([
      { type: 'step', kind: 'raccroche' },
      { type: 'step', kind: 'fin' },
    ]);
    expect(hungUp.state.ended).toBe(true);
    expect(outcomes(hungUp.all)).toHaveLength(1);
  });

  it('offers the overflow choices when nobody answers', () => {
    const { state, last } = call(['1', 'unanswered']);
    expect(stepsOf(last)).toEqual(['non-repondu:aspi', 'debordement:aspi']);
    expect(withoutSteps(last)).toEqual([
      { type: 'play', prompts: [{ prompt: 'personne-disponible' }] },
      aspiOverflow,
    ]);
    expect(state).toMatchObject({ node: 'overflow', serviceKey: 'aspi', repeats: 0 });
  });

  it.each([
    ['Saturday', CLOSED],
    ['Easter Monday', EASTER_MONDAY],
  ])('says the closed prompt and offers the overflow when closed (%s)', (_, at) => {
    const { state, last } = call(['1'], { at });
    expect(stepsOf(last)).toEqual(['touche:1', 'service:aspi', 'ferme:aspi', 'debordement:aspi']);
    expect(withoutSteps(last)).toEqual([{ type: 'play', prompts: [{ prompt: 'aspi-ferme' }] }, aspiOverflow]);
    expect(state.node).toBe('overflow');
  });

  it('numbers the overflow choices in the service’s order', () => {
    const { last } = call(['2'], { at: CLOSED });
    expect(last.at(-1)).toEqual({
      type: 'gather',
      prompts: [
        { prompt: 'offre-rappel' },
        { digits: '1' },
        { prompt: 'offre-messagerie' },
        { digits: '2' },
        { prompt: 'reecouter' },
      ],
      maxDigits: 1,
      timeoutSeconds: 6,
    });
    expect(stepsOf(call(['2', '3'], { at: CLOSED }).last)).toEqual(['touche:3', 'choix-invalide']);
  });

  it('ends a closed service offering nothing: a ticket when the number is known, else hors service', () => {
    const flow = utsLaSeyneFlow();
    flow.services[1]!.overflow = [];
    const known = call(['2'], { flow, at: CLOSED });
    expect(withoutSteps(known.last)).toEqual([
      { type: 'play', prompts: [{ prompt: 'ase-ferme' }] },
      { type: 'createTicket', reason: 'raccroche', serviceKey: 'ase', number: '+33612345678' },
      { type: 'outcome', outcome: 'raccroche_ticket', serviceKey: 'ase' },
      { type: 'play', prompts: [{ prompt: 'rappel-automatique' }] },
      { type: 'hangup' },
    ]);
    const withheld = call(['2', 'unanswered'], { flow, caller: null });
    expect(withoutSteps(withheld.last)).toEqual([
      { type: 'play', prompts: [{ prompt: 'personne-disponible' }] },
      { type: 'outcome', outcome: 'hors_service', serviceKey: 'ase' },
      { type: 'play', prompts: [{ prompt: 'au-revoir' }] },
      { type: 'hangup' },
    ]);
  });
});

describe('callback', () => {
  it('reads the known number back in national form and opens a ticket on 1', () => {
    const asked = call(['1', 'unanswered', '1'], { caller: '+33494000000' });
    expect(withoutSteps(asked.last)).toEqual([
      {
        type: 'gather',
        prompts: [
          { prompt: 'rappel-au-numero' },
          { digits: '0494000000' },
          { prompt: 'confirmer-ou-changer' },
        ],
        maxDigits: 1,
        timeoutSeconds: 6,
      },
    ]);
    expect(asked.state).toMatchObject({ node: 'confirm', purpose: 'rappel', pendingNumber: '+33494000000' });
    const confirmed = call(['1', 'unanswered', '1', '1'], { caller: '0494000000' });
    expect(withoutSteps(confirmed.last)).toEqual([
      { type: 'createTicket', reason: 'rappel_demande', serviceKey: 'aspi', number: '+33494000000' },
      { type: 'outcome', outcome: 'rappel_demande', serviceKey: 'aspi' },
      { type: 'play', prompts: [{ prompt: 'rappel-confirme' }] },
      { type: 'hangup' },
    ]);
    expect(confirmed.state).toMatchObject({ ended: true, outcome: 'rappel_demande' });
  });

  it('asks for the number when it is withheld, checks it and reads it back', () => {
    const asked = call(['1'], { caller: null, at: CLOSED });
    const overflow = stepFlow(utsLaSeyneFlow(), asked.state, { type: 'digits', at: CLOSED, digits: '1' });
    expect(withoutSteps(overflow.actions)).toEqual([
      { type: 'gather', prompts: [{ prompt: 'saisir-numero' }], maxDigits: 10, timeoutSeconds: 16 },
    ]);
    expect(captureTimeoutSeconds(utsLaSeyneFlow())).toBe(16);
    const wrong = call(['1', '1', '12345'], { caller: null, at: CLOSED });
    expect(stepsOf(wrong.last)).toEqual(['numero-saisi', 'numero-invalide']);
    expect(withoutSteps(wrong.last)).toEqual([
      {
        type: 'gather',
        prompts: [{ prompt: 'numero-invalide' }, { prompt: 'saisir-numero' }],
        maxDigits: 10,
        timeoutSeconds: 16,
      },
    ]);
    const typed = call(['1', '1', '12345', '0494123456#'], { caller: null, at: CLOSED });
    expect(withoutSteps(typed.last)).toEqual([
      {
        type: 'gather',
        prompts: [{ prompt: 'vous-avez-tape' }, { digits: '0494123456' }, { prompt: 'confirmer-ou-changer' }],
        maxDigits: 1,
        timeoutSeconds: 6,
      },
    ]);
    const confirmed = call(['1', '1', '0494123456', '1'], { caller: null, at: CLOSED });
    expect(confirmed.last[1]).toEqual({
      type: 'createTicket',
      reason: 'rappel_demande',
      serviceKey: 'aspi',
      number: '+33494123456',
    });
  });

  it.each(['0012345678', '049412345', '04941234567', '0899123456', '1234567890', '06123*5678'])(
    'refuses %s as a callback number',
    (typed) => {
      expect(stepsOf(call(['1', '1', typed], { caller: null, at: CLOSED }).last)).toContain(
        'numero-invalide',
      );
    },
  );

  it('lets the caller give another number with 2', () => {
    const changed = call(['1', '1', '2'], { at: CLOSED });
    expect(changed.state).toEqual({
      node: 'capture',
      callerNumber: '+33612345678',
      serviceKey: 'aspi',
      repeats: 0,
      purpose: 'rappel',
      ended: false,
    });
    const done = call(['1', '1', '2', '0494000000', '1'], { at: CLOSED });
    expect(done.last[1]).toMatchObject({ type: 'createTicket', number: '+33494000000' });
  });

  it('says the confirmation again after a silence or a wrong key, then ends with a ticket', () => {
    const again = call(['1', '1', 'silence'], { at: CLOSED });
    expect(withoutSteps(again.last)[0]).toMatchObject({
      prompts: [
        { prompt: 'sans-reponse' },
        { prompt: 'rappel-au-numero' },
        { digits: '0612345678' },
        { prompt: 'confirmer-ou-changer' },
      ],
    });
    const gaveUp = call(['1', '1', '5', 'silence', '5'], { at: CLOSED });
    expect(withoutSteps(gaveUp.last)[0]).toEqual({
      type: 'createTicket',
      reason: 'raccroche',
      serviceKey: 'aspi',
      number: '+33612345678',
    });
  });

  it('keeps a typed, read-back number as known when the caller hangs up instead of confirming', () => {
    const { last } = call(['1', '1', '0494000000', 'hangup'], { caller: null, at: CLOSED });
    expect(withoutSteps(last)).toEqual([
      { type: 'createTicket', reason: 'raccroche', serviceKey: 'aspi', number: '+33494000000' },
      { type: 'outcome', outcome: 'raccroche_ticket', serviceKey: 'aspi' },
    ]);
  });
});

describe('voicemail', () => {
  it('records after the beep and ends with « message vocal »', () => {
    const asked = call(['1', 'unanswered', '2']);
    expect(withoutSteps(asked.last)).toEqual([
      { type: 'play', prompts: [{ prompt: 'messagerie-bip' }] },
      { type: 'record', maxSeconds: 120 },
    ]);
    expect(asked.state.node).toBe('record');
    const recorded = call(['1', 'unanswered', '2', { recorded: 4200 }]);
    expect(withoutSteps(recorded.last)).toEqual([
      { type: 'outcome', outcome: 'message_vocal', serviceKey: 'aspi' },
      { type: 'play', prompts: [{ prompt: 'message-enregistre' }] },
      { type: 'hangup' },
    ]);
    expect(recorded.state.ended).toBe(true);
  });

  it('counts a message left by hanging up (the adapter sends « recorded » first)', () => {
    const { all, last, state } = call(['1', 'unanswered', '2', { recorded: 3000 }, 'hangup'], {
      caller: null,
    });
    expect(outcomes(all)).toEqual([{ type: 'outcome', outcome: 'message_vocal', serviceKey: 'aspi' }]);
    expect(last).toEqual([]);
    expect(state.ended).toBe(true);
  });

  it('goes back to the overflow menu after an empty recording', () => {
    const { last, state } = call(['1', 'unanswered', '2', { recorded: 0 }]);
    expect(stepsOf(last)).toEqual(['message-vide', 'sans-reponse']);
    expect(withoutSteps(last)).toEqual([
      { ...aspiOverflow, prompts: [{ prompt: 'sans-reponse' }, ...aspiOverflow.prompts] },
    ]);
    expect(state).toMatchObject({ node: 'overflow', repeats: 1 });
  });
});

describe('SMS', () => {
  it('confirms a known mobile and sends the service’s SMS', () => {
    const asked = call(['1', 'unanswered', '3']);
    expect(withoutSteps(asked.last)[0]).toMatchObject({
      prompts: [{ prompt: 'sms-au-numero' }, { digits: '0612345678' }, { prompt: 'confirmer-ou-changer' }],
    });
    const sent = call(['1', 'unanswered', '3', '1']);
    expect(withoutSteps(sent.last)).toEqual([
      { type: 'sendSms', serviceKey: 'aspi', number: '+33612345678' },
      { type: 'outcome', outcome: 'sms_envoye', serviceKey: 'aspi' },
      { type: 'play', prompts: [{ prompt: 'sms-envoye' }] },
      { type: 'hangup' },
    ]);
  });

  it('asks for a mobile when the caller’s number is a landline, and refuses a landline typed', () => {
    const asked = call(['1', 'unanswered', '3'], { caller: '+33494000000' });
    expect(withoutSteps(asked.last)).toEqual([
      { type: 'gather', prompts: [{ prompt: 'saisir-mobile' }], maxDigits: 10, timeoutSeconds: 16 },
    ]);
    const landline = call(['1', 'unanswered', '3', '0494111111'], { caller: '+33494000000' });
    expect(stepsOf(landline.last)).toEqual(['numero-saisi', 'numero-invalide']);
    const sent = call(['1', 'unanswered', '3', '0494111111', '0761234567', '1'], { caller: '+33494000000' });
    expect(sent.last[1]).toEqual({ type: 'sendSms', serviceKey: 'aspi', number: '+33761234567' });
  });
});

describe('hangup', () => {
  it('opens a callback ticket for a known caller who hangs up before choosing', () => {
    const { last, state } = call(['hangup'], { caller: '0612345678' });
    expect(last).toEqual([
      { type: 'step', kind: 'raccroche' },
      { type: 'createTicket', reason: 'raccroche', serviceKey: null, number: '+33612345678' },
      { type: 'outcome', outcome: 'raccroche_ticket', serviceKey: null },
      { type: 'step', kind: 'fin' },
    ]);
    expect(state).toEqual({
      node: 'ended',
      callerNumber: '+33612345678',
      repeats: 0,
      outcome: 'raccroche_ticket',
      ended: true,
    });
  });

  it('names the service when the caller hangs up while it rings', () => {
    const { last } = call(['3', 'hangup']);
    expect(last[1]).toEqual({
      type: 'createTicket',
      reason: 'raccroche',
      serviceKey: 'pole-accueil',
      number: '+33612345678',
    });
  });

  it('leaves a withheld caller’s call without outcome: a lost call', () => {
    const { last, state } = call(['1', 'hangup'], { caller: null });
    expect(last).toEqual([
      { type: 'step', kind: 'raccroche' },
      { type: 'step', kind: 'fin' },
    ]);
    expect(state.ended).toBe(true);
    expect(state.outcome).toBeUndefined();
  });

  it('does nothing after the end', () => {
    const ended = call(['hangup']);
    for (const input of ['1', 'silence', 'hangup', 'answered', { recorded: 100 }] as Input[]) {
      expect(stepFlow(utsLaSeyneFlow(), ended.state, eventOf(input, OPEN))).toEqual({
        state: ended.state,
        actions: [],
      });
    }
  });

  it('ignores events it does not wait for', () => {
    const menu = call([]);
    for (const input of ['answered', { recorded: 100 }] as Input[]) {
      expect(stepFlow(utsLaSeyneFlow(), menu.state, eventOf(input, OPEN)).actions).toEqual([]);
    }
    const ringing = call(['1']);
    expect(stepFlow(utsLaSeyneFlow(), ringing.state, eventOf('5', OPEN)).actions).toEqual([]);
    expect(
      stepFlow(utsLaSeyneFlow(), ringing.state, { type: 'start', at: OPEN, callerNumber: null }).actions,
    ).toEqual([]);
  });
});

describe('state', () => {
  it('stays the same JSON once stored and read back', () => {
    for (const inputs of [
      [],
      ['1'],
      ['1', 'unanswered'],
      ['1', 'unanswered', '1'],
      ['1', 'answered'],
      ['hangup'],
    ]) {
      const { state } = call(inputs as Input[]);
      expect(JSON.parse(JSON.stringify(state))).toEqual(state);
      expect(Object.values(state)).not.toContain(undefined);
    }
  });

  it('ends a call whose root menu is missing as hors service', () => {
    const flow = { ...utsLaSeyneFlow(), rootMenu: 'absent' };
    const { all, state } = call([], { flow, caller: null });
    expect(withoutSteps(all)).toEqual([
      { type: 'play', prompts: [{ prompt: 'accueil' }] },
      { type: 'outcome', outcome: 'hors_service', serviceKey: null },
      { type: 'play', prompts: [{ prompt: 'hors-service' }] },
      { type: 'hangup' },
    ]);
    expect(state.ended).toBe(true);
  });
});

describe('a flow changed under a call', () => {
  it('ends the call rather than leaving it waiting', () => {
    const waiting = call([], { caller: null });
    const flow = { ...utsLaSeyneFlow(), menus: [] };
    const result = stepFlow(flow, waiting.state, { type: 'digits', at: OPEN, digits: '1' });
    expect(result.state).toMatchObject({ ended: true, outcome: 'hors_service' });
    expect(result.actions).toContainEqual({ type: 'hangup' });
  });
});
