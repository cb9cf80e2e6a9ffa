/**
 * The booking engine's vocabulary, shared by its search, its bookings, its pages and the modules that
 * book through it (rsa, accueil, binomes, compost). Local days are 'YYYY-MM-DD' in Europe/Paris.
 */

/** Who is looking for a slot: decides which appointment types are offered and which delays apply. */
export type Audience =
  /** An agent booking for a person: every type of the organisation, no minimum delay. */
  | 'agent'
  /** A person holding an invitation link: types bookable by invited people or by everyone. */
  | 'invited'
  /** Anyone on the public pages: types bookable by everyone. */
  | 'public';

export type SlotQuery = {
  appointmentTypeId: string;
  audience: Audience;
  /** The person's commune (INSEE code): sectorisation narrows organisations, places and agents. */
  communeCode?: string;
  /** First and last local days searched, inclusive. Clamped to the type's booking delays. */
  from: string;
  to: string;
  placeId?: string;
  agentId?: string;
  /** The person, when known: follow-up types only offer their référents. */
  citizenId?: string;
  now?: Date;
};

/**
 * One bookable time at one place. Several agents may be free then: booking tries them in turn.
 * For collective types, a slot is an existing session with seats left.
 */
export type Slot = {
  startsAt: Date;
  endsAt: Date;
  placeId: string;
  agentIds: string[];
  /** Collective session: the appointment to join and its seats left. */
  appointmentId?: string;
  seatsLeft?: number;
};

export type PlaceSummary = {
  id: string;
  name: string;
  address: string;
  communeCode: string;
  latitude: number | null;
  longitude: number | null;
  accessibilityNotes: string | null;
};

export type SlotsByPlace = {
  place: PlaceSummary;
  days: { day: string; slots: Slot[] }[];
};

export type SlotSearchResult = {
  /** Places in order: the person's commune first, then nearest (when coordinates allow), then by name. */
  places: SlotsByPlace[];
  /** The local days actually searched after clamping to the type's delays (null: nothing searchable). */
  searched: { from: string; to: string } | null;
};

export type ParticipationStatus = 'a_venir' | 'vu' | 'absent' | 'excuse' | 'annule';

export const participationStatusLabels: Record<ParticipationStatus, string> = {
  a_venir: 'À venir',
  vu: 'Vu',
  absent: 'Absent',
  excuse: 'Excusé',
  annule: 'Annulé',
};

export type LocationKind = 'sur_place' | 'telephone' | 'visio' | 'domicile';

export const locationLabels: Record<LocationKind, string> = {
  sur_place: 'Sur place',
  telephone: 'Par téléphone',
  visio: 'En visioconférence',
  domicile: 'À domicile',
};

/** Contact details given when booking; a person is found again by externalRef, then by phone/email + name. */
export type CitizenInput = {
  firstName: string;
  lastName: string;
  phone?: string | null;
  email?: string | null;
  birthDate?: string | null;
  address?: string | null;
  communeCode?: string | null;
  externalRef?: string | null;
};

/** What happened to an appointment: drives notifications and webhooks. */
export type AppointmentEventKind =
  | 'appointment.created'
  | 'appointment.updated'
  | 'appointment.cancelled'
  | 'appointment.status_changed';

/**
 * One change to one person's appointment, published in the transaction that made it
 * (events.ts): it queues the person's notifications and the organisation's webhook calls.
 */
export type AppointmentEvent = {
  kind: AppointmentEventKind;
  appointmentId: string;
  participantId: string;
  /** For appointment.updated (moved): where and when it was before. */
  previous?: { startsAt: Date; placeId: string | null; agentId: string };
  /** For appointment.status_changed. */
  fromStatus?: ParticipationStatus;
  toStatus?: ParticipationStatus;
  /** Who did it: an agent, the person from their link, the system, or an API token. */
  by: 'agent' | 'usager' | 'systeme' | 'api';
  at: Date;
  /** The module that made the change already tells the person (no confirmation from the engine). */
  personNotified?: true;
};
