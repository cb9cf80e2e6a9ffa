import { eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { randomUuid, seededRandom } from '../../../platform/demo-random.ts';
import { DEFAULT_CRITERIA } from '../rubric.ts';
import {
  calls,
  coaches,
  cohorts,
  cohortTerritories,
  criteria,
  jurors,
  meToos,
  milestones,
  problems,
} from '../tables.ts';
import { insertMany } from './bulk-insert.ts';
import { addDays, localDay, mondayOnOrAfter, parisAt, plusMinutes } from './dates.ts';
import { type Directory, FIRST_COACH, SECOND_COACH } from './people.ts';

/**
 * « Saison 2027 », the season demo users can try today: its call opened three days before the seed
 * and closes about a month after it, the teams start five weeks after the closing. The platform
 * demo's agents are its partner agents (the Var and Pau are its territories): a few have submitted a
 * problem, two keep a draft, colleagues said « moi aussi ». Only the dates follow the clock; the rest
 * is the same on every run.
 */

export const SLUG_2027 = 'saison-2027';
const SEED = 0x2027_0101;

type Entry = {
  email: string;
  organisation: string;
  /** Hours after the opening of the call; null for a draft. */
  submittedAfterHours: number | null;
  prescreened?: boolean;
  fields: Partial<Record<(typeof TEXT_FIELDS)[number], string>>;
  meToo?: { email: string; comment: string }[];
};

const TEXT_FIELDS = [
  'title',
  'whoSuffers',
  'howMany',
  'frequency',
  'consequencesCitizens',
  'consequencesCollectivite',
  'evidence',
  'workaround',
  'sponsor',
  'availability',
] as const;

const entries: Entry[] = [
  {
    email: 'referente@var.tremplin.demo',
    organisation: 'var-direction-insertion',
    submittedAfterHours: 4,
    fields: {
      title:
        'Les bénéficiaires du RSA qui changent de numéro de téléphone ne reçoivent plus les rappels de rendez-vous.',
      whoSuffers: 'Les bénéficiaires du RSA invités par SMS.',
      howMany: 'Quelques dizaines de personnes chaque mois dans mon secteur.',
      frequency: 'Chaque semaine.',
      consequencesCitizens: 'Des rendez-vous manqués, puis une convocation par courrier qui arrive tard.',
      consequencesCollectivite: 'Des créneaux perdus et des relances à la main.',
      evidence: 'Relevé des SMS non distribués sur trois mois.',
      workaround: 'J’appelle la CAF pour retrouver un numéro à jour.',
      sponsor: 'Ma cheffe de service',
      availability: 'Un jour par semaine si le problème est retenu.',
    },
    meToo: [
      {
        email: 'referent.toulon@var.tremplin.demo',
        comment: 'Pareil à Toulon, surtout chez les plus jeunes.',
      },
      { email: 'referente.draguignan@var.tremplin.demo', comment: '' },
    ],
  },
  {
    email: 'accueil@var.tremplin.demo',
    organisation: 'var-uts-la-seyne',
    submittedAfterHours: 20,
    fields: {
      title:
        'Les usagers venus chercher un simple document attendent aussi longtemps que ceux qui ont rendez-vous.',
      whoSuffers: 'Les personnes qui se présentent à l’accueil de l’UTS.',
      howMany: 'Une quarantaine de passages par jour.',
      frequency: 'Tous les jours, surtout le lundi.',
      consequencesCitizens: 'Une demi-journée perdue pour une attestation.',
      consequencesCollectivite: 'Une salle d’attente pleine et des tensions à l’accueil.',
      evidence: 'Comptage des passages sur deux semaines.',
      workaround: 'Une collègue prend les demandes simples quand elle le peut.',
      sponsor: 'Le responsable de l’UTS',
      availability: 'Une demi-journée par semaine.',
    },
    meToo: [{ email: 'admin.uts@var.tremplin.demo', comment: 'Je confirme, c’est notre priorité.' }],
  },
  {
    email: 'benevolat@pau.tremplin.demo',
    organisation: 'pau-ccas',
    submittedAfterHours: 26,
    prescreened: true,
    fields: {
      title:
        'Les bénévoles qui rendent visite aux personnes âgées ne savent pas à qui signaler une situation inquiétante.',
      whoSuffers: 'Les personnes âgées visitées et les bénévoles.',
      howMany: 'Une soixantaine de binômes.',
      frequency: 'Plusieurs fois par mois.',
      consequencesCitizens: 'Des chutes, des impayés ou une perte d’autonomie repérés tard.',
      consequencesCollectivite: 'Des interventions en urgence au lieu d’un suivi préventif.',
      evidence: 'Carnet de bord des bénévoles sur six mois.',
      workaround: 'Les bénévoles appellent la coordinatrice sur son portable.',
      sponsor: 'La directrice du CCAS',
      availability: 'Un jour par semaine.',
    },
    meToo: [
      {
        email: 'concertation@pau.tremplin.demo',
        comment: 'Les conseils de quartier nous font la même remarque.',
      },
    ],
  },
  {
    email: 'concertation@pau.tremplin.demo',
    organisation: 'pau-democratie-locale',
    submittedAfterHours: 45,
    fields: {
      title: 'Les habitants ne savent pas quelles réunions publiques concernent leur rue.',
      whoSuffers: 'Les habitants des quartiers en travaux.',
      howMany: 'Une trentaine de réunions par an.',
      frequency: 'Chaque mois.',
      consequencesCitizens: 'Des habitants qui découvrent un projet une fois décidé.',
      consequencesCollectivite: 'Des réunions peu suivies puis des réclamations.',
      evidence: 'Feuilles de présence des réunions de l’an dernier.',
      workaround: 'Affichage en mairie de quartier.',
      sponsor: 'Moi-même, comme cheffe de service',
      availability: 'Un jour par semaine pour un agent du service.',
    },
  },
  {
    email: 'referente.draguignan@var.tremplin.demo',
    organisation: 'var-direction-insertion',
    submittedAfterHours: 50,
    fields: {
      title:
        'Les bénéficiaires du RSA des villages du Haut-Var renoncent aux rendez-vous à Draguignan faute de transport.',
      whoSuffers: 'Les bénéficiaires sans voiture des communes rurales.',
      howMany: 'Environ un tiers des personnes de mon secteur.',
      frequency: 'À chaque convocation.',
      consequencesCitizens: 'Des absences sanctionnées alors que la personne ne pouvait pas venir.',
      consequencesCollectivite: 'Des créneaux perdus et des procédures de sanction inutiles.',
      evidence: 'Motifs d’absence notés sur un trimestre.',
      workaround: 'Quelques rendez-vous par téléphone, au cas par cas.',
      sponsor: 'Ma cheffe de service',
      availability: 'Un jour par semaine.',
    },
    meToo: [
      {
        email: 'referente@var.tremplin.demo',
        comment: 'Même chose pour les communes de l’arrière-pays toulonnais.',
      },
    ],
  },
  {
    email: 'admin.insertion@var.tremplin.demo',
    organisation: 'var-direction-insertion',
    submittedAfterHours: null,
    fields: {
      title:
        'Les décisions d’orientation prises en équipe pluridisciplinaire mettent des semaines à être notifiées.',
      whoSuffers: 'Les bénéficiaires du RSA en attente d’orientation.',
    },
  },
  {
    email: 'referent.toulon@var.tremplin.demo',
    organisation: 'var-direction-insertion',
    submittedAfterHours: null,
    fields: { title: 'Les rendez-vous en visio échouent faute de connexion chez les bénéficiaires.' },
  },
];

export async function seedSeason2027(tx: Db, directory: Directory, now: Date): Promise<void> {
  const [existing] = await tx.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.slug, SLUG_2027));
  if (existing) return;

  const random = seededRandom(SEED);
  const id = () => randomUuid(random);
  const today = localDay(now);
  const opensAt = parisAt(addDays(today, -3), '09:00');
  const closingDay = addDays(today, 30);
  const startsOn = mondayOnOrAfter(addDays(closingDay, 35));
  const endsOn = addDays(startsOn, 20 * 7 - 3);
  const cohortId = id();
  const callId = id();

  await insertMany(tx, cohorts, [
    {
      id: cohortId,
      slug: SLUG_2027,
      name: 'Saison 2027',
      description:
        'La saison en cours avec le Département du Var et l’agglomération Pau Béarn Pyrénées : l’appel à problèmes est ouvert, les équipes démarreront après la sélection.',
      incubatorOrganisationId: directory.organisationId('incubateur'),
      startsOn,
      endsOn,
      detachmentDaysPerWeek: '1',
      detachmentWeeks: 12,
      createdAt: plusMinutes(opensAt, -7 * 24 * 60),
    },
  ]);
  await insertMany(tx, cohortTerritories, [
    { cohortId, territoryId: directory.territoryId('var') },
    { cohortId, territoryId: directory.territoryId('pau-bearn-pyrenees') },
  ]);
  await insertMany(tx, coaches, [
    { cohortId, agentId: directory.agentId(FIRST_COACH) },
    { cohortId, agentId: directory.agentId(SECOND_COACH) },
  ]);
  await insertMany(tx, calls, [
    {
      id: callId,
      cohortId,
      title: 'Appel à problèmes 2027',
      intro:
        'Un problème revient souvent dans votre service et pèse sur les usagers ? Décrivez-le, avec ce que vous en savez. Les problèmes retenus seront instruits par une équipe d’agents détachés un jour par semaine pendant douze semaines, accompagnée par un coach.',
      opensAt,
      closesAt: parisAt(closingDay, '18:00'),
      createdAt: plusMinutes(opensAt, -2 * 24 * 60),
    },
  ]);
  await insertMany(
    tx,
    criteria,
    DEFAULT_CRITERIA.map((criterion, position) => ({ ...criterion, id: id(), callId, position })),
  );
  await insertMany(
    tx,
    jurors,
    [FIRST_COACH, SECOND_COACH, 'admin.ccas@pau.tremplin.demo'].map((email) => ({
      callId,
      agentId: directory.agentId(email),
      addedAt: plusMinutes(opensAt, -60),
    })),
  );

  const problemRows: (typeof problems.$inferInsert)[] = [];
  const meTooRows: (typeof meToos.$inferInsert)[] = [];
  entries.forEach((entry, index) => {
    const problemId = id();
    const submittedAt =
      entry.submittedAfterHours === null ? null : plusMinutes(opensAt, entry.submittedAfterHours * 60);
    const touchedAt = submittedAt ?? plusMinutes(opensAt, (30 + index) * 60);
    const organisation = entry.organisation;
    problemRows.push({
      id: problemId,
      callId,
      submitterAgentId: directory.agentId(entry.email),
      organisationId: directory.organisationId(organisation),
      territoryId: directory.territoryOf(organisation),
      status: submittedAt === null ? 'brouillon' : entry.prescreened ? 'recevable' : 'soumis',
      ...Object.fromEntries(TEXT_FIELDS.map((field) => [field, entry.fields[field] ?? ''])),
      service: directory.organisationName(organisation),
      submittedAt,
      prescreenedBy: entry.prescreened ? directory.agentId(SECOND_COACH) : null,
      prescreenedAt: entry.prescreened ? plusMinutes(touchedAt, 18 * 60) : null,
      createdAt: plusMinutes(touchedAt, -90),
      updatedAt: entry.prescreened ? plusMinutes(touchedAt, 18 * 60) : touchedAt,
    });
    for (const [order, meToo] of (entry.meToo ?? []).entries()) {
      meTooRows.push({
        problemId,
        agentId: directory.agentId(meToo.email),
        service: directory.organisationName(directory.serviceOf(meToo.email)),
        comment: meToo.comment,
        createdAt: plusMinutes(touchedAt, (6 + 2 * order) * 60),
      });
    }
  });
  await insertMany(tx, problems, problemRows);
  await insertMany(tx, meToos, meTooRows);

  const cohortMilestone = (
    kind: 'lancement' | 'mi_parcours' | 'restitution',
    title: string,
    dueOn: string,
  ) => ({
    id: id(),
    cohortId,
    projectId: null,
    kind,
    title,
    dueOn,
    doneOn: null,
  });
  await insertMany(tx, milestones, [
    cohortMilestone('lancement', 'Séminaire de lancement de la saison', startsOn),
    cohortMilestone('mi_parcours', 'Point d’étape à mi-parcours', addDays(startsOn, 7 * 7 + 1)),
    cohortMilestone('restitution', 'Restitution des projets', addDays(startsOn, 17 * 7 + 2)),
  ]);
}
