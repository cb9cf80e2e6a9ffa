import { SPACE } from '../part.ts';

/**
 * The URLs of the agent space, built in one place. Those of this folder (home, seasons, calls,
 * problems) and the ones other parts serve, which the home and the season page link to.
 */
export const paths = {
  home: SPACE,
  newSeason: `${SPACE}/saisons/nouvelle`,
  season: (slug: string) => `${SPACE}/saisons/${slug}`,
  editSeason: (slug: string) => `${SPACE}/saisons/${slug}/modifier`,
  newCall: (slug: string) => `${SPACE}/saisons/${slug}/appels/nouveau`,
  call: (callId: string) => `${SPACE}/appels/${callId}`,
  editCall: (callId: string) => `${SPACE}/appels/${callId}/modifier`,
  newProblem: (callId: string) => `${SPACE}/appels/${callId}/problemes/nouveau`,
  problem: (problemId: string) => `${SPACE}/problemes/${problemId}`,
  editProblem: (problemId: string) => `${SPACE}/problemes/${problemId}/modifier`,
  // Served by the other parts of the programme.
  selection: (callId: string) => `${SPACE}/appels/${callId}/selection`,
  jury: (callId: string) => `${SPACE}/appels/${callId}/jury`,
  seasonProjects: (slug: string) => `${SPACE}/saisons/${slug}/projets`,
  seasonMilestones: (slug: string) => `${SPACE}/saisons/${slug}/jalons`,
  seasonCommittees: (slug: string) => `${SPACE}/saisons/${slug}/comites`,
  project: (slug: string) => `${SPACE}/projets/${slug}`,
  committee: (committeeId: string) => `${SPACE}/comites/${committeeId}`,
  checkins: `${SPACE}/pointage`,
};
