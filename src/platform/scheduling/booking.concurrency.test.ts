import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../api/api-token.service.ts';
import { systemActor } from '../audit/audit.ts';
import type { Db } from '../db/client.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { addDays, localDay, localInstant } from './slots/calendar.ts';
import { appointmentParticipants, appointments } from './tables.ts';
import { newAppointment, newBookableSetup } from './testing.ts';

/**
 * Double booking under concurrency, through the API. Only PostgreSQL runs transactions at the same
 * time: PGlite is one embedded connection that runs one transaction after the other, so there the
 * simultaneous tests are skipped and a sequential version checks the same outcome.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const day = addDays(localDay(new Date()), 5);
const at = (hour: number) => new Date(localInstant(day, hour * 60));

describe('booking under concurrency', () => {
  let t: TestContext;
  let db: Db;
  beforeAll(async () => {
    t = await startTestApp();
    db = t.platform.database.db;
  });
  afterAll(() => t.close());

  async function withToken(options: Parameters<typeof newBookableSetup>[1] = {}) {
    const setup = await newBookableSetup(db, options);
    const { token } = await createApiToken(
      db,
      { organisation: setup.organisation, name: 'Charge', createdBy: null },
      systemActor,
    );
    const book = (n: number, startsAt: Date) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/appointments',
        headers: { authorization: `Bearer ${token}` },
        payload: {
          appointmentTypeId: setup.type.id,
          startsAt: startsAt.toISOString(),
          placeId: setup.place.id,
          citizen: { firstName: 'Personne', lastName: `Numéro ${n}`, email: `personne-${n}@exemple.fr` },
        },
      });
    return { setup, book };
  }
  const statuses = (responses: { statusCode: number }[]) =>
    responses.reduce<Record<number, number>>((counts, r) => {
      counts[r.statusCode] = (counts[r.statusCode] ?? 0) + 1;
      return counts;
    }, {});

  it.skipIf(!onPostgres)(
    '50 simultaneous bookings of one slot: exactly one 201, 49 × 409 (PostgreSQL only: PGlite runs one transaction at a time)',
    async () => {
      const { setup, book } = await withToken();
      const responses = await Promise.all(Array.from({ length: 50 }, (_, n) => book(n, at(10))));
      expect(statuses(responses)).toEqual({ 201: 1, 409: 49 });
      for (const refused of responses.filter((r) => r.statusCode === 409)) {
        expect(refused.json()).toMatchObject({ error: 'conflict', message: 'Ce créneau vient d’être pris.' });
      }
      const rows = await db
        .select()
        .from(appointments)
        .where(and(eq(appointments.appointmentTypeId, setup.type.id), isNull(appointments.cancelledAt)));
      expect(rows).toHaveLength(1);
    },
  );

  it('one slot booked in turn: the first gets 201, the next ones 409 (every database)', async () => {
    const { setup, book } = await withToken();
    const responses = [];
    for (let n = 0; n < 5; n++) responses.push(await book(n, at(11)));
    expect(responses.map((r) => r.statusCode)).toEqual([201, 409, 409, 409, 409]);
    const rows = await db
      .select()
      .from(appointments)
      .where(eq(appointments.appointmentTypeId, setup.type.id));
    expect(rows).toHaveLength(1);
  });

  it('a collective session of 3 seats taken by 10 people at once: exactly 3 get a seat', async () => {
    const { setup, book } = await withToken({ type: { collective: true, capacity: 3, durationMinutes: 60 } });
    const { appointment } = await newAppointment(db, {
      organisationId: setup.organisation.id,
      appointmentTypeId: setup.type.id,
      agentId: setup.agent.id,
      placeId: setup.place.id,
      startsAt: at(14),
      endsAt: at(15),
      capacity: 3,
    });
    const responses = await Promise.all(Array.from({ length: 10 }, (_, n) => book(100 + n, at(14))));
    expect(statuses(responses)).toEqual({ 201: 3, 409: 7 });
    const seats = await db
      .select()
      .from(appointmentParticipants)
      .where(eq(appointmentParticipants.appointmentId, appointment.id));
    expect(seats).toHaveLength(3);
  });
});
