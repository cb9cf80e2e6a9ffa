import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAgent, signInAs } from '../../testing/factories.ts';
import { submitForm } from '../../testing/forms.ts';
import { startTestApp, type TestContext } from '../../testing/harness.ts';
import { events, prop, readIcs } from '../notifications/testing.ts';
import { appointmentParticipants, appointments, calendarFeeds } from '../tables.ts';
import { newAppointment, newBookableSetup, newCitizen } from '../testing.ts';
import { initials } from './calendar-feed.service.ts';

describe('initials', () => {
  it.each([
    ['Dominique', 'Martin', 'D. M.'],
    ['Jean-Pierre', 'Dupont', 'J.-P. D.'],
    ['éloïse', 'de La Tour', 'É. D. L. T.'],
  ])('%s %s → %s', (first, last, expected) => {
    expect(initials(first, last)).toBe(expected);
  });
});

describe('private calendar feed', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const day = 86_400_000;
  const feedPath = (url: string) => new URL(url).pathname;

  async function createFeed(cookie: string) {
    const { response } = await submitForm(t.app, { page: '/rendez-vous/agenda-prive', fields: {}, cookie });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('no-store');
    const url = /value="(http:\/\/localhost:3000\/agenda\/[^"]+\.ics)"/.exec(response.body)?.[1];
    expect(url).toBeDefined();
    return url!;
  }

  it('gives the agent a secret URL once, serves their appointments as initials and type, 404 once revoked', async () => {
    const db = t.platform.database.db;
    const setup = await newBookableSetup(db, { type: { name: 'Orientation RSA' } });
    const cookie = await signInAs(db, setup.agent.id);
    const now = Date.now();
    const at = (days: number) => new Date(Math.floor((now + days * day) / 60_000) * 60_000);
    const person = await newCitizen(db, {
      organisationId: setup.organisation.id,
      firstName: 'Dominique',
      lastName: 'Martin',
    });
    const book = (startsAt: Date, agentId = setup.agent.id) =>
      newAppointment(db, {
        organisationId: setup.organisation.id,
        appointmentTypeId: setup.type.id,
        agentId,
        placeId: setup.place.id,
        startsAt,
        citizenId: person.id,
      });
    const coming = await book(at(3));
    const cancelled = await book(at(4));
    await db
      .update(appointments)
      .set({ cancelledAt: new Date() })
      .where(eq(appointments.id, cancelled.appointment.id));
    const personCancelled = await book(at(5));
    await db
      .update(appointmentParticipants)
      .set({ status: 'annule' })
      .where(eq(appointmentParticipants.id, personCancelled.participant!.id));
    const recent = await book(at(-20));
    const tooOld = await book(at(-40));
    const tooFar = await book(at(200));
    const colleague = await newAgent(db, {
      memberships: [{ organisationId: setup.organisation.id, role: 'agent' }],
    });
    const someoneElse = await book(at(3), colleague.id);

    const page = await t.app.inject({ url: '/rendez-vous/agenda-prive', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Créer mon lien d’abonnement');

    const url = await createFeed(cookie);
    const [stored] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.agentId, setup.agent.id));
    const token = /\/agenda\/(.+)\.ics$/.exec(url)![1]!;
    expect(stored!.tokenHash).not.toContain(token);
    expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const response = await t.app.inject({ url: feedPath(url) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.body).not.toContain('Martin');
    expect(response.body).not.toContain(person.email!);
    const calendar = readIcs(response.body);
    expect(prop(calendar, 'METHOD')).toBe('PUBLISH');
    const byUid = new Map(events(calendar).map((e) => [prop(e, 'UID'), e]));
    const uid = (id: string) => `agenda-${id}@localhost`;
    expect([...byUid.keys()].sort()).toEqual(
      [coming, cancelled, personCancelled, recent].map((b) => uid(b.appointment.id)).sort(),
    );
    for (const excluded of [tooOld, tooFar, someoneElse])
      expect(byUid.has(uid(excluded.appointment.id))).toBe(false);
    const event = byUid.get(uid(coming.appointment.id))!;
    expect(prop(event, 'SUMMARY')).toBe('D. M. – Orientation RSA');
    expect(prop(event, 'LOCATION')).toBe(`${setup.place.name}, ${setup.place.address}`);
    expect(prop(event, 'STATUS')).toBe('CONFIRMED');
    expect(prop(event, 'DTSTART')).toBe(
      `${coming.appointment.startsAt.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`,
    );
    expect(prop(byUid.get(uid(cancelled.appointment.id))!, 'STATUS')).toBe('CANCELLED');
    expect(prop(byUid.get(uid(personCancelled.appointment.id))!, 'STATUS')).toBe('CANCELLED');

    // The page no longer shows the URL; revoking it makes the feed a 404.
    const again = await t.app.inject({ url: '/rendez-vous/agenda-prive', headers: { cookie } });
    expect(again.body).not.toContain(token);
    expect(again.body).toContain('Révoquer ce lien');
    const { response: revoked } = await submitForm(t.app, {
      page: '/rendez-vous/agenda-prive',
      action: `/rendez-vous/agenda-prive/${stored!.id}/revoquer`,
      fields: {},
      cookie,
    });
    expect(revoked.statusCode).toBe(303);
    expect((await t.app.inject({ url: feedPath(url) })).statusCode).toBe(404);
  });

  it('keeps one active link per agent, and answers 404 to unknown tokens', async () => {
    const db = t.platform.database.db;
    const setup = await newBookableSetup(db);
    const cookie = await signInAs(db, setup.agent.id);
    const first = await createFeed(cookie);
    const second = await createFeed(cookie);
    expect(second).not.toBe(first);
    expect((await t.app.inject({ url: feedPath(first) })).statusCode).toBe(404);
    expect((await t.app.inject({ url: feedPath(second) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/agenda/inconnu-inconnu-inconnu-inconnu.ics' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/agenda/x.ics' })).statusCode).toBe(404);
  });

  it('asks for a session on the page, and only revokes the agent’s own feeds', async () => {
    const db = t.platform.database.db;
    const anonymous = await t.app.inject({ url: '/rendez-vous/agenda-prive' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/connexion');
    const owner = await newBookableSetup(db);
    const ownerCookie = await signInAs(db, owner.agent.id);
    const url = await createFeed(ownerCookie);
    const [feed] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.agentId, owner.agent.id));
    const other = await newAgent(db);
    const { response } = await submitForm(t.app, {
      page: '/rendez-vous/agenda-prive',
      action: `/rendez-vous/agenda-prive/${feed!.id}/revoquer`,
      fields: {},
      cookie: await signInAs(db, other.id),
    });
    expect(response.statusCode).toBe(404);
    expect((await t.app.inject({ url: feedPath(url) })).statusCode).toBe(200);
  });
});
