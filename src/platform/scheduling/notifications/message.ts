import type { MessageTemplate, RenderContext } from '../../messaging/templates.ts';
import type { LocationKind } from '../types.ts';

/**
 * What the outbox keeps of one appointment message (confirmation, change, cancellation, reminder).
 * Everything the email, its .ics and the SMS need is copied here when the message is queued, so the
 * worker renders exactly what was true then, even if the appointment changes again before it is sent
 * (the next change queues its own message). Instants are ISO strings: the data goes through jsonb.
 */
export type AppointmentMessage = {
  appointmentId: string;
  participantId: string;
  firstName: string;
  lastName: string;
  /** The person's address, when the type is « à domicile ». */
  homeAddress: string | null;
  /** Their email, as the .ics ATTENDEE (null for SMS). */
  email: string | null;
  typeName: string;
  durationMinutes: number;
  location: LocationKind;
  instructions: string | null;
  place: { name: string; address: string; accessibilityNotes: string | null; phone: string | null } | null;
  organisationName: string;
  startsAt: string;
  endsAt: string;
  /** For a change: when it was before. */
  previousStartsAt?: string | null;
  /** For a change: the place is not the same as before. */
  placeChanged?: boolean;
  /** For a cancellation: who cancelled. */
  cancelledBy?: 'agent' | 'usager' | 'systeme' | 'api';
  /** /rdv/gerer/… (signed, expires at the appointment's end); null when there is nothing to manage. */
  managePath: string | null;
  /** Until how many hours before the start the person may cancel or move it from their link. */
  changeLimitHours: number;
  /** The .ics: revision number (0 at booking, one more per change) and DTSTAMP (when it happened). */
  sequence: number;
  stamp: string;
  /** The .ics ORGANIZER's address (MAIL_FROM's); the organisation is its name. */
  organizerEmail: string;
};

export const exampleAppointment: AppointmentMessage = {
  appointmentId: '00000000-0000-4000-8000-000000000001',
  participantId: '00000000-0000-4000-8000-000000000002',
  firstName: 'Dominique',
  lastName: 'Martin',
  homeAddress: null,
  email: 'dominique.martin@exemple.fr',
  typeName: 'Premier rendez-vous d’orientation RSA',
  durationMinutes: 45,
  location: 'sur_place',
  instructions: 'Apportez une pièce d’identité et votre dernière attestation de la CAF.',
  place: {
    name: 'UTS de La Seyne-sur-Mer',
    address: '12 rue de la République, 83500 La Seyne-sur-Mer',
    accessibilityNotes: 'Entrée de plain-pied, ascenseur.',
    phone: '04 94 00 00 00',
  },
  organisationName: 'UTS de La Seyne-sur-Mer',
  startsAt: '2027-01-12T08:30:00.000Z',
  endsAt: '2027-01-12T09:15:00.000Z',
  managePath: '/rdv/gerer/00000000-0000-4000-8000-000000000002?exp=1799746500&sig=exemple',
  changeLimitHours: 24,
  sequence: 0,
  stamp: '2026-12-20T10:00:00.000Z',
  organizerEmail: 'ne-pas-repondre@tremplin.localhost',
};

const dayFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** « mardi 12 janvier 2027 », in Europe/Paris. */
export function formatDay(instant: string | Date): string {
  return dayFormat.format(new Date(instant));
}

/** « 9 h 30 », « 14 h » (French typography), in Europe/Paris. */
export function formatTime(instant: string | Date): string {
  const parts = timeFormat.formatToParts(new Date(instant));
  const hour = Number(parts.find((p) => p.type === 'hour')!.value);
  const minute = parts.find((p) => p.type === 'minute')!.value;
  return minute === '00' ? `${hour} h` : `${hour} h ${minute}`;
}

/** « mardi 12 janvier 2027 à 9 h 30 ». */
export function formatWhen(instant: string | Date): string {
  return `${formatDay(instant)} à ${formatTime(instant)}`;
}

