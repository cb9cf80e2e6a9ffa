import { recordAudit } from '../../audit/audit.ts';
import type { Membership } from '../../auth/actor.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, notFound } from '../../errors.ts';
import type { MessageSummary } from '../../messaging/messages.service.ts';
import { messageHistoryOf } from '../../messaging/messages.service.ts';
import { type Caller, isUuid } from '../../tenancy/caller.ts';
import { listMembers, type Member } from '../../tenancy/member.repository.ts';
import type { Organisation } from '../../tenancy/organisation.repository.ts';
import { openOrganisation } from '../../tenancy/organisation.service.ts';
import { departementOf, isPublicHoliday } from '../holidays.ts';
import { canSchedule } from '../policy.ts';
import { expandAbsence, expandOpeningSlot } from '../slots/recurrence.ts';
import {
  type AgendaEntry,
  type CitizenRecord,
  citizenOrganisation,
  findCitizenIn,
  findParticipation,
  listAbsenceRules,
  listActivePlaces,
  listAgendaEntries,
  listAppointmentEntries,
  listCitizenEntries,
  listOpeningSlotRules,
  listStatusChanges,
  type ParticipationView,
  type PlaceChoice,
  type StatusChange,
} from './agenda.repository.ts';
import { addDays, dayBounds, localInstant, mondayOf } from './week-grid.ts';

/**
 * The agents' daily tool, read side: which organisation's agenda is open, today's and a day's
 * appointments, a week per agent or per place, one appointment with its history, a person's page.
 * Any member sees the agenda (scheduling.view); another organisation's appointment or person is
 * "not found" and the attempt is audited, like an unknown one.
 */

export type AgendaContext = {
  organisation: Organisation;
  /** The organisation's agents (admins and agents: read-only members take no appointments). */
  agents: Member[];
  places: PlaceChoice[];
  /** Whether the caller may book, change statuses, cancel and move here. */
  mayBook: boolean;
  /** Whether the caller may open the settings (admins; agents for their own time). */
  mayConfigure: boolean;
  /** The caller's own agenda, if they take appointments here. */
  ownAgentId: string | null;
  /** The other organisations whose agenda the caller may open. */
  memberships: Membership[];
};

/**
 * The agenda opened: the organisation named in ?organisation=, else the agent's current one. An
 * operator with no organisation of their own must name one. Someone else's organisation: "not found"
 * (audited by openOrganisation).
 */
export async function openAgenda(
  db: Db,
  caller: Caller,
  input: { slug?: string; current: Membership | null },
): Promise<AgendaContext> {
  const slug = input.slug ?? input.current?.organisationSlug;
  if (!slug) throw notFound('Choisissez une organisation pour ouvrir son agenda.');
  const organisation = await openOrganisation(db, caller, slug);
  if (!canSchedule(caller.actor, 'scheduling.view', { organisationId: organisation.id })) throw notFound();
  const [members, places] = await Promise.all([
    listMembers(db, organisation.id),
    listActivePlaces(db, organisation.id),
  ]);
  const agents = members.filter((m) => m.role !== 'readonly' && m.deactivatedAt === null);
  const own = agents.find((a) => a.agentId === caller.actor.agentId);
  return {
    organisation,
    agents,
    places,
    mayBook: canSchedule(caller.actor, 'scheduling.book', { organisationId: organisation.id }),
    mayConfigure: canSchedule(caller.actor, 'scheduling.manageAgentTime', {
      organisationId: organisation.id,
      agentId: caller.actor.agentId,
    }),
    ownAgentId: own ? own.agentId : null,
    memberships: caller.actor.memberships,
  };
}

export function assertMayBook(context: AgendaContext): void {
  if (!context.mayBook) {
    throw forbidden(
      'Les membres en lecture seule consultent l’agenda mais ne prennent ni ne modifient de rendez-vous.',
    );
  }
}

/** An agent of the open organisation, by id from a URL; anything else is not found. */
export function agentOf(context: AgendaContext, agentId: string | undefined): Member | undefined {
  if (!agentId) return undefined;
  const agent = context.agents.find((a) => a.agentId === agentId);
  if (!agent) throw notFound('Cet agent ne fait pas partie de l’organisation.');
  return agent;
}

