import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/client.ts';
import { canViewCohort, incubatorsAdministered, isPartnerAgent, isStaff } from '../../policy.ts';
import { callStateAt } from '../calls/call-state.ts';
import {
  callsOfCohorts,
  checkinRoles,
  cohortsWithFacts,
  committeesOf,
  juriesOf,
  problemsOfAgent,
  projectsOfAgent,
  projectsOfCohorts,
} from './home.repository.ts';

/**
 * The agent's home in the programme: the seasons they see, the open calls they may answer, their own
 * problems, and the juries, projects, committees and check-ins they take part in. Each section reads
 * the programme's tables directly; the pages it links to belong to the other parts.
 */
export async function viewHome(db: Db, actor: Actor, now: Date) {
  const all = await cohortsWithFacts(db);
  const visible = all.filter(({ facts }) => canViewCohort(actor, facts));
  const staffOf = new Set(
    visible.filter(({ facts }) => isStaff(actor, facts)).map(({ cohort }) => cohort.id),
  );
  const partnerOf = new Set(
    visible.filter(({ facts }) => isPartnerAgent(actor, facts)).map(({ cohort }) => cohort.id),
  );
  const names = new Map(all.map(({ cohort }) => [cohort.id, cohort.name]));

  const [calls, myProblems, juries, ownProjects, staffProjects, myCommittees, checkins] = await Promise.all([
    callsOfCohorts(
      db,
      all.map(({ cohort }) => cohort.id),
    ),
    problemsOfAgent(db, actor.agentId),
    juriesOf(db, actor.agentId),
    projectsOfAgent(db, actor.agentId),
    projectsOfCohorts(db, [...staffOf]),
    committeesOf(db, actor.agentId),
    checkinRoles(db, actor.agentId),
  ]);
  const withState = calls.map((call) => ({
    ...call,
    state: callStateAt(call, now),
    cohortName: names.get(call.cohortId) ?? '',
  }));
  const jurorOf = new Set(juries.map((j) => j.callId));
  const projects = [...new Map([...ownProjects, ...staffProjects].map((p) => [p.id, p])).values()];

  const administered = incubatorsAdministered(actor);
  return {
    seasons: visible.map(({ cohort }) => cohort),
    openCalls: withState.filter((c) => c.state === 'ouvert' && partnerOf.has(c.cohortId)),
    problems: myProblems,
    juries: withState.filter((c) => jurorOf.has(c.id) || staffOf.has(c.cohortId)),
    projects: projects.map((p) => ({ ...p, cohortName: names.get(p.cohortId) ?? '' })),
    committees: myCommittees.map((c) => ({ ...c, cohortName: names.get(c.cohortId) ?? '' })),
    checkins,
    mayCreateSeason: administered === 'all' || administered.length > 0,
  };
}

export type HomePage = Awaited<ReturnType<typeof viewHome>>;
