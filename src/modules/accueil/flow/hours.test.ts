import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { addWorkingHours, isServiceOpen, localInstant, nextOpening, parisParts } from './hours.ts';
import type { FlowDefinition, ServiceDefinition } from './types.ts';
import { utsLaSeyneFlow } from './uts-la-seyne.ts';

/**
 * The UTS hours: Monday–Thursday 8:30–12:00 and 13:30–17:00, Friday 8:30–12:00 and 13:30–16:30, closed
 * on public holidays. 2027: Easter on 28 March (also the spring change of time), Easter Monday 29 March,
 * Ascension 6 May, 14 July a Wednesday, Toussaint 1 November a Monday, autumn change on 31 October.
 */
const paris = (local: string) => {
  const [day, time] = local.split(' ');
  return localInstant(day!, time!);
};
const local = (instant: Date) => {
  const t = new TZDate(instant.getTime(), 'Europe/Paris');
  const two = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${two(t.getMonth() + 1)}-${two(t.getDate())} ${two(t.getHours())}:${two(t.getMinutes())}`;
};

function flowWith(change: (aspi: ServiceDefinition, flow: FlowDefinition) => void): FlowDefinition {
  const flow = utsLaSeyneFlow();
  change(flow.services[0]!, flow);
  return flow;
}

const uts = utsLaSeyneFlow();
const aspi = uts.services[0]!;

describe('isServiceOpen', () => {
  it.each([
    ['2027-03-01 08:29', false, 'Monday before opening'],
    ['2027-03-01 08:30', true, 'the start of a range is open'],
    ['2027-03-01 11:59', true, ''],
    ['2027-03-01 12:00', false, 'the end of a range is closed'],
    ['2027-03-01 12:45', false, 'lunch break'],
    ['2027-03-01 13:30', true, ''],
    ['2027-03-01 16:59', true, ''],
    ['2027-03-01 17:00', false, ''],
    ['2027-03-05 16:15', true, 'Friday afternoon'],
    ['2027-03-05 16:30', false, 'Friday closes at 16:30'],
    ['2027-03-06 10:00', false, 'Saturday'],
    ['2027-03-07 10:00', false, 'Sunday'],
    ['2027-03-29 10:00', false, 'Easter Monday'],
    ['2027-03-30 10:00', true, 'the first weekday in summer time'],
    ['2027-05-06 10:00', false, 'Ascension'],
    ['2027-05-07 10:00', true, 'the Friday after Ascension'],
    ['2027-07-14 10:00', false, '14 July'],
    ['2027-11-01 10:00', false, 'Toussaint'],
    ['2027-11-02 10:00', true, 'the first weekday in winter time'],
  ])('%s → %s (%s)', (at, expected) => {
    expect(isServiceOpen(uts, aspi, paris(at))).toBe(expected);
  });

  it.each([
    ['2027-03-01T07:45:00Z', true, '08:45 in winter (UTC+1)'],
    ['2027-03-01T07:15:00Z', false, '08:15 in winter'],
    ['2027-03-30T06:45:00Z', true, '08:45 in summer (UTC+2), the week after the change'],
    ['2027-03-30T07:15:00Z', true, '09:15 in summer'],
    ['2027-03-30T10:15:00Z', false, '12:15 in summer: lunch, though 11:15 in winter time'],
    ['2027-10-29T06:45:00Z', true, 'Friday 08:45 summer time, before the autumn change'],
    ['2027-10-29T06:15:00Z', false, 'Friday 08:15'],
    ['2027-11-02T07:45:00Z', true, 'Tuesday 08:45 winter time, after the change'],
    ['2027-11-02T07:15:00Z', false, 'Tuesday 08:15'],
  ])('UTC %s → %s (%s)', (at, expected) => {
    expect(isServiceOpen(uts, aspi, new Date(at))).toBe(expected);
  });

  it('opens on public holidays when the service says so', () => {
    const flow = flowWith((s) => {
      s.closedOnPublicHolidays = false;
    });
    expect(isServiceOpen(flow, flow.services[0]!, paris('2027-07-14 10:00'))).toBe(true);
  });

  it('follows the département’s holidays: Good Friday closes in Moselle, not in the Var', () => {
    expect(isServiceOpen(uts, aspi, paris('2027-03-26 10:00'))).toBe(true);
    const moselle = flowWith((_, flow) => {
      flow.departement = '57';
    });
    expect(isServiceOpen(moselle, moselle.services[0]!, paris('2027-03-26 10:00'))).toBe(false);
  });

  it('closes on the days of a closure, both ends included', () => {
    const flow = flowWith((s) => {
      s.closures = [{ from: '2027-08-02', to: '2027-08-06', reason: 'Formation' }];
    });
    const service = flow.services[0]!;
    expect(isServiceOpen(flow, service, paris('2027-07-30 10:00'))).toBe(true);
    expect(isServiceOpen(flow, service, paris('2027-08-02 10:00'))).toBe(false);
    expect(isServiceOpen(flow, service, paris('2027-08-06 10:00'))).toBe(false);
    expect(isServiceOpen(flow, service, paris('2027-08-09 10:00'))).toBe(true);
  });

  it('reads a range ending at 24:00 as open until midnight', () => {
    const flow = flowWith((s) => {
      s.hours = { 6: [{ from: '20:00', to: '24:00' }] };
    });
    expect(isServiceOpen(flow, flow.services[0]!, paris('2027-03-06 23:59'))).toBe(true);
    expect(isServiceOpen(flow, flow.services[0]!, paris('2027-03-07 00:00'))).toBe(false);
  });

  it('reads hours stored as JSON (weekday keys as strings)', () => {
    const stored = JSON.parse(JSON.stringify(uts)) as FlowDefinition;
    expect(isServiceOpen(stored, stored.services[0]!, paris('2027-03-01 10:00'))).toBe(true);
  });
});

describe('addWorkingHours', () => {
  it.each([
    ['2027-03-02 10:00', 4, '2027-03-02 15:30', 'Tuesday: 2 h before lunch, 2 h after'],
    ['2027-03-02 10:00', 2, '2027-03-02 12:00', 'due exactly at the end of a range stays there'],
    ['2027-03-02 12:30', 1, '2027-03-02 14:30', 'asked during lunch: counted from 13:30'],
    ['2027-03-02 07:00', 1, '2027-03-02 09:30', 'asked before opening'],
    ['2027-03-02 18:00', 3.5, '2027-03-03 12:00', 'asked in the evening: the next morning'],
    ['2027-03-05 16:00', 4, '2027-03-08 12:00', 'Friday afternoon → Monday'],
    ['2027-03-06 11:00', 4, '2027-03-08 14:00', 'Saturday → Monday from 8:30'],
    ['2027-03-06 11:00', 0, '2027-03-08 08:30', 'zero hours: the next opening'],
    ['2027-03-02 10:00', 0, '2027-03-02 10:00', 'zero hours while open: now'],
    ['2027-03-01 09:00', 40, '2027-03-08 16:00', 'a week of work (34 h from Monday 9:00 to Friday)'],
    // Spring change (Sunday 28 March 2027) and Easter Monday (29 March) in the same weekend.
    ['2027-03-26 16:00', 4, '2027-03-30 12:00', 'Friday before the change → Tuesday, Easter Monday skipped'],
    ['2027-03-26 16:00', 5, '2027-03-30 14:30', ''],
    // Autumn change (Sunday 31 October 2027) and Toussaint (Monday 1 November).
    ['2027-10-29 16:00', 4, '2027-11-02 12:00', 'Friday before the change → Tuesday, Toussaint skipped'],
    ['2027-10-28 16:00', 4, '2027-10-29 11:30', 'Thursday → Friday, both in summer time'],
    ['2027-05-05 16:00', 2, '2027-05-07 09:30', 'Ascension (Thursday) skipped'],
    ['2027-07-13 16:30', 1, '2027-07-15 09:00', '14 July (Wednesday) skipped'],
  ])('%s + %s h → %s (%s)', (from, hours, due) => {
    expect(local(addWorkingHours(uts, 'aspi', paris(from), hours))).toBe(due);
  });

  it('skips a closure', () => {
    const flow = flowWith((s) => {
      s.closures = [{ from: '2027-08-02', to: '2027-08-06', reason: 'Formation' }];
    });
    expect(local(addWorkingHours(flow, 'aspi', paris('2027-07-30 16:00'), 4))).toBe('2027-08-09 12:00');
  });

  it('counts real elapsed time in a range crossing a change of time', () => {
    // Open on Sunday nights, across the hour that is skipped in March and repeated in October.
    const night = flowWith((s) => {
      s.hours = { 7: [{ from: '01:00', to: '04:00' }] };
    });
    // 28 March: 02:00 becomes 03:00, the range lasts 2 hours.
    expect(local(addWorkingHours(night, 'aspi', paris('2027-03-28 01:00'), 2))).toBe('2027-03-28 04:00');
    expect(local(addWorkingHours(night, 'aspi', paris('2027-03-28 01:00'), 2.5))).toBe('2027-04-04 01:30');
    // 31 October: 03:00 becomes 02:00 again, the range lasts 4 hours.
    const due = addWorkingHours(night, 'aspi', paris('2027-10-31 01:00'), 4);
    expect(local(due)).toBe('2027-10-31 04:00');
    expect(due.toISOString()).toBe('2027-10-31T03:00:00.000Z');
  });

  it('follows the operator service when no service is named, else the first service', () => {
    const flow = flowWith((_, f) => {
      f.services[2]!.hours = { 1: [{ from: '14:00', to: '15:00' }] }; // pole-accueil, the operator
    });
    expect(local(addWorkingHours(flow, null, paris('2027-03-02 10:00'), 1))).toBe('2027-03-08 15:00');
    delete flow.operatorService;
    expect(local(addWorkingHours(flow, null, paris('2027-03-02 10:00'), 1))).toBe('2027-03-02 11:00');
    expect(local(addWorkingHours(flow, 'inconnu', paris('2027-03-02 10:00'), 1))).toBe('2027-03-02 11:00');
  });

  it('gives clock hours for a service that never opens, so a ticket always has a due time', () => {
    const flow = flowWith((s) => {
      s.hours = {};
    });
    expect(local(addWorkingHours(flow, 'aspi', paris('2027-03-02 10:00'), 4))).toBe('2027-03-02 14:00');
  });
});

describe('nextOpening', () => {
  it.each([
    ['2027-03-02 10:00', '2027-03-02 10:00'],
    ['2027-03-02 12:10', '2027-03-02 13:30'],
    ['2027-03-05 16:45', '2027-03-08 08:30'],
    ['2027-03-26 17:00', '2027-03-30 08:30'],
  ])('%s → %s', (at, expected) => {
    expect(local(nextOpening(uts, aspi, paris(at))!)).toBe(expected);
  });

  it('is null for a service that never opens', () => {
    expect(nextOpening(uts, { ...aspi, hours: {} }, paris('2027-03-02 10:00'))).toBeNull();
  });
});

describe('parisParts', () => {
  it('gives the local day, ISO weekday and minutes', () => {
    expect(parisParts(new Date('2027-03-28T22:30:00Z'))).toEqual({
      day: '2027-03-29',
      weekday: 1,
      minutes: 30,
    });
    expect(parisParts(new Date('2027-03-07T12:00:00Z'))).toEqual({
      day: '2027-03-07',
      weekday: 7,
      minutes: 780,
    });
  });
});
