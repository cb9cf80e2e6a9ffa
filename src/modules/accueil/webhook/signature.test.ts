import { describe, expect, it } from 'vitest';
import { isValidTwilioSignature, twilioSignature } from './signature.ts';

// The worked example of Twilio's « Validating requests » documentation: its older edition used the
// caller +12349013030, the newer one +14158675310; the URL, token and other parameters are the same.
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const TOKEN = '12345';
const documented = (caller: string) => ({
  CallSid: 'CA1234567890ABCDE',
  Caller: caller,
  Digits: '1234',
  From: caller,
  To: '+18005551212',
});

describe('X-Twilio-Signature', () => {
  it.each([
    ['+12349013030', '0/KCTR6DLpKmkAf8muzZqo1nDgQ='],
    ['+14158675310', 'GvWf1cFY/Q7PnoempGyD5oXAezc='],
  ])('matches the documented example with caller %s', (caller, signature) => {
    expect(twilioSignature(TOKEN, URL, documented(caller))).toBe(signature);
    expect(isValidTwilioSignature(TOKEN, URL, documented(caller), signature)).toBe(true);
  });

  it('does not depend on the order the parameters came in', () => {
    const params = documented('+12349013030');
    const reversed = Object.fromEntries(Object.entries(params).reverse());
    expect(twilioSignature(TOKEN, URL, reversed)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('refuses a missing header, another secret, another URL, a changed or added parameter', () => {
    const params = documented('+12349013030');
    const good = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';
    expect(isValidTwilioSignature(TOKEN, URL, params, undefined)).toBe(false);
    expect(isValidTwilioSignature(TOKEN, URL, params, '')).toBe(false);
    expect(isValidTwilioSignature('54321', URL, params, good)).toBe(false);
    expect(isValidTwilioSignature(TOKEN, 'http://mycompany.com/myapp.php?foo=1&bar=2', params, good)).toBe(
      false,
    );
    expect(isValidTwilioSignature(TOKEN, URL, { ...params, Digits: '1235' }, good)).toBe(false);
    expect(isValidTwilioSignature(TOKEN, URL, { ...params, Extra: '' }, good)).toBe(false);
    expect(isValidTwilioSignature(TOKEN, URL, params, `${good}=`)).toBe(false);
  });

  it('signs each value of a repeated parameter', () => {
    const one = twilioSignature('s', 'https://x.fr/a', { A: ['2', '1'] });
    expect(one).toBe(twilioSignature('s', 'https://x.fr/a', { A: ['1', '2'] }));
    expect(one).not.toBe(twilioSignature('s', 'https://x.fr/a', { A: '12' }));
  });
});
