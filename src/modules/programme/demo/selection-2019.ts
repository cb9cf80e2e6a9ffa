import { chance, intBetween, pick, type Random, randomUuid, sample } from '../../../platform/demo-random.ts';
import { DEFAULT_CRITERIA } from '../rubric.ts';
import type {
  calls,
  conflicts,
  criteria,
  discussionNotes,
  jurors,
  meToos,
  problems,
  reviews,
} from '../tables.ts';
import { addDays, clock, daysBetween, earliest, latest, parisAt, plusMinutes } from './dates.ts';
import type { Directory } from './people.ts';
import { type OtherProblem, otherProblems2019 } from './problems-2019.ts';
import { projects2019 } from './projects-2019.ts';

/**
 * The 2019 call for problems and its selection: about 80 problems proposed between late November
 * 2018 and the end of January 2019, pre-screened as they came, reviewed by a jury of four with the
 * default rubric, decided on 1 February 2019 (8 retenus) and notified the same evening.
 */

export const CALL_OPENS = parisAt('2018-11-19', '09:00');
export const CALL_CLOSES = parisAt('2019-01-31', '23:59');
export const DECIDED_AT = parisAt('2019-02-01', '16:30');
const NOTIFIED_AT = parisAt('2019-02-01', '18:00');
const JURY_STARTS = parisAt('2019-01-29', '00:00');

const THOMAS = 'coach@incubateur.tremplin.demo';
const CAMILLE = 'coach.pau@incubateur.tremplin.demo';
/** The jury: both coaches and one head of service from each territory. */
const JURORS = [THOMAS, CAMILLE, 'admin.insertion@var.tremplin.demo', 'admin.ccas@pau.tremplin.demo'];

/** The services of each partner territory whose agents took part. */
export const partnerServices = {
  var: [
    'var-uts-la-seyne',
    'var-uts-draguignan',
    'var-direction-insertion',
    'var-direction-enfance',
    'var-cde',
    'var-direction-autonomie',
    'var-direction-numerique',
    'var-direction-routes',
  ],
  'pau-bearn-pyrenees': [
    'pau-ccas',
    'pau-democratie-locale',
    'pau-jeunesse',
    'pau-dechets',
    'pau-mobilites',
    'pau-culture',
  ],
} as const;

type Status = 'retenu' | OtherProblem['outcome'];

type Seeded = {
  id: string;
  key: string;
  status: Status;
  organisation: string;
  submitter: string;
  submittedAt: Date;
  territory: 'var' | 'pau-bearn-pyrenees';
};

export type Selection2019 = {
  call: typeof calls.$inferInsert;
  criteria: (typeof criteria.$inferInsert)[];
  problems: (typeof problems.$inferInsert)[];
  meToos: (typeof meToos.$inferInsert)[];
  jurors: (typeof jurors.$inferInsert)[];
  conflicts: (typeof conflicts.$inferInsert)[];
  reviews: (typeof reviews.$inferInsert)[];
  discussionNotes: (typeof discussionNotes.$inferInsert)[];
  /** The retained problem of each project, by project slug. */
  problemOfProject: Map<string, string>;
};

const REJECTIONS = [
  'Le problème est réel, mais il touche peu de personnes au regard des autres propositions.',
  'Le jury n’a pas trouvé assez d’éléments montrant que le problème revient souvent.',
  'Difficile à instruire en trois mois avec une équipe détachée un jour par semaine.',
  'Le problème dépend surtout de décisions extérieures à la collectivité.',
  'Proposition intéressante, mais d’autres problèmes proches avaient plus d’éléments de preuve.',
];
const COMMENTS = {
  high: [
    'Problème très bien documenté, avec des chiffres parlants.',
    'Des conséquences directes et graves pour les usagers.',
    'Le sponsor est engagé, l’équipe est prête.',
    'Beaucoup de « moi aussi » : le problème est partagé.',
  ],
  low: [
    'Peu d’éléments pour mesurer l’ampleur du problème.',
    'Plutôt une question d’organisation interne.',
    'Intéressant, mais le périmètre est flou.',
    'Les usagers concernés sont peu nombreux.',
    'À reformuler : la proposition décrit surtout une solution.',
  ],
};
const DISCUSSION = {
  retained: [
    'Je propose de le retenir : les chiffres sont solides et le sponsor suit.',
    'Vérifier que l’équipe peut vraiment se libérer un jour par semaine.',
    'Proche d’un autre problème du même territoire ; le garder plutôt que l’autre.',
    'Bon candidat si un deuxième service rejoint l’équipe.',
  ],
  others: [
    'Intéressant, mais trop peu d’éléments : à encourager pour la prochaine saison.',
    'Le sujet dépend d’un autre service ; le leur signaler.',
    'Hésitation : à rediscuter si une place se libère.',
  ],
};

