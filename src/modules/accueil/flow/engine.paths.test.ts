import { describe, expect, it } from 'vitest';
import { startFlow, stepFlow } from './engine.ts';
import { localInstant } from './hours.ts';
import { SYSTEM_PROMPTS } from './system-prompts.ts';
import { withSubMenu } from './testing.ts';
import type { FlowAction, FlowDefinition, FlowEvent, FlowResult, FlowState } from './types.ts';
import { utsLaSeyneFlow } from './uts-la-seyne.ts';

/**
 * Every path of a call, checked by walking them. Two walks:
 * - the state graph: from the start, every event the adapter may send in each state (every key, a
 *   silence, a hangup at each point, the transfer answered or not, a voicemail or an empty recording),
 *   for each caller (mobile, landline, withheld, unreadable) and each time (open, closed, holiday). The
 *   engine is pure and its state is JSON, so the reachable states are finite: the checks on each
 *   transition hold for every path of any length, by induction;
 * - the literal paths: every sequence of events up to a depth, with the outcomes counted along the
 *   path itself.
 */

const TIMES = {
  ouvert: localInstant('2027-03-01', '10:00'),
  ferme: localInstant('2027-03-06', '10:00'),
  ferie: localInstant('2027-05-06', '10:00'), // Ascension
};
const CALLERS = { mobile: '+33612345678', fixe: '0494000000', masque: null, illisible: 'anonymous' };
const FLOWS: Record<string, () => FlowDefinition> = {
  'UTS La Seyne': utsLaSeyneFlow,
  'avec sous-menus': withSubMenu,
};

const KEYS = ['0', '1', '2', '3', '4', '9', '*', '#', ''];
const TYPED = ['0612345678', '0494000000', '12345', '0761234567#', '0899123456'];

const LITERAL_KEYS = new Set(['1', '2', '3', '0', '*', '', '0612345678', '12345']);

type Labelled = { label: string; event: FlowEvent };

/** The events the adapter may send in a state: what it waits for, a hangup, and a stray event or two. */
function eventsFor(state: FlowState, at: Date): Labelled[] {
  const hangup: Labelled = { label: 'hangup', event: { type: 'hangup', at } };
  const silence: Labelled = { label: 'silence', event: { type: 'noInput', at } };
  const keys = (list: string[]) =>
    list.map((digits) => ({ label: `key:${digits}`, event: { type: 'digits', at, digits } as FlowEvent }));
  const stray: Labelled = { label: 'stray', event: { type: 'recorded', at, durationMs: 1000 } };
  switch (state.node) {
    case 'menu':
    case 'overflow':
    case 'confirm':
      return [...keys(KEYS), silence, hangup, stray];
    case 'capture':
      return [...keys(TYPED), silence, hangup];
    case 'transfer':
      return [
        { label: 'answered', event: { type: 'transferResult', at, answered: true } },
        { label: 'unanswered', event: { type: 'transferResult', at, answered: false } },
        hangup,
        ...keys(['1']),
      ];
    case 'record':
      return [
        { label: 'recorded', event: { type: 'recorded', at, durationMs: 4000 } },
        { label: 'empty', event: { type: 'recorded', at, durationMs: 0 } },
        hangup,
      ];
    case 'connected':
      return [hangup, ...keys(['1'])];
    default:
      return [hangup, silence];
  }
}

/** The event of a caller who no longer does anything: what ends the call soonest without their help. */
function silentEvent(state: FlowState, at: Date): FlowEvent {
  switch (state.node) {
    case 'transfer':
      return { type: 'transferResult', at, answered: false };
    case 'record':
      return { type: 'recorded', at, durationMs: 0 };
    case 'connected':
      return { type: 'hangup', at };
    default:
      return { type: 'noInput', at };
  }
}

/** Edges a caller may take again and again on purpose: '*', moving between menus, « 2: another number ». */
function callerDriven(from: FlowState, label: string, to: FlowState): boolean {
  if (label === 'key:*') return true;
  if (from.node === 'menu' && to.node === 'menu' && from.menu !== to.menu) return true;
  return from.node === 'confirm' && label === 'key:2';
}

function promptsOf(flow: FlowDefinition): Set<string> {
  return new Set([
    ...Object.keys(SYSTEM_PROMPTS),
    flow.welcomePrompt,
    ...flow.menus.map((m) => m.prompt),
    ...flow.services.map((s) => s.closedPrompt),
  ]);
}

const MEDIA = new Set(['play', 'gather', 'transfer', 'record', 'hangup']);
const WAITS: Record<string, string | undefined> = {
  menu: 'gather',
  overflow: 'gather',
  confirm: 'gather',
  capture: 'gather',
  transfer: 'transfer',
  record: 'record',
  connected: undefined,
};

