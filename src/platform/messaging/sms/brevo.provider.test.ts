import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../testing/harness.ts';
import type { OutboxMessage } from '../channels.ts';
import { PermanentSendError } from '../channels.ts';
import { brevoProvider, parseBrevoWebhook } from './brevo.provider.ts';
import { type BrevoStandin, brevoSmsEvent, startBrevoStandin } from './brevo-standin.ts';
import { SmsProviderError } from './provider.ts';
import { smsChannel } from './sms.channel.ts';

const API_KEY = 'xkeysib-provider-test-0123456789';
const sms = {
  to: '+33612345678',
  text: 'Votre rendez-vous est confirmé.',
  sender: 'Tremplin',
  unicode: false,
  tag: 'test.confirmation',
  reference: '00000000-0000-4000-8000-000000000001',
};

describe('brevoProvider.send against the local stand-in', () => {
  let brevo: BrevoStandin;
  beforeAll(async () => {
    brevo = await startBrevoStandin({ apiKey: API_KEY });
  });
  afterAll(() => brevo.close());

  it('posts the documented request and returns Brevo’s messageId', async () => {
    const provider = brevoProvider({ apiKey: API_KEY, apiUrl: brevo.apiUrl });
    const result = await provider.send({ ...sms, text: 'Fenêtre 3', unicode: true });
    const request = brevo.requests.at(-1)!;
    expect(result).toEqual({ providerMessageId: String(request.messageId) });
    expect(request.body).toEqual({
      sender: 'Tremplin',
      recipient: '33612345678',
      content: 'Fenêtre 3',
      type: 'transactional',
      unicodeEnabled: true,
      tag: 'test.confirmation',
    });
  });

  it.each([
    // [status, body, permanent, message]
    [
      400,
      { code: 'invalid_parameter', message: 'Invalid phone number' },
      true,
      'Brevo a refusé le SMS (HTTP 400) : invalid_parameter – Invalid phone number',
    ],
    [422, { message: 'Unprocessable' }, true, 'Brevo a refusé le SMS (HTTP 422) : Unprocessable'],
    [402, { code: 'not_enough_credits', message: 'Not enough credits' }, false, 'HTTP 402'],
    [429, { message: 'Too many requests' }, false, 'HTTP 429'],
    [500, 'oops', false, 'HTTP 500'],
    [503, { message: 'Service unavailable' }, false, 'HTTP 503'],
  ])('answers %i → permanent %s', async (status, body, permanent, message) => {
    brevo.failNext(status, body);
    const provider = brevoProvider({ apiKey: API_KEY, apiUrl: brevo.apiUrl });
    const error = await provider.send(sms).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsProviderError);
    expect((error as SmsProviderError).permanent).toBe(permanent);
    expect((error as SmsProviderError).message).toContain(message);
  });

  it('retries on a wrong API key (an administrator fixes it; the SMS is not at fault)', async () => {
    const provider = brevoProvider({ apiKey: 'wrong-key-0123456789abcdef', apiUrl: brevo.apiUrl });
    const error = (await provider.send(sms).catch((e: unknown) => e)) as SmsProviderError;
    expect(error.permanent).toBe(false);
    expect(error.message).toBe('Brevo a refusé le SMS (HTTP 401) : unauthorized – Key not found');
  });

  it('retries when Brevo cannot be reached or does not answer in time', async () => {
    const silent: Server = createServer(() => {}); // takes the request, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const slow = brevoProvider({ apiKey: API_KEY, apiUrl: `http://127.0.0.1:${port}/v3`, timeoutMs: 200 });
      const timeout = (await slow.send(sms).catch((e: unknown) => e)) as SmsProviderError;
      expect(timeout).toBeInstanceOf(SmsProviderError);
      expect(timeout.permanent).toBe(false);
      expect(timeout.message).toMatch(/^Brevo injoignable/);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
    const closed = brevoProvider({ apiKey: API_KEY, apiUrl: `http://127.0.0.1:${port}/v3` });
    const refused = (await closed.send(sms).catch((e: unknown) => e)) as SmsProviderError;
    expect(refused.permanent).toBe(false);
  });
});

