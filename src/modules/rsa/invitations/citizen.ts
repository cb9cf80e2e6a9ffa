import type { Db } from '../../../platform/db/client.ts';
import {
  activeMembersAmong,
  findCitizenByExternalRef,
  insertCitizen,
  referentIdsOf,
  replaceReferents,
} from '../../../platform/scheduling/citizens.repository.ts';
import {
  type Citizen,
  checkCitizenInput,
  findOrCreateCitizen,
} from '../../../platform/scheduling/citizens.service.ts';
import { citizenRefOf } from '../appointment-sync.ts';
import { attachCitizen, type BeneficiaryRow, syncCitizen } from './invitations.repository.ts';

/** What the booking engine's record of the person holds, from their RSA record. */
export function citizenInputOf(beneficiary: BeneficiaryRow) {
  return {
    firstName: beneficiary.firstName,
    lastName: beneficiary.lastName,
    phone: beneficiary.phone,
    email: beneficiary.email,
    birthDate: beneficiary.birthDate,
    address: [
      beneficiary.address,
      [beneficiary.postalCode, beneficiary.communeName].filter(Boolean).join(' '),
    ]
      .filter(Boolean)
      .join(', '),
    communeCode: beneficiary.communeCode,
    externalRef: citizenRefOf(beneficiary.id),
  };
}

/**
 * The beneficiary's record in the booking engine (citizens.external_ref = 'rsa:<id>'), found or created
 * in the caller's transaction, its contact kept in step with the RSA record, and its référent set.
 *
 * Found by its external ref first. Otherwise findOrCreateCitizen may match a record by last name and
 * phone or email: kept when it carries no other ref (the same person booked before on the public
 * pages, now linked), but not when it is someone else's — a conjoint often shares the name and the
 * phone of the demandeur — then a record of their own is created.
 *
 * The référent is written with the repository (not setCitizenReferents, which asks for the booking
 * engine's rights in the organisation — a direction agent of the territory has the RSA rights but not
 * those — and opens a transaction and an audit line per person): the RSA rights were checked by the
 * caller, and only an active member of the organisation is kept as référent.
 */
export async function ensureCitizen(
  tx: Db,
  beneficiary: BeneficiaryRow,
  now: Date,
  /** The record found by ref beforehand (bulk invitations read a batch at once); undefined: look it up. */
  known?: Citizen | null,
  /** false: the caller attaches the record to the beneficiary itself (bulk invitations, with the status). */
  attach = true,
): Promise<Citizen> {
  const organisationId = beneficiary.organisationId;
  const ref = citizenRefOf(beneficiary.id);
  const input = citizenInputOf(beneficiary);
  let citizen = known === undefined ? await findCitizenByExternalRef(tx, organisationId, ref) : known;
  if (!citizen) {
    const found = (await findOrCreateCitizen(tx, organisationId, input)).citizen;
    citizen =
      found.externalRef === ref
        ? found
        : await insertCitizen(tx, { organisationId, ...checkCitizenInput(input, { requireContact: false }) });
  }
  const wanted = checkCitizenInput(input, { requireContact: false });
  const current = {
    firstName: citizen.firstName,
    lastName: citizen.lastName,
    phone: citizen.phone,
    email: citizen.email,
    birthDate: citizen.birthDate,
    address: citizen.address,
    communeCode: citizen.communeCode,
  };
  const next = {
    firstName: wanted.firstName,
    lastName: wanted.lastName,
    phone: wanted.phone,
    email: wanted.email,
    birthDate: wanted.birthDate ?? null,
    address: wanted.address ?? null,
    communeCode: wanted.communeCode ?? null,
  };
  if (JSON.stringify(current) !== JSON.stringify(next)) {
    await syncCitizen(tx, citizen.id, next);
    citizen = { ...citizen, ...next };
  }
  if (beneficiary.referentAgentId) {
    const referents = await referentIdsOf(tx, citizen.id);
    if (
      (referents.length !== 1 || referents[0] !== beneficiary.referentAgentId) &&
      (await activeMembersAmong(tx, organisationId, [beneficiary.referentAgentId])).length === 1
    ) {
      await replaceReferents(tx, citizen.id, [beneficiary.referentAgentId]);
    }
  }
  if (attach) await attachCitizen(tx, beneficiary.id, citizen.id, now);
  return citizen;
}
