import { recordAudit } from '../../audit/audit.ts';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import { type Caller, isUuid } from '../../tenancy/caller.ts';
import {
  type AbsenceRow,
  type AbsenceValues,
  deleteAbsence,
  findAbsence,
  insertAbsence,
  listAbsences,
  updateAbsence,
} from './absences.repository.ts';
import { assertMayManageTimeOf, checkChosenAgent } from './agent-time.ts';
import { agentAppointmentsBetween } from './opening-slots.repository.ts';
import {
  manageableAgents,
  openRecordOrganisation,
  organisationAgents,
  type SettingsOrganisation,
} from './organisation-context.service.ts';
import { absenceIntervals, addDays, localToday } from './recurrence.ts';
import type { AbsenceInput } from './schemas.ts';
import { withFriendlyChecks } from './service-parts.ts';

export async function listAbsencesOf(db: Db, organisation: SettingsOrganisation, agentId?: string) {
  const [absences, agents] = await Promise.all([
    listAbsences(db, organisation.id, agentId && isUuid(agentId) ? agentId : undefined),
    organisationAgents(db, organisation.id),
  ]);
  return { absences, agents };
}

export function absenceFormChoices(db: Db, caller: Caller, organisation: SettingsOrganisation) {
  return manageableAgents(db, caller, organisation);
}

/**
 * How many of the agent's appointments still to come fall inside the absence. They are not cancelled
 * (the agent decides: move them, or ask a colleague): the pages say how many there are. A recurring
 * absence is looked at over a year from its first day still to come.
 */
export async function appointmentsDuringAbsence(db: Db, absence: AbsenceValues, now: Date): Promise<number> {
  const today = localToday(now);
  const from = [today, absence.firstDay].sort()[1]!;
  const last = absence.weekdays === null ? (absence.lastDay ?? absence.firstDay) : addDays(from, 366);
  const intervals = absenceIntervals(absence, from, last).filter((i) => i.end > now);
  if (intervals.length === 0) return 0;
  const until = new Date(Math.max(...intervals.map((i) => i.end.getTime())));
  const appointments = await agentAppointmentsBetween(db, absence.agentId, now, until);
  return appointments.filter((a) => intervals.some((i) => a.startsAt < i.end && i.start < a.endsAt)).length;
}

function values(input: AbsenceInput): AbsenceValues {
  return {
    agentId: input.agentId,
    title: input.title,
    firstDay: input.firstDay,
    lastDay: input.lastDay,
    startTime: input.startTime,
    endTime: input.endTime,
    weekdays: input.weekdays,
    everyWeeks: input.everyWeeks,
  };
}

export async function createAbsence(
  db: Db,
  caller: Caller,
  organisation: SettingsOrganisation,
  input: AbsenceInput,
  now = new Date(),
): Promise<{ id: string; inside: number }> {
  await checkChosenAgent(db, caller, organisation, input.agentId);
  const absence = values(input);
  const id = await withFriendlyChecks(() =>
    db.transaction(async (tx) => {
      const id = await insertAbsence(tx, organisation.id, absence);
      await recordAudit(tx, caller.audit, {
        action: 'create',
        resourceType: 'absence',
        resourceId: id,
        organisationId: organisation.id,
        territoryId: organisation.territoryId,
        details: { agentId: absence.agentId },
      });
      return id;
    }),
  );
  return { id, inside: await appointmentsDuringAbsence(db, absence, now) };
}

export async function openAbsence(
  db: Db,
  caller: Caller,
  id: string,
): Promise<{ absence: AbsenceRow; organisation: SettingsOrganisation }> {
  const absence = isUuid(id) ? await findAbsence(db, id) : undefined;
  if (!absence) throw notFound();
  const organisation = await openRecordOrganisation(db, caller, absence.organisationId, {
    type: 'absence',
    id,
  });
  return { absence, organisation };
}

export async function editAbsence(
  db: Db,
  caller: Caller,
  id: string,
  input: AbsenceInput,
  now = new Date(),
): Promise<{ organisation: SettingsOrganisation; inside: number }> {
  const { absence, organisation } = await openAbsence(db, caller, id);
  assertMayManageTimeOf(caller, organisation.id, absence.agentId);
  await checkChosenAgent(db, caller, organisation, input.agentId);
  const changed = values(input);
  await withFriendlyChecks(() =>
    db.transaction(async (tx) => {
      await updateAbsence(tx, absence.id, changed);
      await recordAudit(tx, caller.audit, {
        action: 'update',
        resourceType: 'absence',
        resourceId: absence.id,
        organisationId: organisation.id,
        territoryId: organisation.territoryId,
        details: { agentId: changed.agentId },
      });
    }),
  );
  return { organisation, inside: await appointmentsDuringAbsence(db, changed, now) };
}

export async function removeAbsence(db: Db, caller: Caller, id: string) {
  const { absence, organisation } = await openAbsence(db, caller, id);
  assertMayManageTimeOf(caller, organisation.id, absence.agentId);
  await db.transaction(async (tx) => {
    await deleteAbsence(tx, absence.id);
    await recordAudit(tx, caller.audit, {
      action: 'delete',
      resourceType: 'absence',
      resourceId: absence.id,
      organisationId: organisation.id,
      territoryId: organisation.territoryId,
      details: { agentId: absence.agentId },
    });
  });
  return { absence, organisation };
}
