import { chance, intBetween, pick, type Random, randomUuid } from '../../../platform/demo-random.ts';
import type {
  checkins,
  evidence,
  hypotheses,
  interviews,
  keyFigures,
  milestones,
  projectPhases,
  projects,
  teamMembers,
} from '../tables.ts';
import { addDays, clock, mondayOnOrAfter, parisAt, plusMinutes } from './dates.ts';
import type { Directory } from './people.ts';
import { projects2019 } from './projects-2019.ts';

/**
 * The eight projects of 2019 as the teams left them: public fields and phases, the 25 agents
 * detached one day a week for twelve weeks with their weekly check-ins (acknowledged by their
 * managers), the investigation journal, and the cohort's milestones. Interview notes were anonymised
 * when the cohort ended, as the programme does for every cohort.
 */

export const COHORT_STARTS = '2019-02-04';
export const COHORT_ENDS = '2019-06-28';
/** When the end-of-cohort anonymisation ran on the interview notes. */
export const INTERVIEWS_ANONYMISED_AT = parisAt('2019-06-29', '03:00');
const WEEKS = 12;

export type Teams2019 = {
  projects: (typeof projects.$inferInsert)[];
  phases: (typeof projectPhases.$inferInsert)[];
  members: (typeof teamMembers.$inferInsert)[];
  checkins: (typeof checkins.$inferInsert)[];
  hypotheses: (typeof hypotheses.$inferInsert)[];
  interviews: (typeof interviews.$inferInsert)[];
  evidence: (typeof evidence.$inferInsert)[];
  keyFigures: (typeof keyFigures.$inferInsert)[];
  milestones: (typeof milestones.$inferInsert)[];
  /** Ids of the projects, by slug. */
  projectIds: Map<string, string>;
};

const MISSED = [
  'Réunion de service imprévue.',
  'Collègue absente à remplacer.',
  'Congés.',
  'Urgence au service toute la semaine.',
  'Formation obligatoire ce jour-là.',
];
const DONE = [
  'Entretiens avec des usagers.',
  'Atelier avec le coach.',
  'Analyse des réponses au questionnaire.',
  'Observation à l’accueil.',
  'Préparation du point d’étape.',
  '',
  '',
  '',
];

export function buildTeams2019(
  random: Random,
  directory: Directory,
  cohortId: string,
  problemOfProject: Map<string, string>,
  decidedAt: Date,
): Teams2019 {
  const id = () => randomUuid(random);
  const built: Teams2019 = {
    projects: [],
    phases: [],
    members: [],
    checkins: [],
    hypotheses: [],
    interviews: [],
    evidence: [],
    keyFigures: [],
    milestones: [],
    projectIds: new Map(),
  };

  for (const project of projects2019) {
    const projectId = id();
    built.projectIds.set(project.slug, projectId);
    const lastPhase = project.phases.at(-1)!;
    built.projects.push({
      id: projectId,
      slug: project.slug,
      cohortId,
      problemId: problemOfProject.get(project.slug)!,
      territoryId: directory.territoryId(project.territory),
      title: project.title,
      mission: project.mission,
      problem: project.problem,
      solution: project.solution,
      coachAgentId: directory.agentId(project.coach),
      sponsors: project.sponsors,
      usertypes: project.usertypes,
      thematiques: project.thematiques,
      moduleName: project.moduleName,
      startsOn: project.startsOn,
      createdAt: decidedAt,
      updatedAt: parisAt(lastPhase.startsOn, '10:00'),
    });
    for (const phase of project.phases) built.phases.push({ id: id(), projectId, ...phase });

    // The team leaves when the project stops; those of a project that goes on stay.
    const leftOn = lastPhase.phase === 'abandon' ? lastPhase.startsOn : null;
    const authors: string[] = [];
    for (const member of project.team) {
      const memberId = id();
      const agentId = directory.agentId(member.email);
      authors.push(agentId);
      const managerId = directory.agentId(member.manager);
      built.members.push({
        id: memberId,
        projectId,
        agentId,
        role: member.role,
        managerAgentId: managerId,
        joinedOn: project.startsOn,
        leftOn,
      });
      built.checkins.push(...weeklyCheckins(random, id, memberId, managerId, project.startsOn));
    }

    const hypothesisIds = project.hypotheses.map(() => id());
    project.hypotheses.forEach((h, position) => {
      built.hypotheses.push({
        id: hypothesisIds[position]!,
        projectId,
        statement: h.statement,
        state: h.state,
        conclusion: h.conclusion,
        position,
        createdBy: authors[0]!,
        createdAt: parisAt(addDays(project.startsOn, 7), '11:00'),
        updatedAt: parisAt(addDays(project.startsOn, 63 + position), '16:00'),
      });
    });
    const interviewIds = project.interviews.map(() => id());
    project.interviews.forEach((interview, index) => {
      built.interviews.push({
        id: interviewIds[index]!,
        projectId,
        intervieweeName: null,
        intervieweeContact: null,
        intervieweeRole: interview.role,
        interviewedOn: interview.on,
        consentRecorded: true,
        consentMode: 'Oral, recueilli par l’agent avant l’entretien et noté',
        notes: interview.notes,
        createdBy: authors[index % authors.length]!,
        createdAt: parisAt(interview.on, '18:00'),
        anonymisedAt: INTERVIEWS_ANONYMISED_AT,
      });
    });
    project.evidence.forEach((item, index) => {
      built.evidence.push({
        id: id(),
        projectId,
        kind: item.kind,
        claim: item.claim,
        confidence: item.confidence,
        title: item.title,
        summary: item.summary,
        source: item.source,
        collectedOn: item.on,
        hypothesisId: item.hypothesis === undefined ? null : hypothesisIds[item.hypothesis]!,
        interviewId: item.interview === undefined ? null : interviewIds[item.interview]!,
        createdBy: authors[index % authors.length]!,
        createdAt: parisAt(item.on, '17:30'),
      });
    });
    project.keyFigures.forEach((figure, position) => {
      built.keyFigures.push({ id: id(), projectId, ...figure, position, isPublic: true });
    });
  }

  built.milestones.push(...milestones2019(id, cohortId, built.projectIds));
  return built;
}

