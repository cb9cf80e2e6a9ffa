import { eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { appointmentParticipants } from '../../../platform/scheduling/tables.ts';
import { newAppointment, newCitizen } from '../../../platform/scheduling/testing.ts';
import { citizenRefOf } from '../appointment-sync.ts';
import { beneficiaries, invitations } from '../tables.ts';

/**
 * Rows for the statistics' tests, written as they are (no rules applied) so that a test states the
 * dataset the figures are computed on: a beneficiary with their booking-engine citizen, and an
 * appointment of theirs, linked to an invitation or a convocation, with its participation and channel.
 */
let counter = 0;

export async function newStatsBeneficiary(
  db: Db,
  values: Partial<typeof beneficiaries.$inferInsert> & { territoryId: string; organisationId: string },
) {
  counter += 1;
  const [row] = await db
    .insert(beneficiaries)
    .values({ lastName: `Personne ${counter}`, firstName: 'Alex', ...values })
    .returning();
  const citizen = await newCitizen(db, {
    organisationId: values.organisationId,
    lastName: row!.lastName,
    externalRef: citizenRefOf(row!.id),
  });
  await db.update(beneficiaries).set({ citizenId: citizen.id }).where(eq(beneficiaries.id, row!.id));
  return { ...row!, citizenId: citizen.id };
}

/**
 * One appointment of the person: its participation status and booking channel, booked `bookedDaysBefore`
 * days before it starts (the order of a person's bookings), and the invitation rows pointing at it.
 */
export async function newLinkedAppointment(
  db: Db,
  input: {
    beneficiary: { id: string; citizenId: string; organisationId: string };
    agentId: string;
    appointmentTypeId: string;
    startsAt: Date;
    status: 'a_venir' | 'vu' | 'absent' | 'excuse' | 'annule';
    via: 'agent' | 'public' | 'invitation' | 'api';
    linkedAs?: ('invitation' | 'convocation')[];
    cancelled?: boolean;
    bookedDaysBefore?: number;
  },
) {
  const { appointment, participant } = await newAppointment(db, {
    organisationId: input.beneficiary.organisationId,
    appointmentTypeId: input.appointmentTypeId,
    agentId: input.agentId,
    startsAt: input.startsAt,
    citizenId: input.beneficiary.citizenId,
    status: input.status,
    ...(input.cancelled ? { cancelledAt: input.startsAt } : {}),
  });
  const bookedAt = new Date(input.startsAt.getTime() - (input.bookedDaysBefore ?? 5) * 86_400_000);
  await db
    .update(appointmentParticipants)
    .set({ bookedVia: input.via, createdAt: bookedAt })
    .where(eq(appointmentParticipants.id, participant!.id));
  for (const kind of input.linkedAs ?? []) {
    await db.insert(invitations).values({
      beneficiaryId: input.beneficiary.id,
      organisationId: input.beneficiary.organisationId,
      kind,
      channel: kind === 'convocation' ? 'letter' : 'sms',
      sentAt: bookedAt,
      expiresAt: new Date(bookedAt.getTime() + 10 * 86_400_000),
      appointmentId: appointment.id,
      bookedAt,
    });
  }
  return appointment;
}
