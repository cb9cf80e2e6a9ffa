import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { agents, memberships, organisations, territories } from '../../../platform/tenancy/tables.ts';
import { cohorts, keyFigures, projectPhases, projects, teamMembers } from '../tables.ts';
import type { PhaseStep } from './phases.ts';

/**
 * The public portfolio's reads about one project: four queries (the project with its cohort, territory
 * and coach; its team; its phases; its public key figures). No email leaves this file: the public sees
 * first names, the initial of last names and organisations.
 */

export type PublicProject = {
  id: string;
  slug: string;
  title: string;
  mission: string;
  problem: string;
  solution: string;
  isPublic: boolean;
  sponsors: string[];
  usertypes: string[];
  thematiques: string[];
  contact: string;
  link: string;
  repository: string;
  moduleName: string | null;
  indicatorKeys: string[];
  startsOn: string;
  territory: { id: string; slug: string; name: string };
  cohort: {
    slug: string;
    name: string;
    startsOn: string;
    endsOn: string;
    incubatorSlug: string;
    incubatorName: string;
  };
  coach: { firstName: string; lastName: string } | null;
};

export type PublicTeamMember = {
  firstName: string;
  lastName: string;
  /** One organisation of the agent, preferably of the project's territory; null if they have none. */
  organisation: string | null;
  joinedOn: string;
  leftOn: string | null;
};

export type PublicKeyFigure = { value: string; label: string; source: string };

export async function findProjectBySlug(db: Db, slug: string): Promise<PublicProject | undefined> {
  const [row] = await db
    .select({
      id: projects.id,
      slug: projects.slug,
      title: projects.title,
      mission: projects.mission,
      problem: projects.problem,
      solution: projects.solution,
      isPublic: projects.isPublic,
      sponsors: projects.sponsors,
      usertypes: projects.usertypes,
      thematiques: projects.thematiques,
      contact: projects.contact,
      link: projects.link,
      repository: projects.repository,
      moduleName: projects.moduleName,
      indicatorKeys: projects.indicatorKeys,
      startsOn: projects.startsOn,
      territoryId: territories.id,
      territorySlug: territories.slug,
      territoryName: territories.name,
      cohortSlug: cohorts.slug,
      cohortName: cohorts.name,
      cohortStartsOn: cohorts.startsOn,
      cohortEndsOn: cohorts.endsOn,
      incubatorSlug: organisations.slug,
      incubatorName: organisations.name,
      coachFirstName: agents.firstName,
      coachLastName: agents.lastName,
    })
    .from(projects)
    .innerJoin(territories, eq(territories.id, projects.territoryId))
    .innerJoin(cohorts, eq(cohorts.id, projects.cohortId))
    .innerJoin(organisations, eq(organisations.id, cohorts.incubatorOrganisationId))
    .leftJoin(agents, eq(agents.id, projects.coachAgentId))
    .where(eq(projects.slug, slug));
  if (!row) return undefined;
  const {
    territoryId,
    territorySlug,
    territoryName,
    cohortSlug,
    cohortName,
    cohortStartsOn,
    cohortEndsOn,
    incubatorSlug,
    incubatorName,
    coachFirstName,
    coachLastName,
    ...project
  } = row;
  return {
    ...project,
    territory: { id: territoryId, slug: territorySlug, name: territoryName },
    cohort: {
      slug: cohortSlug,
      name: cohortName,
      startsOn: cohortStartsOn,
      endsOn: cohortEndsOn,
      incubatorSlug,
      incubatorName,
    },
    coach:
      coachFirstName !== null && coachLastName !== null
        ? { firstName: coachFirstName, lastName: coachLastName }
        : null,
  };
}

/** The team, in the order they joined; one organisation each, the project's territory's first. */
export async function listPublicTeam(
  db: Db,
  project: { id: string; territoryId: string },
): Promise<PublicTeamMember[]> {
  const organisation = sql<string | null>`(
    select o.name from ${memberships} m join ${organisations} o on o.id = m.organisation_id
     where m.agent_id = ${agents.id}
     order by (o.territory_id is not distinct from ${project.territoryId}::uuid) desc, o.name
     limit 1)`;
  return db
    .select({
      firstName: agents.firstName,
      lastName: agents.lastName,
      organisation,
      joinedOn: teamMembers.joinedOn,
      leftOn: teamMembers.leftOn,
    })
    .from(teamMembers)
    .innerJoin(agents, eq(agents.id, teamMembers.agentId))
    .where(eq(teamMembers.projectId, project.id))
    .orderBy(asc(teamMembers.joinedOn), asc(agents.firstName), asc(agents.lastName));
}

export async function listPhases(db: Db, projectId: string): Promise<PhaseStep[]> {
  return db
    .select({ phase: projectPhases.phase, startsOn: projectPhases.startsOn, endsOn: projectPhases.endsOn })
    .from(projectPhases)
    .where(eq(projectPhases.projectId, projectId))
    .orderBy(asc(projectPhases.startsOn));
}

export async function listPublicKeyFigures(db: Db, projectId: string): Promise<PublicKeyFigure[]> {
  return db
    .select({ value: keyFigures.value, label: keyFigures.label, source: keyFigures.source })
    .from(keyFigures)
    .where(and(eq(keyFigures.projectId, projectId), eq(keyFigures.isPublic, true)))
    .orderBy(asc(keyFigures.position), asc(keyFigures.label));
}