describe('smsChannel.send maps provider refusals to the outbox', () => {
  let brevo: BrevoStandin;
  beforeAll(async () => {
    brevo = await startBrevoStandin({ apiKey: API_KEY });
  });
  afterAll(() => brevo.close());

  const channel = () =>
    smsChannel(
      testConfig({
        SMS_PROVIDER: 'brevo',
        BREVO_API_KEY: API_KEY,
        BREVO_API_URL: brevo.apiUrl,
        SMS_WEBHOOK_SECRET: 'a'.repeat(32),
      }),
    );
  const message = {
    id: sms.reference,
    template: 'test.confirmation',
    recipientNormalised: '+33612345678',
  } as OutboxMessage;

  it('sends the normalised text, in UCS-2 only when it needs it', async () => {
    await expect(channel().send(message, { text: 'RDV à l’accueil' })).resolves.toMatchObject({
      provider: 'brevo',
    });
    expect(brevo.requests.at(-1)!.body).toMatchObject({ content: "RDV à l'accueil", unicodeEnabled: false });
    await channel().send(message, { text: 'RDV à l’hôtel' });
    expect(brevo.requests.at(-1)!.body).toMatchObject({ content: "RDV à l'hôtel", unicodeEnabled: true });
  });

  it('turns a 400 into a permanent failure and a 503 into a retry', async () => {
    brevo.failNext(400, { code: 'invalid_parameter', message: 'Invalid phone number' });
    await expect(channel().send(message, { text: 'x' })).rejects.toBeInstanceOf(PermanentSendError);
    brevo.failNext(503, { message: 'unavailable' });
    const retry = await channel()
      .send(message, { text: 'x' })
      .catch((e: unknown) => e);
    expect(retry).toBeInstanceOf(SmsProviderError);
    expect(retry).not.toBeInstanceOf(PermanentSendError);
  });
});

describe('smsChannel.prepare', () => {
  const now = new Date('2025-01-14T09:00:00Z');
  const development = smsChannel(testConfig());

  it.each([
    ['Bonjour', '06 12 34 56 78', { ok: true, normalised: '+33612345678', segments: 1 }],
    ['x'.repeat(161), '06 12 34 56 78', { ok: true, normalised: '+33612345678', segments: 2 }],
    ['x'.repeat(1530), '06 12 34 56 78', { ok: true, normalised: '+33612345678', segments: 10 }],
    [
      'x'.repeat(1531),
      '06 12 34 56 78',
      { ok: false, reason: 'SMS trop long : 11 SMS par envoi (10 au plus)' },
    ],
    ['   ', '06 12 34 56 78', { ok: false, reason: 'le texte du SMS est vide' }],
    [
      'Bonjour',
      '04 94 00 00 00',
      { ok: false, reason: 'numéro de ligne fixe : « 04 94 00 00 00 » ne peut pas recevoir de SMS' },
    ],
  ])('%j to %s', (text, recipient, expected) => {
    expect(development.prepare({ recipient, content: { text }, urgent: false, now })).toEqual(expected);
  });

  it('holds non-urgent SMS in quiet hours, not urgent ones', () => {
    const evening = new Date('2025-01-14T20:00:00Z');
    expect(
      development.prepare({ recipient: '0612345678', content: { text: 'x' }, urgent: false, now: evening }),
    ).toEqual({
      ok: true,
      normalised: '+33612345678',
      segments: 1,
      startAfter: new Date('2025-01-15T07:00:00Z'),
    });
    expect(
      development.prepare({ recipient: '0612345678', content: { text: 'x' }, urgent: true, now: evening }),
    ).toEqual({
      ok: true,
      normalised: '+33612345678',
      segments: 1,
    });
  });

  it('refuses every SMS in production when no provider is configured, rather than pretending', () => {
    const production = smsChannel(
      testConfig({
        NODE_ENV: 'production',
        SECRET_KEY: 'k'.repeat(40),
        SMTP_URL: 'smtp://127.0.0.1:2525',
      }),
    );
    expect(
      production.prepare({ recipient: '0612345678', content: { text: 'x' }, urgent: false, now }),
    ).toEqual({
      ok: false,
      reason:
        'l’envoi de SMS n’est pas configuré sur cette plateforme (SMS_PROVIDER) : ce SMS ne partira pas',
    });
  });
});

