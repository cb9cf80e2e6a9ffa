import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../platform/api/api-token.service.ts';
import { systemActor } from '../../../platform/audit/audit.ts';
import { auditEvents } from '../../../platform/audit/tables.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { localInstant } from '../flow/hours.ts';
import { accueilModule } from '../index.ts';
import { type AccueilWorld, accueilWorld, TEST_LINE_NUMBER } from '../testing.ts';
import { advanceCall, openCall } from './calls.service.ts';

let ctx: TestContext;
let world: AccueilWorld;
let token: string;
let otherToken: string;

const at = localInstant('2026-12-01', '10:00');

beforeAll(async () => {
  ctx = await startTestApp({}, [accueilModule]);
  const { db } = ctx.platform.database;
  world = await accueilWorld(db);
  ({ token } = await createApiToken(
    db,
    { organisation: world.uts, name: 'Tableau de bord', createdBy: null },
    systemActor,
  ));
  ({ token: otherToken } = await createApiToken(
    db,
    { organisation: world.otherUts, name: 'Autre UTS', createdBy: null },
    systemActor,
  ));
  // A call transferred and answered, and a withheld caller who hung up at once (a lost call).
  const answered = await openCall(ctx.platform, {
    channel: 'sip',
    externalId: 'api-1',
    dialled: TEST_LINE_NUMBER,
    callerNumber: '+33612345678',
    at,
  });
  await advanceCall(ctx.platform, answered!.callId, { type: 'digits', digits: '2', at });
  await advanceCall(ctx.platform, answered!.callId, { type: 'transferResult', answered: true, at });
  await advanceCall(ctx.platform, answered!.callId, { type: 'hangup', at: new Date(at.getTime() + 60_000) });
  const lost = await openCall(ctx.platform, {
    channel: 'sip',
    externalId: 'api-2',
    dialled: TEST_LINE_NUMBER,
    callerNumber: null,
    at: new Date(at.getTime() + 120_000),
  });
  await advanceCall(ctx.platform, lost!.callId, { type: 'hangup', at: new Date(at.getTime() + 125_000) });
});
afterAll(() => ctx.close());

const get = (url: string, bearer?: string) =>
  ctx.app.inject({ method: 'GET', url, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });

describe('GET /api/v1/calls', () => {
  it('lists the organisation’s calls, newest first, with their menu path and outcome', async () => {
    const response = await get('/api/v1/calls', token);
    expect(response.statusCode).toBe(200);
    const { appels } = response.json();
    expect(appels).toHaveLength(2);
    expect(appels[0]).toMatchObject({ appelant: null, issue: null, perdu: true, parcours: ['principal'] });
    expect(appels[1]).toMatchObject({
      ligne: { numero: TEST_LINE_NUMBER, nom: 'Accueil UTS La Seyne' },
      canal: 'sip',
      appelant: '+33612345678',
      service: 'ase',
      parcours: ['principal', '2', 'ase'],
      issue: 'transfere_repondu',
      perdu: false,
      debut: at.toISOString(),
    });
  });

  it('filters by outcome (« perdu » for calls that ended with none) and by period', async () => {
    const lost = (await get('/api/v1/calls?issue=perdu', token)).json();
    expect(lost.appels).toHaveLength(1);
    const later = (
      await get(`/api/v1/calls?du=${encodeURIComponent(new Date(at.getTime() + 1000).toISOString())}`, token)
    ).json();
    expect(later.appels).toHaveLength(1);
    const bad = await get('/api/v1/calls?issue=inconnue&limite=0', token);
    expect(bad.statusCode).toBe(400);
  });

  it('shows nothing of another organisation’s lines, needs a token, and audits each read', async () => {
    expect((await get('/api/v1/calls', otherToken)).json()).toEqual({ appels: [] });
    expect((await get('/api/v1/calls')).statusCode).toBe(401);
    const rows = await ctx.platform.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceType, 'accueil_call'), eq(auditEvents.organisationId, world.uts.id)));
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]).toMatchObject({ action: 'list', actorType: 'api_token' });
  });
});
