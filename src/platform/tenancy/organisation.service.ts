import { recordAudit } from '../audit/audit.ts';
import type { Actor } from '../auth/actor.ts';
import { can, organisationScope, territoriesAdministered } from '../auth/permissions.ts';
import type { Db } from '../db/client.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import { type Caller, isUuid } from './caller.ts';
import { insertMembership, listMembers, type Member } from './member.repository.ts';
import {
  findOrganisationBySlug,
  insertOrganisation,
  listOrganisations,
  type Organisation,
  type OrganisationKind,
  type OrganisationSummary,
  organisationSlugsStartingWith,
} from './organisation.repository.ts';
import { mayCreateOrganisations, organisationKindsFor } from './policy.ts';
import { freeSlug, organisationSlugBase } from './slugs.ts';
import { findTerritoryById, listTerritories, listTerritoriesIn } from './territory.repository.ts';

/** The organisations the actor may see: all for operators, their own for everyone else. */
export async function listOrganisationsFor(db: Db, actor: Actor): Promise<OrganisationSummary[]> {
  return listOrganisations(db, organisationScope(actor, 'organisation.view'));
}

/** Every organisation, for the command line (which runs with the operator's rights of whoever has the server). */
export async function listAllOrganisations(db: Db): Promise<OrganisationSummary[]> {
  return listOrganisations(db, 'all');
}

/** What /admin shows: everything for operators; for others, the organisations they administer. */
export async function summariseAdministration(db: Db, actor: Actor) {
  if (actor.isOperator) {
    const [territories, organisations] = await Promise.all([
      listTerritories(db),
      listOrganisations(db, 'all'),
    ]);
    return { territories, administered: organisations, mayCreateOrganisations: true };
  }
  return {
    territories: [],
    administered: await listOrganisations(db, organisationScope(actor, 'organisation.manage')),
    mayCreateOrganisations: mayCreateOrganisations(actor),
  };
}

/**
 * Opens an organisation's record for the actor. One that exists but is not theirs answers exactly
 * like one that does not exist (so nobody learns which organisations other territories have), and
 * the attempt is written to the audit trail.
 */
export async function openOrganisation(db: Db, caller: Caller, slug: string): Promise<Organisation> {
  const organisation = await findOrganisationBySlug(db, slug);
  if (!organisation) throw notFound();
  if (!can(caller.actor, 'organisation.view', { organisationId: organisation.id })) {
    await recordAudit(db, caller.audit, {
      action: 'denied',
      resourceType: 'organisation',
      resourceId: organisation.id,
      organisationId: organisation.id,
      territoryId: organisation.territoryId,
    });
    throw notFound();
  }
  return organisation;
}

/** An organisation's page: its record and its members (any member may see them). */
export async function viewOrganisation(
  db: Db,
  caller: Caller,
  slug: string,
): Promise<{ organisation: Organisation; members: Member[]; mayManage: boolean }> {
  const organisation = await openOrganisation(db, caller, slug);
  return {
    organisation,
    members: await listMembers(db, organisation.id),
    mayManage: can(caller.actor, 'organisation.manage', { organisationId: organisation.id }),
  };
}

/** The choices of the new-organisation form; refused to agents who may create none. */
export async function organisationFormChoices(db: Db, actor: Actor) {
  if (!mayCreateOrganisations(actor)) {
    throw forbidden(
      'Seuls les administrateurs d’une organisation peuvent créer une organisation dans leur territoire.',
    );
  }
  return {
    territories: await listTerritoriesIn(db, territoriesAdministered(actor)),
    kinds: organisationKindsFor(actor),
    /** The incubator and other national organisations belong to no territory: operators only. */
    allowsNoTerritory: actor.isOperator,
  };
}

/**
 * Creates an organisation in a territory the actor administers (any, for operators). Its slug is
 * made from the territory and the name, and made unique. An admin who creates one becomes its admin,
 * or they could not open what they just made.
 */
export async function createOrganisation(
  db: Db,
  caller: Caller,
  input: { territoryId: string | null; kind: OrganisationKind; name: string },
): Promise<{ id: string; slug: string; creatorIsAdmin: boolean }> {
  const { actor } = caller;
  if (!mayCreateOrganisations(actor)) throw forbidden();
  if (!organisationKindsFor(actor).includes(input.kind)) {
    throw invalid({ kind: 'Seuls les opérateurs peuvent créer un incubateur.' });
  }
  let territorySlug: string | null = null;
  if (input.territoryId === null) {
    if (!actor.isOperator) throw invalid({ territoryId: 'Choisissez le territoire de l’organisation.' });
  } else {
    const territory = isUuid(input.territoryId) ? await findTerritoryById(db, input.territoryId) : undefined;
    if (!territory || !can(actor, 'territory.createOrganisation', { territoryId: territory.id })) {
      throw invalid({
        territoryId: 'Choisissez un territoire dans lequel vous administrez une organisation.',
      });
    }
    territorySlug = territory.slug;
  }
  const base = organisationSlugBase(input.name, territorySlug);

  return db.transaction(async (tx) => {
    const slug = freeSlug(base, await organisationSlugsStartingWith(tx, base), { reserved: ['nouvelle'] });
    const created = await insertOrganisation(tx, {
      slug,
      name: input.name,
      kind: input.kind,
      territoryId: input.territoryId,
    });
    if (!created) throw conflict('Une autre organisation vient d’être créée avec ce nom : réessayez.');
    const creatorIsAdmin = !actor.isOperator;
    if (creatorIsAdmin) {
      await insertMembership(tx, { agentId: actor.agentId, organisationId: created.id, role: 'admin' });
    }
    await recordAudit(tx, caller.audit, {
      action: 'create',
      resourceType: 'organisation',
      resourceId: created.id,
      organisationId: created.id,
      territoryId: input.territoryId,
      details: { name: input.name, kind: input.kind, slug, creatorIsAdmin },
    });
    return { ...created, creatorIsAdmin };
  });
}