export function buildSelection2019(random: Random, directory: Directory, cohortId: string): Selection2019 {
  const id = () => randomUuid(random);
  const callId = id();
  const porteurs = new Set(projects2019.map((p) => p.team[0]!.email));

  // The eight selected problems, submitted by the first member of each team.
  const seeded: Seeded[] = [];
  const rows: (typeof problems.$inferInsert)[] = [];
  const problemOfProject = new Map<string, string>();
  for (const project of projects2019) {
    const submitter = project.team[0]!.email;
    const organisation = directory.serviceOf(submitter);
    const submittedAt = parisAt(project.submission.submittedOn, clock(random, 9, 17));
    const row: Seeded = {
      id: id(),
      key: project.slug,
      status: 'retenu',
      organisation,
      submitter,
      submittedAt,
      territory: project.territory,
    };
    seeded.push(row);
    problemOfProject.set(project.slug, row.id);
    const { submittedOn: _, ...fields } = project.submission;
    rows.push({
      ...commonFields(row, callId, directory, random),
      ...fields,
      service: directory.organisationName(organisation),
      availability: 'Un jour par semaine pendant trois mois, avec l’accord de mon encadrement.',
      mergedIntoId: null,
      prescreenNote: '',
      redirectTo: '',
      prescreenedBy: directory.agentId(project.coach),
      prescreenedAt: earliest(
        parisAt(addDays(project.submission.submittedOn, 2), '10:15'),
        parisAt('2019-02-01', '09:00'),
      ),
      decisionNote:
        project.startsOn === '2019-02-04'
          ? 'Votre problème est retenu. L’équipe démarre le 4 février 2019 avec son coach.'
          : 'Votre problème est retenu. L’équipe se constitue et démarre le 1er mars 2019 avec son coach.',
      decidedBy: directory.agentId(THOMAS),
      decidedAt: DECIDED_AT,
      notifiedAt: NOTIFIED_AT,
      updatedAt: NOTIFIED_AT,
    });
  }

  // The others, with the jury's outcome written in problems-2019.ts. Submissions gather towards the deadline.
  const span = daysBetween('2018-11-20', '2019-01-31');
  otherProblems2019.forEach((other, index) => {
    const candidates = directory.membersOf(other.organisation);
    const pool = candidates.filter((email) => !porteurs.has(email));
    const submitter = pick(random, pool.length > 0 ? pool : candidates);
    const day = addDays('2018-11-20', Math.floor((1 - random() ** 2) * (span + 1)));
    const submittedAt = parisAt(day, clock(random, 8, 18));
    const territory = other.organisation.startsWith('var-') ? 'var' : 'pau-bearn-pyrenees';
    const row: Seeded = {
      id: id(),
      key: `autre-${index}`,
      status: other.outcome,
      organisation: other.organisation,
      submitter,
      submittedAt,
      territory,
    };
    seeded.push(row);
    const prescreenedAt = earliest(
      parisAt(addDays(day, intBetween(random, 2, 6)), '10:15'),
      parisAt('2019-02-01', '09:00'),
    );
    const prescreener = directory.agentId(territory === 'var' ? THOMAS : CAMILLE);
    const duplicate = other.duplicateOf ? projects2019.find((p) => p.slug === other.duplicateOf)! : null;
    rows.push({
      ...commonFields(row, callId, directory, random),
      title: other.title,
      whoSuffers: other.whoSuffers,
      howMany: other.howMany,
      frequency: other.frequency,
      consequencesCitizens: other.consequences,
      consequencesCollectivite: pick(random, [
        'Du temps d’agents perdu en relances et en explications.',
        'Des appels et des courriers en double.',
        'Des situations traitées en urgence, donc plus coûteuses.',
        'Une image dégradée du service public.',
      ]),
      evidence: pick(random, [
        'Observation au quotidien dans le service.',
        'Remontées des collègues et des usagers.',
        'Quelques chiffres tirés de nos tableaux de suivi.',
        'Pas encore de chiffres, des situations vécues.',
      ]),
      workaround: pick(random, [
        'Les agents se débrouillent au cas par cas.',
        'Un tableur partagé tenu par un collègue.',
        'Des appels et des rappels à la main.',
        'Aucun pour l’instant.',
      ]),
      sponsor: pick(random, ['Mon chef de service', 'Ma directrice', 'Mon directeur adjoint', 'À trouver']),
      service: directory.organisationName(other.organisation),
      availability: pick(random, [
        'Un jour par semaine si le problème est retenu.',
        'Une demi-journée par semaine.',
        'À voir avec ma hiérarchie.',
      ]),
      mergedIntoId: duplicate ? problemOfProject.get(duplicate.slug)! : null,
      prescreenNote:
        other.outcome === 'irrecevable'
          ? other.note!
          : duplicate
            ? `Même problème que « ${duplicate.submission.title} » : fusionné avec lui.`
            : '',
      prescreenedBy: prescreener,
      prescreenedAt,
      ...(other.outcome === 'irrecevable' || other.outcome === 'fusionne'
        ? {
            decisionNote: '',
            redirectTo: '',
            decidedBy: null,
            decidedAt: null,
            notifiedAt: other.outcome === 'irrecevable' ? plusMinutes(prescreenedAt, 30) : null,
            updatedAt: plusMinutes(prescreenedAt, 30),
          }
        : {
            decisionNote: other.outcome === 'reoriente' ? other.note! : pick(random, REJECTIONS),
            redirectTo: other.redirectTo ?? '',
            decidedBy: directory.agentId(THOMAS),
            decidedAt: DECIDED_AT,
            notifiedAt: NOTIFIED_AT,
            updatedAt: NOTIFIED_AT,
          }),
    });
  });

  return {
    call: {
      id: callId,
      cohortId,
      title: 'Appel à problèmes 2019',
      intro:
        'Agents du Département du Var et de l’agglomération Pau Béarn Pyrénées : un problème revient souvent dans votre service et pèse sur les usagers ? Décrivez-le. Les problèmes retenus seront instruits de février à juin 2019 par une équipe d’agents détachés un jour par semaine, accompagnée par un coach.',
      opensAt: CALL_OPENS,
      closesAt: CALL_CLOSES,
      createdAt: parisAt('2018-11-12', '11:00'),
    },
    criteria: DEFAULT_CRITERIA.map((criterion, position) => ({ ...criterion, id: id(), callId, position })),
    problems: rows,
    meToos: buildMeToos(random, directory, seeded),
    ...buildJury(random, directory, callId, seeded),
    problemOfProject,
  };
}

