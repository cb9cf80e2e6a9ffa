import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { AppointmentListener } from '../../platform/scheduling/events.ts';
import { type BeneficiaryStatus, setBeneficiaryStatus } from './status.ts';
import { beneficiaries, invitations } from './tables.ts';

/** The booking engine's category of the first orientation appointments (sur place, téléphone, information collective). */
export const ORIENTATION_CATEGORY = 'Orientation RSA';

/** How a beneficiary is known to the booking engine: citizens.external_ref. */
export const citizenRefOf = (beneficiaryId: string) => `rsa:${beneficiaryId}`;

function beneficiaryIdOf(externalRef: string | null): string | null {
  const match = externalRef?.match(/^rsa:([0-9a-f-]{36})$/);
  return match ? match[1]! : null;
}

/** Once oriented or closed, later appointments no longer move the person back in the journey. */
const settled: BeneficiaryStatus[] = ['oriente', 'clos'];

/**
 * Keeps a beneficiary's status in step with their orientation appointment, in the transaction of the
 * change: booked → RDV pris (and the invitation stops reminding), moved → RDV pris again, cancelled →
 * annulé, vu → RDV honoré (first meeting recorded), absent / excusé as marked.
 */
export const followOrientationAppointments: AppointmentListener = async (tx, event, details) => {
  const beneficiaryId = beneficiaryIdOf(details.citizen.externalRef);
  if (!beneficiaryId || details.type.category !== ORIENTATION_CATEGORY) return;
  const [beneficiary] = await tx
    .select({ status: beneficiaries.status, firstMetAt: beneficiaries.firstMetAt })
    .from(beneficiaries)
    .where(eq(beneficiaries.id, beneficiaryId));
  if (!beneficiary) return;
  const by = event.by === 'usager' ? 'usager' : event.by === 'agent' ? 'agent' : 'systeme';
  const change = { by, at: event.at } as const;

  if (event.kind === 'appointment.created') {
    await attachToOpenInvitation(tx, beneficiaryId, details.appointment.id, event.at);
  }
  if (event.kind === 'appointment.status_changed' && event.toStatus === 'vu' && !beneficiary.firstMetAt) {
    await tx
      .update(beneficiaries)
      .set({ firstMetAt: details.appointment.startsAt })
      .where(eq(beneficiaries.id, beneficiaryId));
  }
  if (settled.includes(beneficiary.status)) return;
  const to = statusAfter(event.kind, event.toStatus);
  if (to) await setBeneficiaryStatus(tx, beneficiaryId, to, { ...change, reason: details.type.name });
};

function statusAfter(kind: string, participation: string | undefined): BeneficiaryStatus | null {
  switch (kind) {
    case 'appointment.created':
    case 'appointment.updated':
      return 'rdv_pris';
    case 'appointment.cancelled':
      return 'annule';
    case 'appointment.status_changed':
      return (
        (
          {
            vu: 'rdv_honore',
            absent: 'absent',
            excuse: 'excuse',
            annule: 'annule',
            a_venir: 'rdv_pris',
          } as const
        )[participation as 'vu' | 'absent' | 'excuse' | 'annule' | 'a_venir'] ?? null
      );
    default:
      return null;
  }
}

/** The person booked: their latest open invitation is fulfilled (no more reminders). */
async function attachToOpenInvitation(tx: Db, beneficiaryId: string, appointmentId: string, at: Date) {
  const [open] = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.beneficiaryId, beneficiaryId),
        eq(invitations.kind, 'invitation'),
        isNull(invitations.bookedAt),
        isNull(invitations.closedAt),
      ),
    )
    .orderBy(desc(invitations.sentAt))
    .limit(1);
  if (!open) return;
  await tx
    .update(invitations)
    .set({ appointmentId, bookedAt: at, nextReminderAt: sql`null` })
    .where(eq(invitations.id, open.id));
}
