import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { recordAudit } from '../audit/audit.ts';
import type { Db } from '../db/client.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import { type Caller, isUuid } from '../tenancy/caller.ts';
import {
  activeMembersAmong,
  type Citizen,
  completeCitizen,
  findCitizenByContact,
  findCitizenByExternalRef,
  findCitizenOfOrganisation,
  insertCitizen,
  replaceReferents,
  searchCitizensOf,
} from './citizens.repository.ts';
import { canSchedule } from './policy.ts';
import type { CitizenInput } from './types.ts';

export type { Citizen } from './citizens.repository.ts';

/**
 * French national numbers are shared by the metropole and the overseas départements (0690… is a
 * Guadeloupe mobile, 0262… a Réunion landline): a number written with a single leading 0 is read as
 * metropolitan first, then as each overseas département's, and the first valid reading wins.
 * Landlines are accepted here (a person may be called back on one); SMS checks mobiles separately.
 */
const NATIONAL_REGIONS: CountryCode[] = ['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM'];

/** A phone number in E.164 (+33612345678), or the reason it cannot be read, in French. */
export function normalisePhone(input: string): { ok: true; e164: string } | { ok: false; reason: string } {
  const written = input.trim();
  if (!/^[\d\s.\-/()+\u00a0\u202f]+$/.test(written)) {
    return {
      ok: false,
      reason: 'Saisissez un numéro de téléphone avec des chiffres, par exemple 06 12 34 56 78.',
    };
  }
  const international = /^(\+|00)/.test(written);
  const readings = international
    ? [parsePhoneNumberFromString(written.replace(/^00/, '+'))]
    : NATIONAL_REGIONS.map((region) => parsePhoneNumberFromString(written, region));
  const valid = readings.find((reading) => reading?.isValid());
  if (!valid) {
    return {
      ok: false,
      reason: 'Ce numéro de téléphone n’existe pas : vérifiez-le, par exemple 06 12 34 56 78.',
    };
  }
  return { ok: true, e164: valid.number };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks and cleans contact details. Field errors are keyed by the CitizenInput field name
 * (firstName, lastName, phone, email, birthDate, communeCode); the API prefixes them with its path.
 * People booking themselves must give a phone or an email: confirmations and reminders go there.
 */
export function checkCitizenInput(
  input: CitizenInput,
  options: { requireContact: boolean },
): Omit<CitizenInput, 'phone' | 'email'> & { phone: string | null; email: string | null } {
  const errors: Record<string, string> = {};
  const firstName = input.firstName?.trim() ?? '';
  const lastName = input.lastName?.trim() ?? '';
  if (!firstName) errors.firstName = 'Saisissez le prénom.';
  else if (firstName.length > 100) errors.firstName = 'Le prénom est trop long (100 caractères au plus).';
  if (!lastName) errors.lastName = 'Saisissez le nom.';
  else if (lastName.length > 100) errors.lastName = 'Le nom est trop long (100 caractères au plus).';
  let phone: string | null = null;
  if (input.phone?.trim()) {
    const checked = normalisePhone(input.phone);
    if (checked.ok) phone = checked.e164;
    else errors.phone = checked.reason;
  }
  let email: string | null = null;
  if (input.email?.trim()) {
    email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > 254) {
      errors.email = 'Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr.';
    }
  }
  if (options.requireContact && !input.phone?.trim() && !input.email?.trim()) {
    const message =
      'Indiquez un numéro de téléphone ou une adresse électronique : la confirmation et le rappel y seront envoyés.';
    errors.phone = message;
    errors.email = message;
  }
  if (input.birthDate && !/^\d{4}-\d{2}-\d{2}$/.test(input.birthDate)) {
    errors.birthDate = 'Saisissez la date de naissance au format AAAA-MM-JJ.';
  }
  if (input.communeCode && !/^(\d{5}|2[AB]\d{3})$/.test(input.communeCode)) {
    errors.communeCode = 'Le code INSEE de la commune compte 5 caractères, par exemple 83126.';
  }
  if (Object.keys(errors).length) throw invalid(errors);
  return {
    firstName,
    lastName,
    phone,
    email,
    birthDate: input.birthDate || null,
    address: input.address?.trim() || null,
    communeCode: input.communeCode || null,
    externalRef: input.externalRef?.trim() || null,
  };
}

