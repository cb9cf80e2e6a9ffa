import { recordAudit } from '../../../../platform/audit/audit.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/client.ts';
import { forbidden, invalid } from '../../../../platform/errors.ts';
import { slugify } from '../../../../platform/geo/text.ts';
import type { Caller } from '../../../../platform/tenancy/caller.ts';
import { freeSlug } from '../../../../platform/tenancy/slugs.ts';
import { activeAgentsByEmails } from '../../agents.repository.ts';
import { canConfigureCohort, incubatorsAdministered } from '../../policy.ts';
import type { CohortRow } from '../access.repository.ts';
import { openSeasonToConfigure } from '../access.ts';
import type { SeasonInput } from './schemas.ts';
import {
  activeAgentsById,
  coachesOf,
  existingTerritories,
  incubatorMembers,
  incubatorOptions,
  insertSeason,
  partnersOf,
  setPartnersAndCoaches,
  slugInUse,
  territoryOptions,
  updateSeason,
} from './seasons.repository.ts';

/** Creating and changing a season: who may, what the form offers, one transaction each. */

/** Paths of their own under /saisons, which no season may take. */
const RESERVED = ['nouvelle'];

export type SeasonChoices = Awaited<ReturnType<typeof seasonChoices>>;

/** What the form offers: the incubators the actor administers, every territory, the incubators' members. */
export async function seasonChoices(db: Db, actor: Actor, cohort?: CohortRow) {
  const administered = incubatorsAdministered(actor);
  const incubators = await incubatorOptions(db, administered);
  // Editing: the members of the cohort's incubator; creating: those of every incubator offered.
  const memberIncubators = cohort ? [cohort.incubatorOrganisationId] : incubators.map((i) => i.id);
  const [territories, members, current] = await Promise.all([
    territoryOptions(db),
    incubatorMembers(db, memberIncubators),
    cohort ? coachesOf(db, cohort.id) : Promise.resolve([]),
  ]);
  // A coach from outside the incubator stays in the list, ticked, so saving the form keeps them.
  const outside = current
    .filter((c) => !members.some((m) => m.id === c.id))
    .map((c) => ({ ...c, organisationName: 'hors incubateur' }));
  return { incubators, territories, members: [...members, ...outside] };
}

/** May the actor open the « Nouvelle saison » form at all (403 otherwise). */
export function mayCreateSeasons(actor: Actor): boolean {
  const administered = incubatorsAdministered(actor);
  return administered === 'all' || administered.length > 0;
}

async function checkedPartnersAndCoaches(db: Db, input: SeasonInput) {
  const [territoryIds, byEmail, byId] = await Promise.all([
    existingTerritories(db, input.territoires),
    activeAgentsByEmails(db, input.autres_coachs),
    activeAgentsById(db, input.coachs),
  ]);
  const errors: Record<string, string> = {};
  if (territoryIds.length !== new Set(input.territoires).size)
    errors.territoires = 'Choisissez des collectivités dans la liste.';
  const unknown = input.autres_coachs.filter(
    (email) => !byEmail.some((a) => a.email.toLowerCase() === email),
  );
  if (unknown.length)
    errors.autres_coachs = `Aucun agent actif n’a ${unknown.length > 1 ? 'ces adresses' : 'cette adresse'} : ${unknown.join(', ')}. Invitez-le d’abord dans son organisation.`;
  if (byId.length !== new Set(input.coachs).size) errors.coachs = 'Choisissez les coachs dans la liste.';
  if (Object.keys(errors).length) throw invalid(errors);
  const coachIds = [...new Set([...byId.map((a) => a.id), ...byEmail.map((a) => a.id)])];
  return { territoryIds, coachIds };
}

function valuesOf(input: SeasonInput, slug: string) {
  return {
    slug,
    name: input.nom,
    description: input.description,
    incubatorOrganisationId: input.incubateur,
    startsOn: input.debut,
    endsOn: input.fin,
    detachmentDaysPerWeek: String(input.jours_par_semaine),
    detachmentWeeks: input.semaines,
  };
}

