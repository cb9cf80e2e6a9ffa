import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { invalid, notFound } from '../../../platform/errors.ts';
import { queueMessage } from '../../../platform/messaging/outbox.service.ts';
import type { Platform } from '../../../platform/platform.ts';
import { findParticipationDetails } from '../../../platform/scheduling/appointments.repository.ts';
import { bookAppointment, type NextSlot } from '../../../platform/scheduling/booking.service.ts';
import { manageLinkPath } from '../../../platform/scheduling/manage-link.ts';
import { organisationsServing } from '../../../platform/scheduling/sector.repository.ts';
import { nextSlots } from '../../../platform/scheduling/slot-search.service.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { type Beneficiary, beneficiaryFor } from '../access.ts';
import { canBeInvited, statusLabels } from '../status.ts';
import { ensureCitizen } from './citizen.ts';
import { closeOpenInvitations, insertInvitation, orientationTypesOf } from './invitations.repository.ts';
import { type ConvocationMessage, shortCodeOf } from './message.ts';
import { type Channel, type ChannelChoice, channelLabels, reachOf } from './reach.ts';
import { convocationTemplateOf } from './templates.ts';

/**
 * Convocation: for a person who did not answer their invitation (or has no way to book), an agent
 * picks one of the next free orientation slots and the person is told by letter, SMS or email. The
 * booking goes through the booking engine (bookAppointment, channel 'agent', without its own
 * confirmation: the convocation is the person's message; the engine's reminder still goes); the status « RDV pris » comes from appointment-sync.ts,
 * in the same transaction as the convocation row and its message — all or nothing.
 */
export type ConvocationSlot = {
  appointmentTypeId: string;
  typeName: string;
  placeId: string;
  placeName: string;
  placeAddress: string;
  startsAt: Date;
};

const SHOWN_SLOTS = 12;

/** The person (to convoke) or 404, audited, for anyone outside their rights. */
export async function beneficiaryToConvoke(
  db: Db,
  caller: Caller,
  beneficiaryId: string,
): Promise<Beneficiary> {
  const beneficiary = await beneficiaryFor(db, caller.actor, beneficiaryId, 'rsa.manage');
  if (!beneficiary) {
    await recordAudit(db, caller.audit, {
      action: 'denied',
      resourceType: 'rsa_beneficiary',
      resourceId: beneficiaryId,
      details: { action: 'convoke' },
    });
    throw notFound('Cette personne n’existe pas ou vous n’y avez pas accès.');
  }
  return beneficiary;
}

/** Whether the person may be convoked now, or why not (shown instead of the slots). */
export function convocationBlocker(beneficiary: Beneficiary): string | null {
  return canBeInvited(beneficiary.status)
    ? null
    : `Statut « ${statusLabels[beneficiary.status]} » : pas de convocation à envoyer.`;
}

/** The commune the search is narrowed to: the person's, when the organisation serves it. */
async function sectorisedCommune(db: Db, beneficiary: Beneficiary): Promise<string | undefined> {
  if (!beneficiary.communeCode) return undefined;
  return (await organisationsServing(db, beneficiary.communeCode)).includes(beneficiary.organisationId)
    ? beneficiary.communeCode
    : undefined;
}

/** The next free orientation slots of the person's organisation, earliest first, all types together. */
export async function convocationSlots(
  db: Db,
  beneficiary: Beneficiary,
  now: Date,
  after?: Date,
): Promise<ConvocationSlot[]> {
  const communeCode = await sectorisedCommune(db, beneficiary);
  const slots: ConvocationSlot[] = [];
  for (const type of await orientationTypesOf(db, beneficiary.organisationId)) {
    const found = await nextSlots(
      db,
      {
        appointmentTypeId: type.id,
        audience: 'agent',
        ...(communeCode ? { communeCode } : {}),
        ...(beneficiary.citizenId ? { citizenId: beneficiary.citizenId } : {}),
        now,
      },
      after ?? now,
      SHOWN_SLOTS,
    );
    slots.push(...found.map((f) => slotOf(type, f)));
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).slice(0, SHOWN_SLOTS);
}

function slotOf(type: { id: string; name: string }, next: NextSlot): ConvocationSlot {
  return {
    appointmentTypeId: type.id,
    typeName: type.name,
    placeId: next.place.id,
    placeName: next.place.name,
    placeAddress: next.place.address,
    startsAt: next.slot.startsAt,
  };
}

export type ConvocationInput = {
  appointmentTypeId: string;
  placeId: string;
  startsAt: Date;
  channel: ChannelChoice;
  now?: Date;
};

