import type { ParticipationDetails } from './appointments.repository.ts';

/**
 * One appointment as the API returns it and webhooks send it (dates as ISO 8601 UTC strings). The
 * same shapes on both sides: an integration reads a webhook with the code that reads the API.
 */

export type AppointmentJson = {
  id: string;
  organisationId: string;
  appointmentType: { id: string; name: string; location: string; collective: boolean };
  startsAt: string;
  endsAt: string;
  place: { id: string; name: string; address: string; communeCode: string } | null;
  agent: { id: string; firstName: string; lastName: string };
  capacity: number;
  cancelledAt: string | null;
  createdAt: string;
};

export type ParticipantJson = {
  id: string;
  status: ParticipationDetails['participant']['status'];
  bookedVia: ParticipationDetails['participant']['bookedVia'];
  statusChangedAt: string;
  citizen: {
    id: string;
    firstName: string;
    lastName: string;
    phone: string | null;
    email: string | null;
    externalRef: string | null;
  };
};

export function appointmentJson(
  details: Omit<ParticipationDetails, 'participant' | 'citizen'>,
): AppointmentJson {
  const { appointment, type, place, agent } = details;
  return {
    id: appointment.id,
    organisationId: details.organisation.id,
    appointmentType: { id: type.id, name: type.name, location: type.location, collective: type.collective },
    startsAt: appointment.startsAt.toISOString(),
    endsAt: appointment.endsAt.toISOString(),
    place: place
      ? { id: place.id, name: place.name, address: place.address, communeCode: place.communeCode }
      : null,
    agent: { id: agent.id, firstName: agent.firstName, lastName: agent.lastName },
    capacity: appointment.capacity,
    cancelledAt: appointment.cancelledAt?.toISOString() ?? null,
    createdAt: appointment.createdAt.toISOString(),
  };
}

export function participantJson(details: ParticipationDetails): ParticipantJson {
  const { participant, citizen } = details;
  return {
    id: participant.id,
    status: participant.status,
    bookedVia: participant.bookedVia,
    statusChangedAt: participant.statusChangedAt.toISOString(),
    citizen: {
      id: citizen.id,
      firstName: citizen.firstName,
      lastName: citizen.lastName,
      phone: citizen.phone,
      email: citizen.email,
      externalRef: citizen.externalRef,
    },
  };
}
