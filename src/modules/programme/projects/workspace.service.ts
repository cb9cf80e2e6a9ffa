import { type AuditActor, recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { invalid } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import type { OpenedProject } from './access.ts';
import { currentPhase } from './phases.ts';
import { progressPercent } from './plan.ts';
import { agentNames, coachesOf, phasesOf, setCoach } from './projects.repository.ts';
import { partnerOrganisationsOf } from './team.repository.ts';
import { teamsWithTime } from './team-time.service.ts';

/**
 * The workspace home: the project, its phases, its coach, its team with planned vs actual days. The
 * page shows how much time each agent gave, which their employer may read: the read is audited.
 */
export async function viewProjectWorkspace(db: Db, caller: Caller, opened: OpenedProject, today: string) {
  const { project, cohort, facts } = opened;
  const [phases, teams, coachNames, coachChoices] = await Promise.all([
    phasesOf(db, [project.id]),
    teamsWithTime(db, [project], cohort, today),
    agentNames(db, project.coachAgentId ? [project.coachAgentId] : []),
    opened.may.staff ? coachesOf(db, cohort.id) : Promise.resolve([]),
  ]);
  const team = teams.get(project.id)!;
  const organisations = await partnerOrganisationsOf(
    db,
    team.members.map((m) => m.agentId),
    facts.cohort.territoryIds,
  );
  await recordAudit(db, caller.audit, {
    action: 'read',
    resourceType: 'programme_project',
    resourceId: project.id,
    territoryId: project.territoryId,
    details: { page: 'espace projet' },
  });
  return {
    phases,
    current: currentPhase(phases),
    coachName: project.coachAgentId ? (coachNames.get(project.coachAgentId) ?? null) : null,
    coachChoices,
    members: team.members.map((m) => ({
      ...m,
      organisations: organisations.filter((o) => o.agentId === m.agentId).map((o) => o.name),
    })),
    total: team.total,
    progress: progressPercent(team.total.actual, team.total.planned),
  };
}

export type Workspace = Awaited<ReturnType<typeof viewProjectWorkspace>>;

/** The staff choose the project's coach among the cohort's coaches (or none). */
export async function assignCoach(
  db: Db,
  audit: AuditActor,
  opened: OpenedProject,
  coachAgentId: string | null,
  now: Date,
): Promise<void> {
  if (coachAgentId !== null && !opened.facts.cohort.coachIds.includes(coachAgentId)) {
    throw invalid({ coach: 'Choisissez un des coachs de la saison.' });
  }
  await db.transaction(async (tx) => {
    await setCoach(tx, opened.project.id, coachAgentId, now);
    await recordAudit(tx, audit, {
      action: 'update',
      resourceType: 'programme_project',
      resourceId: opened.project.id,
      territoryId: opened.project.territoryId,
      details: { coachAgentId },
    });
  });
}
