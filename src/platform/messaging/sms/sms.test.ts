import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorking } from '../../jobs/runner.ts';
import { territories } from '../../tenancy/tables.ts';
import { newOrganisation } from '../../testing/factories.ts';
import { startTestApp, type TestContext } from '../../testing/harness.ts';
import { messagingJobs } from '../deliver.job.ts';
import { queueMessage } from '../outbox.service.ts';
import { optOuts, outboxMessages } from '../tables.ts';
import type { MessageTemplate } from '../templates.ts';
import { type BrevoStandin, brevoSmsEvent, startBrevoStandin } from './brevo-standin.ts';

const API_KEY = 'xkeysib-test-0123456789abcdef';
const SECRET = 'webhook-secret-0123456789-abcdefghij';
const WEBHOOK = `/webhooks/sms/brevo/${SECRET}`;

const reminder: MessageTemplate<{ time: string }> = {
  name: 'test.rappel',
  description: 'Rappel de rendez-vous (test)',
  channel: 'sms',
  example: { time: '9 h' },
  render: (data, context) => ({
    // The typographic apostrophe is replaced by ' before counting and sending: one GSM SMS.
    text: `${context.territoryName} : rendez-vous demain à ${data.time} à l’accueil. Répondez STOP pour ne plus recevoir de SMS.`,
  }),
};

/** A weekday morning in Paris (10:00): outside quiet hours, so SMS leave at once. */
const MORNING = new Date('2025-01-14T09:00:00Z');

