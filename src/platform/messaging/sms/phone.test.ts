import { describe, expect, it } from 'vitest';
import { checkMobileNumber, e164FromProvider } from './phone.ts';

describe('checkMobileNumber', () => {
  it.each([
    // metropolitan mobiles, however they are written
    ['06 12 34 56 78', '+33612345678', 'FR', 'Europe/Paris'],
    ['0612345678', '+33612345678', 'FR', 'Europe/Paris'],
    ['06.12.34.56.78', '+33612345678', 'FR', 'Europe/Paris'],
    ['06-12-34-56-78', '+33612345678', 'FR', 'Europe/Paris'],
    ['07 56 12 34 56', '+33756123456', 'FR', 'Europe/Paris'],
    ['+33 6 12 34 56 78', '+33612345678', 'FR', 'Europe/Paris'],
    ['+33 (0)6 12 34 56 78', '+33612345678', 'FR', 'Europe/Paris'],
    ['0033 6 12 34 56 78', '+33612345678', 'FR', 'Europe/Paris'],
    [' 06 12 34 56 78 ', '+33612345678', 'FR', 'Europe/Paris'],
    ['06\u00a012\u00a034\u00a056\u00a078', '+33612345678', 'FR', 'Europe/Paris'],
    // overseas mobiles in national format belong to their département
    ['0690 12 34 56', '+590690123456', 'GP', 'America/Guadeloupe'],
    ['0691 22 12 34', '+590691221234', 'GP', 'America/Guadeloupe'],
    ['0696 20 12 34', '+596696201234', 'MQ', 'America/Martinique'],
    ['0697 12 34 56', '+596697123456', 'MQ', 'America/Martinique'],
    ['0694 20 12 34', '+594694201234', 'GF', 'America/Cayenne'],
    ['0692 12 34 56', '+262692123456', 'RE', 'Indian/Reunion'],
    ['0693 12 34 56', '+262693123456', 'RE', 'Indian/Reunion'],
    ['0639 69 12 34', '+262639691234', 'YT', 'Indian/Mayotte'],
    // … and in international format
    ['+590 690 12 34 56', '+590690123456', 'GP', 'America/Guadeloupe'],
    ['+596 696 20 12 34', '+596696201234', 'MQ', 'America/Martinique'],
    ['+262 692 12 34 56', '+262692123456', 'RE', 'Indian/Reunion'],
    ['+262 639 69 12 34', '+262639691234', 'YT', 'Indian/Mayotte'],
    // a Guadeloupe mobile written with +33 is understood
    ['+33 6 90 12 34 56', '+590690123456', 'GP', 'America/Guadeloupe'],
    ['+33 6 92 12 34 56', '+262692123456', 'RE', 'Indian/Reunion'],
  ])('accepts %j as %s (%s)', (input, e164, region, timeZone) => {
    expect(checkMobileNumber(input)).toEqual({ ok: true, e164, region, timeZone });
  });

  it.each([
    ['01 23 45 67 89', 'numéro de ligne fixe : « 01 23 45 67 89 » ne peut pas recevoir de SMS'],
    ['04 94 12 34 56', 'numéro de ligne fixe : « 04 94 12 34 56 » ne peut pas recevoir de SMS'],
    ['0590 12 34 56', 'numéro de ligne fixe : « 0590 12 34 56 » ne peut pas recevoir de SMS'],
    ['0262 12 34 56', 'numéro de ligne fixe : « 0262 12 34 56 » ne peut pas recevoir de SMS'],
    ['09 51 23 45 67', 'numéro de box internet (09) : « 09 51 23 45 67 » ne peut pas recevoir de SMS'],
    ['0800 12 34 56', 'numéro spécial : « 0800 12 34 56 » ne peut pas recevoir de SMS'],
    [
      '+32 470 12 34 56',
      'numéro étranger (+32) : les SMS ne partent que vers les mobiles de France et d’outre-mer',
    ],
    ['06 12 34 56', 'numéro de téléphone invalide : « 06 12 34 56 »'],
    ['07 12 34 56 78', 'numéro de téléphone invalide : « 07 12 34 56 78 »'], // 071 is not allocated
    ['+33 6 12 34 56 78 90', 'numéro de téléphone invalide : « +33 6 12 34 56 78 90 »'],
    ['06 12 34 56 7a', 'numéro de téléphone illisible : « 06 12 34 56 7a » (chiffres seulement)'],
    ['aicha@exemple.fr', 'numéro de téléphone illisible : « aicha@exemple.fr » (chiffres seulement)'],
    ['', 'numéro de téléphone manquant'],
    ['   ', 'numéro de téléphone manquant'],
  ])('refuses %j: %s', (input, reason) => {
    expect(checkMobileNumber(input)).toEqual({ ok: false, reason });
  });
});

describe('e164FromProvider', () => {
  it.each([
    ['33612345678', '+33612345678'],
    ['+33612345678', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['590690123456', '+590690123456'],
    ['262639691234', '+262639691234'],
    ['12', undefined],
    ['', undefined],
  ])('%j → %s', (input, expected) => {
    expect(e164FromProvider(input)).toBe(expected);
  });
});
