import type { Db } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { type Need, openCohortMilestones, openJournal } from './access.ts';
import { defaultCohortMilestones } from './cohort-milestones.ts';
import {
  deleteMilestone,
  findMilestone,
  insertMilestones,
  type Milestone,
  type MilestoneScope,
  milestonesIn,
  updateMilestone,
} from './milestones.repository.ts';
import { cohortMilestonesPath, cohortProjectsPath, journalPath, projectPath } from './paths.ts';
import type { MilestoneInput } from './schemas.ts';

/**
 * Milestones, kept in two places with the same forms: a project's own on its journal (by those who
 * work on it), the cohort's (lancement, mi-parcours, restitution…) on the cohort's page (by its
 * staff). `of` says which.
 */

export type MilestonesOf = { projectSlug: string } | { cohortSlug: string };

export type MilestoneOwner = {
  scope: MilestoneScope;
  /** The page that lists them, where forms go back to. */
  listPath: string;
  /** Where their forms live: <basePath>/nouveau, <basePath>/<id>, <basePath>/<id>/fait… */
  basePath: string;
  /** Whose they are, for titles: the project's or the cohort's name. */
  name: string;
  /** The breadcrumb up to the list, after « Programme ». */
  crumbs: { label: string; href: string }[];
  mayWrite: boolean;
};

const NOT_FOUND = 'Ce jalon n’existe pas ou vous n’y avez pas accès.';

export async function openMilestoneOwner(
  db: Db,
  caller: Caller,
  of: MilestonesOf,
  need: Need,
): Promise<MilestoneOwner> {
  if ('projectSlug' in of) {
    const project = await openJournal(db, caller, of.projectSlug, need);
    return {
      scope: { cohortId: project.cohort.id, projectId: project.id },
      listPath: `${journalPath(project.slug)}#jalons`,
      basePath: journalPath(project.slug, '/jalons'),
      name: project.title,
      crumbs: [
        { label: project.cohort.name, href: cohortProjectsPath(project.cohort.slug) },
        { label: project.title, href: projectPath(project.slug) },
        { label: 'Journal d’investigation', href: journalPath(project.slug) },
      ],
      mayWrite: project.mayWrite,
    };
  }
  const cohort = await openCohortMilestones(db, caller, of.cohortSlug, need);
  return {
    scope: { cohortId: cohort.id, projectId: null },
    listPath: cohortMilestonesPath(cohort.slug),
    basePath: cohortMilestonesPath(cohort.slug),
    name: cohort.name,
    crumbs: [
      { label: cohort.name, href: cohortProjectsPath(cohort.slug) },
      { label: 'Jalons', href: cohortMilestonesPath(cohort.slug) },
    ],
    mayWrite: cohort.mayWrite,
  };
}

async function milestoneOf(db: Db, owner: MilestoneOwner, id: string): Promise<Milestone> {
  const row = isUuid(id) ? await findMilestone(db, owner.scope, id) : null;
  if (!row) throw notFound(NOT_FOUND);
  return row;
}

const valuesOf = (input: MilestoneInput) => ({ kind: input.type, title: input.titre, dueOn: input.echeance });

export async function milestoneToEdit(db: Db, caller: Caller, of: MilestonesOf, id: string) {
  const owner = await openMilestoneOwner(db, caller, of, 'write');
  return { owner, milestone: await milestoneOf(db, owner, id) };
}

export async function addMilestone(
  db: Db,
  caller: Caller,
  of: MilestonesOf,
  input: MilestoneInput,
): Promise<MilestoneOwner> {
  const owner = await openMilestoneOwner(db, caller, of, 'write');
  await insertMilestones(db, owner.scope, [valuesOf(input)]);
  return owner;
}

export async function editMilestone(
  db: Db,
  caller: Caller,
  of: MilestonesOf,
  id: string,
  input: MilestoneInput,
): Promise<MilestoneOwner> {
  const owner = await openMilestoneOwner(db, caller, of, 'write');
  await milestoneOf(db, owner, id);
  await updateMilestone(db, owner.scope, id, valuesOf(input));
  return owner;
}

/** Marks the milestone reached on `doneOn`, or not reached (null) to undo a mistake. */
export async function markMilestone(
  db: Db,
  caller: Caller,
  of: MilestonesOf,
  id: string,
  doneOn: string | null,
): Promise<MilestoneOwner> {
  const owner = await openMilestoneOwner(db, caller, of, 'write');
  await milestoneOf(db, owner, id);
  await updateMilestone(db, owner.scope, id, { doneOn });
  return owner;
}

export async function removeMilestone(
  db: Db,
  caller: Caller,
  of: MilestonesOf,
  id: string,
): Promise<MilestoneOwner> {
  const owner = await openMilestoneOwner(db, caller, of, 'write');
  await milestoneOf(db, owner, id);
  await deleteMilestone(db, owner.scope, id);
  return owner;
}

/** The cohort's page: its milestones, and whether the reader may change them. */
export async function cohortMilestonesPage(db: Db, caller: Caller, cohortSlug: string) {
  const cohort = await openCohortMilestones(db, caller, cohortSlug, 'read');
  return { cohort, milestones: await milestonesIn(db, { cohortId: cohort.id, projectId: null }) };
}

/**
 * Adds the kick-off, mid-point and restitution milestones from the cohort's dates, each only if the
 * cohort has none of that kind yet (so a second click adds nothing). Returns how many were added.
 */
export async function addDefaultCohortMilestones(db: Db, caller: Caller, cohortSlug: string) {
  const cohort = await openCohortMilestones(db, caller, cohortSlug, 'write');
  const scope = { cohortId: cohort.id, projectId: null };
  return db.transaction(async (tx) => {
    const existing = new Set((await milestonesIn(tx, scope)).map((m) => m.kind));
    const missing = defaultCohortMilestones(cohort.startsOn, cohort.endsOn).filter(
      (m) => !existing.has(m.kind),
    );
    await insertMilestones(tx, scope, missing);
    return missing.length;
  });
}

export function milestoneFormValues(row: Milestone): Record<string, string> {
  return { type: row.kind, titre: row.title, echeance: row.dueOn };
}
