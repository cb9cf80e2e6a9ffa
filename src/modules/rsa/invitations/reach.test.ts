import { describe, expect, it } from 'vitest';
import { invitationTimes, nextReminderAt, postalAddressOf, reachOf } from './reach.ts';

const person = {
  firstName: 'Sophie',
  lastName: 'Martin',
  phone: '+33612345678',
  email: 'sophie@exemple.fr',
  address: '12 avenue de la République',
  postalCode: '83500',
  communeName: 'La Seyne-sur-Mer',
};

describe('reachOf', () => {
  it.each([
    ['auto, mobile', person, 'auto', 'sms'],
    ['auto, landline: email', { ...person, phone: '+33494000000' }, 'auto', 'email'],
    ['auto, no phone: email', { ...person, phone: null }, 'auto', 'email'],
    ['auto, neither: letter', { ...person, phone: null, email: null }, 'auto', 'letter'],
    ['letter asked with a phone', person, 'letter', 'letter'],
    ['email asked', person, 'email', 'email'],
  ] as const)('%s', (_, who, choice, channel) => {
    const reach = reachOf(who, choice);
    expect(reach.ok && reach.channel).toBe(channel);
  });

  it.each([
    ['sms without phone', { ...person, phone: null }, 'sms', 'pas de numéro de téléphone'],
    ['sms to a landline', { ...person, phone: '+33494000000' }, 'sms', 'SMS impossible'],
    ['email without one', { ...person, email: null }, 'email', 'pas d’adresse électronique'],
    ['letter without address', { ...person, address: null }, 'letter', 'adresse postale'],
    [
      'auto with nothing usable',
      { ...person, phone: null, email: null, postalCode: null },
      'auto',
      'ni téléphone portable, ni courriel, ni adresse postale complète',
    ],
  ] as const)('refused: %s', (_, who, choice, reason) => {
    const reach = reachOf(who, choice);
    expect(reach.ok).toBe(false);
    expect(!reach.ok && reach.reason).toContain(reason);
  });

  it('writes the address for a window envelope: name in capitals, street, postal code and commune', () => {
    expect(postalAddressOf({ ...person, address: 'Résidence Les Pins\n3 rue Vauban' })).toBe(
      'Sophie MARTIN\nRésidence Les Pins\n3 rue Vauban\n83500 La Seyne-sur-Mer',
    );
    const reach = reachOf({ ...person, phone: null, email: null }, 'auto');
    expect(reach.ok && reach.recipient).toBe(
      'Sophie MARTIN\n12 avenue de la République\n83500 La Seyne-sur-Mer',
    );
  });
});

describe('invitationTimes', () => {
  it.each([
    // Winter: Paris is UTC+1, the end of 12 March is 23:00 UTC.
    ['2030-03-02T09:15:00Z', 10, '2030-03-12', '2030-03-12T23:00:00.000Z'],
    // Sent late in the evening in Paris (already the next day there).
    ['2030-03-02T23:30:00Z', 10, '2030-03-13', '2030-03-13T23:00:00.000Z'],
    // Across the change to summer time (30 March 2030): the end of 5 April is 22:00 UTC.
    ['2030-03-26T09:00:00Z', 10, '2030-04-05', '2030-04-05T22:00:00.000Z'],
  ])('sent %s, %i days: last day %s, expires %s', (sent, days, lastDay, expires) => {
    const times = invitationTimes(new Date(sent), { validityDays: days });
    expect(times.lastDay).toBe(lastDay);
    expect(times.expiresAt.toISOString()).toBe(expires);
  });
});

describe('nextReminderAt', () => {
  const sent = new Date('2030-03-26T09:00:00Z'); // 10:00 in Paris, winter time
  const { expiresAt } = invitationTimes(sent, { validityDays: 10 });
  it('J+3, then J+7 at the same local time (summer time by then), then none', () => {
    expect(nextReminderAt(sent, [3, 7], 0, expiresAt)?.toISOString()).toBe('2030-03-29T09:00:00.000Z');
    expect(nextReminderAt(sent, [7, 3], 1, expiresAt)?.toISOString()).toBe('2030-04-02T08:00:00.000Z');
    expect(nextReminderAt(sent, [3, 7], 2, expiresAt)).toBeNull();
  });
  it('none after the expiry', () => {
    const short = invitationTimes(sent, { validityDays: 5 }).expiresAt;
    expect(nextReminderAt(sent, [3, 7], 0, short)).not.toBeNull();
    expect(nextReminderAt(sent, [3, 7], 1, short)).toBeNull();
  });
});
