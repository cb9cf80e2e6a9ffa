import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages } from '../messaging/tables.ts';
import { emailsQueuedFor } from '../messaging/testing.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { testJob } from '../testing/jobs.ts';
import { REMINDERS_QUEUE, remindersJob, remindUpcomingAppointments } from './reminders.job.ts';
import { appointments } from './tables.ts';
import { newAppointment, newBookableSetup, newCitizen } from './testing.ts';

describe('reminders 48 h before', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const now = new Date('2030-03-04T09:00:00Z');
  const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);
  const run = (at: Date) =>
    remindersJob.handler([testJob(REMINDERS_QUEUE, { now: at.toISOString() })], {
      platform: t.platform,
      boss: t.platform.messaging.boss,
    });
  const remindersOf = (participantId: string) =>
    t.platform.database.db
      .select()
      .from(outboxMessages)
      .where(like(outboxMessages.idempotencyKey, `scheduling:reminder:${participantId}:%`))
      .orderBy(outboxMessages.idempotencyKey);

  it('reminds each coming participation once, between 48 h and 2 h before, and again after a move', async () => {
    const db = t.platform.database.db;
    const setup = await newBookableSetup(db);
    const book = async (startsAt: Date, values: Parameters<typeof newCitizen>[1] = {}, status?: 'excuse') => {
      const citizen = await newCitizen(db, { organisationId: setup.organisation.id, ...values });
      const { appointment, participant } = await newAppointment(db, {
        organisationId: setup.organisation.id,
        appointmentTypeId: setup.type.id,
        agentId: setup.agent.id,
        placeId: setup.place.id,
        startsAt,
        citizenId: citizen.id,
        ...(status ? { status } : {}),
      });
      return { citizen, appointment, participant: participant! };
    };
    const tomorrow = await book(hours(24));
    const soon = await book(hours(1.5));
    const later = await book(hours(49));
    const excused = await book(hours(30), {}, 'excuse');
    const cancelled = await book(hours(31));
    await db
      .update(appointments)
      .set({ cancelledAt: now })
      .where(eq(appointments.id, cancelled.appointment.id));
    const smsOnly = await book(hours(47.5), { email: null });
    const edge = await book(hours(48));

    await run(now);
    expect((await remindersOf(tomorrow.participant.id)).map((m) => m.channel)).toEqual(['email', 'sms']);
    expect((await remindersOf(smsOnly.participant.id)).map((m) => m.channel)).toEqual(['sms']);
    expect(await remindersOf(edge.participant.id)).toHaveLength(2);
    for (const other of [soon, later, excused, cancelled])
      expect(await remindersOf(other.participant.id)).toEqual([]);

    const [email] = await emailsQueuedFor(t.platform, tomorrow.citizen.email!, 'scheduling.reminder-email');
    expect(email!.subject).toBe('Rappel : rendez-vous le mardi 5 mars 2030 à 10 h');
    expect(email!.text).toContain(`/rdv/gerer/${tomorrow.participant.id}?exp=`);

    // Fifteen minutes later: nothing new for those, and « later » is still 48 h 45 away.
    const count = async () =>
      (
        await db
          .select()
          .from(outboxMessages)
          .where(like(outboxMessages.idempotencyKey, 'scheduling:reminder:%'))
      ).length;
    const before = await count();
    await run(new Date(now.getTime() + 15 * 60_000));
    expect(await count()).toBe(before);

    // Moved to another time within 48 h: reminded again for the new time.
    const moved = hours(40);
    await db
      .update(appointments)
      .set({
        startsAt: moved,
        endsAt: new Date(moved.getTime() + 30 * 60_000),
        blockedUntil: new Date(moved.getTime() + 30 * 60_000),
      })
      .where(eq(appointments.id, tomorrow.appointment.id));
    await run(new Date(now.getTime() + 30 * 60_000));
    const keys = (await remindersOf(tomorrow.participant.id)).map((m) => m.idempotencyKey);
    expect(keys).toEqual([
      `scheduling:reminder:${tomorrow.participant.id}:${hours(24).toISOString()}:email`,
      `scheduling:reminder:${tomorrow.participant.id}:${hours(24).toISOString()}:sms`,
      `scheduling:reminder:${tomorrow.participant.id}:${moved.toISOString()}:email`,
      `scheduling:reminder:${tomorrow.participant.id}:${moved.toISOString()}:sms`,
    ]);
    expect(await count()).toBe(before + 2);

    // A day later « later » is within 48 h.
    await run(hours(24));
    expect(await remindersOf(later.participant.id)).toHaveLength(2);
  });

  it('goes through many participations in batches, each once', async () => {
    const db = t.platform.database.db;
    const setup = await newBookableSetup(db, { agents: 3 });
    const base = new Date('2031-06-10T08:00:00Z');
    const participantIds: string[] = [];
    // Three agents at the same times: batches cut between participations that start together.
    for (let slot = 0; slot < 4; slot++) {
      for (const agent of setup.agents) {
        const citizen = await newCitizen(db, { organisationId: setup.organisation.id });
        const { participant } = await newAppointment(db, {
          organisationId: setup.organisation.id,
          appointmentTypeId: setup.type.id,
          agentId: agent.id,
          placeId: setup.place.id,
          startsAt: new Date(base.getTime() + slot * 3_600_000),
          citizenId: citizen.id,
        });
        participantIds.push(participant!.id);
      }
    }
    const at = new Date(base.getTime() - 24 * 3_600_000);
    expect(await remindUpcomingAppointments(t.platform, at, 5)).toEqual({ queued: 12 });
    expect(await remindUpcomingAppointments(t.platform, at, 5)).toEqual({ queued: 0 });
    for (const id of participantIds) expect(await remindersOf(id)).toHaveLength(2);
  });
});