/** The fields every problem has, from its submission; drafts began up to three days earlier. */
function commonFields(row: Seeded, callId: string, directory: Directory, random: Random) {
  return {
    id: row.id,
    callId,
    submitterAgentId: directory.agentId(row.submitter),
    organisationId: directory.organisationId(row.organisation),
    territoryId: directory.territoryId(row.territory),
    status: row.status,
    submittedAt: row.submittedAt,
    createdAt: latest(CALL_OPENS, plusMinutes(row.submittedAt, -intBetween(random, 30, 3 * 24 * 60))),
  };
}

/** How many « moi aussi » each selected problem drew: the recurrence the jury saw. */
const ME_TOOS_OF_PROJECT: Record<string, number> = {
  'plateforme-rsa': 3,
  'accueil-uts-la-seyne': 4,
  'trajectoire-enfance': 2,
  'direct-autonomie': 2,
  'pau-partage': 3,
  idquart: 1,
  'au-compost-mitoyen': 2,
  'meli-melo': 2,
};

function buildMeToos(random: Random, directory: Directory, seeded: Seeded[]) {
  const rows: (typeof meToos.$inferInsert)[] = [];
  const others = seeded.filter((p) => p.status === 'non_retenu' || p.status === 'reoriente');
  const echoed = [
    ...seeded
      .filter((p) => p.status === 'retenu')
      .map((p) => ({ problem: p, count: ME_TOOS_OF_PROJECT[p.key] ?? 1 })),
    ...sample(random, others, 14).map((problem) => ({ problem, count: intBetween(random, 1, 2) })),
  ];
  for (const { problem, count } of echoed) {
    // Colleagues of the same territory, from other services first: that is what shows recurrence.
    const colleagues = partnerServices[problem.territory]
      .filter((service) => service !== problem.organisation)
      .flatMap((service) => directory.membersOf(service))
      .filter((email, i, all) => email !== problem.submitter && all.indexOf(email) === i);
    for (const email of sample(random, colleagues, count)) {
      const span = CALL_CLOSES.getTime() - problem.submittedAt.getTime();
      rows.push({
        problemId: problem.id,
        agentId: directory.agentId(email),
        service: directory.organisationName(directory.serviceOf(email)),
        comment: chance(random, 0.5)
          ? pick(random, [
              'Même situation dans notre service.',
              'Nous le constatons chaque semaine.',
              'Les usagers nous en parlent souvent.',
              'Idem chez nous, avec les mêmes conséquences.',
            ])
          : '',
        createdAt: new Date(problem.submittedAt.getTime() + Math.floor(random() * span)),
      });
    }
  }
  return rows;
}

