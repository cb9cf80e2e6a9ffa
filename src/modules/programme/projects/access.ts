import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { projectFacts } from '../context.repository.ts';
import { canWorkOnProject, isStaff, type ProjectFacts } from '../policy.ts';
import { type ProjectRow, projectBySlug } from './projects.repository.ts';
import { allows, canManageTeam, type ProjectNeed, refusals } from './rules.ts';

export const PROJECT_NOT_FOUND = 'Ce projet n’existe pas ou vous n’y avez pas accès.';

export type OpenedProject = ProjectRow & {
  facts: ProjectFacts;
  /** What the actor may do here, for the pages to show or hide their forms. */
  may: { work: boolean; team: boolean; staff: boolean };
};

/**
 * The project a page is about. Someone who may not see it gets 404, the same answer as for a project
 * that does not exist; someone who sees it but asks for more (`need`) gets 403, and the refusal is
 * recorded in the audit trail.
 */
export async function openProject(
  db: Db,
  caller: Caller,
  slug: string,
  need: ProjectNeed = 'view',
): Promise<OpenedProject> {
  const row = await projectBySlug(db, slug);
  const facts = row ? await projectFacts(db, row.project.id) : null;
  if (!row || !facts || !allows(caller.actor, facts, 'view')) throw notFound(PROJECT_NOT_FOUND);
  if (!allows(caller.actor, facts, need)) {
    await recordAudit(db, caller.audit, {
      action: 'denied',
      resourceType: 'programme_project',
      resourceId: row.project.id,
      territoryId: row.project.territoryId,
      details: { wanted: need },
    });
    throw forbidden(refusals[need]);
  }
  return {
    ...row,
    facts,
    may: {
      work: canWorkOnProject(caller.actor, facts),
      team: canManageTeam(caller.actor, facts),
      staff: isStaff(caller.actor, facts.cohort),
    },
  };
}