/**
 * « Ai-je eu ma journée ? » for the twelve weeks of the detachment, answered on Friday evening and
 * acknowledged by the manager a few days later. About one week in eight the day was lost or cut short.
 */
function weeklyCheckins(
  random: Random,
  id: () => string,
  teamMemberId: string,
  managerId: string,
  startsOn: string,
): (typeof checkins.$inferInsert)[] {
  const rows: (typeof checkins.$inferInsert)[] = [];
  const firstMonday = mondayOnOrAfter(startsOn);
  for (let week = 0; week < WEEKS; week++) {
    const weekStart = addDays(firstMonday, 7 * week);
    const missed = chance(random, 0.12);
    const days = missed ? (chance(random, 0.3) ? '0.5' : '0') : chance(random, 0.07) ? '1.5' : '1';
    const answeredAt = parisAt(
      addDays(weekStart, missed && chance(random, 0.4) ? 7 : 4),
      clock(random, 16, 18),
    );
    rows.push({
      id: id(),
      teamMemberId,
      weekStart,
      hadDay: !missed,
      days,
      comment: missed ? pick(random, MISSED) : pick(random, DONE),
      answeredAt,
      acknowledgedBy: managerId,
      acknowledgedAt: plusMinutes(answeredAt, intBetween(random, 15, 72) * 60),
    });
  }
  return rows;
}

/** The cohort's shared milestones, and two of single projects (Méli Mélo's late start, compost's build). */
function milestones2019(id: () => string, cohortId: string, projectIds: Map<string, string>) {
  const cohortWide = (
    kind: 'lancement' | 'mi_parcours' | 'restitution' | 'comite' | 'autre',
    title: string,
    on: string,
  ) => ({
    id: id(),
    cohortId,
    projectId: null,
    kind,
    title,
    dueOn: on,
    doneOn: on,
  });
  return [
    cohortWide('lancement', 'Séminaire de lancement de la saison', '2019-02-04'),
    cohortWide('mi_parcours', 'Point d’étape à mi-parcours', '2019-03-26'),
    cohortWide('autre', 'Remise des supports au comité (J-7)', '2019-05-29'),
    cohortWide('restitution', 'Restitution des projets', '2019-06-05'),
    cohortWide('comite', 'Comité de décision', '2019-06-05'),
    {
      id: id(),
      cohortId,
      projectId: projectIds.get('meli-melo')!,
      kind: 'lancement' as const,
      title: 'Démarrage de l’équipe Méli Mélo',
      dueOn: '2019-03-01',
      doneOn: '2019-03-01',
    },
    {
      id: id(),
      cohortId,
      projectId: projectIds.get('au-compost-mitoyen')!,
      kind: 'autre' as const,
      title: 'Début de la construction de la startup de territoire',
      dueOn: '2019-09-02',
      doneOn: '2019-09-02',
    },
  ];
}