export function placeOf(context: AgendaContext, placeId: string | undefined): PlaceChoice | undefined {
  if (!placeId) return undefined;
  const place = context.places.find((p) => p.id === placeId);
  if (!place) throw notFound('Ce lieu n’existe pas dans l’organisation.');
  return place;
}

/** The appointments of one local day, one agent's or everyone's. */
export async function listDay(
  db: Db,
  context: AgendaContext,
  input: { day: string; agentId?: string },
): Promise<AgendaEntry[]> {
  const { start, end } = dayBounds(input.day);
  return listAgendaEntries(db, {
    organisationId: context.organisation.id,
    agentId: input.agentId,
    from: start,
    to: end,
  });
}

export type TimedOpening = { start: Date; end: Date; placeId: string; agentId: string; title: string | null };
export type TimedAbsence = { start: Date; end: Date; agentId: string; title: string };

export type TimedEntry = AgendaEntry & { start: Date; end: Date };

export type WeekData = {
  monday: string;
  openings: TimedOpening[];
  absences: TimedAbsence[];
  appointments: TimedEntry[];
};

/**
 * One week of one agent or one place: the opening slots expanded on their days (closed on public
 * holidays of the place's département unless they open on holidays), the agents' absences, and the
 * appointments. The expansion is the slot search's own (slots/recurrence.ts), so the shaded hours are
 * the hours the search offers.
 */
export async function loadWeek(
  db: Db,
  context: AgendaContext,
  input: { day: string; agentId?: string; placeId?: string },
): Promise<WeekData> {
  const monday = mondayOf(input.day);
  const sunday = addDays(monday, 6);
  const organisationId = context.organisation.id;
  const [rules, appointments] = await Promise.all([
    listOpeningSlotRules(db, {
      organisationId,
      agentId: input.agentId,
      placeId: input.placeId,
      from: monday,
      to: sunday,
    }),
    listAgendaEntries(db, {
      organisationId,
      agentId: input.agentId,
      placeId: input.placeId,
      from: localInstant(monday, 0),
      to: localInstant(addDays(monday, 7), 0),
    }),
  ]);
  const placeCommunes = new Map(context.places.map((p) => [p.id, p.communeCode]));
  const openings: TimedOpening[] = rules.flatMap((rule) => {
    const communeCode = placeCommunes.get(rule.placeId);
    const departement = communeCode ? departementOf(communeCode) : undefined;
    return expandOpeningSlot(rule, monday, sunday, (day) => isPublicHoliday(day, departement)).map((o) => ({
      start: new Date(o.start),
      end: new Date(o.end),
      placeId: o.placeId,
      agentId: o.agentId,
      title: rule.title,
    }));
  });
  // A place's week shows the absences of the agents who receive there that week.
  const agentIds = input.agentId ? [input.agentId] : [...new Set(rules.map((r) => r.agentId))];
  const absenceRules = await listAbsenceRules(db, { agentIds, from: monday, to: sunday });
  const absences: TimedAbsence[] = absenceRules.flatMap((rule) =>
    expandAbsence(rule, monday, sunday).map((i) => ({
      start: new Date(i.start),
      end: new Date(i.end),
      agentId: rule.agentId,
      title: rule.title,
    })),
  );
  return {
    monday,
    openings,
    absences,
    appointments: appointments.map((entry) => ({ ...entry, start: entry.startsAt, end: entry.endsAt })),
  };
}

export type AppointmentView = {
  participation: ParticipationView;
  history: StatusChange[];
  /** Everyone in the same appointment (a collective session), this person included. */
  companions: AgendaEntry[];
  messages: MessageSummary[];
};

/**
 * One participation as its page shows it. Unknown, malformed or another organisation's id: "not
 * found" (the last one audited as denied). Reading it shows a person's contact details: audited.
 */
