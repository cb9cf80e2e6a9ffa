import ical, { ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { EmailAttachment } from '../../messaging/templates.ts';
import { type AppointmentMessage, formatDuration, whereText } from './message.ts';

/**
 * iCalendar files (RFC 5545) for appointments: the invitation attached to the person's emails
 * (iTIP, RFC 5546: METHOD:REQUEST to add or update it, METHOD:CANCEL to remove it) and the agents'
 * private feeds.
 *
 * Times are written as UTC instants (DTSTART:20270112T083000Z), which every calendar shows in its
 * reader's own time zone: 9 h 30 in Paris stays 9 h 30 for a reader in France. We do not write
 * TZID=Europe/Paris: ical-generator 10.2 then also writes DTSTAMP in local time without the « Z »,
 * which RFC 5545 §3.8.7.2 forbids (DTSTAMP MUST be UTC) and strict clients reject.
 *
 * The same appointment always has the same UID (per participation for the person, per appointment
 * for the agent) and each change raises SEQUENCE, so calendars update the entry instead of adding a
 * second one. Files are pure functions of their data: the worker renders them again when it sends
 * the email and gets the same bytes (DTSTAMP is the time of the change, not of the rendering).
 */

const PRODUCT = { company: 'Tremplin', product: 'Rendez-vous', language: 'FR' } as const;

/** A stable, globally unique UID: the kind and id of the record, at the deployment's host name. */
export function calendarUid(kind: 'rdv' | 'agenda', id: string, baseUrl: string): string {
  return `${kind}-${id}@${new URL(baseUrl).hostname}`;
}

/**
 * The person's invitation: REQUEST for a confirmation or a change, CANCEL for a cancellation.
 * The organisation is the ORGANIZER (with MAIL_FROM's address: replies are not read) and the person
 * the only ATTENDEE, already accepted: they booked it or agreed to it.
 */
export function appointmentInvitation(
  m: AppointmentMessage,
  method: 'REQUEST' | 'CANCEL',
  baseUrl: string,
): string {
  const calendar = ical({
    prodId: PRODUCT,
    method: method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  const description = [
    `${m.typeName} (${formatDuration(m.durationMinutes)}), avec ${m.organisationName}.`,
    ...(m.place?.accessibilityNotes ? [`Accessibilité : ${m.place.accessibilityNotes}`] : []),
    ...(m.instructions ? [`À savoir : ${m.instructions}`] : []),
    ...(m.managePath && method === 'REQUEST'
      ? [`Pour annuler ou déplacer ce rendez-vous : ${baseUrl}${m.managePath}`]
      : []),
    ...(m.place?.phone ? [`Pour joindre ${m.organisationName} : ${m.place.phone}`] : []),
  ].join('\n');
  calendar.createEvent({
    id: calendarUid('rdv', m.participantId, baseUrl),
    sequence: m.sequence,
    stamp: new Date(m.stamp),
    start: new Date(m.startsAt),
    end: new Date(m.endsAt),
    summary: `Rendez-vous : ${m.typeName}`,
    description,
    location: whereText(m) || null,
    status: method === 'REQUEST' ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
    organizer: { name: m.organisationName, email: m.organizerEmail },
    attendees: m.email
      ? [
          {
            email: m.email,
            name: `${m.firstName} ${m.lastName}`,
            rsvp: false,
            status: ICalAttendeeStatus.ACCEPTED,
          },
        ]
      : [],
    ...(m.managePath && method === 'REQUEST' ? { url: `${baseUrl}${m.managePath}` } : {}),
  });
  return withFinalCrlf(calendar.toString());
}

/** RFC 5545 §3.1: every content line ends with CRLF, the last one too; ical-generator leaves it off. */
function withFinalCrlf(text: string): string {
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

export function invitationAttachment(
  m: AppointmentMessage,
  method: 'REQUEST' | 'CANCEL',
  baseUrl: string,
): EmailAttachment {
  return {
    filename: method === 'REQUEST' ? 'rendez-vous.ics' : 'rendez-vous-annule.ics',
    content: appointmentInvitation(m, method, baseUrl),
    // The method parameter lets mail clients offer « ajouter à l'agenda » / « retirer » directly.
    contentType: `text/calendar; charset=utf-8; method=${method}`,
  };
}

export type FeedEntry = {
  appointmentId: string;
  startsAt: Date;
  endsAt: Date;
  /** When the appointment last changed: DTSTAMP, and SEQUENCE counted in minutes from its creation. */
  createdAt: Date;
  updatedAt: Date;
  summary: string;
  location: string | null;
  description: string | null;
  cancelled: boolean;
};

/** An agent's subscription feed (METHOD:PUBLISH): read-only copies of their appointments. */
export function agentFeed(name: string, entries: FeedEntry[], baseUrl: string): string {
  const calendar = ical({
    prodId: PRODUCT,
    method: ICalCalendarMethod.PUBLISH,
    name,
    // Calendars that honour it fetch again every 15 minutes (REFRESH-INTERVAL, X-PUBLISHED-TTL).
    ttl: 15 * 60,
  });
  for (const entry of entries) {
    calendar.createEvent({
      id: calendarUid('agenda', entry.appointmentId, baseUrl),
      // Grows with every change and fits an INTEGER for centuries: minutes since the appointment was made.
      sequence: Math.max(0, Math.floor((entry.updatedAt.getTime() - entry.createdAt.getTime()) / 60_000)),
      stamp: entry.updatedAt,
      start: entry.startsAt,
      end: entry.endsAt,
      summary: entry.summary,
      location: entry.location,
      description: entry.description,
      status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return withFinalCrlf(calendar.toString());
}
