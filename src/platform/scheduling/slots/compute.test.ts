import { describe, expect, it } from 'vitest';
import { isPublicHoliday } from '../holidays.ts';
import { type CollectiveSession, type ComputeInput, collectiveSlots, computeSlots } from './compute.ts';
import type { OpeningSlotRule } from './recurrence.ts';

const at = (instant: string) => new Date(instant).getTime();

const opening = (values: Partial<OpeningSlotRule>): OpeningSlotRule => ({
  id: 'os-a',
  agentId: 'a',
  placeId: 'p1',
  weekdays: [1, 2, 3, 4, 5, 6, 7],
  startTime: '09:00',
  endTime: '11:00',
  firstDay: '2027-01-01',
  lastDay: null,
  everyWeeks: 1,
  openOnHolidays: false,
  ...values,
});

const input = (values: Partial<ComputeInput>): ComputeInput => ({
  durationMinutes: 60,
  bufferMinutes: 0,
  openingSlots: [opening({})],
  absences: [],
  busy: [],
  from: '2027-03-30',
  to: '2027-03-30',
  earliest: 0,
  latest: Number.MAX_SAFE_INTEGER,
  allowedAgents: null,
  isClosed: (_place, day) => isPublicHoliday(day),
  ...values,
});

/** Each slot as 'day HH:MMZ place agents'. */
const show = (values: Partial<ComputeInput>) =>
  computeSlots(input(values)).map(
    ({ day, slot }) =>
      `${day} ${slot.startsAt.toISOString().slice(11, 16)}Z ${slot.placeId} ${slot.agentIds.join('+')}`,
  );

describe('computeSlots', () => {
  it.each<[string, Partial<ComputeInput>, string[]]>([
    [
      'one agent, one opening (summer time: 09:00 is 07:00Z)',
      {},
      ['2027-03-30 07:00Z p1 a', '2027-03-30 08:00Z p1 a'],
    ],
    [
      'two agents free at the same time and place make one slot',
      { openingSlots: [opening({}), opening({ id: 'os-b', agentId: 'b' })] },
      ['2027-03-30 07:00Z p1 a+b', '2027-03-30 08:00Z p1 a+b'],
    ],
    [
      'at two places, two slots',
      { openingSlots: [opening({}), opening({ id: 'os-b', agentId: 'b', placeId: 'p2' })] },
      [
        '2027-03-30 07:00Z p1 a',
        '2027-03-30 07:00Z p2 b',
        '2027-03-30 08:00Z p1 a',
        '2027-03-30 08:00Z p2 b',
      ],
    ],
    [
      'an appointment elsewhere blocks the agent here too, with its buffer',
      { busy: [{ agentId: 'a', start: at('2027-03-30T06:00:00Z'), end: at('2027-03-30T07:10:00Z') }] },
      ['2027-03-30 08:00Z p1 a'],
    ],
    [
      'another agent’s appointment blocks nothing',
      { busy: [{ agentId: 'z', start: at('2027-03-30T07:00:00Z'), end: at('2027-03-30T08:00:00Z') }] },
      ['2027-03-30 07:00Z p1 a', '2027-03-30 08:00Z p1 a'],
    ],
    [
      'the type’s buffer must be free after the appointment',
      {
        bufferMinutes: 15,
        busy: [{ agentId: 'a', start: at('2027-03-30T08:10:00Z'), end: at('2027-03-30T08:40:00Z') }],
      },
      [],
    ],
    [
      'a one-off absence from the day before',
      {
        absences: [
          {
            agentId: 'a',
            firstDay: '2027-03-29',
            lastDay: '2027-03-30',
            startTime: '14:00',
            endTime: '10:00',
            weekdays: null,
            everyWeeks: 1,
          },
        ],
      },
      ['2027-03-30 08:00Z p1 a'],
    ],
    [
      'a recurring absence on Tuesdays',
      {
        absences: [
          {
            agentId: 'a',
            firstDay: '2027-01-01',
            lastDay: null,
            startTime: '10:00',
            endTime: '12:00',
            weekdays: [2],
            everyWeeks: 1,
          },
        ],
      },
      ['2027-03-30 07:00Z p1 a'],
    ],
    [
      'closed on Easter Monday, open on holidays when the opening says so',
      {
        from: '2027-03-29',
        openingSlots: [
          opening({ endTime: '10:00' }),
          opening({ id: 'os-b', agentId: 'b', placeId: 'p2', endTime: '10:00', openOnHolidays: true }),
        ],
      },
      ['2027-03-29 07:00Z p2 b', '2027-03-30 07:00Z p1 a', '2027-03-30 07:00Z p2 b'],
    ],
    [
      'Good Friday closes a place in Moselle only',
      {
        from: '2027-03-26',
        to: '2027-03-26',
        openingSlots: [
          opening({ endTime: '10:00' }),
          opening({ id: 'os-b', agentId: 'b', placeId: 'metz', endTime: '10:00' }),
        ],
        isClosed: (place, day) => isPublicHoliday(day, place === 'metz' ? '57' : '83'),
      },
      ['2027-03-26 08:00Z p1 a'],
    ],
    [
      'the October change weekend keeps local hours; Toussaint (Monday 1 November) closed',
      { from: '2027-10-29', to: '2027-11-02', openingSlots: [opening({ endTime: '10:00' })] },
      [
        '2027-10-29 07:00Z p1 a',
        '2027-10-30 07:00Z p1 a',
        '2027-10-31 08:00Z p1 a',
        '2027-11-02 08:00Z p1 a',
      ],
    ],
    [
      'the March change weekend: 08:00 local on the Monday after is 06:00Z',
      {
        from: '2027-03-26',
        to: '2027-03-29',
        openingSlots: [opening({ startTime: '08:00', endTime: '09:00', openOnHolidays: true })],
      },
      [
        '2027-03-26 07:00Z p1 a',
        '2027-03-27 07:00Z p1 a',
        '2027-03-28 06:00Z p1 a',
        '2027-03-29 06:00Z p1 a',
      ],
    ],
    [
      'every 2 weeks from the week of its first day',
      {
        from: '2027-03-01',
        to: '2027-03-31',
        openingSlots: [opening({ weekdays: [3], endTime: '10:00', firstDay: '2027-03-03', everyWeeks: 2 })],
      },
      ['2027-03-03 08:00Z p1 a', '2027-03-17 08:00Z p1 a', '2027-03-31 07:00Z p1 a'],
    ],
    [
      'only the allowed agents (follow-up, sectorisation)',
      { openingSlots: [opening({}), opening({ id: 'os-b', agentId: 'b' })], allowedAgents: new Set(['b']) },
      ['2027-03-30 07:00Z p1 b', '2027-03-30 08:00Z p1 b'],
    ],
    [
      'booking delays: earliest and latest',
      { earliest: at('2027-03-30T07:30:00Z'), latest: at('2027-03-31T00:00:00Z'), to: '2027-03-31' },
      ['2027-03-30 08:00Z p1 a'],
    ],
    [
      'a limit stops after the day that reaches it, that day complete',
      {
        from: '2027-03-30',
        to: '2027-04-30',
        limit: 1,
        openingSlots: [
          opening({}),
          opening({ id: 'os-b', agentId: 'b', placeId: 'p2', startTime: '08:00', endTime: '09:00' }),
        ],
      },
      ['2027-03-30 06:00Z p2 b', '2027-03-30 07:00Z p1 a', '2027-03-30 08:00Z p1 a'],
    ],
  ])('%s', (_, values, expected) => {
    expect(show(values)).toEqual(expected);
  });
});

