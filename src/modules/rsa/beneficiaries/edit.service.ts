import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { invalid } from '../../../platform/errors.ts';
import { displayPhone } from '../../../platform/scheduling/agenda/views/parts.tsx';
import { replaceReferents } from '../../../platform/scheduling/citizens.repository.ts';
import { normalisePhone } from '../../../platform/scheduling/citizens.service.ts';
import { agentsServing } from '../../../platform/scheduling/sector.repository.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import type { Beneficiary } from '../access.ts';
import { openBeneficiary } from '../access.ts';
import { canRsa } from '../policy.ts';
import {
  type AgentChoice,
  agentsOf,
  allocataireTaken,
  nirEnabledFor,
  type OrganisationChoice,
  organisationsOfTerritories,
  territoryOf,
  updateBeneficiary,
  updateCitizenContact,
} from './beneficiaries.repository.ts';
import { resolveCommune } from './commune.ts';
import { type EditForm, parseFrenchDate, parseTags } from './schemas.ts';

/**
 * Editing a beneficiary's record: identity, contact, address (the commune found on the map), rights
 * opening date, role, tags, and who follows them — an organisation of the same territory the agent
 * may manage, and one of its agents as référent (the sectorisation of the commune suggests one).
 * One transaction: the record, its booking-engine twin (name, phone, email, référent) and the audit.
 */

export type EditChoices = {
  organisations: OrganisationChoice[];
  /** The active agents of those organisations. */
  agents: AgentChoice[];
  /** The référent the sectorisation names for the person's commune, when they have none yet. */
  suggestedReferentId: string | null;
  nirEnabled: boolean;
};

export async function editChoicesFor(db: Db, caller: Caller, beneficiary: Beneficiary): Promise<EditChoices> {
  const organisations = (await organisationsOfTerritories(db, [beneficiary.territoryId])).filter((o) =>
    canRsa(caller.actor, 'rsa.manage', { organisationId: o.id, territoryId: beneficiary.territoryId }),
  );
  const [agents, nirEnabled, sector] = await Promise.all([
    agentsOf(
      db,
      organisations.map((o) => o.id),
    ),
    nirEnabledFor(db, beneficiary.organisationId),
    !beneficiary.referentAgentId && beneficiary.communeCode
      ? agentsServing(db, beneficiary.organisationId, beneficiary.communeCode)
      : Promise.resolve([]),
  ]);
  const suggested = sector.find((agentId) =>
    agents.some((a) => a.agentId === agentId && a.organisationId === beneficiary.organisationId),
  );
  return { organisations, agents, suggestedReferentId: suggested ?? null, nirEnabled };
}

/** The form as first shown: the record's values, dates as a date field expects them. */
export function formValuesOf(beneficiary: Beneficiary, choices: EditChoices): Record<string, string> {
  return {
    nom: beneficiary.lastName,
    prenom: beneficiary.firstName,
    naissance: beneficiary.birthDate ?? '',
    allocataire: beneficiary.allocataireNumber ?? '',
    role: beneficiary.role,
    nir: beneficiary.nir ?? '',
    telephone: beneficiary.phone ? displayPhone(beneficiary.phone) : '',
    courriel: beneficiary.email ?? '',
    adresse: beneficiary.address ?? '',
    code_postal: beneficiary.postalCode ?? '',
    commune: beneficiary.communeName ?? beneficiary.communeCode ?? '',
    ouverture: beneficiary.rightsOpenedOn ?? '',
    etiquettes: beneficiary.tags.join(', '),
    organisation: beneficiary.organisationId,
    referent: beneficiary.referentAgentId ?? choices.suggestedReferentId ?? '',
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Checked = {
  lastName: string;
  firstName: string;
  birthDate: string | null;
  allocataireNumber: string | null;
  role: 'demandeur' | 'conjoint';
  nir: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  postalCode: string | null;
  communeCode: string | null;
  communeName: string | null;
  rightsOpenedOn: string | null;
  tags: string[];
  organisationId: string;
  referentAgentId: string | null;
};

/** The form checked field by field; every message in French, keyed by the form's field names. */
export function checkEdit(
  form: EditForm,
  context: { beneficiary: Beneficiary; choices: EditChoices; today: string; departement?: string },
): { ok: true; values: Checked } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const date = (field: 'naissance' | 'ouverture', what: string, What: string): string | null => {
    const text = form[field];
    if (!text) return null;
    const day = parseFrenchDate(text);
    if (!day) {
      errors[field] = `Saisissez ${what} au format jj/mm/aaaa, par exemple 14/07/2024.`;
      return null;
    }
    if (day > context.today) errors[field] = `${What} ne peut pas être dans le futur.`;
    else if (day < '1900-01-01') errors[field] = `Vérifiez l’année : ${day.slice(0, 4)}.`;
    return day;
  };
  const birthDate = date('naissance', 'la date de naissance', 'La date de naissance');
  const rightsOpenedOn = date(
    'ouverture',
    'la date d’ouverture des droits',
    'La date d’ouverture des droits',
  );

  let phone: string | null = null;
  if (form.telephone) {
    const checked = normalisePhone(form.telephone);
    if (checked.ok) phone = checked.e164;
    else errors.telephone = checked.reason;
  }
  let email: string | null = null;
  if (form.courriel) {
    email = form.courriel.toLowerCase();
    if (!EMAIL.test(email)) {
      errors.courriel = 'Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr.';
    }
  }

  let nir = context.beneficiary.nir;
  if (context.choices.nirEnabled) {
    const digits = form.nir.replace(/\s/g, '');
    if (!digits) nir = null;
    else if (!/^[12][0-9]{12}([0-9]{2})?$/.test(digits)) {
      errors.nir = 'Le NIR compte 13 chiffres (15 avec la clé) et commence par 1 ou 2.';
    } else nir = digits;
  }

  let communeCode: string | null = null;
  let communeName: string | null = null;
  if (form.commune) {
    const resolved = resolveCommune(
      { commune: form.commune, postalCode: form.code_postal },
      { departement: context.departement },
    );
    if (resolved.ok) {
      communeCode = resolved.code;
      communeName = resolved.name;
    } else Object.assign(errors, resolved.errors);
  } else if (form.code_postal) {
    errors.commune = 'Indiquez la commune de ce code postal.';
  }

  const organisation = context.choices.organisations.find((o) => o.id === form.organisation);
  if (!organisation) errors.organisation = 'Choisissez une organisation dans la liste.';
  let referentAgentId: string | null = null;
  if (form.referent) {
    const agent = context.choices.agents.find(
      (a) => a.agentId === form.referent && a.organisationId === form.organisation,
    );
    if (agent) referentAgentId = agent.agentId;
    else if (organisation) {
      errors.referent = `Choisissez un référent parmi les agents de ${organisation.name}, ou aucun.`;
    }
  }

  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    values: {
      lastName: form.nom,
      firstName: form.prenom,
      birthDate,
      allocataireNumber: form.allocataire || null,
      role: form.role,
      nir,
      phone,
      email,
      address: form.adresse || null,
      postalCode: form.code_postal || null,
      communeCode,
      communeName,
      rightsOpenedOn,
      tags: parseTags(form.etiquettes),
      organisationId: form.organisation,
      referentAgentId,
    },
  };
}

