import { describe, expect, it } from 'vitest';
import { cutSlots, mergeIntervals, subtractIntervals } from './intervals.ts';

/** Hours of one day as milliseconds: h(9.5) is 09:30. Intervals here are written in hours. */
const h = (hours: number) => hours * 3_600_000;
const iv = (start: number, end: number) => ({ start: h(start), end: h(end) });
const hours = (starts: number[]) => starts.map((s) => s / 3_600_000);

describe('mergeIntervals', () => {
  it.each([
    [[], []],
    [[iv(9, 10)], [iv(9, 10)]],
    [[iv(11, 12), iv(9, 10), iv(9.5, 11)], [iv(9, 12)]],
    [[iv(9, 10), iv(10, 11)], [iv(9, 11)]], // touching
    [
      [iv(9, 10), iv(10.5, 11)],
      [iv(9, 10), iv(10.5, 11)],
    ],
    [[iv(9, 12), iv(10, 11)], [iv(9, 12)]], // inside
  ])('%j → %j', (input, expected) => {
    expect(mergeIntervals(input)).toEqual(expected);
  });
});

describe('subtractIntervals', () => {
  it.each([
    [[iv(8, 12)], [iv(9, 10), iv(11.5, 13)], [iv(8, 9), iv(10, 11.5)]],
    [[iv(8, 12)], [], [iv(8, 12)]],
    [[iv(8, 12)], [iv(7, 13)], []],
    [[iv(8, 12), iv(14, 17)], [iv(11, 15)], [iv(8, 11), iv(15, 17)]],
    [[iv(8, 12)], [iv(12, 13), iv(6, 8)], [iv(8, 12)]], // touching only
  ])('%j − %j → %j', (free, busy, expected) => {
    expect(subtractIntervals(free, busy)).toEqual(expected);
  });
});

describe('cutSlots', () => {
  const base = { durationMs: h(0.75), bufferMs: 0, earliest: 0, latest: h(24) };

  it.each([
    [
      'a free opening: every 45 minutes from its start, the last ending at its end',
      [],
      base,
      [9, 9.75, 10.5, 11.25],
    ],
    ['an appointment 10:30–11:15 takes its slot', [iv(10.5, 11.25)], base, [9, 9.75, 11.25]],
    [
      'a 15-minute buffer: 09:45 would run into 10:30, refused',
      [iv(10.5, 11.25)],
      { ...base, bufferMs: h(0.25) },
      [9, 11.25],
    ],
    [
      'the buffer may run past the opening’s end when nothing follows',
      [],
      { ...base, bufferMs: h(0.25) },
      [9, 9.75, 10.5, 11.25],
    ],
    [
      'but not into an appointment right after the opening',
      [iv(12, 12.5)],
      { ...base, bufferMs: h(0.25) },
      [9, 9.75, 10.5],
    ],
    ['an appointment off the grid takes both slots it touches', [iv(9.5, 10)], base, [10.5, 11.25]],
    ['an absence all morning takes everything', [iv(0, 13)], base, []],
    ['blocked time before the opening changes nothing', [iv(7, 9)], base, [9, 9.75, 10.5, 11.25]],
    ['earliest 10:00: the grid stays aligned on 09:00', [], { ...base, earliest: h(10) }, [10.5, 11.25]],
    ['earliest on a slot start keeps it', [], { ...base, earliest: h(9.75) }, [9.75, 10.5, 11.25]],
    ['latest 10:30: nothing starts at or after it', [], { ...base, latest: h(10.5) }, [9, 9.75]],
  ])('%s', (_, blocked, options, expected) => {
    expect(hours(cutSlots(iv(9, 12), blocked, options))).toEqual(expected);
  });
});
