/**
 * The eight projects of the 2019 cohort, from the public facts gathered in
 * /work/shared/data/cohort-2019.md (beta.gouv.fr startup pages and a June 2019 press article),
 * written in our own words. The figures are the public ones; the people, interviews and notes are
 * fictitious illustrations.
 */

type Phase = 'investigation' | 'construction' | 'transfer' | 'abandon';
type Claim = 'recurrence' | 'consequences_usagers' | 'consequences_collectivite' | 'solution';

export type ProjectSeed = {
  slug: string;
  title: string;
  territory: 'var' | 'pau-bearn-pyrenees';
  coach: string;
  mission: string;
  problem: string;
  solution: string;
  sponsors: string[];
  usertypes: string[];
  thematiques: string[];
  /** The Tremplin module that runs the service today (its indicators feed the portfolio). */
  moduleName: string | null;
  startsOn: string;
  phases: { phase: Phase; startsOn: string; endsOn: string | null; comment: string }[];
  /** The problem as its proposer submitted it to the call. */
  submission: {
    title: string;
    whoSuffers: string;
    howMany: string;
    frequency: string;
    consequencesCitizens: string;
    consequencesCollectivite: string;
    evidence: string;
    workaround: string;
    sponsor: string;
    submittedOn: string;
  };
  /** The first member proposed the problem. */
  team: { email: string; role: string; manager: string }[];
  keyFigures: { value: string; label: string; source: string }[];
  hypotheses: { statement: string; state: 'invalidee' | 'confirmee' | 'en_test'; conclusion: string }[];
  interviews: { role: string; on: string; notes: string }[];
  evidence: {
    kind: 'entretien' | 'enquete' | 'donnees' | 'observation' | 'document';
    claim: Claim;
    confidence: 'faible' | 'moyenne' | 'forte';
    title: string;
    summary: string;
    source: string;
    on: string;
    /** Index in `hypotheses` / `interviews`. */
    hypothesis?: number;
    interview?: number;
  }[];
  committee: { materials: string; decision: 'go' | 'stop'; note: string; postMortem: string };
};

const THOMAS = 'coach@incubateur.tremplin.demo';
const CAMILLE = 'coach.pau@incubateur.tremplin.demo';

/** The date the teams that stopped at investigation closed their file. */
const STOPPED_ON = '2019-07-12';
// A phase ends the day before the next one starts, as the committee's decisions close them.
const stoppedAtInvestigation = (startsOn: string, comment: string): ProjectSeed['phases'] => [
  { phase: 'investigation', startsOn, endsOn: '2019-07-11', comment: 'Instruction du problème en équipe.' },
  { phase: 'abandon', startsOn: STOPPED_ON, endsOn: null, comment },
];