describe('collectiveSlots', () => {
  const session = (values: Partial<CollectiveSession>): CollectiveSession => ({
    appointmentId: 's1',
    agentId: 'a',
    placeId: 'p1',
    start: at('2027-03-31T12:00:00Z'),
    end: at('2027-03-31T14:00:00Z'),
    capacity: 12,
    taken: 10,
    ...values,
  });
  const window = {
    earliest: at('2027-03-30T00:00:00Z'),
    latest: at('2027-04-30T00:00:00Z'),
    allowedAgents: null,
  };

  it.each<[string, CollectiveSession[], Partial<typeof window>, [string, number][]]>([
    ['seats left: capacity − participants not cancelled', [session({})], {}, [['s1', 2]]],
    ['full sessions are not offered', [session({ taken: 12 })], {}, []],
    ['nor sessions without a place', [session({ placeId: null })], {}, []],
    ['nor those before the minimum delay', [session({})], { earliest: at('2027-03-31T12:30:00Z') }, []],
    [
      'nor those of other agents when narrowed',
      [session({})],
      { allowedAgents: new Set(['b']) } as never,
      [],
    ],
    [
      'sorted by start',
      [session({ appointmentId: 's2', start: at('2027-04-02T12:00:00Z') }), session({ taken: 0 })],
      {},
      [
        ['s1', 12],
        ['s2', 2],
      ],
    ],
  ])('%s', (_, sessions, overrides, expected) => {
    const slots = collectiveSlots(sessions, { ...window, ...overrides });
    expect(slots.map(({ slot }) => [slot.appointmentId, slot.seatsLeft])).toEqual(expected);
  });

  it('gives the session’s local day', () => {
    expect(collectiveSlots([session({ start: at('2027-03-31T22:30:00Z') })], window)[0]!.day).toBe(
      '2027-04-01',
    );
  });
});