/** A failed check, described only when it fails: the walk makes hundreds of thousands of them. */
function check(condition: boolean, describe: () => string): void {
  if (!condition) throw new Error(describe());
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The checks on one transition; they compose along any path. */
function checkTransition(
  prompts: Set<string>,
  before: FlowState | null,
  event: string,
  result: FlowResult,
): void {
  const { state, actions } = result;
  const where = (what: string) => () =>
    `${what}: ${JSON.stringify(before)} --${event}--> ${JSON.stringify(state)} ${JSON.stringify(actions)}`;
  if (before?.ended) {
    check(actions.length === 0 && same(state, before), where('an event after the end changes nothing'));
    return;
  }
  // At most one outcome per call: none once the call has one, and the state remembers it.
  const outcomes = actions.flatMap((a) => (a.type === 'outcome' ? [a.outcome] : []));
  check(outcomes.length <= (before?.outcome ? 0 : 1), where('at most one outcome'));
  check(state.outcome === (outcomes[0] ?? before?.outcome), where('the state keeps the outcome'));

  const waiting = actions.filter((a) => a.type === 'gather' || a.type === 'transfer' || a.type === 'record');
  const hangups = actions.filter((a) => a.type === 'hangup').length;
  if (state.ended) {
    check(state.node === 'ended', where('an ended call is at the node « ended »'));
    check(same(actions.at(-1), { type: 'step', kind: 'fin' }), where('the end is the last step'));
    check(actions.filter((a) => a.type === 'step' && a.kind === 'fin').length === 1, where('one « fin »'));
    // A known number always ends with an outcome; so does a call the engine hangs up itself.
    check(!state.callerNumber || state.outcome !== undefined, where('a known number ends with an outcome'));
    check(
      hangups === 0 || state.outcome !== undefined,
      where('the engine never hangs up without an outcome'),
    );
    check(waiting.length === 0, where('nothing is awaited after the end'));
  } else if (actions.length === 0) {
    check(same(state, before), where('an event not awaited changes nothing'));
  } else {
    // The adapter knows what to wait for: the last media action is the node's, and the only one of its kind.
    const media = actions.filter((a) => MEDIA.has(a.type));
    const waits = WAITS[state.node];
    check(media.at(-1)?.type === waits, where(`the last media action is ${waits}`));
    check(waiting.length === (waits ? 1 : 0), where('one thing awaited'));
    check(hangups === 0, where('no hangup before the end'));
  }

  for (const action of actions) {
    if (action.type === 'createTicket' || action.type === 'sendSms') {
      check(/^\+[1-9]\d{7,14}$/.test(action.number), where('numbers in E.164'));
    }
    if (action.type === 'sendSms') check(/^\+33[67]\d{8}$/.test(action.number), where('SMS to a mobile'));
    if (action.type === 'play' || action.type === 'gather') {
      for (const ref of action.prompts) {
        check('prompt' in ref ? prompts.has(ref.prompt) : /^\d+$/.test(ref.digits), where('known prompts'));
      }
    }
  }
  check(same(JSON.parse(JSON.stringify(state)), state), where('plain JSON state'));
}

type Graph = Map<string, { state: FlowState; edges: { label: string; to: string }[] }>;

function exploreGraph(
  flow: FlowDefinition,
  caller: string | null,
  at: Date,
): { graph: Graph; start: string } {
  const prompts = promptsOf(flow);
  const started = startFlow(flow, { type: 'start', at, callerNumber: caller });
  checkTransition(prompts, null, 'start', started);
  const graph: Graph = new Map();
  const start = JSON.stringify(started.state);
  const queue = [started.state];
  graph.set(start, { state: started.state, edges: [] });
  while (queue.length > 0) {
    const state = queue.shift()!;
    const node = graph.get(JSON.stringify(state))!;
    for (const { label, event } of eventsFor(state, at)) {
      const result = stepFlow(flow, state, event);
      checkTransition(prompts, state, label, result);
      const key = JSON.stringify(result.state);
      if (result.actions.length > 0) node.edges.push({ label, to: key });
      if (!graph.has(key)) {
        graph.set(key, { state: result.state, edges: [] });
        queue.push(result.state);
      }
    }
  }
  return { graph, start };
}

/** A cycle among the edges a caller does not drive on purpose would let a call go round for ever. */
function findCycle(graph: Graph): string[] | null {
  const colour = new Map<string, 'grey' | 'black'>();
  const visit = (key: string, path: string[]): string[] | null => {
    colour.set(key, 'grey');
    const { state, edges } = graph.get(key)!;
    for (const edge of edges) {
      if (callerDriven(state, edge.label, graph.get(edge.to)!.state)) continue;
      if (colour.get(edge.to) === 'grey') return [...path, edge.label];
      if (!colour.has(edge.to)) {
        const found = visit(edge.to, [...path, edge.label]);
        if (found) return found;
      }
    }
    colour.set(key, 'black');
    return null;
  };
  for (const key of graph.keys()) {
    if (colour.has(key)) continue;
    const found = visit(key, []);
    if (found) return found;
  }
  return null;
}

describe.each(Object.entries(FLOWS))('every path of the flow « %s »', (_, makeFlow) => {
  const flow = makeFlow();
  const cases = Object.entries(CALLERS).flatMap(([who, caller]) =>
    Object.entries(TIMES).map(([when, at]) => ({ who, caller, when, at })),
  );

  it.each(cases)('state graph: caller $who, $when', ({ caller, at }) => {
    const prompts = promptsOf(flow);
    const { graph } = exploreGraph(flow, caller, at);
    expect(graph.size).toBeGreaterThan(10);

    // From anywhere, a caller who no longer does anything is let go within a bounded number of events,
    // and a hangup ends the call at once.
    const bound = 2 * (flow.maxRepeats + 1) + 2;
    let longest = 0;
    for (const { state } of graph.values()) {
      let current = state;
      let events = 0;
      while (!current.ended) {
        const result = stepFlow(flow, current, silentEvent(current, at));
        checkTransition(prompts, current, 'silent', result);
        current = result.state;
        events++;
        check(events <= bound, () => `no end after ${bound} silent events from ${JSON.stringify(state)}`);
      }
      longest = Math.max(longest, events);
      check(
        stepFlow(flow, state, { type: 'hangup', at }).state.ended,
        () => `hangup in ${JSON.stringify(state)}`,
      );
    }
    expect(longest).toBeGreaterThanOrEqual(flow.maxRepeats + 1);
    // Only the caller can make a call go round: '*', moving between menus, typing another number.
    expect(findCycle(graph)).toBeNull();
  });

  it.each(cases)('literal paths up to 5 events: caller $who, $when', ({ caller, at }) => {
    let paths = 0;
    const walk = (result: FlowResult, depth: number, trail: string[], outcomes: number) => {
      const count = outcomes + result.actions.filter((a) => a.type === 'outcome').length;
      const path = () => trail.join(' → ');
      check(count <= 1, () => `two outcomes: ${path()}`);
      if (result.state.ended) {
        check(!result.state.callerNumber || count === 1, () => `known number without outcome: ${path()}`);
        const after = stepFlow(flow, result.state, { type: 'hangup', at });
        check(after.actions.length === 0, () => `actions after the end: ${path()}`);
      }
      if (result.state.ended || depth === 0) {
        paths++;
        return;
      }
      for (const { label, event } of eventsFor(result.state, at)) {
        // The state graph covers every key; here a few per level keep it to thousands of paths.
        if (label.startsWith('key:') && !LITERAL_KEYS.has(label.slice(4))) continue;
        walk(stepFlow(flow, result.state, event), depth - 1, [...trail, label], count);
      }
    };
    walk(startFlow(flow, { type: 'start', at, callerNumber: caller }), 5, ['start'], 0);
    expect(paths).toBeGreaterThan(1000);
  });
});

describe('the walk itself', () => {
  it('reaches every outcome on the UTS flow', () => {
    const seen = new Set<string>();
    for (const caller of Object.values(CALLERS)) {
      for (const at of Object.values(TIMES)) {
        const flow = utsLaSeyneFlow();
        const { graph } = exploreGraph(flow, caller, at);
        for (const { state } of graph.values()) if (state.outcome) seen.add(state.outcome);
      }
    }
    expect([...seen].sort()).toEqual([
      'hors_service',
      'message_vocal',
      'raccroche_ticket',
      'rappel_demande',
      'sms_envoye',
      'transfere_repondu',
    ]);
  });

  it('finds a cycle when one is planted', () => {
    const graph: Graph = new Map([
      [
        'a',
        {
          state: { node: 'menu', callerNumber: null, repeats: 0, ended: false },
          edges: [{ label: 'x', to: 'b' }],
        },
      ],
      [
        'b',
        {
          state: { node: 'overflow', callerNumber: null, repeats: 0, ended: false },
          edges: [{ label: 'y', to: 'a' }],
        },
      ],
    ]);
    expect(findCycle(graph)).toEqual(['x', 'y']);
  });

  it('counts the actions a call can produce', () => {
    const actions: FlowAction['type'][] = [];
    const { graph } = exploreGraph(utsLaSeyneFlow(), '+33612345678', TIMES.ouvert);
    for (const { state } of graph.values()) {
      for (const { event } of eventsFor(state, TIMES.ouvert)) {
        actions.push(...stepFlow(utsLaSeyneFlow(), state, event).actions.map((a) => a.type));
      }
    }
    expect(new Set(actions)).toEqual(
      new Set([
        'step',
        'play',
        'gather',
        'transfer',
        'record',
        'hangup',
        'createTicket',
        'sendSms',
        'outcome',
      ]),
    );
  });
});
