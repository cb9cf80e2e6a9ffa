import { recordAudit } from '../../audit/audit.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, notFound } from '../../errors.ts';
import { type Caller, isUuid } from '../../tenancy/caller.ts';
import { canSchedule } from '../policy.ts';
import {
  type AppointmentTypeRow,
  findAppointmentType,
  insertAppointmentType,
  listAppointmentTypes,
  setAppointmentTypeArchived,
  updateAppointmentType,
} from './appointment-types.repository.ts';
import { openRecordOrganisation, type SettingsOrganisation } from './organisation-context.service.ts';
import type { AppointmentTypeInput } from './schemas.ts';
import { withFriendlyChecks } from './service-parts.ts';

export function listAppointmentTypesOf(db: Db, organisation: SettingsOrganisation) {
  return listAppointmentTypes(db, organisation.id);
}

function assertMayConfigure(caller: Caller, organisationId: string) {
  if (!canSchedule(caller.actor, 'scheduling.configure', { organisationId })) {
    throw forbidden('Seuls les administrateurs de l’organisation peuvent modifier ses motifs.');
  }
}

export async function createAppointmentType(
  db: Db,
  caller: Caller,
  organisation: SettingsOrganisation,
  input: AppointmentTypeInput,
) {
  assertMayConfigure(caller, organisation.id);
  return withFriendlyChecks(() =>
    db.transaction(async (tx) => {
      const created = await insertAppointmentType(tx, organisation.id, input);
      await recordAudit(tx, caller.audit, {
        action: 'create',
        resourceType: 'appointment_type',
        resourceId: created.id,
        organisationId: organisation.id,
        territoryId: organisation.territoryId,
        details: { name: input.name },
      });
      return created;
    }),
  );
}

export async function openAppointmentType(
  db: Db,
  caller: Caller,
  id: string,
): Promise<{ appointmentType: AppointmentTypeRow; organisation: SettingsOrganisation }> {
  const appointmentType = isUuid(id) ? await findAppointmentType(db, id) : undefined;
  if (!appointmentType) throw notFound();
  const organisation = await openRecordOrganisation(db, caller, appointmentType.organisationId, {
    type: 'appointment_type',
    id,
  });
  return { appointmentType, organisation };
}

/** Changes a type; appointments already booked keep their times (the new duration applies to new ones). */
export async function editAppointmentType(db: Db, caller: Caller, id: string, input: AppointmentTypeInput) {
  const { appointmentType, organisation } = await openAppointmentType(db, caller, id);
  assertMayConfigure(caller, organisation.id);
  await withFriendlyChecks(() =>
    db.transaction(async (tx) => {
      await updateAppointmentType(tx, appointmentType.id, input);
      await recordAudit(tx, caller.audit, {
        action: 'update',
        resourceType: 'appointment_type',
        resourceId: appointmentType.id,
        organisationId: organisation.id,
        territoryId: organisation.territoryId,
        details: { name: input.name },
      });
    }),
  );
  return { appointmentType: { ...appointmentType, ...input }, organisation };
}

/** Archives a type (no longer bookable, kept for the appointments that used it), or brings it back. */
export async function setAppointmentTypeArchival(
  db: Db,
  caller: Caller,
  id: string,
  archived: boolean,
  now = new Date(),
) {
  const { appointmentType, organisation } = await openAppointmentType(db, caller, id);
  assertMayConfigure(caller, organisation.id);
  await db.transaction(async (tx) => {
    await setAppointmentTypeArchived(tx, appointmentType.id, archived ? now : null);
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'appointment_type',
      resourceId: appointmentType.id,
      organisationId: organisation.id,
      territoryId: organisation.territoryId,
      details: { archived },
    });
  });
  return { appointmentType, organisation };
}