export type ConvocationResult =
  | { ok: true; invitationId: string; channel: Channel; startsAt: Date }
  | { ok: false; reason: 'taken'; next: ConvocationSlot[] };

export async function convokeBeneficiary(
  platform: Platform,
  caller: Caller,
  beneficiaryId: string,
  input: ConvocationInput,
): Promise<ConvocationResult> {
  const db = platform.database.db;
  const now = input.now ?? new Date();
  const beneficiary = await beneficiaryToConvoke(db, caller, beneficiaryId);
  const blocker = convocationBlocker(beneficiary);
  if (blocker) throw invalid({ creneau: blocker }, blocker);
  const reach = reachOf(beneficiary, input.channel);
  if (!reach.ok) throw invalid({ canal: `Impossible de joindre la personne ainsi : ${reach.reason}.` });
  const types = await orientationTypesOf(db, beneficiary.organisationId);
  const type = types.find((t) => t.id === input.appointmentTypeId);
  if (!type) throw invalid({ creneau: 'Ce créneau n’est pas valide : choisissez-en un dans la liste.' });
  const communeCode = await sectorisedCommune(db, beneficiary);

  return db.transaction(async (tx) => {
    const citizen = await ensureCitizen(tx, beneficiary, now);
    const booked = await bookAppointment(tx, platform, {
      appointmentTypeId: type.id,
      placeId: input.placeId,
      startsAt: input.startsAt,
      citizen: { id: citizen.id },
      channel: 'agent',
      bookedBy: caller,
      ...(communeCode ? { communeCode } : {}),
      // The convocation below is the person's message: no second one from the engine.
      confirmation: 'module',
      now,
    });
    if (!booked.ok) {
      return { ok: false as const, reason: 'taken' as const, next: booked.next.map((n) => slotOf(type, n)) };
    }
    const details = (await findParticipationDetails(tx, booked.participantId))!;
    await closeOpenInvitations(tx, [beneficiary.id], now);
    const invitationId = randomUUID();
    await insertInvitation(tx, {
      id: invitationId,
      beneficiaryId: beneficiary.id,
      organisationId: beneficiary.organisationId,
      kind: 'convocation',
      channel: reach.channel,
      sentAt: now,
      expiresAt: details.appointment.startsAt,
      appointmentId: booked.appointmentId,
      bookedAt: now,
      createdByAgentId: caller.actor.agentId,
    });
    const place = details.place;
    const data: ConvocationMessage = {
      firstName: beneficiary.firstName,
      lastName: beneficiary.lastName,
      organisationName: details.organisation.name,
      typeName: details.type.name,
      startsAt: details.appointment.startsAt.toISOString(),
      durationMinutes: details.type.durationMinutes,
      location: details.type.location,
      place: place
        ? {
            name: place.name,
            address: place.address,
            phone: place.phone,
            accessibilityNotes: place.accessibilityNotes,
          }
        : null,
      instructions: details.type.instructions,
      managePath: manageLinkPath(platform.config.secretKey, booked.participantId, details.appointment.endsAt),
      shortCode: shortCodeOf(invitationId),
    };
    const message = await queueMessage(
      tx,
      platform.messaging,
      {
        channel: reach.channel,
        template: convocationTemplateOf[reach.channel],
        recipient: reach.recipient,
        recipientName: `${beneficiary.firstName} ${beneficiary.lastName}`,
        data,
        idempotencyKey: `rsa:convocation:${invitationId}:${reach.channel}`,
        organisationId: beneficiary.organisationId,
        territoryId: beneficiary.territoryId,
        subject: { type: 'rsa_beneficiary', id: beneficiary.id },
      },
      now,
    );
    // The booking and everything with it are undone when the convocation cannot leave.
    if (message.status === 'invalid') {
      throw invalid({
        canal: `La convocation ne peut pas partir par ${channelLabels[reach.channel]} : ${message.statusReason ?? 'destinataire refusé'}.`,
      });
    }
    await recordAudit(tx, caller.audit, {
      action: 'create',
      resourceType: 'rsa_invitation',
      resourceId: invitationId,
      organisationId: beneficiary.organisationId,
      territoryId: beneficiary.territoryId,
      details: { beneficiaryId: beneficiary.id, kind: 'convocation', channel: reach.channel },
    });
    return {
      ok: true as const,
      invitationId,
      channel: reach.channel,
      startsAt: details.appointment.startsAt,
    };
  });
}
