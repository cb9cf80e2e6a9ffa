import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/client.ts';
import {
  bookAppointment,
  moveAppointment,
  setParticipationStatus,
} from '../../platform/scheduling/booking.service.ts';
import { newBookableSetup, newCitizen, testCaller } from '../../platform/scheduling/testing.ts';
import { startTestApp, type TestContext } from '../../platform/testing/harness.ts';
import { citizenRefOf, ORIENTATION_CATEGORY } from './appointment-sync.ts';
import { rsaModule } from './index.ts';
import { beneficiaries, beneficiaryStatusChanges, invitations } from './tables.ts';

/**
 * The booking engine tells the module about its beneficiaries' orientation appointments, in the
 * transaction of the change. Dates fixed in March 2030 (`now` passed in).
 */
const now = new Date('2030-03-01T08:00:00Z');
const monday10 = new Date('2030-03-04T09:00:00Z');
const tuesday10 = new Date('2030-03-05T09:00:00Z');
const afterTuesday = new Date('2030-03-05T12:00:00Z');

describe('orientation appointments drive the beneficiary status', () => {
  let t: TestContext;
  let db: Db;
  beforeAll(async () => {
    t = await startTestApp({}, [rsaModule]);
    db = t.platform.database.db;
  });
  afterAll(() => t.close());

  async function beneficiaryWithInvitation(category = ORIENTATION_CATEGORY) {
    const setup = await newBookableSetup(db, { type: { category } });
    const [person] = await db
      .insert(beneficiaries)
      .values({
        territoryId: setup.organisation.territoryId!,
        organisationId: setup.organisation.id,
        lastName: 'Martin',
        firstName: 'Sophie',
        status: 'invitation_envoyee',
      })
      .returning();
    const citizen = await newCitizen(db, {
      organisationId: setup.organisation.id,
      externalRef: citizenRefOf(person!.id),
    });
    await db.update(beneficiaries).set({ citizenId: citizen.id }).where(eq(beneficiaries.id, person!.id));
    const [invitation] = await db
      .insert(invitations)
      .values({
        beneficiaryId: person!.id,
        organisationId: setup.organisation.id,
        kind: 'invitation',
        channel: 'sms',
        sentAt: now,
        expiresAt: new Date(now.getTime() + 10 * 86_400_000),
        nextReminderAt: new Date(now.getTime() + 3 * 86_400_000),
      })
      .returning();
    return { setup, person: person!, citizen, invitation: invitation! };
  }

  const statusOf = async (id: string) =>
    (await db.select().from(beneficiaries).where(eq(beneficiaries.id, id)))[0]!;
  const historyOf = async (id: string) =>
    (
      await db
        .select()
        .from(beneficiaryStatusChanges)
        .where(eq(beneficiaryStatusChanges.beneficiaryId, id))
        .orderBy(asc(beneficiaryStatusChanges.changedAt))
    ).map((c) => [c.fromStatus, c.toStatus, c.changedBy]);

  it('booking from the invitation: RDV pris, the invitation is fulfilled and stops reminding', async () => {
    const { setup, person, citizen, invitation } = await beneficiaryWithInvitation();
    const booked = await bookAppointment(db, t.platform, {
      appointmentTypeId: setup.type.id,
      placeId: setup.place.id,
      startsAt: monday10,
      citizen: { id: citizen.id },
      channel: 'invitation',
      now,
    });
    expect(booked.ok).toBe(true);
    expect((await statusOf(person.id)).status).toBe('rdv_pris');
    expect(await historyOf(person.id)).toEqual([['invitation_envoyee', 'rdv_pris', 'usager']]);
    const [after] = await db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(after!.appointmentId).toBe(booked.ok ? booked.appointmentId : null);
    expect(after!.bookedAt).not.toBeNull();
    expect(after!.nextReminderAt).toBeNull();
  });

  it('moved, then seen: RDV honoré with the first meeting recorded; later changes keep it', async () => {
    const { setup, person, citizen } = await beneficiaryWithInvitation();
    const caller = testCaller(setup.agent, [{ organisationId: setup.organisation.id, role: 'agent' }]);
    const booked = await bookAppointment(db, t.platform, {
      appointmentTypeId: setup.type.id,
      placeId: setup.place.id,
      startsAt: monday10,
      citizen: { id: citizen.id },
      channel: 'agent',
      bookedBy: caller,
      now,
    });
    if (!booked.ok) throw new Error('not booked');
    await moveAppointment(db, t.platform, {
      participantId: booked.participantId,
      startsAt: tuesday10,
      placeId: setup.place.id,
      by: caller,
      now,
    });
    await setParticipationStatus(db, t.platform, {
      participantId: booked.participantId,
      status: 'vu',
      by: caller,
      now: afterTuesday,
    });
    const row = await statusOf(person.id);
    expect(row.status).toBe('rdv_honore');
    expect(row.firstMetAt?.toISOString()).toBe(tuesday10.toISOString());
    expect((await historyOf(person.id)).map(([, to, by]) => [to, by])).toEqual([
      ['rdv_pris', 'agent'],
      ['rdv_honore', 'agent'],
    ]);
  });

  it('absent is recorded as absent; an appointment of another category changes nothing', async () => {
    const orientation = await beneficiaryWithInvitation();
    const caller = testCaller(orientation.setup.agent, [
      { organisationId: orientation.setup.organisation.id, role: 'agent' },
    ]);
    const booked = await bookAppointment(db, t.platform, {
      appointmentTypeId: orientation.setup.type.id,
      placeId: orientation.setup.place.id,
      startsAt: monday10,
      citizen: { id: orientation.citizen.id },
      channel: 'invitation',
      now,
    });
    if (!booked.ok) throw new Error('not booked');
    await setParticipationStatus(db, t.platform, {
      participantId: booked.participantId,
      status: 'absent',
      by: caller,
      now: afterTuesday,
    });
    expect((await statusOf(orientation.person.id)).status).toBe('absent');

    const followUp = await beneficiaryWithInvitation('Suivi RSA');
    await bookAppointment(db, t.platform, {
      appointmentTypeId: followUp.setup.type.id,
      placeId: followUp.setup.place.id,
      startsAt: monday10,
      citizen: { id: followUp.citizen.id },
      channel: 'invitation',
      now,
    });
    expect((await statusOf(followUp.person.id)).status).toBe('invitation_envoyee');
  });
});
