import type { Db } from '../../../platform/db/client.ts';
import { findParticipationDetails } from '../../../platform/scheduling/appointments.repository.ts';
import { findCitizenByExternalRef } from '../../../platform/scheduling/citizens.repository.ts';
import { invitationLinkPath } from '../../../platform/scheduling/invitation-link.ts';
import { manageLinkPath } from '../../../platform/scheduling/manage-link.ts';
import { citizenRefOf, ORIENTATION_CATEGORY } from '../appointment-sync.ts';
import { verifyRsaInvitationToken } from '../invitation-link.ts';
import { findInvitation, participantOfBeneficiary } from './invitations.repository.ts';
import { helpPhones } from './invite.service.ts';

/**
 * What the person's link (/rsa/i/<token>) opens. The token says which invitation (signed); the row
 * decides the rest: closed (replaced by a newer one), expired, or booked — then the appointment is
 * shown with the booking engine's link to manage it. The page never says which part of a bad link
 * was wrong.
 */
export type Landing =
  | { kind: 'invalid' }
  | { kind: 'expired' | 'closed'; organisationName: string; phone: string | null }
  | {
      kind: 'booked';
      firstName: string;
      organisationName: string;
      phone: string | null;
      appointment: {
        startsAt: Date;
        typeName: string;
        location: string;
        place: { name: string; address: string } | null;
        cancelled: boolean;
      } | null;
      managePath: string | null;
    }
  | {
      kind: 'open';
      firstName: string;
      organisationName: string;
      phone: string | null;
      lastDay: Date;
      bookingPath: string;
      questionnairePath: string;
    };

export async function openInvitationLink(
  db: Db,
  secretKey: string,
  token: string,
  now: Date,
): Promise<Landing> {
  const checked = verifyRsaInvitationToken(secretKey, token, now);
  // An expired token is still genuine: read it as of the epoch to know which invitation it was.
  const genuine = checked.ok ? checked : verifyRsaInvitationToken(secretKey, token, new Date(0));
  if (!genuine.ok) return { kind: 'invalid' };
  const found = await findInvitation(db, genuine.invitationId);
  if (!found || found.beneficiary.anonymisedAt || found.invitation.kind !== 'invitation') {
    return { kind: 'invalid' };
  }
  const { invitation, beneficiary, organisation } = found;
  const phone = (await helpPhones(db, [organisation.id])).get(organisation.id) ?? null;
  const base = { organisationName: organisation.name, phone };

  if (invitation.bookedAt && invitation.appointmentId) {
    const participantId = await participantOfBeneficiary(db, invitation.appointmentId, beneficiary.id);
    const details = participantId ? await findParticipationDetails(db, participantId) : null;
    const live =
      details && !details.appointment.cancelledAt && details.participant.status !== 'annule' ? details : null;
    return {
      kind: 'booked',
      ...base,
      firstName: beneficiary.firstName,
      appointment: details
        ? {
            startsAt: details.appointment.startsAt,
            typeName: details.type.name,
            location: details.type.location,
            place: details.place ? { name: details.place.name, address: details.place.address } : null,
            cancelled: !live,
          }
        : null,
      managePath:
        live && live.appointment.endsAt > now
          ? manageLinkPath(secretKey, live.participant.id, live.appointment.endsAt)
          : null,
    };
  }
  if (invitation.closedAt) return { kind: 'closed', ...base };
  if (!checked.ok || invitation.expiresAt <= now) return { kind: 'expired', ...base };

  const citizen = await findCitizenByExternalRef(db, invitation.organisationId, citizenRefOf(beneficiary.id));
  if (!citizen) return { kind: 'invalid' };
  return {
    kind: 'open',
    ...base,
    firstName: beneficiary.firstName,
    lastDay: new Date(invitation.expiresAt.getTime() - 1),
    bookingPath: invitationLinkPath(secretKey, {
      citizenId: citizen.id,
      organisationId: invitation.organisationId,
      category: ORIENTATION_CATEGORY,
      expiresAt: invitation.expiresAt,
    }),
    questionnairePath: `/rsa/i/${token}/questionnaire`,
  };
}
