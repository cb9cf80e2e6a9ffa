import { describe, expect, it } from 'vitest';
import { formatPhone, normaliseTransferTarget, readPhoneNumber } from './phone.ts';

describe('transfer targets', () => {
  it.each([
    ['04 94 12 34 56', '+33494123456'],
    ['04.94.12.34.56', '+33494123456'],
    ['0494123456', '+33494123456'],
    ['+33 4 94 12 34 56', '+33494123456'],
    ['0033 4 94 12 34 56', '+33494123456'],
    ['06 12 34 56 78', '+33612345678'],
    ['sip:aspi@10.0.0.5', 'sip:aspi@10.0.0.5'],
    ['SIP:aspi@127.0.0.1:5091', 'sip:aspi@127.0.0.1:5091'],
    ['sips:accueil@pbx.example.fr:5061;transport=tls', 'sips:accueil@pbx.example.fr:5061;transport=tls'],
  ])('%s → %s', (typed, stored) => {
    expect(normaliseTransferTarget(typed)).toEqual({ ok: true, value: stored });
  });

  it.each(['', '04 94', '12', 'aspi', 'sip:', 'sip:a b@host', '04 94 12 34 5x'])(
    'refuses « %s »',
    (typed) => {
      expect(normaliseTransferTarget(typed).ok).toBe(false);
    },
  );

  it('reads numbers the French way and shows them nationally', () => {
    expect(readPhoneNumber('06 12 34 56 78')).toBe('+33612345678');
    expect(readPhoneNumber('anonymous')).toBeUndefined();
    expect(formatPhone('+33494123456')).toBe('04 94 12 34 56');
    expect(formatPhone('+442079460000')).toBe('+44 20 7946 0000');
    expect(formatPhone('sip:aspi@10.0.0.5')).toBe('sip:aspi@10.0.0.5');
  });
});