/** The names of the fields that change (kept in the audit trail: which fields, never their values). */
function changedFields(before: Beneficiary, after: Checked): string[] {
  return (Object.keys(after) as (keyof Checked)[]).filter((key) => {
    const a = before[key];
    const b = after[key];
    return Array.isArray(a) && Array.isArray(b) ? a.join('\u0000') !== b.join('\u0000') : a !== b;
  });
}

export async function editBeneficiary(
  db: Db,
  caller: Caller,
  id: string,
  form: EditForm,
  options: { now: Date; today: string },
): Promise<{ changed: string[] }> {
  const beneficiary = await openBeneficiary(db, caller, id, 'rsa.manage');
  const [choices, territory] = await Promise.all([
    editChoicesFor(db, caller, beneficiary),
    territoryOf(db, beneficiary.territoryId),
  ]);
  const checked = checkEdit(form, {
    beneficiary,
    choices,
    today: options.today,
    departement: territory?.kind === 'departement' ? territory.code : undefined,
  });
  if (!checked.ok) throw invalid(checked.errors);
  const values = checked.values;
  if (
    values.allocataireNumber &&
    (await allocataireTaken(db, {
      territoryId: beneficiary.territoryId,
      allocataireNumber: values.allocataireNumber,
      role: values.role,
      exceptId: id,
    }))
  ) {
    throw invalid({
      allocataire: `Une autre personne a déjà ce numéro allocataire comme ${values.role} : vérifiez-le.`,
    });
  }
  const changed = changedFields(beneficiary, values);
  if (changed.length === 0) return { changed };
  await db.transaction(async (tx) => {
    await updateBeneficiary(tx, id, { ...values, updatedAt: options.now, lastActivityAt: options.now });
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'rsa_beneficiary',
      resourceId: id,
      organisationId: values.organisationId,
      territoryId: beneficiary.territoryId,
      details: { fields: changed },
    });
    if (beneficiary.citizenId) await syncCitizen(tx, caller, beneficiary, values, changed, options.now);
  });
  return { changed };
}

/**
 * The booking engine's record of the person (created at their first invitation) follows: name,
 * phone and email, and their référent when the organisation that books is the one that follows them.
 * The référent was checked above as an active agent of that organisation; the booking engine's
 * setCitizenReferents is not called because it asks for booking rights in the citizen's organisation,
 * which a « direction » agent managing the territory's records does not hold, and it opens its own
 * transaction.
 */
async function syncCitizen(
  tx: Db,
  caller: Caller,
  beneficiary: Beneficiary,
  values: Checked,
  changed: string[],
  now: Date,
): Promise<void> {
  const citizenId = beneficiary.citizenId!;
  const citizen = await updateCitizenContact(tx, citizenId, { ...values, at: now });
  if (!citizen) return;
  const referentChanged = changed.includes('referentAgentId') || changed.includes('organisationId');
  const syncReferent = referentChanged && citizen.organisationId === values.organisationId;
  if (syncReferent) {
    await replaceReferents(tx, citizenId, values.referentAgentId ? [values.referentAgentId] : []);
  }
  await recordAudit(tx, caller.audit, {
    action: 'update',
    resourceType: 'citizen',
    resourceId: citizenId,
    organisationId: citizen.organisationId,
    details: {
      from: 'rsa_beneficiary',
      fields: changed.filter((f) => ['firstName', 'lastName', 'phone', 'email'].includes(f)),
      ...(syncReferent ? { referents: values.referentAgentId ? [values.referentAgentId] : [] } : {}),
    },
  });
}