export async function viewParticipation(
  db: Db,
  caller: Caller,
  context: AgendaContext,
  participantId: string,
): Promise<AppointmentView> {
  const participation = await openParticipation(db, caller, context, participantId);
  const [history, companions, messages] = await Promise.all([
    listStatusChanges(db, participantId),
    listAppointmentEntries(db, context.organisation.id, participation.appointmentId),
    // Notifications are filed under the person (subject 'citizen'): their messages, newest first.
    messageHistoryOf(db, [context.organisation.id], { type: 'citizen', id: participation.citizenId }, 20),
  ]);
  await recordAudit(db, caller.audit, {
    action: 'read',
    resourceType: 'appointment_participant',
    resourceId: participantId,
    organisationId: context.organisation.id,
    territoryId: context.organisation.territoryId,
  });
  return { participation, history, companions, messages };
}

/**
 * For a link to an appointment or a person of another organisation the agent belongs to (a flash
 * message, a bookmark) opened without ?organisation=: that organisation's slug, to open it there.
 * Undefined when it is the open one, unknown, or not the agent's (then the page answers "not found").
 */
export async function otherAgendaOf(
  db: Db,
  caller: Caller,
  context: AgendaContext,
  record: { participantId: string } | { citizenId: string },
): Promise<string | undefined> {
  let organisationId: string | undefined;
  if ('participantId' in record) {
    if (isUuid(record.participantId))
      organisationId = (await findParticipation(db, record.participantId))?.organisationId;
  } else if (isUuid(record.citizenId)) {
    organisationId = await citizenOrganisation(db, record.citizenId);
  }
  if (!organisationId || organisationId === context.organisation.id) return undefined;
  return caller.actor.memberships.find((m) => m.organisationId === organisationId)?.organisationSlug;
}

/** A participation of the open organisation, or "not found" (audited when it is another's). */
export async function openParticipation(
  db: Db,
  caller: Caller,
  context: AgendaContext,
  participantId: string,
): Promise<ParticipationView> {
  const participation = isUuid(participantId) ? await findParticipation(db, participantId) : undefined;
  if (!participation) throw notFound('Ce rendez-vous n’existe pas ou vous n’y avez pas accès.');
  if (participation.organisationId !== context.organisation.id) {
    await recordAudit(db, caller.audit, {
      action: 'denied',
      resourceType: 'appointment_participant',
      resourceId: participantId,
      organisationId: participation.organisationId,
    });
    throw notFound('Ce rendez-vous n’existe pas ou vous n’y avez pas accès.');
  }
  return participation;
}

export type CitizenView = {
  citizen: CitizenRecord;
  upcoming: AgendaEntry[];
  past: AgendaEntry[];
  messages: MessageSummary[];
};

/** A person's page: their details and appointments in the organisation. Audited as a read. */
export async function viewCitizen(
  db: Db,
  caller: Caller,
  context: AgendaContext,
  citizenId: string,
  now: Date,
): Promise<CitizenView> {
  const citizen = await openCitizen(db, caller, context, citizenId);
  const [entries, messages] = await Promise.all([
    listCitizenEntries(db, context.organisation.id, citizen.id),
    messageHistoryOf(db, [context.organisation.id], { type: 'citizen', id: citizen.id }, 20),
  ]);
  await recordAudit(db, caller.audit, {
    action: 'read',
    resourceType: 'citizen',
    resourceId: citizen.id,
    organisationId: context.organisation.id,
    territoryId: context.organisation.territoryId,
  });
  return {
    citizen,
    upcoming: entries.filter((e) => e.startsAt >= now).reverse(),
    past: entries.filter((e) => e.startsAt < now),
    messages,
  };
}

/** A person of the open organisation, or "not found" (audited when they belong to another). */
export async function openCitizen(
  db: Db,
  caller: Caller,
  context: AgendaContext,
  citizenId: string,
): Promise<CitizenRecord> {
  const citizen = isUuid(citizenId) ? await findCitizenIn(db, context.organisation.id, citizenId) : undefined;
  if (citizen) return citizen;
  const elsewhere = isUuid(citizenId) ? await citizenOrganisation(db, citizenId) : undefined;
  if (elsewhere) {
    await recordAudit(db, caller.audit, {
      action: 'denied',
      resourceType: 'citizen',
      resourceId: citizenId,
      organisationId: elsewhere,
    });
  }
  throw notFound('Cette personne n’existe pas ou vous n’y avez pas accès.');
}
