import type { LocationKind } from '../../../platform/scheduling/types.ts';

/**
 * What the outbox keeps of an RSA invitation, reminder or convocation: everything the SMS, the email
 * and the letter say, copied when the message is queued, so that the worker (or a letter printed a week
 * later) shows what was true then. Instants are ISO strings and days 'YYYY-MM-DD' (the data is jsonb).
 */
export type InvitationMessage = {
  firstName: string;
  lastName: string;
  organisationName: string;
  /** /rsa/i/<token>: the templates put the instance's BASE_URL in front. */
  path: string;
  /** Given on the phone to find the invitation: the start of its id (« 3F2A-9C1B »). */
  shortCode: string;
  /** The last local day the link works (inclusive). */
  lastDay: string;
  /** A number to call for help (the organisation's place), when known. */
  phone: string | null;
  /** For reminders: 1 for the first, 2 for the second… */
  reminder?: number;
};

export const exampleInvitation: InvitationMessage = {
  firstName: 'Sophie',
  lastName: 'Martin',
  organisationName: 'UTS de La Seyne-sur-Mer',
  path: '/rsa/i/AAAAAAAAAAAAAAAAAAAAAA.1a2b3c4.BBBBBBBBBBBBBBBBBBBBBB',
  shortCode: '3F2A-9C1B',
  lastDay: '2030-03-12',
  phone: '04 94 00 00 00',
};

/** A convocation: the appointment an agent booked for the person. */
export type ConvocationMessage = {
  firstName: string;
  lastName: string;
  organisationName: string;
  typeName: string;
  startsAt: string;
  durationMinutes: number;
  location: LocationKind;
  place: { name: string; address: string; phone: string | null; accessibilityNotes: string | null } | null;
  instructions: string | null;
  /** The booking engine's link to see, move or cancel it (/rdv/gerer/…), when there is one. */
  managePath: string | null;
  shortCode: string;
};

export const exampleConvocation: ConvocationMessage = {
  firstName: 'Sophie',
  lastName: 'Martin',
  organisationName: 'UTS de La Seyne-sur-Mer',
  typeName: 'Premier entretien d’orientation RSA',
  startsAt: '2030-03-12T08:30:00.000Z',
  durationMinutes: 45,
  location: 'sur_place',
  place: {
    name: 'UTS de La Seyne-sur-Mer',
    address: '12 rue de la République, 83500 La Seyne-sur-Mer',
    phone: '04 94 00 00 00',
    accessibilityNotes: 'Entrée de plain-pied.',
  },
  instructions: null,
  managePath: '/rdv/gerer/00000000-0000-4000-8000-000000000002?exp=1899746500&sig=exemple',
  shortCode: '3F2A-9C1B',
};

/** To the organisation's agents: invitations held back because no slot was free. */
export type NoSlotMessage = {
  organisationName: string;
  /** The day of the attempt (one such email a day per organisation and agent). */
  day: string;
  /** The last day searched (the end of the invitations' validity). */
  lastDay: string;
  communes: string[];
  held: number;
};

export const exampleNoSlot: NoSlotMessage = {
  organisationName: 'UTS de La Seyne-sur-Mer',
  day: '2030-03-02',
  lastDay: '2030-03-12',
  communes: ['La Seyne-sur-Mer', 'Six-Fours-les-Plages'],
  held: 42,
};

/** « 3F2A-9C1B »: the first 8 hex digits of an id, in two groups easy to read out on the phone. */
export function shortCodeOf(id: string): string {
  const hex = id.replaceAll('-', '').slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4)}`;
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** « mardi 12 mars 2030 » for a local day 'YYYY-MM-DD'. */
export function formatLocalDay(day: string): string {
  return dayFormat.format(new Date(`${day}T12:00:00Z`));
}

/** « mardi 12 mars » in an SMS: no year, and « aout » (GSM alphabet, 1990 spelling). */
export function smsDay(day: string): string {
  return formatLocalDay(day)
    .replace(/ \d{4}$/, '')
    .replace('août', 'aout');
}