function buildJury(random: Random, directory: Directory, callId: string, seeded: Seeded[]) {
  const jurorRows = JURORS.map((email) => ({
    callId,
    agentId: directory.agentId(email),
    addedAt: parisAt('2019-01-15', '14:00'),
  }));
  // A declared conflict: the Pau head of CCAS helped write the youth service's proposal.
  const meliMelo = seeded.find((p) => p.key === 'meli-melo')!;
  const declared = {
    id: randomUuid(random),
    agentId: directory.agentId('admin.ccas@pau.tremplin.demo'),
    problemId: meliMelo.id,
    reason: 'J’ai aidé le porteur à rédiger sa proposition.',
    declaredAt: parisAt('2019-01-28', '10:00'),
  };

  const reviewRows: (typeof reviews.$inferInsert)[] = [];
  const notes: (typeof discussionNotes.$inferInsert)[] = [];
  for (const problem of seeded) {
    if (problem.status !== 'retenu' && problem.status !== 'non_retenu' && problem.status !== 'reoriente')
      continue;
    // How strong the jury found it: the selected ones clearly ahead, the redirected ones in between.
    const quality =
      problem.status === 'retenu'
        ? 3.1 + random() * 0.6
        : problem.status === 'reoriente'
          ? 1.8 + random() * 0.8
          : 0.9 + random() * 1.6;
    for (const email of JURORS) {
      const juror = directory.agentId(email);
      const sameService = directory.serviceOf(email) === problem.organisation;
      if (sameService || (juror === declared.agentId && problem.id === declared.problemId)) continue;
      const scores = Object.fromEntries(
        DEFAULT_CRITERIA.map((c) => [
          c.key,
          Math.max(0, Math.min(4, Math.round(quality + (random() - 0.5) * 1.2))),
        ]),
      );
      // The jury read from 29 January; what came in after that was read on the morning of the decision.
      const reviewedAt =
        problem.submittedAt < JURY_STARTS
          ? parisAt(pick(random, ['2019-01-29', '2019-01-30', '2019-01-31']), clock(random, 9, 17))
          : parisAt('2019-02-01', clock(random, 10, 11));
      reviewRows.push({
        problemId: problem.id,
        jurorAgentId: juror,
        scores,
        comment: chance(random, 0.35) ? pick(random, quality >= 2.8 ? COMMENTS.high : COMMENTS.low) : '',
        createdAt: reviewedAt,
        updatedAt: reviewedAt,
      });
    }
    if (problem.status === 'retenu' || chance(random, 0.08)) {
      notes.push({
        id: randomUuid(random),
        problemId: problem.id,
        authorAgentId: directory.agentId(pick(random, JURORS)),
        body: pick(random, problem.status === 'retenu' ? DISCUSSION.retained : DISCUSSION.others),
        createdAt: parisAt('2019-02-01', clock(random, 13, 15)),
      });
    }
  }
  return { jurors: jurorRows, conflicts: [declared], reviews: reviewRows, discussionNotes: notes };
}