describe('parseBrevoWebhook', () => {
  it.each([
    [
      'delivered',
      brevoSmsEvent({ to: '33612345678', messageId: 1511882900176220, msg_status: 'delivered' }),
      [{ kind: 'delivered', providerMessageId: '1511882900176220' }],
    ],
    [
      'delivered, id written message_id',
      { to: '33612345678', message_id: 77, msg_status: 'delivered' },
      [{ kind: 'delivered', providerMessageId: '77' }],
    ],
    [
      'hard bounce',
      { to: '33612345678', messageId: 5, msg_status: 'hard_bounce', description: 'unknown subscriber' },
      [
        {
          kind: 'failed',
          providerMessageId: '5',
          reason: 'non distribué : numéro inexistant ou qui ne reçoit pas de SMS (unknown subscriber)',
        },
      ],
    ],
    [
      'soft bounce (final: validity expired)',
      { to: '33612345678', messageId: 6, msg_status: 'soft_bounce' },
      [
        {
          kind: 'failed',
          providerMessageId: '6',
          reason: 'non distribué par l’opérateur (téléphone éteint ou injoignable trop longtemps)',
        },
      ],
    ],
    [
      'event named as in the event list',
      { to: '33612345678', messageId: 7, event: 'hardBounce' },
      [
        {
          kind: 'failed',
          providerMessageId: '7',
          reason: 'non distribué : numéro inexistant ou qui ne reçoit pas de SMS',
        },
      ],
    ],
    [
      'blacklisted',
      { to: '33612345678', messageId: 8, msg_status: 'blacklisted' },
      [
        {
          kind: 'failed',
          providerMessageId: '8',
          reason: 'bloqué par le fournisseur (numéro sur liste d’exclusion)',
        },
      ],
    ],
    [
      'unsubscribe',
      { to: '33612345678', msg_status: 'unsubscribe' },
      [{ kind: 'opted_out', phone: '+33612345678', source: 'brevo:unsubscribe' }],
    ],
    [
      'reply STOP',
      { to: '590690123456', msg_status: 'reply', reply: ' STOP ' },
      [{ kind: 'opted_out', phone: '+590690123456', source: 'brevo:STOP' }],
    ],
    [
      'reply "Stop SMS"',
      { to: '33612345678', msg_status: 'replied', reply: 'Stop SMS' },
      [{ kind: 'opted_out', phone: '+33612345678', source: 'brevo:STOP' }],
    ],
    [
      'reply "Arrêt"',
      { to: '33612345678', msg_status: 'reply', reply: 'Arrêt' },
      [{ kind: 'opted_out', phone: '+33612345678', source: 'brevo:STOP' }],
    ],
    ['another reply', { to: '33612345678', msg_status: 'reply', reply: 'Je serai en retard' }, []],
    ['"stopper" is not STOP', { to: '33612345678', msg_status: 'reply', reply: 'stopper le bus ?' }, []],
    ['sent (nothing to do)', { to: '33612345678', messageId: 9, msg_status: 'sent' }, []],
    ['accepted', { to: '33612345678', messageId: 9, msg_status: 'accepted' }, []],
    ['delivered without an id', { to: '33612345678', msg_status: 'delivered' }, []],
    ['unsubscribe without a usable number', { to: 'abc', msg_status: 'unsubscribe' }, []],
    ['not an object', 'hello', []],
    ['null', null, []],
  ])('%s', (_case, body, expected) => {
    expect(parseBrevoWebhook(body)).toEqual(expected);
  });

  it('reads batched webhooks (an array of events)', () => {
    expect(
      parseBrevoWebhook([
        { to: '33612345678', messageId: 1, msg_status: 'delivered' },
        { to: '33612345679', messageId: 2, msg_status: 'sent' },
        { to: '33612345679', msg_status: 'unsubscribe' },
      ]),
    ).toEqual([
      { kind: 'delivered', providerMessageId: '1' },
      { kind: 'opted_out', phone: '+33612345679', source: 'brevo:unsubscribe' },
    ]);
  });
});