export const projects2019: ProjectSeed[] = [
  {
    slug: 'plateforme-rsa',
    title: 'Plateforme numérique du RSA',
    territory: 'var',
    coach: THOMAS,
    mission:
      'Faire démarrer l’accompagnement des nouveaux bénéficiaires du RSA du Var dès l’ouverture de leurs droits, et non des mois plus tard.',
    problem:
      'Fin 2018, le Var comptait environ 37 000 bénéficiaires du RSA, dont plus d’un tiers l’étaient depuis cinq ans ou davantage. Il fallait en moyenne huit mois et demi avant qu’un nouvel entrant commence son accompagnement, contre six mois à l’échelle nationale. Les convocations partaient par courrier à partir des listes mensuelles de la CAF, et la réunion d’information n’avait lieu qu’un mois et demi après l’ouverture des droits.',
    solution:
      'Un espace personnel en ligne ouvert dès l’ouverture des droits. Un questionnaire court identifie le bon référent selon la commune de la personne, qui réserve ensuite elle-même son rendez-vous (avec RDV-Solidarités) ou demande à être rappelée.',
    sponsors: ['departement-var'],
    usertypes: ['particulier', 'collectivite-territoriale'],
    thematiques: ['insertion', 'solidarités'],
    moduleName: 'rsa',
    startsOn: '2019-02-04',
    phases: stoppedAtInvestigation('2019-02-04', 'Arrêt à l’issue de l’investigation (juillet 2019).'),
    submission: {
      title:
        'Les nouveaux bénéficiaires du RSA attendent plus de huit mois avant de commencer leur accompagnement.',
      whoSuffers: 'Les personnes qui entrent au RSA dans le Var, et les référents qui doivent les recevoir.',
      howMany: 'Environ 37 000 bénéficiaires fin 2018 ; 35 % le sont depuis cinq ans ou plus.',
      frequency: 'Chaque mois, à l’arrivée de la liste des nouveaux droits transmise par la CAF.',
      consequencesCitizens:
        'Huit mois et demi en moyenne sans accompagnement (six au niveau national) : personne n’aide la personne à construire son parcours pendant ce temps.',
      consequencesCollectivite:
        'Des convocations papier envoyées en nombre, beaucoup d’absences, des référents qui relancent au lieu d’accompagner.',
      evidence:
        'Tableaux de suivi de la direction de l’insertion pour 2018, comparés à la moyenne nationale.',
      workaround:
        'Convocation par courrier à une réunion d’information collective, un mois et demi après l’ouverture des droits.',
      sponsor: 'La directrice adjointe de l’insertion',
      submittedOn: '2019-01-21',
    },
    team: [
      {
        email: 'aurelie.martinez@var.tremplin.demo',
        role: 'Chargée de mission insertion, porteuse du problème',
        manager: 'admin.insertion@var.tremplin.demo',
      },
      {
        email: 'sebastien.giraud@var.tremplin.demo',
        role: 'Référent de parcours RSA',
        manager: 'admin.insertion@var.tremplin.demo',
      },
      {
        email: 'nathalie.bonifay@var.tremplin.demo',
        role: 'Travailleuse sociale en UTS',
        manager: 'admin.uts@var.tremplin.demo',
      },
      {
        email: 'yannick.ferrero@var.tremplin.demo',
        role: 'Chef de projet numérique',
        manager: 'direction.numerique@var.tremplin.demo',
      },
    ],
    keyFigures: [
      { value: '37 000', label: 'bénéficiaires du RSA dans le Var fin 2018', source: 'Département du Var' },
      {
        value: '35 %',
        label: 'des bénéficiaires au RSA depuis cinq ans ou plus',
        source: 'Département du Var',
      },
      {
        value: '8,5 mois',
        label: 'en moyenne avant le début de l’accompagnement (6 mois au niveau national)',
        source: 'Département du Var, 2018',
      },
      {
        value: '1,5 mois',
        label: 'entre l’ouverture des droits et la réunion d’information',
        source: 'Département du Var, 2018',
      },
    ],
    hypotheses: [
      {
        statement:
          'Les nouveaux bénéficiaires préfèrent attendre un courrier plutôt que prendre rendez-vous eux-mêmes.',
        state: 'invalidee',
        conclusion:
          'La plupart des personnes rencontrées auraient réservé seules si on le leur avait proposé.',
      },
      {
        statement: 'La commune de résidence suffit à désigner le bon référent.',
        state: 'confirmee',
        conclusion:
          'Vrai dans la grande majorité des cas, à quelques exceptions près (jeunes, travailleurs indépendants).',
      },
      {
        statement: 'Le délai vient surtout du rythme mensuel des listes de la CAF.',
        state: 'confirmee',
        conclusion: 'Le rythme des listes et l’envoi de courriers expliquent l’essentiel de l’attente.',
      },
    ],
    interviews: [
      {
        role: 'Bénéficiaire du RSA depuis trois mois',
        on: '2019-02-25',
        notes:
          'N’a reçu aucune nouvelle depuis l’ouverture de ses droits ; aurait pris rendez-vous en ligne volontiers.',
      },
      {
        role: 'Référente de parcours dans une UTS',
        on: '2019-03-04',
        notes:
          'Passe une part importante de son temps à relancer des personnes absentes aux réunions collectives.',
      },
    ],
    evidence: [
      {
        kind: 'donnees',
        claim: 'recurrence',
        confidence: 'forte',
        title: 'Délai moyen avant accompagnement en 2018',
        summary: 'Huit mois et demi en moyenne, deux mois et demi de plus que la moyenne nationale.',
        source: 'Tableaux de suivi de la direction de l’insertion',
        on: '2019-02-18',
        hypothesis: 2,
      },
      {
        kind: 'entretien',
        claim: 'consequences_usagers',
        confidence: 'moyenne',
        title: 'Des personnes sans nouvelles pendant des mois',
        summary:
          'Les bénéficiaires rencontrés ne savaient pas à qui s’adresser après l’ouverture de leurs droits.',
        source: 'Entretiens de l’équipe',
        on: '2019-02-25',
        hypothesis: 0,
        interview: 0,
      },
      {
        kind: 'entretien',
        claim: 'consequences_collectivite',
        confidence: 'moyenne',
        title: 'Des référents occupés à relancer',
        summary: 'Les absences aux réunions collectives obligent à reconvoquer.',
        source: 'Entretiens de l’équipe',
        on: '2019-03-04',
        interview: 1,
      },
    ],
    committee: {
      materials:
        'Le délai est confirmé et chiffré ; prototype d’un parcours en ligne testé auprès de quelques bénéficiaires.',
      decision: 'stop',
      note: 'Le problème est confirmé ; la solution demande des moyens que l’équipe ne peut pas porter seule.',
      postMortem:
        'Problème solidement documenté, mais la solution suppose un circuit de données avec la CAF et un outil de rendez-vous à déployer dans tout le département : hors de portée d’une équipe détachée un jour par semaine. Les constats sont remis à la direction de l’insertion.',
    },
  },
  {
    slug: 'accueil-uts-la-seyne',
    title: 'Accueil téléphonique de l’UTS de La Seyne-sur-Mer',
    territory: 'var',
    coach: THOMAS,
    mission:
      'Que chaque personne qui appelle l’UTS de La Seyne-sur-Mer obtienne une réponse, en priorité quand c’est urgent.',
    problem:
      'Sept appels sur dix reçus par l’UTS de La Seyne-sur-Mer sont perdus. Plus de la moitié des appelants doivent composer le numéro au moins cinq fois, et parmi ceux qui n’obtiennent personne, plus de quatre sur dix finissent par se déplacer. Les situations urgentes (coupure d’énergie, expulsion, violences conjugales) sont prises en charge en retard.',
    solution:
      'Une messagerie vocale à choix multiples qui dirige l’appel vers le bon secrétariat (ASPI, ASE, pôle accueil), complétée par une prise de rendez-vous en ligne.',
    sponsors: ['departement-var'],
    usertypes: ['particulier', 'collectivite-territoriale'],
    thematiques: ['solidarités', 'accueil des usagers'],
    moduleName: 'accueil',
    startsOn: '2019-02-04',
    phases: stoppedAtInvestigation('2019-02-04', 'Arrêt à l’issue de l’investigation (juillet 2019).'),
    submission: {
      title: 'La plupart des appels reçus par l’UTS de La Seyne-sur-Mer n’aboutissent jamais.',
      whoSuffers:
        'Les habitants suivis par l’UTS, souvent en situation de fragilité, et les secrétariats débordés.',
      howMany: 'Environ sept appels entrants sur dix sont perdus.',
      frequency: 'Tous les jours ouvrés, surtout en début de semaine.',
      consequencesCitizens:
        'Des personnes qui rappellent cinq fois ou plus, qui se déplacent faute de réponse, et des urgences (coupure d’énergie, expulsion, violences) traitées en retard.',
      consequencesCollectivite: 'Un accueil physique saturé et des secrétaires interrompues sans cesse.',
      evidence: 'Statistiques de l’autocommutateur et questionnaire aux personnes reçues à l’accueil.',
      workaround: 'Les secrétaires rappellent quand elles le peuvent, sans ordre de priorité.',
      sponsor: 'Le responsable de l’UTS',
      submittedOn: '2019-01-14',
    },
    team: [
      {
        email: 'christelle.barbaroux@var.tremplin.demo',
        role: 'Secrétaire du pôle accueil, porteuse du problème',
        manager: 'admin.uts@var.tremplin.demo',
      },
      {
        email: 'mohamed.belkadi@var.tremplin.demo',
        role: 'Assistant social (ASPI)',
        manager: 'admin.uts@var.tremplin.demo',
      },
      {
        email: 'virginie.sicard@var.tremplin.demo',
        role: 'Secrétaire de l’aide sociale à l’enfance',
        manager: 'admin.uts@var.tremplin.demo',
      },
    ],
    keyFigures: [
      { value: '70 %', label: 'des appels entrants perdus', source: 'UTS de La Seyne-sur-Mer' },
      {
        value: '59 %',
        label: 'des appelants appellent cinq fois ou plus',
        source: 'UTS de La Seyne-sur-Mer',
      },
      {
        value: '42 %',
        label: 'de ceux qui n’obtiennent pas de réponse doivent se déplacer',
        source: 'UTS de La Seyne-sur-Mer',
      },
    ],
    hypotheses: [
      {
        statement: 'Les appelants acceptent d’être orientés par un message à choix.',
        state: 'confirmee',
        conclusion: 'Les personnes interrogées préfèrent un choix rapide à une ligne toujours occupée.',
      },
      {
        statement: 'Les appels urgents se distinguent dès les premiers mots.',
        state: 'en_test',
        conclusion: '',
      },
    ],
    interviews: [
      {
        role: 'Mère de famille suivie par l’UTS',
        on: '2019-02-19',
        notes: 'A appelé six fois pour une coupure d’électricité avant de venir sur place avec ses enfants.',
      },
      {
        role: 'Secrétaire du pôle accueil',
        on: '2019-02-21',
        notes:
          'Ne peut pas décrocher pendant qu’elle reçoit quelqu’un au guichet ; la file d’attente téléphonique n’existe pas.',
      },
    ],
    evidence: [
      {
        kind: 'donnees',
        claim: 'recurrence',
        confidence: 'forte',
        title: 'Appels perdus sur quatre semaines',
        summary: 'Sept appels sur dix sans réponse, chaque semaine de la période.',
        source: 'Relevés de l’autocommutateur',
        on: '2019-02-28',
      },
      {
        kind: 'enquete',
        claim: 'consequences_usagers',
        confidence: 'moyenne',
        title: 'Questionnaire à l’accueil',
        summary: 'Une majorité des personnes reçues avaient tenté d’appeler plusieurs fois avant de venir.',
        source: 'Questionnaire papier à l’accueil',
        on: '2019-03-15',
        hypothesis: 0,
      },
      {
        kind: 'entretien',
        claim: 'consequences_usagers',
        confidence: 'forte',
        title: 'Une urgence énergie traitée en retard',
        summary: 'Un cas concret d’urgence retardée faute de réponse.',
        source: 'Entretiens de l’équipe',
        on: '2019-02-19',
        interview: 0,
      },
    ],
    committee: {
      materials: 'Mesure des appels perdus, questionnaire à l’accueil, maquette du message vocal à choix.',
      decision: 'stop',
      note: 'Le problème relève d’une réorganisation de l’accueil plus que d’un nouveau service numérique.',
      postMortem:
        'Le constat est net et chiffré. La réponse tient d’abord à l’organisation de l’accueil et à la téléphonie du Département, que l’UTS a reprises avec la direction concernée ; le service en ligne n’est pas poursuivi par l’équipe.',
    },
  },
  {
    slug: 'trajectoire-enfance',
    title: 'Trajectoire Enfance',
    territory: 'var',
    coach: THOMAS,
    mission:
      'Que les professionnels qui accueillent un enfant confié connaissent son parcours et ses besoins de santé dès son arrivée.',
    problem:
      'Le Centre départemental de l’enfance accueille environ 700 enfants par an ; quatre enfants confiés à l’aide sociale à l’enfance sur dix y passent, et un sur dix y revient. Les trois quarts des professionnels disent ne pas connaître l’histoire de l’enfant qu’ils reçoivent, et près des deux tiers n’ont pas ses informations de santé.',
    solution:
      'Un espace partagé entre l’ASE, le CDE, les UTS et la PMI où se trouve le dossier de l’enfant : son parcours, ses contacts, ses informations de santé utiles.',
    sponsors: ['departement-var'],
    usertypes: ['collectivite-territoriale'],
    thematiques: ['enfance', 'solidarités'],
    moduleName: null,
    startsOn: '2019-02-04',
    phases: stoppedAtInvestigation('2019-02-04', 'Arrêt à l’issue de l’investigation (juillet 2019).'),
    submission: {
      title:
        'Les professionnels qui accueillent un enfant placé ne connaissent ni son histoire ni ses besoins de santé.',
      whoSuffers: 'Les enfants confiés à l’ASE accueillis au CDE, et les équipes qui les reçoivent.',
      howMany: 'Environ 700 enfants accueillis chaque année au CDE.',
      frequency: 'À chaque accueil, souvent en urgence, de jour comme de nuit.',
      consequencesCitizens:
        'Des enfants à qui l’on repose les mêmes questions, des traitements interrompus, des liens rompus.',
      consequencesCollectivite: 'Des heures passées à retrouver des informations dispersées entre services.',
      evidence: 'Questionnaire interne aux professionnels du CDE.',
      workaround: 'Appels aux UTS et aux familles d’accueil précédentes, quand on sait qui appeler.',
      sponsor: 'La directrice du CDE',
      submittedOn: '2019-01-25',
    },
    team: [
      {
        email: 'stephanie.amoretti@var.tremplin.demo',
        role: 'Éducatrice au CDE, porteuse du problème',
        manager: 'direction.cde@var.tremplin.demo',
      },
      {
        email: 'olivier.taddei@var.tremplin.demo',
        role: 'Cadre de santé du CDE',
        manager: 'direction.cde@var.tremplin.demo',
      },
      {
        email: 'karine.jourdan@var.tremplin.demo',
        role: 'Secrétaire de l’ASE',
        manager: 'direction.enfance@var.tremplin.demo',
      },
    ],
    keyFigures: [
      { value: '700', label: 'enfants accueillis chaque année au CDE', source: 'Département du Var' },
      {
        value: '40 %',
        label: 'des enfants confiés à l’ASE passent par le CDE',
        source: 'Département du Var',
      },
      { value: '10 %', label: 'des enfants y reviennent', source: 'Département du Var' },
      {
        value: '75 %',
        label: 'des professionnels ne connaissent pas l’histoire de l’enfant',
        source: 'Enquête auprès des professionnels',
      },
      {
        value: '63 %',
        label: 'n’ont pas ses informations de santé',
        source: 'Enquête auprès des professionnels',
      },
    ],
    hypotheses: [
      {
        statement: 'Les informations existent mais sont dispersées entre services.',
        state: 'confirmee',
        conclusion: 'Chaque service détient une partie du dossier, aucun ne l’a en entier.',
      },
      {
        statement: 'Les services acceptent de partager le dossier de l’enfant.',
        state: 'en_test',
        conclusion: '',
      },
    ],
    interviews: [
      {
        role: 'Éducateur de nuit au CDE',
        on: '2019-02-26',
        notes: 'Accueille souvent un enfant sans savoir s’il suit un traitement.',
      },
      {
        role: 'Puéricultrice de PMI',
        on: '2019-03-12',
        notes: 'Détient le suivi de santé des plus jeunes, rarement demandé au moment du placement.',
      },
    ],
    evidence: [
      {
        kind: 'enquete',
        claim: 'consequences_usagers',
        confidence: 'forte',
        title: 'Questionnaire aux professionnels du CDE',
        summary: 'Trois quarts sans l’histoire de l’enfant, près de deux tiers sans ses données de santé.',
        source: 'Questionnaire interne',
        on: '2019-03-08',
        hypothesis: 0,
      },
      {
        kind: 'entretien',
        claim: 'recurrence',
        confidence: 'moyenne',
        title: 'Des accueils d’urgence sans dossier',
        summary: 'Situation décrite comme habituelle par les équipes de nuit.',
        source: 'Entretiens de l’équipe',
        on: '2019-02-26',
        interview: 0,
      },
    ],
    committee: {
      materials:
        'Cartographie des informations par service, résultats du questionnaire, parcours type d’un enfant.',
      decision: 'stop',
      note: 'Problème confirmé ; le partage de données sensibles demande un cadre juridique préalable.',
      postMortem:
        'Le besoin est avéré, mais un dossier partagé sur des mineurs suppose un cadre juridique et une sécurité des données à construire d’abord avec la direction de l’enfance. L’équipe transmet sa cartographie des informations et ses recommandations.',
    },
  },
  {
    slug: 'direct-autonomie',
    title: 'Direct Autonomie',
    territory: 'var',
    coach: THOMAS,
    mission:
      'Raccourcir le chemin d’une demande d’allocation personnalisée d’autonomie, du dépôt à son instruction par le Département.',
    problem:
      'Le Département reçoit chaque année environ 10 000 premières demandes d’allocation personnalisée d’autonomie. En 2018, il s’écoulait en moyenne 32 jours entre l’ouverture du dossier au CCAS et sa réception par le Département, avant même le début de l’instruction.',
    solution:
      'Un formulaire de demande en ligne, avec Démarches Simplifiées, qui arrive directement au service instructeur.',
    sponsors: ['departement-var'],
    usertypes: ['particulier', 'collectivite-territoriale'],
    thematiques: ['autonomie', 'personnes âgées'],
    moduleName: null,
    startsOn: '2019-02-04',
    phases: stoppedAtInvestigation('2019-02-04', 'Arrêt à l’issue de l’investigation (juillet 2019).'),
    submission: {
      title: 'Une demande d’APA met plus d’un mois à arriver au Département après son dépôt au CCAS.',
      whoSuffers: 'Les personnes âgées qui perdent leur autonomie et leurs proches aidants.',
      howMany: 'Environ 10 000 premières demandes par an.',
      frequency: 'Tous les jours : chaque dossier passe par ce circuit.',
      consequencesCitizens:
        'Un mois d’attente supplémentaire avant toute évaluation, alors que la situation se dégrade souvent.',
      consequencesCollectivite: 'Des dossiers incomplets, des relances aux CCAS, des saisies en double.',
      evidence: 'Extraction du logiciel d’instruction pour 2018.',
      workaround: 'Envoi postal ou dépôt des dossiers papier par les CCAS.',
      sponsor: 'La directrice de l’autonomie',
      submittedOn: '2019-01-29',
    },
    team: [
      {
        email: 'francoise.pellegrino@var.tremplin.demo',
        role: 'Instructrice APA, porteuse du problème',
        manager: 'direction.autonomie@var.tremplin.demo',
      },
      {
        email: 'gilles.rinaldi@var.tremplin.demo',
        role: 'Responsable de l’accueil des demandes',
        manager: 'direction.autonomie@var.tremplin.demo',
      },
      {
        email: 'myriam.bouchet@var.tremplin.demo',
        role: 'Évaluatrice médico-sociale',
        manager: 'direction.autonomie@var.tremplin.demo',
      },
    ],
    keyFigures: [
      { value: '10 000', label: 'premières demandes d’APA par an', source: 'Département du Var' },
      {
        value: '32 jours',
        label: 'en moyenne entre l’ouverture du dossier au CCAS et sa réception (2018)',
        source: 'Département du Var',
      },
    ],
    hypotheses: [
      {
        statement: 'Le délai vient de l’acheminement papier entre CCAS et Département.',
        state: 'confirmee',
        conclusion: 'L’essentiel des 32 jours se passe entre deux bureaux.',
      },
      {
        statement: 'Les demandeurs rempliraient eux-mêmes un formulaire en ligne.',
        state: 'invalidee',
        conclusion:
          'Les demandes sont surtout remplies par un proche ou un agent du CCAS, pas par la personne.',
      },
    ],
    interviews: [
      {
        role: 'Fille d’une demandeuse d’APA',
        on: '2019-03-05',
        notes: 'N’a eu aucune nouvelle pendant six semaines et a cru le dossier perdu.',
      },
      {
        role: 'Agente d’accueil d’un CCAS',
        on: '2019-03-14',
        notes: 'Regroupe les dossiers et les envoie une fois par semaine, parfois moins.',
      },
    ],
    evidence: [
      {
        kind: 'donnees',
        claim: 'recurrence',
        confidence: 'forte',
        title: 'Délai d’acheminement en 2018',
        summary: '32 jours en moyenne entre le CCAS et le Département.',
        source: 'Logiciel d’instruction',
        on: '2019-02-20',
        hypothesis: 0,
      },
      {
        kind: 'entretien',
        claim: 'solution',
        confidence: 'moyenne',
        title: 'Qui remplit la demande ?',
        summary: 'Rarement la personne âgée elle-même : un proche ou un agent du CCAS.',
        source: 'Entretiens de l’équipe',
        on: '2019-03-14',
        hypothesis: 1,
        interview: 1,
      },
    ],
    committee: {
      materials:
        'Mesure des délais par étape, entretiens avec des CCAS et des familles, maquette de formulaire.',
      decision: 'stop',
      note: 'Problème confirmé ; un formulaire en ligne existant suffit, sans startup de territoire.',
      postMortem:
        'Le délai est bien dans l’acheminement. Un formulaire en ligne sur un outil existant, à destination des CCAS plutôt que des demandeurs, répond au besoin : la direction de l’autonomie le met en place sans poursuivre l’incubation.',
    },
  },
  {
    slug: 'pau-partage',
    title: 'Pau Partage',
    territory: 'pau-bearn-pyrenees',
    coach: CAMILLE,
    mission: 'Rompre l’isolement des Palois âgés par des visites de convivialité régulières.',
    problem:
      'Trois Palois sur dix ont 60 ans ou plus. Sur plus de 200 personnes de cet âge interrogées, neuf sur dix disent souffrir de solitude.',
    solution:
      'Des bénévoles rendent visite chaque semaine à une personne âgée, en binôme stable, pour un moment de convivialité. En 2019, 31 bénévoles seniors ont formé 23 binômes ; le relais vers les services sociaux était visé pour 2020.',
    sponsors: ['ca-pau-bearn-pyrenees'],
    usertypes: ['particulier', 'collectivite-territoriale'],
    thematiques: ['personnes âgées', 'lien social'],
    moduleName: 'binomes',
    startsOn: '2019-02-04',
    phases: [
      {
        phase: 'investigation',
        startsOn: '2019-02-04',
        endsOn: '2019-06-04',
        comment: 'Enquête auprès de plus de 200 seniors.',
      },
      {
        phase: 'construction',
        startsOn: '2019-06-05',
        endsOn: '2019-12-31',
        comment: 'Premiers binômes : 31 bénévoles, 23 binômes en 2019.',
      },
      {
        phase: 'transfer',
        startsOn: '2020-01-01',
        endsOn: null,
        comment: 'Passage de relais aux services sociaux visé en 2020.',
      },
    ],
    submission: {
      title: 'Beaucoup de Palois de plus de 60 ans vivent seuls et s’en plaignent.',
      whoSuffers: 'Les personnes âgées isolées de Pau.',
      howMany: 'Trois habitants sur dix ont 60 ans ou plus.',
      frequency: 'Au quotidien, plus encore l’été et pendant les fêtes.',
      consequencesCitizens: 'Solitude, perte de repères, renoncement à sortir et à se soigner.',
      consequencesCollectivite: 'Des situations repérées tard, souvent à l’occasion d’une hospitalisation.',
      evidence: 'Remontées des agents du CCAS et des associations de quartier.',
      workaround: 'Appels ponctuels du CCAS pendant les canicules.',
      sponsor: 'La directrice du CCAS',
      submittedOn: '2019-01-10',
    },
    team: [
      {
        email: 'marie.lacaze@pau.tremplin.demo',
        role: 'Animatrice seniors, porteuse du problème',
        manager: 'admin.ccas@pau.tremplin.demo',
      },
      {
        email: 'pierre.haurat@pau.tremplin.demo',
        role: 'Travailleur social',
        manager: 'admin.ccas@pau.tremplin.demo',
      },
      {
        email: 'sophie.capdevielle@pau.tremplin.demo',
        role: 'Chargée de mission vie associative',
        manager: 'admin.ccas@pau.tremplin.demo',
      },
    ],
    keyFigures: [
      {
        value: '91 %',
        label: 'des plus de 200 seniors interrogés disent se sentir seuls',
        source: 'Enquête de l’équipe, 2019',
      },
      { value: '30 %', label: 'des Palois ont 60 ans ou plus', source: 'Ville de Pau' },
      { value: '31', label: 'bénévoles seniors engagés en 2019', source: 'CCAS de Pau' },
      { value: '23', label: 'binômes formés en 2019', source: 'CCAS de Pau' },
    ],
    hypotheses: [
      {
        statement: 'Les seniors isolés accepteraient la visite d’un bénévole inconnu.',
        state: 'confirmee',
        conclusion: 'Oui, surtout quand le premier contact passe par un agent du CCAS.',
      },
      {
        statement: 'Des seniors encore actifs veulent devenir bénévoles.',
        state: 'confirmee',
        conclusion: 'Les bénévoles recrutés sont pour la plupart eux-mêmes retraités.',
      },
      {
        statement: 'Une visite par mois suffit à rompre l’isolement.',
        state: 'invalidee',
        conclusion: 'Les personnes demandent un rendez-vous hebdomadaire.',
      },
    ],
    interviews: [
      {
        role: 'Retraitée vivant seule, 81 ans',
        on: '2019-02-27',
        notes: 'Ne voit personne en semaine ; aimerait une visite régulière, pas seulement un appel.',
      },
      {
        role: 'Retraité, futur bénévole',
        on: '2019-03-20',
        notes: 'Prêt à donner une après-midi par semaine si on le met en relation.',
      },
    ],
    evidence: [
      {
        kind: 'enquete',
        claim: 'recurrence',
        confidence: 'forte',
        title: 'Enquête auprès de plus de 200 seniors',
        summary: 'Neuf personnes sur dix disent se sentir seules.',
        source: 'Questionnaire de l’équipe',
        on: '2019-03-29',
      },
      {
        kind: 'entretien',
        claim: 'solution',
        confidence: 'moyenne',
        title: 'Une visite par semaine',
        summary: 'Les personnes rencontrées attendent un rendez-vous régulier.',
        source: 'Entretiens de l’équipe',
        on: '2019-02-27',
        hypothesis: 2,
        interview: 0,
      },
      {
        kind: 'observation',
        claim: 'solution',
        confidence: 'moyenne',
        title: 'Premiers binômes tests',
        summary: 'Les premiers binômes se sont revus d’eux-mêmes.',
        source: 'Suivi de l’équipe',
        on: '2019-05-17',
        hypothesis: 0,
      },
    ],
    committee: {
      materials: 'Résultats de l’enquête, premiers binômes tests, plan de recrutement des bénévoles.',
      decision: 'go',
      note: 'Poursuite avec le CCAS : recrutement des bénévoles et premiers binômes dès l’été.',
      postMortem: '',
    },
  },
  {
    slug: 'idquart',
    title: 'IDQuart',
    territory: 'pau-bearn-pyrenees',
    coach: CAMILLE,
    mission: 'Associer les habitants aux petits aménagements de leur quartier avant qu’ils soient décidés.',
    problem:
      'Chaque année, environ 70 projets d’espace public sont décidés sans que les habitants du quartier concerné aient été consultés.',
    solution:
      'Une plateforme de concertation visuelle et interactive : chaque micro-projet d’espace public y est présenté simplement, et les habitants donnent leur avis avant la décision.',
    sponsors: ['ca-pau-bearn-pyrenees'],
    usertypes: ['particulier', 'collectivite-territoriale'],
    thematiques: ['démocratie locale', 'aménagement'],
    moduleName: 'concertation',
    startsOn: '2019-02-04',
    phases: stoppedAtInvestigation('2019-02-04', 'Arrêt à l’issue de l’investigation (juillet 2019).'),
    submission: {
      title: 'Environ 70 projets d’aménagement par an sont décidés sans consulter les habitants du quartier.',
      whoSuffers: 'Les habitants des quartiers, et les élus qui découvrent les mécontentements après coup.',
      howMany: 'Environ 70 micro-projets par an.',
      frequency: 'Toute l’année, au fil des programmes de travaux.',
      consequencesCitizens: 'Des aménagements mal adaptés aux usages et le sentiment de ne pas être écouté.',
      consequencesCollectivite: 'Des reprises de travaux et des réunions publiques tendues.',
      evidence: 'Bilan des conseils de quartier et des réclamations reçues.',
      workaround: 'Information en conseil de quartier, une fois le projet arrêté.',
      sponsor: 'Le chef du service démocratie locale',
      submittedOn: '2019-01-17',
    },
    team: [
      {
        email: 'julie.darrigrand@pau.tremplin.demo',
        role: 'Chargée de concertation, porteuse du problème',
        manager: 'concertation@pau.tremplin.demo',
      },
      {
        email: 'thierry.lamarque@pau.tremplin.demo',
        role: 'Animateur des conseils de quartier',
        manager: 'concertation@pau.tremplin.demo',
      },
      {
        email: 'nicolas.baylac@pau.tremplin.demo',
        role: 'Technicien de l’espace public',
        manager: 'concertation@pau.tremplin.demo',
      },
    ],
    keyFigures: [
      {
        value: '70',
        label: 'projets d’espace public décidés chaque année sans les habitants',
        source: 'Ville de Pau',
      },
    ],
    hypotheses: [
      {
        statement: 'Les habitants veulent donner leur avis sur de petits aménagements.',
        state: 'confirmee',
        conclusion: 'Surtout quand le projet est devant chez eux.',
      },
      {
        statement: 'Les services techniques peuvent présenter un projet avant qu’il soit arrêté.',
        state: 'invalidee',
        conclusion: 'Les calendriers de travaux laissent rarement le temps d’une consultation.',
      },
    ],
    interviews: [
      {
        role: 'Membre d’un conseil de quartier',
        on: '2019-03-06',
        notes: 'Découvre les projets quand les barrières de chantier arrivent.',
      },
      {
        role: 'Technicien voirie',
        on: '2019-03-13',
        notes: 'Les projets sont arbitrés très vite, souvent en fin d’année budgétaire.',
      },
    ],
    evidence: [
      {
        kind: 'document',
        claim: 'recurrence',
        confidence: 'moyenne',
        title: 'Programme annuel des micro-projets',
        summary: 'Environ 70 projets, aucun soumis aux habitants en amont.',
        source: 'Programme de travaux',
        on: '2019-02-22',
      },
      {
        kind: 'entretien',
        claim: 'consequences_collectivite',
        confidence: 'moyenne',
        title: 'Des calendriers trop serrés',
        summary: 'La consultation arrive après l’arbitrage.',
        source: 'Entretiens de l’équipe',
        on: '2019-03-13',
        hypothesis: 1,
        interview: 1,
      },
    ],
    committee: {
      materials:
        'Inventaire des micro-projets, entretiens avec habitants et techniciens, maquette de la plateforme.',
      decision: 'stop',
      note: 'Le préalable est de revoir le calendrier de décision des travaux.',
      postMortem:
        'Les habitants veulent être consultés, mais les projets sont arbitrés avant qu’une consultation soit possible. Sans changement du circuit de décision, une plateforme resterait vide ; le constat est remis au service démocratie locale.',
    },
  },
  {
    slug: 'au-compost-mitoyen',
    title: 'Au Compost Mitoyen',
    territory: 'pau-bearn-pyrenees',
    coach: CAMILLE,
    mission: 'Permettre aux habitants d’immeubles de composter ensemble leurs biodéchets.',
    problem:
      'Près de trois habitants sur quatre vivent en appartement, et chaque habitant envoie à l’incinération 83 kg de biodéchets par an. Trois obstacles freinent le compostage partagé : l’installation et la formation gratuites sont méconnues, personne ne suit l’entretien des composteurs, et le matériel n’est pas mutualisé.',
    solution:
      'Une plateforme pour demander, installer, former et suivre des composteurs partagés, avec une bourse d’échange du compost produit.',
    sponsors: ['ca-pau-bearn-pyrenees'],
    usertypes: ['particulier', 'collectivite-territoriale'],
    thematiques: ['déchets', 'environnement'],
    moduleName: 'compost',
    startsOn: '2019-02-04',
    phases: [
      {
        phase: 'investigation',
        startsOn: '2019-02-04',
        endsOn: '2019-08-31',
        comment: 'Instruction du problème en équipe.',
      },
      {
        phase: 'construction',
        startsOn: '2019-09-01',
        endsOn: '2021-06-29',
        comment: 'Startup de territoire à partir de septembre 2019.',
      },
      { phase: 'abandon', startsOn: '2021-06-30', endsOn: null, comment: 'Arrêt en 2021.' },
    ],
    submission: {
      title: 'Les habitants d’immeubles qui voudraient composter n’y parviennent pas.',
      whoSuffers: 'Les habitants d’appartements, et la collectivité qui incinère leurs biodéchets.',
      howMany: 'Près de trois habitants sur quatre vivent en appartement.',
      frequency: 'Chaque jour, à chaque repas.',
      consequencesCitizens:
        'Des habitants volontaires découragés, des composteurs installés puis abandonnés.',
      consequencesCollectivite: '83 kg de biodéchets par habitant incinérés chaque année.',
      evidence: 'Caractérisation des ordures ménagères et demandes de composteurs reçues.',
      workaround: 'Installation ponctuelle d’un composteur à la demande d’un syndic.',
      sponsor: 'La directrice propreté et déchets',
      submittedOn: '2019-01-08',
    },
    team: [
      {
        email: 'anne.sallenave@pau.tremplin.demo',
        role: 'Chargée de prévention des déchets, porteuse du problème',
        manager: 'dechets@pau.tremplin.demo',
      },
      {
        email: 'david.pucheu@pau.tremplin.demo',
        role: 'Maître composteur',
        manager: 'dechets@pau.tremplin.demo',
      },
      {
        email: 'laetitia.minvielle@pau.tremplin.demo',
        role: 'Ambassadrice du tri',
        manager: 'dechets@pau.tremplin.demo',
      },
    ],
    keyFigures: [
      { value: '73,6 %', label: 'des habitants vivent en appartement', source: 'Ville de Pau' },
      {
        value: '83 kg',
        label: 'de biodéchets incinérés par habitant et par an',
        source: 'Agglomération Pau Béarn Pyrénées',
      },
      {
        value: '3',
        label: 'freins : gratuité méconnue, pas de suivi de l’entretien, pas de matériel partagé',
        source: 'Enquête de l’équipe',
      },
    ],
    hypotheses: [
      {
        statement: 'Les habitants savent que l’installation et la formation sont gratuites.',
        state: 'invalidee',
        conclusion: 'La plupart des personnes rencontrées l’ignoraient.',
      },
      {
        statement: 'Un composteur partagé tient dans la durée sans suivi.',
        state: 'invalidee',
        conclusion: 'Sans référent ni suivi, les composteurs sont délaissés en quelques mois.',
      },
      {
        statement: 'Les résidents veulent échanger le compost produit.',
        state: 'confirmee',
        conclusion: 'Le compost en trop intéresse les jardiniers du quartier.',
      },
    ],
    interviews: [
      {
        role: 'Résidente référente d’un composteur d’immeuble',
        on: '2019-02-28',
        notes: 'Seule à entretenir le composteur ; ne sait pas à qui demander du broyat.',
      },
      {
        role: 'Gestionnaire d’un syndic',
        on: '2019-03-19',
        notes: 'Prêt à accepter un composteur si quelqu’un en assure le suivi.',
      },
    ],
    evidence: [
      {
        kind: 'donnees',
        claim: 'consequences_collectivite',
        confidence: 'forte',
        title: 'Biodéchets dans les ordures ménagères',
        summary: '83 kg par habitant et par an partent à l’incinération.',
        source: 'Caractérisation des ordures ménagères',
        on: '2019-02-15',
      },
      {
        kind: 'enquete',
        claim: 'recurrence',
        confidence: 'moyenne',
        title: 'Questionnaire aux résidents',
        summary: 'La gratuité de l’installation et de la formation est largement méconnue.',
        source: 'Questionnaire de l’équipe',
        on: '2019-04-05',
        hypothesis: 0,
      },
      {
        kind: 'entretien',
        claim: 'solution',
        confidence: 'moyenne',
        title: 'Le suivi fait durer les composteurs',
        summary: 'Les sites suivis tiennent, les autres s’arrêtent.',
        source: 'Entretiens de l’équipe',
        on: '2019-02-28',
        hypothesis: 1,
        interview: 0,
      },
    ],
    committee: {
      materials:
        'Résultats du questionnaire, parcours d’une demande de composteur, maquette de la plateforme et de la bourse au compost.',
      decision: 'go',
      note: 'Startup de territoire : construction à partir de septembre 2019.',
      postMortem: '',
    },
  },
  {
    slug: 'meli-melo',
    title: 'Méli Mélo',
    territory: 'pau-bearn-pyrenees',
    coach: CAMILLE,
    mission:
      'Que les jeunes Palois trouvent facilement les activités culturelles et sportives faites pour eux.',
    problem:
      'Pau compte 18 720 jeunes de 18 à 25 ans, soit près d’un quart de sa population. Quatre sur dix disent ne pas avoir accès aux offres culturelles et sportives, et les trois quarts disent manquer d’information à leur sujet.',
    solution:
      'Une application web unique qui rassemble sur une carte les offres et les événements destinés aux jeunes.',
    sponsors: ['ca-pau-bearn-pyrenees'],
    usertypes: ['particulier'],
    thematiques: ['jeunesse', 'culture', 'sport'],
    moduleName: null,
    startsOn: '2019-03-01',
    phases: stoppedAtInvestigation('2019-03-01', 'Arrêt à l’issue de l’investigation (juillet 2019).'),
    submission: {
      title: 'Les jeunes passent à côté des offres culturelles et sportives faute d’en être informés.',
      whoSuffers: 'Les 18-25 ans de Pau.',
      howMany: '18 720 jeunes, près d’un quart de la population.',
      frequency: 'Toute l’année, à chaque saison culturelle et sportive.',
      consequencesCitizens:
        'Des jeunes qui ne profitent pas d’activités souvent gratuites ou à tarif réduit.',
      consequencesCollectivite: 'Des équipements et des événements en deçà de leur public possible.',
      evidence: 'Questionnaire du point information jeunesse.',
      workaround: 'Affichage, réseaux sociaux de chaque structure, bouche-à-oreille.',
      sponsor: 'Le responsable du service jeunesse',
      submittedOn: '2019-01-30',
    },
    team: [
      {
        email: 'kevin.lafitte@pau.tremplin.demo',
        role: 'Informateur jeunesse, porteur du problème',
        manager: 'jeunesse@pau.tremplin.demo',
      },
      {
        email: 'amandine.pees@pau.tremplin.demo',
        role: 'Animatrice du point information jeunesse',
        manager: 'jeunesse@pau.tremplin.demo',
      },
      {
        email: 'romain.castaing@pau.tremplin.demo',
        role: 'Éducateur sportif',
        manager: 'jeunesse@pau.tremplin.demo',
      },
    ],
    keyFigures: [
      {
        value: '18 720',
        label: 'jeunes Palois de 18 à 25 ans, soit 24 % de la population',
        source: 'Ville de Pau',
      },
      {
        value: '40 %',
        label: 'disent ne pas avoir accès aux offres culturelles et sportives',
        source: 'Questionnaire jeunesse',
      },
      {
        value: '74 %',
        label: 'disent manquer d’information sur ces offres',
        source: 'Questionnaire jeunesse',
      },
    ],
    hypotheses: [
      {
        statement: 'Le manque d’information pèse plus que le prix.',
        state: 'confirmee',
        conclusion: 'Les jeunes interrogés citent d’abord le fait de ne pas savoir.',
      },
      {
        statement: 'Les structures tiendraient à jour leurs offres dans un outil commun.',
        state: 'invalidee',
        conclusion:
          'Peu de structures ont le temps de saisir leurs événements ailleurs que sur leurs propres réseaux.',
      },
    ],
    interviews: [
      {
        role: 'Étudiante de 20 ans',
        on: '2019-03-18',
        notes: 'Apprend les concerts gratuits le lendemain, par des amis.',
      },
      {
        role: 'Responsable d’une association sportive',
        on: '2019-04-02',
        notes: 'Publie sur ses réseaux ; ne saisirait pas ses créneaux sur une autre plateforme.',
      },
    ],
    evidence: [
      {
        kind: 'enquete',
        claim: 'recurrence',
        confidence: 'forte',
        title: 'Questionnaire aux jeunes',
        summary: 'Trois quarts disent manquer d’information.',
        source: 'Questionnaire du point information jeunesse',
        on: '2019-03-29',
        hypothesis: 0,
      },
      {
        kind: 'entretien',
        claim: 'solution',
        confidence: 'moyenne',
        title: 'Les structures ne saisiront pas deux fois',
        summary: 'L’alimentation d’un outil commun n’est pas assurée.',
        source: 'Entretiens de l’équipe',
        on: '2019-04-02',
        hypothesis: 1,
        interview: 1,
      },
    ],
    committee: {
      materials: 'Questionnaire jeunesse, inventaire des offres, maquette de la carte.',
      decision: 'stop',
      note: 'Le problème est réel, l’alimentation de l’outil n’est pas assurée.',
      postMortem:
        'Les jeunes manquent bien d’information, mais une carte des offres n’a de valeur que si les structures la tiennent à jour, ce qu’elles ne peuvent pas promettre. Le service jeunesse reprend l’idée dans sa communication.',
    },
  },
];