/** « 45 minutes », « 1 h », « 1 h 30 ». */
export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} minutes`;
  const rest = minutes % 60;
  return rest ? `${Math.floor(minutes / 60)} h ${String(rest).padStart(2, '0')}` : `${minutes / 60} h`;
}

/**
 * Where or how the appointment takes place, as lines of an email: the place's name, address and
 * accessibility notes, or the way the organisation will reach the person.
 */
export function whereLines(m: AppointmentMessage): string[] {
  switch (m.location) {
    case 'sur_place':
      if (!m.place) return ['Où : le lieu vous sera précisé par l’organisation.'];
      return [
        `Où : ${m.place.name}`,
        `     ${m.place.address}`,
        ...(m.place.accessibilityNotes ? [`     Accessibilité : ${m.place.accessibilityNotes}`] : []),
      ];
    case 'telephone':
      return ['Comment : par téléphone. On vous appellera au numéro que vous avez donné.'];
    case 'visio':
      return ['Comment : en visioconférence. Le lien de connexion vous sera envoyé par l’organisation.'];
    case 'domicile':
      return [`Où : à votre domicile${m.homeAddress ? ` (${m.homeAddress})` : ''}.`];
  }
}

/** The same for an SMS, or an .ics LOCATION: one line, shortest first when `short`. */
export function whereText(m: AppointmentMessage, short = false): string {
  switch (m.location) {
    case 'sur_place':
      if (!m.place) return '';
      return short ? m.place.name : `${m.place.name}, ${m.place.address}`;
    case 'telephone':
      return 'Par téléphone';
    case 'visio':
      return 'En visioconférence';
    case 'domicile':
      return short || !m.homeAddress ? 'À domicile' : `À domicile, ${m.homeAddress}`;
  }
}

/** The lines that close every appointment email: the person's link, how to reach the organisation. */
export function manageLines(m: AppointmentMessage, baseUrl: string): string[] {
  const lines: string[] = [];
  // Past the type's change limit (a reminder, or a booking made at the last minute), the link still
  // shows the appointment but no longer cancels it: say so instead of promising it.
  const limit = Date.parse(m.startsAt) - m.changeLimitHours * 3_600_000;
  const tooLate = Date.parse(m.stamp) >= limit;
  if (m.managePath && !tooLate) {
    lines.push(
      'Pour annuler ou déplacer ce rendez-vous, suivez votre lien personnel (ne le transmettez pas) :',
      `${baseUrl}${m.managePath}`,
      `C’est possible en ligne jusqu’à ${m.changeLimitHours} h avant le rendez-vous.`,
    );
  } else if (m.managePath) {
    lines.push(
      'Votre rendez-vous, à tout moment (lien personnel, ne le transmettez pas) :',
      `${baseUrl}${m.managePath}`,
      `Il est trop tard pour l’annuler ou le déplacer en ligne : prévenez ${m.organisationName}${m.place?.phone ? '' : ' directement'}.`,
    );
  }
  if (m.place?.phone) {
    lines.push(`Pour joindre ${m.organisationName} : ${m.place.phone}.`);
  }
  return lines;
}

export function greeting(m: AppointmentMessage): string {
  return `Bonjour ${m.firstName} ${m.lastName},`;
}

export function signature(m: AppointmentMessage, territoryName: string | null): string {
  return territoryName ? `— ${m.organisationName} (${territoryName})` : `— ${m.organisationName}`;
}

/** What, when, where or how, and what to bring: the body of every email about an appointment to come. */
export function appointmentLines(m: AppointmentMessage): string[] {
  return [
    `Quoi : ${m.typeName} (${formatDuration(m.durationMinutes)})`,
    `Quand : ${formatWhen(m.startsAt)}`,
    ...whereLines(m),
    `Avec : ${m.organisationName}`,
    ...(m.instructions ? ['', `À savoir : ${m.instructions}`] : []),
  ];
}

/**
 * The text of an email about an appointment to come (confirmation, change, reminder): greeting, what
 * happened (`intro`), the appointment (after `lead`, when given, on the line just above it), the
 * person's link and the organisation's phone, the template's own closing lines, signature; a blank
 * line between each part.
 */
export function appointmentEmailText(
  m: AppointmentMessage,
  context: RenderContext,
  parts: { intro: string[]; lead?: string; closing: string[] },
): string {
  return [
    greeting(m),
    '',
    ...parts.intro,
    '',
    ...(parts.lead ? [parts.lead] : []),
    ...appointmentLines(m),
    '',
    ...manageLines(m, context.baseUrl),
    '',
    ...parts.closing,
    '',
    signature(m, context.territoryName),
  ].join('\n');
}

/** The two kinds of appointment templates, typed precisely (render gives an email or an SMS). */
export type AppointmentEmailTemplate = Extract<MessageTemplate<AppointmentMessage>, { channel: 'email' }>;
export type AppointmentSmsTemplate = Extract<MessageTemplate<AppointmentMessage>, { channel: 'sms' }>;
