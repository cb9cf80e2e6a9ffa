import { describe, expect, it } from 'vitest';
import { parseForm } from '../web/forms.ts';
import { journalFilterSchema, journalQuery, nextDay, parisDayStart, parseDay } from './journal-filter.ts';

describe('parseDay', () => {
  it.each([
    ['14/07/2025', '2025-07-14'],
    ['4/7/2025', '2025-07-04'],
    [' 01/01/2026 ', '2026-01-01'],
    ['2025-07-14', '2025-07-14'],
    ['29/02/2024', '2024-02-29'], // leap year
    ['29/02/2025', null],
    ['31/04/2025', null],
    ['2025-13-01', null],
    ['14-07-2025', null],
    ['14/07/25', null],
    ['demain', null],
    ['', null],
  ])('%j → %j', (text, expected) => {
    expect(parseDay(text)).toBe(expected);
  });
});

describe('parisDayStart', () => {
  // Paris is UTC+1 in winter and UTC+2 in summer; it changes at 02:00 → 03:00 (last Sunday of
  // March) and 03:00 → 02:00 (last Sunday of October), so midnight is never skipped nor doubled.
  it.each([
    ['2025-01-15', '2025-01-14T23:00:00.000Z'], // winter
    ['2025-07-14', '2025-07-13T22:00:00.000Z'], // summer
    ['2025-03-30', '2025-03-29T23:00:00.000Z'], // clocks go forward later this day: still winter at midnight
    ['2025-03-31', '2025-03-30T22:00:00.000Z'], // first summer midnight
    ['2025-10-26', '2025-10-25T22:00:00.000Z'], // clocks go back later this day: still summer at midnight
    ['2025-10-27', '2025-10-26T23:00:00.000Z'], // first winter midnight
    ['2024-12-31', '2024-12-30T23:00:00.000Z'],
  ])('%s starts at %s', (day, instant) => {
    expect(parisDayStart(day).toISOString()).toBe(instant);
  });

  it('makes the 23-hour and 25-hour days of clock changes', () => {
    const hours = (day: string) =>
      (parisDayStart(nextDay(day)).getTime() - parisDayStart(day).getTime()) / 3.6e6;
    expect(hours('2025-03-30')).toBe(23);
    expect(hours('2025-10-26')).toBe(25);
    expect(hours('2025-06-01')).toBe(24);
  });
});

describe('nextDay', () => {
  it.each([
    ['2025-01-31', '2025-02-01'],
    ['2024-02-28', '2024-02-29'],
    ['2025-12-31', '2026-01-01'],
  ])('%s → %s', (day, next) => {
    expect(nextDay(day)).toBe(next);
  });
});

describe('journal filter form', () => {
  it('accepts an empty form', () => {
    expect(parseForm(journalFilterSchema, {})).toEqual({
      ok: true,
      data: {
        acteur: undefined,
        action: undefined,
        ressource: undefined,
        identifiant: undefined,
        du: undefined,
        au: undefined,
        avant: undefined,
      },
    });
  });

  it('normalises dates and keeps the cursor', () => {
    const parsed = parseForm(journalFilterSchema, {
      du: '01/03/2025',
      au: '2025-03-31',
      action: 'read',
      avant: '120',
    });
    expect(parsed).toMatchObject({
      ok: true,
      data: { du: '2025-03-01', au: '2025-03-31', action: 'read', avant: 120 },
    });
  });

  it('explains each mistake on its field', () => {
    const parsed = parseForm(journalFilterSchema, { du: '31/02/2025', action: 'pirater', avant: '-3' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.form.errors).toEqual({
      du: 'Saisissez une date au format jj/mm/aaaa, par exemple 14/07/2025.',
      action: 'Choisissez une action de la liste.',
      avant: 'Ce lien de page n’est pas valide : revenez à la première page.',
    });
    expect(parsed.form.values.du).toBe('31/02/2025');
  });

  it('refuses an end before the start', () => {
    const parsed = parseForm(journalFilterSchema, { du: '10/03/2025', au: '09/03/2025' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(Object.keys(parsed.form.errors)).toEqual(['au']);
  });

  it('writes the filter back as a query string', () => {
    expect(journalQuery({})).toBe('');
    expect(journalQuery({ actor: 'a b', from: '2025-03-01' }, { avant: 12 })).toBe(
      '?acteur=a+b&du=2025-03-01&avant=12',
    );
  });
});
