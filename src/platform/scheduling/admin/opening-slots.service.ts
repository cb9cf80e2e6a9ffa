import { recordAudit } from '../../audit/audit.ts';
import type { Db } from '../../db/client.ts';
import { invalid, notFound } from '../../errors.ts';
import { type Caller, isUuid } from '../../tenancy/caller.ts';
import { assertMayManageTimeOf, checkChosenAgent } from './agent-time.ts';
import { activeAppointmentTypeIds, listActiveAppointmentTypes } from './appointment-types.repository.ts';
import {
  agentAppointmentsBetween,
  agentOpeningSlots,
  deleteOpeningSlot,
  findOpeningSlot,
  insertOpeningSlot,
  listOpeningSlots,
  type OpeningSlotRow,
  type OpeningSlotValues,
  updateOpeningSlot,
} from './opening-slots.repository.ts';
import {
  manageableAgents,
  openRecordOrganisation,
  organisationAgents,
  type SettingsOrganisation,
} from './organisation-context.service.ts';
import { findPlace, listActivePlaces } from './places.repository.ts';
import {
  findOverlaps,
  frenchDay,
  frenchTime,
  isoWeekday,
  ruleCovers,
  type WeeklyRule,
  weekdayName,
} from './recurrence.ts';
import type { OpeningSlotInput } from './schemas.ts';
import { withFriendlyChecks } from './service-parts.ts';

export async function listOpeningSlotsOf(
  db: Db,
  organisation: SettingsOrganisation,
  filter: { agentId?: string; placeId?: string },
) {
  const [slots, agents, places] = await Promise.all([
    listOpeningSlots(db, organisation.id, {
      agentId: filter.agentId && isUuid(filter.agentId) ? filter.agentId : undefined,
      placeId: filter.placeId && isUuid(filter.placeId) ? filter.placeId : undefined,
    }),
    organisationAgents(db, organisation.id),
    listActivePlaces(db, organisation.id),
  ]);
  return { slots, agents, places };
}

/** What the opening-slot form offers: the agents the caller may manage, the places and types in use. */
export async function openingSlotFormChoices(db: Db, caller: Caller, organisation: SettingsOrganisation) {
  const [agents, places, appointmentTypes] = await Promise.all([
    manageableAgents(db, caller, organisation),
    listActivePlaces(db, organisation.id),
    listActiveAppointmentTypes(db, organisation.id),
  ]);
  return { agents, places, appointmentTypes };
}

/**
 * « Cette plage chevauche la plage du mardi 9 h – 12 h (Maison des solidarités), à partir du
 * 5 janvier 2027. » — the first day both occur, so the agent sees where to look.
 */
export function overlapMessage(
  conflicts: { rule: OpeningSlotRow; day: string }[],
  organisationId: string,
): string {
  const [first, ...others] = conflicts;
  const { rule, day } = first!;
  // The place's name goes in brackets: « à » + a name would need its article (« à la Maison… »).
  const where =
    rule.organisationId === organisationId ? rule.placeName : 'dans une autre de ses organisations';
  const weekday = weekdayName(isoWeekday(day));
  const more =
    others.length === 0
      ? ''
      : ` Elle en chevauche aussi ${others.length} autre${others.length > 1 ? 's' : ''}.`;
  return `Cette plage chevauche la plage du ${weekday} ${frenchTime(rule.startTime)} – ${frenchTime(rule.endTime)} (${where}), à partir du ${frenchDay(day)}. Changez les jours, les heures ou les dates.${more}`;
}

/** Checks the choices of the form against the organisation, and the agent's other opening slots. */
async function checkOpeningSlot(
  db: Db,
  caller: Caller,
  organisation: SettingsOrganisation,
  input: OpeningSlotInput,
  current?: OpeningSlotRow,
): Promise<OpeningSlotValues> {
  await checkChosenAgent(db, caller, organisation, input.agentId);
  const place = isUuid(input.placeId) ? await findPlace(db, input.placeId) : undefined;
  const placeUnchanged = current?.placeId === input.placeId;
  if (!place || place.organisationId !== organisation.id || (place.archivedAt !== null && !placeUnchanged)) {
    throw invalid({ placeId: 'Choisissez un lieu de l’organisation.' });
  }
  const typeIds = input.appointmentTypeIds.filter(isUuid);
  const known = await activeAppointmentTypeIds(db, organisation.id, typeIds);
  if (known.length !== input.appointmentTypeIds.length) {
    throw invalid({ appointmentTypeIds: 'Choisissez des motifs proposés par l’organisation.' });
  }
  const values: OpeningSlotValues = {
    agentId: input.agentId,
    placeId: input.placeId,
    title: input.title,
    weekdays: input.weekdays,
    startTime: input.startTime,
    endTime: input.endTime,
    firstDay: input.firstDay,
    lastDay: input.lastDay,
    everyWeeks: input.everyWeeks,
    openOnHolidays: input.openOnHolidays,
  };
  const conflicts = findOverlaps(values, await agentOpeningSlots(db, input.agentId, current?.id));
  if (conflicts.length > 0) throw invalid({ _: overlapMessage(conflicts, organisation.id) });
  return values;
}

