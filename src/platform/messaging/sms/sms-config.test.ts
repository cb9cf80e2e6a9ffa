import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';

const base = { NODE_ENV: 'test', BASE_URL: 'http://localhost:3000' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...base, ...env });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('SMS configuration', () => {
  it('sends nothing by default, as "Tremplin"', () => {
    expect(loadConfig(base).sms).toEqual({
      provider: 'none',
      sender: 'Tremplin',
      brevo: undefined,
      webhookSecret: undefined,
    });
  });

  it('configures Brevo with its real address unless told otherwise', () => {
    const secret = 'x'.repeat(40);
    expect(
      loadConfig({
        ...base,
        SMS_PROVIDER: 'brevo',
        BREVO_API_KEY: 'xkeysib-0123456789abcdef',
        SMS_WEBHOOK_SECRET: secret,
      }).sms,
    ).toEqual({
      provider: 'brevo',
      sender: 'Tremplin',
      brevo: { apiKey: 'xkeysib-0123456789abcdef', apiUrl: 'https://api.brevo.com/v3' },
      webhookSecret: secret,
    });
  });

  it.each([
    ['CD83'],
    ['Tremplin'],
    ['MairiePau64'], // 11 characters
    ['RSA'],
  ])('accepts the sender name %j', (sender) => {
    expect(loadConfig({ ...base, SMS_SENDER: sender }).sms.sender).toBe(sender);
  });

  const senderMessage =
    'doit faire de 3 à 11 caractères, lettres sans accent ou chiffres, sans espace, dont au moins une lettre (par exemple Tremplin ou CD83)';
  it.each([
    ['Département du Var'], // too long, spaces, accent
    ['MairieDePau1'], // 12 characters
    ['Var83!'],
    ['Hérault'],
    ['83'],
    ['12345678'], // digits only: not an alphanumeric sender ID
  ])('refuses the sender name %j with a French message', (sender) => {
    expect(problems({ SMS_SENDER: sender })).toEqual([
      `SMS_SENDER=${JSON.stringify(sender)} : ${senderMessage}`,
    ]);
  });

  it.each([
    [{ SMS_PROVIDER: 'twilio' }, ['SMS_PROVIDER="twilio" : doit valoir none ou brevo']],
    [
      { SMS_PROVIDER: 'brevo' },
      [
        'SMS_PROVIDER=brevo demande BREVO_API_KEY (la clé d’API du compte Brevo)',
        'SMS_PROVIDER=brevo demande SMS_WEBHOOK_SECRET (au moins 32 caractères), pour recevoir les accusés de réception et les STOP',
      ],
    ],
    [
      { SMS_PROVIDER: 'brevo', BREVO_API_KEY: 'xkeysib-0123456789abcdef', SMS_WEBHOOK_SECRET: 'court' },
      ['SMS_WEBHOOK_SECRET="court" : doit faire au moins 32 caractères'],
    ],
    [
      { SMS_WEBHOOK_SECRET: `${'x'.repeat(32)}/?` },
      [
        `SMS_WEBHOOK_SECRET="${'x'.repeat(32)}/?" : lettres, chiffres, - et _ seulement : il fait partie d’une adresse web`,
      ],
    ],
    [
      { BREVO_API_URL: 'api.brevo.com' },
      ['BREVO_API_URL="api.brevo.com" : doit être une URL complète, par exemple https://api.brevo.com/v3'],
    ],
  ])('refuses %j', (env, expected) => {
    expect(problems(env)).toEqual(expected);
  });
});
