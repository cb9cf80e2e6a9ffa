import { intBetween, type Random, randomUuid } from '../../../platform/demo-random.ts';
import type { committeeItems, committeeMembers, committees, committeeVotes, conflicts } from '../tables.ts';
import { addDays, clock, parisAt } from './dates.ts';
import type { Directory } from './people.ts';
import { projects2019 } from './projects-2019.ts';

/**
 * The deliberation of 5 June 2019: each team presented its proofs of concept, materials handed in a
 * week before; members who manage a team declared a conflict and did not vote on it. Go for the two
 * projects that went on (Pau Partage with the CCAS, Au Compost Mitoyen as a startup de territoire),
 * stop with a short post-mortem for the six others. Minutes published to the teams two days later.
 */

const MEETS_AT = parisAt('2019-06-05', '14:00');
const DECIDED_AT = parisAt('2019-06-05', '17:30');
const CHAIR = 'coach@incubateur.tremplin.demo';

const MEMBERS = [
  CHAIR,
  'admin.insertion@var.tremplin.demo',
  'admin.uts@var.tremplin.demo',
  'admin.ccas@pau.tremplin.demo',
  'concertation@pau.tremplin.demo',
];

/** Members who manage someone on a team declared a conflict on that project, and did not vote on it. */
const DECLARED: [email: string, project: string][] = projects2019.flatMap((project) =>
  MEMBERS.filter((email) => project.team.some((member) => member.manager === email)).map(
    (email): [string, string] => [email, project.slug],
  ),
);

export type Committee2019 = {
  committee: typeof committees.$inferInsert;
  members: (typeof committeeMembers.$inferInsert)[];
  conflicts: (typeof conflicts.$inferInsert)[];
  items: (typeof committeeItems.$inferInsert)[];
  votes: (typeof committeeVotes.$inferInsert)[];
};

export function buildCommittee2019(
  random: Random,
  directory: Directory,
  cohortId: string,
  projectIds: Map<string, string>,
): Committee2019 {
  const id = () => randomUuid(random);
  const committeeId = id();
  const conflicted = new Set(DECLARED.map(([email, slug]) => `${email}|${slug}`));
  const items: Committee2019['items'] = [];
  const votes: Committee2019['votes'] = [];

  projects2019.forEach((project, position) => {
    const itemId = id();
    const { decision, note, postMortem, materials } = project.committee;
    items.push({
      id: itemId,
      committeeId,
      projectId: projectIds.get(project.slug)!,
      position,
      materialsSummary: materials,
      materialsSubmittedAt: parisAt(addDays('2019-05-28', -intBetween(random, 0, 3)), clock(random, 10, 18)),
      materialsSubmittedBy: directory.agentId(project.team[0]!.email),
      decision,
      decisionNote: note,
      postMortem,
      decidedAt: DECIDED_AT,
      decidedBy: directory.agentId(CHAIR),
    });
    // The first two voters follow the decision; the others may ask for more evidence instead.
    const voters = MEMBERS.filter((email) => !conflicted.has(`${email}|${project.slug}`));
    voters.forEach((email, index) => {
      const follows = index < 2 || random() < 0.75;
      const vote = follows ? decision : 'provisoire';
      const score = vote === 'go' ? intBetween(random, 3, 4) : vote === 'stop' ? intBetween(random, 0, 2) : 2;
      votes.push({
        itemId,
        memberAgentId: directory.agentId(email),
        score,
        vote,
        comment: follows ? '' : 'J’aurais laissé un mois de plus à l’équipe pour consolider ses preuves.',
        votedAt: parisAt('2019-06-05', clock(random, 16, 16)),
      });
    });
  });

  const go = projects2019.filter((p) => p.committee.decision === 'go').map((p) => p.title);
  const stopped = projects2019.filter((p) => p.committee.decision === 'stop').map((p) => p.title);
  return {
    committee: {
      id: committeeId,
      cohortId,
      title: 'Comité de décision de la saison 2019',
      meetsAt: MEETS_AT,
      place: 'Restitution commune des équipes du Var et de Pau',
      minutes: [
        'Les huit équipes ont présenté leurs preuves de concept après quatre mois d’investigation.',
        `Poursuite décidée pour : ${go.join(', ')}.`,
        `Arrêt à l’issue de l’investigation pour : ${stopped.join(', ')} ; chaque équipe remet ses constats au service concerné.`,
        'Les membres qui encadrent une équipe n’ont pas voté sur son projet.',
      ].join('\n\n'),
      minutesPublishedAt: parisAt('2019-06-07', '10:00'),
      createdAt: parisAt('2019-04-15', '09:30'),
    },
    members: MEMBERS.map((email) => ({ committeeId, agentId: directory.agentId(email) })),
    conflicts: DECLARED.map(([email, slug]) => ({
      id: id(),
      agentId: directory.agentId(email),
      projectId: projectIds.get(slug)!,
      reason: 'J’encadre des membres de l’équipe.',
      declaredAt: parisAt('2019-05-20', '09:00'),
    })),
    items,
    votes,
  };
}
