import { recordAudit } from '../../audit/audit.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, invalid, notFound } from '../../errors.ts';
import { type Caller, isUuid } from '../../tenancy/caller.ts';
import { canSchedule } from '../policy.ts';
import { resolveCommune } from './communes.ts';
import { openRecordOrganisation, type SettingsOrganisation } from './organisation-context.service.ts';
import {
  findPlace,
  insertPlace,
  listPlaces,
  type PlaceRow,
  type PlaceValues,
  setPlaceArchived,
  updatePlace,
} from './places.repository.ts';
import type { PlaceInput } from './schemas.ts';
import { withFriendlyChecks } from './service-parts.ts';

export function listPlacesOf(db: Db, organisation: SettingsOrganisation) {
  return listPlaces(db, organisation.id);
}

function assertMayConfigure(caller: Caller, organisationId: string) {
  if (!canSchedule(caller.actor, 'scheduling.configure', { organisationId })) {
    throw forbidden('Seuls les administrateurs de l’organisation peuvent modifier ses lieux.');
  }
}

/** The values to store: the commune typed is checked against the official list of communes. */
function placeValues(input: PlaceInput): PlaceValues {
  const resolved = resolveCommune(input.commune, input.communeCode);
  if (!resolved.ok) throw invalid({ commune: resolved.message });
  return {
    name: input.name,
    address: input.address,
    communeCode: resolved.commune.code,
    latitude: input.latitude,
    longitude: input.longitude,
    phone: input.phone,
    accessibilityNotes: input.accessibilityNotes,
  };
}

export async function createPlace(
  db: Db,
  caller: Caller,
  organisation: SettingsOrganisation,
  input: PlaceInput,
) {
  assertMayConfigure(caller, organisation.id);
  const values = placeValues(input);
  return withFriendlyChecks(() =>
    db.transaction(async (tx) => {
      const place = await insertPlace(tx, organisation.id, values);
      await recordAudit(tx, caller.audit, {
        action: 'create',
        resourceType: 'place',
        resourceId: place.id,
        organisationId: organisation.id,
        territoryId: organisation.territoryId,
        details: { name: values.name, communeCode: values.communeCode },
      });
      return place;
    }),
  );
}

/** A place and its organisation, for its page; another organisation's place is not found (audited). */
export async function openPlace(
  db: Db,
  caller: Caller,
  id: string,
): Promise<{ place: PlaceRow; organisation: SettingsOrganisation }> {
  const place = isUuid(id) ? await findPlace(db, id) : undefined;
  if (!place) throw notFound();
  const organisation = await openRecordOrganisation(db, caller, place.organisationId, { type: 'place', id });
  return { place, organisation };
}

export async function editPlace(db: Db, caller: Caller, id: string, input: PlaceInput) {
  const { place, organisation } = await openPlace(db, caller, id);
  assertMayConfigure(caller, organisation.id);
  const values = placeValues(input);
  await withFriendlyChecks(() =>
    db.transaction(async (tx) => {
      await updatePlace(tx, place.id, values);
      await recordAudit(tx, caller.audit, {
        action: 'update',
        resourceType: 'place',
        resourceId: place.id,
        organisationId: organisation.id,
        territoryId: organisation.territoryId,
        details: { name: values.name },
      });
    }),
  );
  return { place: { ...place, ...values }, organisation };
}

/**
 * Archives a place (or brings it back): an archived place is no longer offered for new opening slots
 * nor bookings, and its past appointments keep pointing at it.
 */
export async function setPlaceArchival(
  db: Db,
  caller: Caller,
  id: string,
  archived: boolean,
  now = new Date(),
) {
  const { place, organisation } = await openPlace(db, caller, id);
  assertMayConfigure(caller, organisation.id);
  await db.transaction(async (tx) => {
    await setPlaceArchived(tx, place.id, archived ? now : null);
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'place',
      resourceId: place.id,
      organisationId: organisation.id,
      territoryId: organisation.territoryId,
      details: { archived },
    });
  });
  return { place, organisation };
}
