import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client.ts';
import { newAgent, newOrganisation, signInAs } from '../testing/factories.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { auditEvents } from './tables.ts';

type NewEvent = typeof auditEvents.$inferInsert;

describe('audit journal', () => {
  let t: TestContext;
  let db: Db;
  let operator: Awaited<ReturnType<typeof newAgent>>;
  let operatorCookie: string;
  let agent: Awaited<ReturnType<typeof newAgent>>;
  let agentCookie: string;

  const view = (query: string, cookie = operatorCookie) =>
    t.app.inject({ url: `/admin/journal${query}`, headers: { cookie } });
  const rowIds = (html: string) => [...html.matchAll(/<tr id="evenement-(\d+)"/g)].map((m) => Number(m[1]));
  const insertEvents = async (events: Partial<NewEvent>[]) => {
    const rows = await db
      .insert(auditEvents)
      .values(events.map((e) => ({ actorType: 'agent', action: 'read', resourceType: 'beneficiary', ...e })))
      .returning({ id: auditEvents.id });
    return rows.map((r) => r.id);
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.platform.database.db;
    const organisation = await newOrganisation(db);
    operator = await newAgent(db, { isOperator: true, email: 'operatrice@tremplin.example' });
    operatorCookie = await signInAs(db, operator.id);
    agent = await newAgent(db, { memberships: [{ organisationId: organisation.id, role: 'admin' }] });
    agentCookie = await signInAs(db, agent.id);
  });
  afterAll(() => t.close());

  it('is shown to operators, in their navigation', async () => {
    const response = await view('');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<h1>Journal d’audit</h1>');
    expect(response.body).toContain('href="/admin/journal"');
    const home = await t.app.inject({ url: '/mentions-legales', headers: { cookie: operatorCookie } });
    expect(home.body).toContain('Journal d’audit');
  });

  it('is "not found" for everyone else, and the attempt is audited', async () => {
    for (const url of ['/admin/journal', '/admin/journal/export.csv']) {
      const response = await t.app.inject({ url, headers: { cookie: agentCookie } });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('Filtrer les évènements');
    }
    const denied = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, agent.id), eq(auditEvents.action, 'denied')));
    expect(denied).toHaveLength(2);
    expect(denied[0]).toMatchObject({ resourceType: 'audit_events' });
    const page = await t.app.inject({ url: '/mentions-legales', headers: { cookie: agentCookie } });
    expect(page.body).not.toContain('Journal d’audit');
    const anonymous = await t.app.inject({ url: '/admin/journal' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/connexion/);
  });

  it('records each view in the journal itself', async () => {
    await view('?ressource=vue-auditee&action=read');
    const views = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, operator.id), eq(auditEvents.resourceType, 'audit_events')))
      .orderBy(auditEvents.id);
    expect(views.at(-1)).toMatchObject({
      action: 'list',
      resourceType: 'audit_events',
      actorLabel: operator.email,
      details: { filter: { resourceType: 'vue-auditee', action: 'read' }, count: 0 },
    });
  });

  it('filters by actor, action, resource and resource id', async () => {
    const reader = await newAgent(db, { email: 'lecteur.filtre@var.example' });
    const [byLabel, byEmail, otherAction, otherId, token] = await insertEvents([
      {
        actorLabel: 'Lecteur.Filtre@var.example',
        actorId: reader.id,
        resourceType: 'filtre',
        resourceId: 'r1',
      },
      // Sign-ins are written before the label is known: the agent's email still finds them.
      { actorLabel: null, actorId: reader.id, resourceType: 'filtre', resourceId: 'r1' },
      {
        actorLabel: 'lecteur.filtre@var.example',
        action: 'update',
        resourceType: 'filtre',
        resourceId: 'r1',
      },
      { actorLabel: 'lecteur.filtre@var.example', resourceType: 'filtre', resourceId: 'r2' },
      { actorType: 'api_token', actorLabel: 'jeton 1a2b3c4d', resourceType: 'filtre', resourceId: 'r1' },
    ]);
    const ids = async (query: string) => {
      const response = await view(query);
      expect(response.statusCode).toBe(200);
      return rowIds(response.body);
    };
    expect(await ids('?ressource=filtre')).toEqual([token, otherId, otherAction, byEmail, byLabel]);
    expect(await ids('?ressource=filtre&acteur=LECTEUR.filtre')).toEqual([
      otherId,
      otherAction,
      byEmail,
      byLabel,
    ]);
    expect(await ids('?ressource=filtre&acteur=jeton+1a2b')).toEqual([token]);
    expect(await ids('?ressource=filtre&action=update')).toEqual([otherAction]);
    expect(await ids('?ressource=filtre&identifiant=r2')).toEqual([otherId]);
    expect(await ids('?ressource=filtre&identifiant=r1&action=read&acteur=var.example')).toEqual([
      byEmail,
      byLabel,
    ]);
    // % and _ are searched for, not wildcards.
    expect(await ids('?ressource=filtre&acteur=%25')).toEqual([]);
    const page = await view('?ressource=filtre&acteur=lecteur');
    expect(page.body).toContain('value="lecteur"');
  });

  it('filters by days in Europe/Paris time, typed dd/mm/yyyy or yyyy-mm-dd', async () => {
    const [lateOn29, earlyOn30, lateOn30, on31] = await insertEvents([
      { resourceType: 'dates', occurredAt: new Date('2025-03-29T22:30:00Z') }, // 29/03 23:30 Paris
      { resourceType: 'dates', occurredAt: new Date('2025-03-29T23:30:00Z') }, // 30/03 00:30 Paris
      { resourceType: 'dates', occurredAt: new Date('2025-03-30T21:59:00Z') }, // 30/03 23:59 Paris (summer)
      { resourceType: 'dates', occurredAt: new Date('2025-03-30T22:00:00Z') }, // 31/03 00:00 Paris
    ]);
    const only30 = await view('?ressource=dates&du=30%2F03%2F2025&au=30%2F03%2F2025');
    expect(rowIds(only30.body)).toEqual([lateOn30, earlyOn30]);
    expect(only30.body).toContain('value="2025-03-30"');
    expect(only30.body).toContain('30/03/2025 00:30');
    expect(rowIds((await view('?ressource=dates&du=2025-03-31')).body)).toEqual([on31]);
    expect(rowIds((await view('?ressource=dates&au=29/03/2025')).body)).toEqual([lateOn29]);
  });

  it('explains a date it cannot read, without showing events', async () => {
    const response = await view('?du=32%2F01%2F2025&au=hier');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Le formulaire contient 2 erreurs');
    expect(response.body).toContain('Saisissez une date au format jj/mm/aaaa');
    expect(response.body).toContain('value="32/01/2025"');
    expect(rowIds(response.body)).toEqual([]);
  });

  it('pages newest first, 50 at a time, by id', async () => {
    const ids = await insertEvents(
      Array.from({ length: 120 }, (_, i) => ({ resourceType: 'pages', resourceId: String(i) })),
    );
    const newestFirst = [...ids].reverse();
    const first = await view('?ressource=pages');
    expect(rowIds(first.body)).toEqual(newestFirst.slice(0, 50));
    const next = /href="(\/admin\/journal\?[^"]*avant=\d+[^"]*)"/
      .exec(first.body)?.[1]
      ?.replaceAll('&amp;', '&');
    expect(next).toBe(`/admin/journal?ressource=pages&avant=${newestFirst[49]}`);

    const second = await t.app.inject({ url: next!, headers: { cookie: operatorCookie } });
    expect(rowIds(second.body)).toEqual(newestFirst.slice(50, 100));
    expect(second.body).toContain('href="/admin/journal?ressource=pages"'); // back to the newest
    const third = await view(`?ressource=pages&avant=${newestFirst[99]}`);
    expect(rowIds(third.body)).toEqual(newestFirst.slice(100));
    expect(third.body).not.toMatch(/avant=\d+/);
  });

  it('exports the current filter as CSV, and audits the export', async () => {
    const [first, second] = await insertEvents([
      {
        resourceType: 'export',
        resourceId: 'b-1',
        actorLabel: '=cmd|calc',
        occurredAt: new Date('2025-07-14T08:30:00Z'),
        details: { champ: 'nom; prénom' },
      },
      { resourceType: 'export', resourceId: 'b-2', actorLabel: 'agent@exemple.fr', action: 'update' },
      { resourceType: 'autre-chose' },
    ]);
    const page = await view('?ressource=export');
    expect(page.body).toContain('href="/admin/journal/export.csv?ressource=export"');

    const response = await t.app.inject({
      url: '/admin/journal/export.csv?ressource=export',
      headers: { cookie: operatorCookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="journal-audit-[\d-]+\.csv"$/,
    );
    expect(response.body.startsWith('\uFEFFid;date (heure de Paris);')).toBe(true);
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(new RegExp(`^${second};`));
    expect(lines[2]).toContain(`${first};2025-07-14 10:30:00;agent;'=cmd|calc;`);
    expect(lines[2]).toContain('"{""champ"":""nom; prénom""}"');

    const exports = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, operator.id), eq(auditEvents.action, 'export')));
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({
      resourceType: 'audit_events',
      details: { filter: { resourceType: 'export' }, format: 'csv' },
    });

    const invalid = await t.app.inject({
      url: '/admin/journal/export.csv?du=demain',
      headers: { cookie: operatorCookie },
    });
    expect(invalid.statusCode).toBe(400);
  });

  it('exports more events than one batch', async () => {
    await insertEvents(Array.from({ length: 1205 }, () => ({ resourceType: 'gros-export' })));
    const response = await t.app.inject({
      url: '/admin/journal/export.csv?ressource=gros-export',
      headers: { cookie: operatorCookie },
    });
    const ids = response.body
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((line) => Number(line.split(';')[0]));
    expect(ids).toHaveLength(1205);
    expect(new Set(ids).size).toBe(1205);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });
});
