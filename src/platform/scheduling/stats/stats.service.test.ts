import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAgent, signInAs } from '../../testing/factories.ts';
import { startTestApp, type TestContext } from '../../testing/harness.ts';
import { appointmentParticipants } from '../tables.ts';
import { newAppointment, newBookableSetup, newCitizen } from '../testing.ts';
import { appointmentStats } from './stats.service.ts';

describe('appointment statistics on a known dataset', () => {
  let t: TestContext;
  let setup: Awaited<ReturnType<typeof newBookableSetup>>;
  const now = new Date('2030-06-30T12:00:00Z');
  const day = 86_400_000;

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.platform.database.db;
    setup = await newBookableSetup(db);
    const rows: [
      startDays: number,
      leadDays: number,
      status: 'a_venir' | 'vu' | 'absent' | 'excuse' | 'annule',
      via: 'agent' | 'public' | 'invitation' | 'api',
      cancelled?: boolean,
    ][] = [
      [-10, 4, 'vu', 'public'],
      [-9, 2, 'vu', 'agent'],
      [-8, 10, 'absent', 'invitation'],
      [-7, 1, 'excuse', 'agent'],
      [-6, 50, 'annule', 'public'],
      [-5, 100, 'a_venir', 'api', true],
      [-1, 6, 'a_venir', 'agent'],
      [-40, 3, 'vu', 'agent'],
      [2, 1, 'a_venir', 'public'],
      // Recorded two days after it took place: counted, but no booking delay.
      [-4, -2, 'vu', 'agent'],
    ];
    for (const [startDays, leadDays, status, via, cancelled] of rows) {
      const startsAt = new Date(now.getTime() + startDays * day);
      const citizen = await newCitizen(db, { organisationId: setup.organisation.id });
      const { participant } = await newAppointment(db, {
        organisationId: setup.organisation.id,
        appointmentTypeId: setup.type.id,
        agentId: setup.agent.id,
        placeId: setup.place.id,
        startsAt,
        citizenId: citizen.id,
        status,
        ...(cancelled ? { cancelledAt: new Date(startsAt.getTime() - day) } : {}),
      });
      await db
        .update(appointmentParticipants)
        .set({ bookedVia: via, createdAt: new Date(startsAt.getTime() - leadDays * day) })
        .where(eq(appointmentParticipants.id, participant!.id));
    }
    // Another organisation's appointment in the same days: not counted.
    const other = await newBookableSetup(db);
    const citizen = await newCitizen(db, { organisationId: other.organisation.id });
    await newAppointment(db, {
      organisationId: other.organisation.id,
      appointmentTypeId: other.type.id,
      agentId: other.agent.id,
      startsAt: new Date(now.getTime() - 3 * day),
      citizenId: citizen.id,
      status: 'absent',
    });
  });
  afterAll(() => t.close());

  it('counts the last 30 days: statuses, no-show rate, median lead time, who booked', async () => {
    const stats = await appointmentStats(t.platform.database.db, setup.organisation.id, 30, now);
    expect(stats.total).toBe(8);
    expect(stats.byStatus).toEqual({ a_venir: 1, vu: 3, absent: 1, excuse: 1, annule: 2 });
    expect(stats.noShowRate).toBeCloseTo(1 / 4);
    // Lead times of the participations not cancelled and booked beforehand: 1, 2, 4, 6, 10 days.
    expect(stats.medianLeadDays).toBeCloseTo(4);
    expect(stats.selfBooked).toBe(3);
    expect(stats.byAgentOrApi).toBe(5);
  });

  it('counts the last 90 days (one more seen) with an even number of lead times', async () => {
    const stats = await appointmentStats(t.platform.database.db, setup.organisation.id, 90, now);
    expect(stats.total).toBe(9);
    expect(stats.byStatus.vu).toBe(4);
    expect(stats.noShowRate).toBeCloseTo(1 / 5);
    expect(stats.medianLeadDays).toBeCloseTo(3.5);
  });

  it('shows the page to members of the organisation only', async () => {
    const db = t.platform.database.db;
    const reader = await newAgent(db, {
      memberships: [{ organisationId: setup.organisation.id, role: 'readonly' }],
    });
    const cookie = await signInAs(db, reader.id);
    const page = await t.app.inject({
      url: `/rendez-vous/statistiques?organisation=${setup.organisation.slug}&periode=365`,
      headers: { cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Statistiques des rendez-vous');
    expect(page.body).toContain(setup.organisation.name);
    expect(page.body).toMatch(/<option value="365" selected/);
    // Real today: the dataset is in 2030, so the page says there is nothing in the period.
    expect(page.body).toContain('Aucun rendez-vous sur cette période.');

    const stranger = await newAgent(db);
    const denied = await t.app.inject({
      url: `/rendez-vous/statistiques?organisation=${setup.organisation.slug}`,
      headers: { cookie: await signInAs(db, stranger.id) },
    });
    expect(denied.statusCode).toBe(404);
    const none = await t.app.inject({
      url: '/rendez-vous/statistiques',
      headers: { cookie: await signInAs(db, stranger.id) },
    });
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('Vous n’êtes membre d’aucune organisation');
  });

  it('renders the figures on the page', async () => {
    const db = t.platform.database.db;
    const recent = await newBookableSetup(db);
    for (const [days, status] of [
      [-3, 'vu'],
      [-2, 'absent'],
    ] as const) {
      await newAppointment(db, {
        organisationId: recent.organisation.id,
        appointmentTypeId: recent.type.id,
        agentId: recent.agent.id,
        startsAt: new Date(Date.now() + days * day),
        citizenId: (await newCitizen(db, { organisationId: recent.organisation.id })).id,
        status,
      });
    }
    const page = await t.app.inject({
      url: '/rendez-vous/statistiques',
      headers: { cookie: await signInAs(db, recent.agent.id) },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Taux d’absence');
    expect(page.body).toContain('50\u00a0%');
    expect(page.body).toContain('1 absent sur 2 personnes attendues et pointées');
  });
});
