import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { queuePolicy } from '../../jobs/registry.ts';
import { startWorking } from '../../jobs/runner.ts';
import { eventually } from '../../testing/eventually.ts';
import { newAgent, signInAs } from '../../testing/factories.ts';
import { submitForm } from '../../testing/forms.ts';
import { startTestApp, type TestContext } from '../../testing/harness.ts';
import { bookAppointment, cancelParticipation } from '../booking.service.ts';
import { addDays, localDay, localInstant } from '../slots/calendar.ts';
import { webhookDeliveries, webhookEndpoints } from '../tables.ts';
import { newBookableSetup, newWebhookEndpoint, testCaller } from '../testing.ts';
import { WEBHOOK_QUEUE, webhookDeliveryJob, webhookJobs } from './delivery.job.ts';
import { verifyWebhookSignature, webhookSignature } from './signature.ts';
import { webhookUrlProblem } from './webhooks.service.ts';

/**
 * Webhooks end to end: a booking queues a delivery in its transaction, the job POSTs it to a real
 * local HTTP server that checks the signature as an integrator would, failures are retried by pg-boss
 * (retry delay shortened to 1 s) and given up after the last retry.
 */

type Received = { headers: IncomingHttpHeaders; body: string; valid: boolean };

/** A receiver on a free port answering each call with the next status of `answers` (then 200). */
async function receiver(secret: () => string, answers: number[] = []) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const valid = verifyWebhookSignature(
        secret(),
        {
          timestamp: request.headers['x-tremplin-timestamp'] as string | undefined,
          signature: request.headers['x-tremplin-signature'] as string | undefined,
        },
        body,
        new Date(),
      );
      received.push({ headers: request.headers, body, valid });
      response.statusCode = valid ? (answers.shift() ?? 200) : 401;
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tremplin`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const day = addDays(localDay(new Date()), 6);
const at = (hour: number) => new Date(localInstant(day, hour * 60));

describe('webhook deliveries', () => {
  let t: TestContext;
  let db: Db;
  const servers: { close(): Promise<void> }[] = [];
  beforeAll(async () => {
    t = await startTestApp({ JOBS_RETRY_DELAY_SECONDS: '1' });
    db = t.platform.database.db;
    await startWorking(t.platform, webhookJobs);
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  afterAll(() => t.close());

  async function organisationWithEndpoint(answers: number[] = []) {
    const setup = await newBookableSetup(db);
    let secret = '';
    const server = await receiver(() => secret, answers);
    servers.push(server);
    const endpoint = await newWebhookEndpoint(db, { organisationId: setup.organisation.id, url: server.url });
    secret = endpoint.secret;
    const book = (hour: number) =>
      bookAppointment(db, t.platform, {
        appointmentTypeId: setup.type.id,
        startsAt: at(hour),
        placeId: setup.place.id,
        citizen: {
          firstName: 'Chloé',
          lastName: 'Bernard',
          email: 'chloe@exemple.fr',
          externalRef: 'rsa:77',
        },
        channel: 'api',
      });
    return { setup, server, endpoint, book };
  }
  const deliveriesOf = (endpointId: string) =>
    db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));

  it('POSTs the event signed; the receiver checks the signature; 2xx marks it delivered', async () => {
    const { server, endpoint, book } = await organisationWithEndpoint();
    const booked = await book(10);
    if (!booked.ok) throw new Error('not booked');
    const [delivery] = await eventually(async () => {
      const rows = await deliveriesOf(endpoint.id);
      return rows[0]?.status === 'delivered' ? rows : undefined;
    });
    expect(delivery).toMatchObject({ event: 'appointment.created', attempts: 1, lastStatusCode: 200 });
    expect(server.received).toHaveLength(1);
    const [call] = server.received;
    expect(call!.valid).toBe(true);
    expect(call!.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-tremplin-event': 'appointment.created',
      'x-tremplin-delivery': delivery!.id,
    });
    expect(call!.headers['x-tremplin-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(JSON.parse(call!.body)).toMatchObject({
      event: 'appointment.created',
      occurredAt: expect.any(String),
      data: {
        appointment: { id: booked.appointmentId, startsAt: at(10).toISOString(), cancelledAt: null },
        participant: {
          id: booked.participantId,
          status: 'a_venir',
          citizen: { lastName: 'Bernard', externalRef: 'rsa:77' },
        },
        by: 'api',
      },
    });

    // A cancellation is another event, another delivery.
    await cancelParticipation(db, t.platform, { participantId: booked.participantId, by: 'api' });
    await eventually(async () => (server.received.length === 2 ? true : undefined));
    const cancelled = JSON.parse(server.received[1]!.body);
    expect(cancelled).toMatchObject({
      event: 'appointment.cancelled',
      data: { participant: { status: 'annule' }, appointment: { cancelledAt: expect.any(String) } },
    });
  });

  it('retries a failing endpoint through the job queue: 500, 503, then 200 → delivered after 3 attempts', async () => {
    const { server, endpoint, book } = await organisationWithEndpoint([500, 503]);
    expect((await book(11)).ok).toBe(true);
    const [delivery] = await eventually(
      async () => {
        const rows = await deliveriesOf(endpoint.id);
        return rows[0]?.status === 'delivered' ? rows : undefined;
      },
      { what: 'the third attempt' },
    );
    expect(delivery).toMatchObject({ attempts: 3, lastStatusCode: 200, lastError: null });
    expect(server.received).toHaveLength(3);
    // Every attempt is signed anew, with the same delivery id to deduplicate on.
    expect(server.received.every((r) => r.valid)).toBe(true);
    expect(new Set(server.received.map((r) => r.headers['x-tremplin-delivery']))).toEqual(
      new Set([delivery!.id]),
    );
  });

  it('calls neither disabled endpoints nor those of other organisations', async () => {
    const { server, endpoint, book } = await organisationWithEndpoint();
    const other = await organisationWithEndpoint();
    await db.update(webhookEndpoints).set({ active: false }).where(eq(webhookEndpoints.id, endpoint.id));
    expect((await book(12)).ok).toBe(true);
    expect(await deliveriesOf(endpoint.id)).toEqual([]);
    expect(await deliveriesOf(other.endpoint.id)).toEqual([]);
    expect(server.received).toEqual([]);
  });

  it('marks a delivery failed after the last retry (queue set to 1 retry for the test)', async () => {
    const { boss } = t.platform.messaging;
    await boss.updateQueue(WEBHOOK_QUEUE, {
      name: WEBHOOK_QUEUE,
      ...queuePolicy(t.platform.config.jobTiming),
      ...webhookDeliveryJob.queue,
      retryLimit: 1,
    });
    const { server, endpoint, book } = await organisationWithEndpoint([500, 500, 500, 500]);
    expect((await book(13)).ok).toBe(true);
    const [delivery] = await eventually(
      async () => {
        const rows = await deliveriesOf(endpoint.id);
        return rows[0]?.status === 'failed' ? rows : undefined;
      },
      { what: 'the dead letter' },
    );
    expect(delivery).toMatchObject({ attempts: 2, lastStatusCode: 500, lastError: 'réponse HTTP 500' });
    expect(server.received).toHaveLength(2);
  });
});

describe('webhook signature and addresses', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 and refuses an altered body or an old timestamp', () => {
    const body = '{"event":"appointment.created"}';
    const now = new Date('2030-03-01T10:00:00Z');
    const timestamp = Math.floor(now.getTime() / 1000);
    const signature = webhookSignature('whsec_test', timestamp, body);
    // Computable with any HMAC tool: printf '%s' "1898589600.$body" | openssl dgst -sha256 -hmac whsec_test
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    const headers = { timestamp: String(timestamp), signature };
    expect(verifyWebhookSignature('whsec_test', headers, body, now)).toBe(true);
    expect(verifyWebhookSignature('whsec_test', headers, `${body} `, now)).toBe(false);
    expect(verifyWebhookSignature('autre', headers, body, now)).toBe(false);
    expect(verifyWebhookSignature('whsec_test', headers, body, new Date(now.getTime() + 600_000))).toBe(
      false,
    );
  });

  it('takes https addresses only in production', () => {
    expect(webhookUrlProblem('https://logiciel.exemple.fr/hook', true)).toBeNull();
    expect(webhookUrlProblem('http://logiciel.exemple.fr/hook', true)).toMatch(/https:\/\//);
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', false)).toBeNull();
    expect(webhookUrlProblem('ftp://exemple.fr', false)).toMatch(/https:\/\//);
    expect(webhookUrlProblem('pas une adresse', false)).toMatch(/adresse web complète/);
    expect(webhookUrlProblem('https://moi:secret@exemple.fr/', true)).toMatch(/identifiant/);
  });
});

describe('/rendez-vous/webhooks', () => {
  let t: TestContext;
  let db: Db;
  beforeAll(async () => {
    t = await startTestApp();
    db = t.platform.database.db;
  });
  afterAll(() => t.close());

  it('lets admins add an address (secret shown once), see deliveries and disable it; agents may not', async () => {
    const setup = await newBookableSetup(db);
    const admin = await newAgent(db, {
      memberships: [{ organisationId: setup.organisation.id, role: 'admin' }],
    });
    const agent = await newAgent(db, {
      memberships: [{ organisationId: setup.organisation.id, role: 'agent' }],
    });
    const cookie = await signInAs(db, admin.id);
    const page = `/rendez-vous/webhooks?organisation=${setup.organisation.slug}`;

    const refused = await submitForm(t.app, {
      page,
      action: '/rendez-vous/webhooks',
      cookie,
      fields: { organisation: setup.organisation.slug, url: 'adresse' },
    });
    expect(refused.response.statusCode).toBe(400);
    expect(refused.response.body).toContain('adresse web complète');

    const { response } = await submitForm(t.app, {
      page,
      action: '/rendez-vous/webhooks',
      cookie,
      fields: { organisation: setup.organisation.slug, url: 'https://logiciel.exemple.fr/tremplin' },
    });
    expect(response.statusCode).toBe(200);
    const secret = /value="(whsec_[^"]+)"/.exec(response.body)?.[1];
    expect(secret).toBeDefined();

    await bookAppointment(db, t.platform, {
      appointmentTypeId: setup.type.id,
      startsAt: at(9),
      placeId: setup.place.id,
      citizen: { firstName: 'Léo', lastName: 'Petit', email: 'leo@exemple.fr' },
      channel: 'agent',
      bookedBy: testCaller(agent, [{ organisationId: setup.organisation.id, role: 'agent' }]),
    });
    const list = await t.app.inject({ url: page, headers: { cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('https://logiciel.exemple.fr/tremplin');
    expect(list.body).toContain('Rendez-vous pris');
    expect(list.body).toContain('En attente');
    expect(list.body).not.toContain(secret!);

    const endpointId = /webhooks\/([0-9a-f-]{36})\/desactiver/.exec(list.body)?.[1];
    const disabled = await submitForm(t.app, {
      page,
      action: `/rendez-vous/webhooks/${endpointId}/desactiver`,
      cookie,
      fields: { organisation: setup.organisation.slug },
    });
    expect(disabled.response.statusCode).toBe(303);
    const after = await t.app.inject({ url: page, headers: { cookie: disabled.cookie } });
    expect(after.body).toContain('est désactivée');
    expect(after.body).toContain('Désactivée');

    const agentPage = await t.app.inject({ url: page, headers: { cookie: await signInAs(db, agent.id) } });
    expect(agentPage.statusCode).toBe(403);
    const outsider = await newAgent(db);
    const outsiderPage = await t.app.inject({
      url: page,
      headers: { cookie: await signInAs(db, outsider.id) },
    });
    expect(outsiderPage.statusCode).toBe(404);
  });
});