/**
 * Finds the person the organisation already knows, or records them. Found by externalRef first (a
 * module's own record), then by the same last name with the same phone or email. A person found
 * again keeps their details; only what was missing is filled in. Call inside the booking's transaction.
 */
export async function findOrCreateCitizen(
  tx: Db,
  organisationId: string,
  input: CitizenInput,
  options: { requireContact?: boolean } = {},
): Promise<{ citizen: Citizen; created: boolean }> {
  const checked = checkCitizenInput(input, { requireContact: options.requireContact ?? false });
  const found =
    (checked.externalRef
      ? await findCitizenByExternalRef(tx, organisationId, checked.externalRef)
      : undefined) ?? (await findCitizenByContact(tx, organisationId, checked));
  if (found) {
    // An externalRef already held by another record must not be copied onto this one.
    const externalRef =
      checked.externalRef &&
      found.externalRef === null &&
      !(await findCitizenByExternalRef(tx, organisationId, checked.externalRef))
        ? checked.externalRef
        : null;
    return { citizen: await completeCitizen(tx, found, { ...checked, externalRef }), created: false };
  }
  return { citizen: await insertCitizen(tx, { organisationId, ...checked }), created: true };
}

/** The organisation's people matching a name or a phone number, for agents booking for someone. */
export async function searchCitizens(
  db: Db,
  caller: Caller,
  organisationId: string,
  text: string,
): Promise<Citizen[]> {
  if (!canSchedule(caller.actor, 'scheduling.view', { organisationId })) throw notFound();
  const trimmed = text.trim();
  if (trimmed.length < 2) return [];
  const looksLikePhone = /^[\d\s.\-/()+]+$/.test(trimmed);
  const phone = looksLikePhone ? normalisePhone(trimmed) : undefined;
  const found =
    looksLikePhone && !phone?.ok
      ? []
      : await searchCitizensOf(db, organisationId, {
          phone: phone?.ok ? phone.e164 : undefined,
          words: trimmed.split(/\s+/).slice(0, 4),
        });
  await recordAudit(db, caller.audit, {
    action: 'list',
    resourceType: 'citizen',
    organisationId,
    details: { search: looksLikePhone ? 'téléphone' : 'nom', count: found.length },
  });
  return found;
}

/** Sets a person's référents (agents of their organisation): follow-up types only offer them. */
export async function setCitizenReferents(
  db: Db,
  caller: Caller,
  input: { organisationId: string; citizenId: string; agentIds: string[] },
): Promise<void> {
  if (!canSchedule(caller.actor, 'scheduling.view', { organisationId: input.organisationId }))
    throw notFound();
  if (!canSchedule(caller.actor, 'scheduling.book', { organisationId: input.organisationId }))
    throw forbidden();
  const agentIds = [...new Set(input.agentIds)];
  await db.transaction(async (tx) => {
    const citizen = isUuid(input.citizenId)
      ? await findCitizenOfOrganisation(tx, input.organisationId, input.citizenId)
      : undefined;
    if (!citizen) throw notFound('Cette personne n’existe pas ou vous n’y avez pas accès.');
    const members = agentIds.every(isUuid)
      ? await activeMembersAmong(tx, input.organisationId, agentIds)
      : [];
    if (members.length !== agentIds.length) {
      throw invalid({ agentIds: 'Choisissez des référents parmi les agents actifs de l’organisation.' });
    }
    await replaceReferents(tx, citizen.id, agentIds);
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'citizen',
      resourceId: citizen.id,
      organisationId: input.organisationId,
      details: { referents: agentIds },
    });
  });
}