/** Polls until the workers reach an outcome; the limit only stops a stuck test, it measures nothing. */
async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for the workers');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('SMS through Brevo (local stand-in), delivery receipts and STOP', () => {
  let t: TestContext;
  let brevo: BrevoStandin;
  let organisationId: string;
  let territoryName: string;

  beforeAll(async () => {
    brevo = await startBrevoStandin({ apiKey: API_KEY });
    t = await startTestApp({
      SMS_PROVIDER: 'brevo',
      BREVO_API_KEY: API_KEY,
      BREVO_API_URL: brevo.apiUrl,
      SMS_WEBHOOK_SECRET: SECRET,
      SMS_SENDER: 'CD83',
    });
    t.platform.messaging.templates.register(reminder);
    // Workers check the quiet hours again before sending: they go by the same morning as the queue.
    t.platform.messaging.clock = () => MORNING;
    await startWorking(t.platform, messagingJobs);
    const organisation = await newOrganisation(t.platform.database.db);
    organisationId = organisation.id;
    const [territory] = await t.platform.database.db
      .select({ name: territories.name })
      .from(territories)
      .where(eq(territories.id, organisation.territoryId!));
    territoryName = territory!.name;
  });
  afterAll(async () => {
    await t.close();
    await brevo.close();
  });

  const db = () => t.platform.database.db;
  const queue = (recipient: string, key: string, options: { now?: Date; urgent?: boolean } = {}) =>
    db().transaction((tx) =>
      queueMessage(
        tx,
        t.platform.messaging,
        {
          channel: 'sms',
          template: 'test.rappel',
          recipient,
          data: { time: '9 h' },
          idempotencyKey: key,
          organisationId,
          urgent: options.urgent ?? false,
        },
        options.now ?? MORNING,
      ),
    );
  const messageRow = async (id: string) =>
    (await db().select().from(outboxMessages).where(eq(outboxMessages.id, id)))[0]!;
  /** Raw SQL on either database (PGlite and node-postgres both answer { rows }). */
  const rowsOf = async <T>(query: ReturnType<typeof sql>) =>
    ((await db().execute(query)) as unknown as { rows: T[] }).rows;
  const webhook = (payload: unknown, secret = SECRET) =>
    t.app.inject({
      method: 'POST',
      url: `/webhooks/sms/brevo/${secret}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });

  it('sends the SMS to Brevo exactly as documented, then a delivery receipt marks it delivered', async () => {
    const queued = await queue('06 12 34 56 78', 'test:sms:1');
    expect(queued).toMatchObject({ status: 'queued', recipientNormalised: '+33612345678', segments: 1 });
    expect(queued.nextAttemptAt).toBeNull();

    const sent = await waitFor(async () => {
      const row = await messageRow(queued.id);
      return row.status === 'sent' ? row : undefined;
    });
    expect(brevo.requests).toHaveLength(1);
    const request = brevo.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v3/transactionalSMS/send');
    expect(request.headers['api-key']).toBe(API_KEY);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.accept).toBe('application/json');
    expect(request.body).toEqual({
      sender: 'CD83',
      recipient: '33612345678',
      content: `${territoryName} : rendez-vous demain à 9 h à l'accueil. Répondez STOP pour ne plus recevoir de SMS.`,
      type: 'transactional',
      unicodeEnabled: false,
      tag: 'test.rappel',
    });
    expect(sent).toMatchObject({
      provider: 'brevo',
      providerMessageId: String(request.messageId),
      attempts: 1,
      segments: 1,
    });

    // Brevo calls the webhook: a wrong secret is an unknown page and changes nothing …
    const receipt = brevoSmsEvent({
      to: '33612345678',
      messageId: request.messageId!,
      msg_status: 'delivered',
    });
    const refused = await webhook(receipt, 'not-the-secret-0123456789-abcdefghij');
    expect(refused.statusCode).toBe(404);
    expect((await messageRow(queued.id)).status).toBe('sent');
    // … the right one records the receipt (and again, idempotently).
    const accepted = await webhook(receipt);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'ok', delivered: 1 });
    expect((await messageRow(queued.id)).status).toBe('delivered');
    expect((await webhook(receipt)).json()).toMatchObject({ delivered: 0 });
    expect((await messageRow(queued.id)).status).toBe('delivered');
  });

  it('records a hard bounce from a batched webhook call as failed, with the reason', async () => {
    const queued = await queue('07 56 12 34 56', 'test:sms:bounce');
    const sent = await waitFor(async () => {
      const row = await messageRow(queued.id);
      return row.status === 'sent' ? row : undefined;
    });
    const response = await webhook([
      brevoSmsEvent({ to: '33756123456', messageId: sent.providerMessageId!, msg_status: 'sent' }),
      brevoSmsEvent({
        to: '33756123456',
        messageId: sent.providerMessageId!,
        msg_status: 'hard_bounce',
        description: 'Invalid destination',
      }),
      brevoSmsEvent({ to: '33611111111', messageId: 42, msg_status: 'delivered' }), // not one of ours
    ]);
    expect(response.json()).toMatchObject({ delivered: 0, failed: 1 });
    const failed = await messageRow(queued.id);
    expect(failed.status).toBe('failed');
    expect(failed.statusReason).toContain('numéro inexistant');
    expect(failed.statusReason).toContain('Invalid destination');
  });

  it('honours STOP: the number goes on the opt-out list and the next SMS to it is invalid', async () => {
    const stop = await webhook(
      brevoSmsEvent({ to: '33612345678', messageId: 1, msg_status: 'reply', reply: 'Stop' }),
    );
    expect(stop.json()).toMatchObject({ optedOut: 1 });
    const [optOut] = await db()
      .select()
      .from(optOuts)
      .where(and(eq(optOuts.channel, 'sms'), eq(optOuts.address, '+33612345678')));
    expect(optOut?.source).toBe('brevo:STOP');

    const before = brevo.requests.length;
    const refused = await queue('+33 6 12 34 56 78', 'test:sms:after-stop');
    expect(refused.status).toBe('invalid');
    expect(refused.statusReason).toBe(
      'la personne a demandé à ne plus recevoir de messages (STOP ou désabonnement)',
    );
    // Brevo's own "unsubscribe" event says the same for another number.
    expect(
      (await webhook(brevoSmsEvent({ to: '33756123456', msg_status: 'unsubscribe' }))).json(),
    ).toMatchObject({
      optedOut: 1,
    });
    expect((await queue('07 56 12 34 56', 'test:sms:after-unsubscribe')).status).toBe('invalid');

    // An urgent SMS still goes (queueMessage lets urgent messages through opt-outs).
    const urgent = await queue('06 12 34 56 78', 'test:sms:urgent-after-stop', { urgent: true });
    expect(urgent.status).toBe('queued');
    await waitFor(async () => ((await messageRow(urgent.id)).status === 'sent' ? true : undefined));
    expect(brevo.requests.length).toBe(before + 1);
  });

  it('holds an SMS written at 21:00 until 08:00 next morning, in the recipient’s own time zone', async () => {
    const year = new Date().getUTCFullYear() + 1; // in the future, so that the held job does not run now
    const evening = new Date(Date.UTC(year, 0, 14, 20, 0)); // 21:00 in Paris (winter, UTC+1)
    const paris = await queue('06 98 76 54 32', 'test:sms:held-paris', { now: evening });
    expect(paris.status).toBe('queued');
    expect(paris.nextAttemptAt?.toISOString()).toBe(new Date(Date.UTC(year, 0, 15, 7, 0)).toISOString());

    // 16:00 UTC is 20:00 in La Réunion (UTC+4): held until 08:00 there, 04:00 UTC.
    const reunion = await queue('0692 12 34 56', 'test:sms:held-reunion', {
      now: new Date(Date.UTC(year, 0, 14, 16, 0)),
    });
    expect(reunion.nextAttemptAt?.toISOString()).toBe(new Date(Date.UTC(year, 0, 15, 4, 0)).toISOString());

    // The delivery job waits for the same instant in the queue.
    const jobs = await rowsOf<{ message_id: string; start_after: Date | string }>(
      sql`select data->>'messageId' as message_id, start_after from pgboss.job
          where name = 'messaging.deliver' and data->>'messageId' in (${paris.id}, ${reunion.id})`,
    );
    const startAfter = Object.fromEntries(
      jobs.map((row) => [row.message_id, new Date(row.start_after).toISOString()]),
    );
    expect(startAfter).toEqual({
      [paris.id]: paris.nextAttemptAt!.toISOString(),
      [reunion.id]: reunion.nextAttemptAt!.toISOString(),
    });

    // Urgent SMS ignore the quiet hours.
    const urgent = await queue('06 98 76 54 33', 'test:sms:urgent-evening', { now: evening, urgent: true });
    expect(urgent.nextAttemptAt).toBeNull();
    await waitFor(async () => ((await messageRow(urgent.id)).status === 'sent' ? true : undefined));

    // A STOP from a held SMS's number cancels it before morning.
    await webhook(brevoSmsEvent({ to: '33698765432', msg_status: 'unsubscribe' }));
    const cancelled = await messageRow(paris.id);
    expect(cancelled.status).toBe('invalid');
    expect(cancelled.statusReason).toContain('ne plus recevoir');
  });

  it('holds again at sending time an SMS that reaches a worker during the quiet hours (a late retry)', async () => {
    const before = brevo.requests.length;
    // Queued in the morning, so it may leave at once, but the worker only gets to it at 21:30 Paris time
    // (a day far ahead, so that the job put back for 08:00 does not come due during this test run).
    t.platform.messaging.clock = () => new Date('2099-01-14T20:30:00Z');
    try {
      const queued = await queue('06 22 33 44 55', 'test:sms:late');
      const held = await waitFor(async () => {
        const row = await messageRow(queued.id);
        return row.statusReason?.includes('heures calmes') ? row : undefined;
      });
      expect(held).toMatchObject({ status: 'queued', attempts: 0 });
      expect(held.nextAttemptAt?.toISOString()).toBe('2099-01-15T07:00:00.000Z'); // 08:00 in Paris
      const [job] = await rowsOf<{ start_after: Date }>(
        sql`select start_after from pgboss.job where name = 'messaging.deliver' and data->>'messageId' = ${queued.id} and state = 'created'`,
      );
      expect(new Date(job!.start_after).toISOString()).toBe('2099-01-15T07:00:00.000Z');
      expect(brevo.requests.length).toBe(before);
    } finally {
      t.platform.messaging.clock = () => MORNING;
    }
  });

  it('never sends an invalid number to Brevo: the message is invalid with its reason', async () => {
    const before = brevo.requests.length;
    const landline = await queue('01 23 45 67 89', 'test:sms:landline');
    expect(landline).toMatchObject({
      status: 'invalid',
      statusReason: 'numéro de ligne fixe : « 01 23 45 67 89 » ne peut pas recevoir de SMS',
      recipientNormalised: null,
    });
    const typo = await queue('06 12 34 56', 'test:sms:typo');
    expect(typo.statusReason).toBe('numéro de téléphone invalide : « 06 12 34 56 »');
    const jobs = await rowsOf(
      sql`select 1 from pgboss.job where data->>'messageId' in (${landline.id}, ${typo.id})`,
    );
    expect(jobs).toHaveLength(0);

    // A number Brevo itself refuses (HTTP 400) fails at once, without retries.
    brevo.failNext(400, { code: 'invalid_parameter', message: 'Invalid phone number' });
    const refused = await queue('06 55 44 33 22', 'test:sms:refused-by-brevo');
    const failed = await waitFor(async () => {
      const row = await messageRow(refused.id);
      return row.status === 'failed' ? row : undefined;
    });
    expect(failed.attempts).toBe(1);
    expect(failed.statusReason).toBe(
      'Brevo a refusé le SMS (HTTP 400) : invalid_parameter – Invalid phone number',
    );
    // The landline and the typo never reached the stand-in; only the refused one did.
    expect(brevo.requests.slice(before).map((r) => (r.body as { recipient: string }).recipient)).toEqual([
      '33655443322',
    ]);
  });

  it('ignores webhook calls when the secret is missing from the address', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/webhooks/sms/brevo/',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(response.statusCode).toBe(404);
    expect(WEBHOOK).toContain(SECRET);
  });
});