async function chosenSlug(db: Db, input: SeasonInput, exceptCohortId?: string): Promise<string> {
  if (input.slug) {
    if (RESERVED.includes(input.slug) || (await slugInUse(db, input.slug, exceptCohortId)))
      throw invalid({ slug: 'Cette adresse est déjà prise : choisissez-en une autre.' });
    return input.slug;
  }
  const base = slugify(input.nom, 60) || 'saison';
  const taken = new Set<string>();
  for (let n = 1; n < 50; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (await slugInUse(db, candidate, exceptCohortId)) taken.add(candidate);
    else break;
  }
  return freeSlug(base, taken, { reserved: RESERVED });
}

/** An incubator admin opens a season with its partners and coaches. Returns its slug. */
export async function createSeason(db: Db, caller: Caller, input: SeasonInput): Promise<string> {
  if (!mayCreateSeasons(caller.actor))
    throw forbidden('Seuls les administrateurs d’un incubateur ouvrent une saison.');
  if (!canConfigureCohort(caller.actor, { incubatorOrganisationId: input.incubateur }))
    throw invalid({ incubateur: 'Choisissez un incubateur que vous administrez.' });
  if ((await incubatorOptions(db, [input.incubateur])).length === 0)
    throw invalid({ incubateur: 'Choisissez l’incubateur qui porte la saison.' });
  const { territoryIds, coachIds } = await checkedPartnersAndCoaches(db, input);
  return db.transaction(async (tx) => {
    const slug = await chosenSlug(tx, input);
    const cohort = await insertSeason(tx, valuesOf(input, slug));
    await setPartnersAndCoaches(tx, cohort.id, territoryIds, coachIds);
    await recordAudit(tx, caller.audit, {
      action: 'create',
      resourceType: 'programme_cohort',
      resourceId: cohort.id,
      organisationId: cohort.incubatorOrganisationId,
      details: { slug, territories: territoryIds.length, coaches: coachIds.length },
    });
    return slug;
  });
}

/** The form of an existing season, filled with its values. */
export async function seasonFormValues(db: Db, cohort: CohortRow): Promise<Record<string, string>> {
  const [partners, coaches] = await Promise.all([partnersOf(db, cohort.id), coachesOf(db, cohort.id)]);
  return {
    nom: cohort.name,
    slug: cohort.slug,
    description: cohort.description,
    incubateur: cohort.incubatorOrganisationId,
    debut: cohort.startsOn,
    fin: cohort.endsOn,
    territoires: partners.map((p) => p.id).join(','),
    coachs: coaches.map((c) => c.id).join(','),
    autres_coachs: '',
    jours_par_semaine: String(Number(cohort.detachmentDaysPerWeek)),
    semaines: String(cohort.detachmentWeeks),
  };
}

/**
 * Changes a season's settings. Coaches ticked in the list and those added by address replace the
 * current ones (a coach from outside the incubator stays ticked in the list on the form: coachs).
 */
export async function editSeason(db: Db, caller: Caller, slug: string, input: SeasonInput): Promise<string> {
  const { cohort } = await openSeasonToConfigure(db, caller.actor, slug);
  if (
    input.incubateur !== cohort.incubatorOrganisationId &&
    !canConfigureCohort(caller.actor, { incubatorOrganisationId: input.incubateur })
  )
    throw invalid({ incubateur: 'Choisissez un incubateur que vous administrez.' });
  const { territoryIds, coachIds } = await checkedPartnersAndCoaches(db, input);
  return db.transaction(async (tx) => {
    const newSlug = await chosenSlug(tx, { ...input, slug: input.slug || cohort.slug }, cohort.id);
    await updateSeason(tx, cohort.id, valuesOf(input, newSlug));
    await setPartnersAndCoaches(tx, cohort.id, territoryIds, coachIds);
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'programme_cohort',
      resourceId: cohort.id,
      organisationId: input.incubateur,
      details: { slug: newSlug, territories: territoryIds.length, coaches: coachIds.length },
    });
    return newSlug;
  });
}