export async function createOpeningSlot(
  db: Db,
  caller: Caller,
  organisation: SettingsOrganisation,
  input: OpeningSlotInput,
): Promise<{ id: string }> {
  const values = await checkOpeningSlot(db, caller, organisation, input);
  return withFriendlyChecks(() =>
    db.transaction(async (tx) => {
      const id = await insertOpeningSlot(tx, organisation.id, values, input.appointmentTypeIds);
      await recordAudit(tx, caller.audit, {
        action: 'create',
        resourceType: 'opening_slot',
        resourceId: id,
        organisationId: organisation.id,
        territoryId: organisation.territoryId,
        details: { agentId: values.agentId, placeId: values.placeId },
      });
      return { id };
    }),
  );
}

export async function openOpeningSlot(
  db: Db,
  caller: Caller,
  id: string,
): Promise<{ slot: OpeningSlotRow; organisation: SettingsOrganisation }> {
  const slot = isUuid(id) ? await findOpeningSlot(db, id) : undefined;
  if (!slot) throw notFound();
  const organisation = await openRecordOrganisation(db, caller, slot.organisationId, {
    type: 'opening_slot',
    id,
  });
  return { slot, organisation };
}

/**
 * How many of the agent's coming appointments the old slot covered and the new one (if any) does not:
 * they stay booked, but nobody would be open then any more. The edit is not refused for that — an
 * agent may shorten a slot knowing they will move two appointments — only announced.
 */
async function appointmentsLeftOutside(
  db: Db,
  before: OpeningSlotRow,
  after: (WeeklyRule & { agentId: string; placeId: string }) | null,
  now: Date,
): Promise<number> {
  const coming = await agentAppointmentsBetween(db, before.agentId, now, null, before.placeId);
  return coming.filter(
    (a) =>
      ruleCovers(before, a.startsAt, a.endsAt) &&
      !(
        after &&
        after.agentId === before.agentId &&
        after.placeId === before.placeId &&
        ruleCovers(after, a.startsAt, a.endsAt)
      ),
  ).length;
}

export async function editOpeningSlot(
  db: Db,
  caller: Caller,
  id: string,
  input: OpeningSlotInput,
  now = new Date(),
): Promise<{ slot: OpeningSlotRow; organisation: SettingsOrganisation; outside: number }> {
  const { slot, organisation } = await openOpeningSlot(db, caller, id);
  assertMayManageTimeOf(caller, organisation.id, slot.agentId);
  const values = await checkOpeningSlot(db, caller, organisation, input, slot);
  const outside = await appointmentsLeftOutside(db, slot, values, now);
  await withFriendlyChecks(() =>
    db.transaction(async (tx) => {
      await updateOpeningSlot(tx, slot.id, values, input.appointmentTypeIds);
      await recordAudit(tx, caller.audit, {
        action: 'update',
        resourceType: 'opening_slot',
        resourceId: slot.id,
        organisationId: organisation.id,
        territoryId: organisation.territoryId,
        details: { agentId: values.agentId, placeId: values.placeId, appointmentsOutside: outside },
      });
    }),
  );
  return { slot, organisation, outside };
}

export async function removeOpeningSlot(
  db: Db,
  caller: Caller,
  id: string,
  now = new Date(),
): Promise<{ slot: OpeningSlotRow; organisation: SettingsOrganisation; outside: number }> {
  const { slot, organisation } = await openOpeningSlot(db, caller, id);
  assertMayManageTimeOf(caller, organisation.id, slot.agentId);
  const outside = await appointmentsLeftOutside(db, slot, null, now);
  await db.transaction(async (tx) => {
    await deleteOpeningSlot(tx, slot.id);
    await recordAudit(tx, caller.audit, {
      action: 'delete',
      resourceType: 'opening_slot',
      resourceId: slot.id,
      organisationId: organisation.id,
      territoryId: organisation.territoryId,
      details: { agentId: slot.agentId, placeId: slot.placeId, appointmentsOutside: outside },
    });
  });
  return { slot, organisation, outside };
}
