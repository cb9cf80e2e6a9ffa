import type { AnyTemplate, MessageTemplate, RenderContext } from '../../../platform/messaging/templates.ts';
import type { Decision } from './selection.repository.ts';

/**
 * The jury's decisions, told by email when staff click « Notifier les décisions »: one message to the
 * person who proposed each problem (what was decided, the jury's words, and for « réorienté » where
 * to turn), and to the agents who said « moi aussi » on a retained problem, so they can join its team.
 */
export const DECISION_RETAINED = 'programme.decision-retenu';
export const DECISION_NOT_RETAINED = 'programme.decision-non-retenu';
export const DECISION_REDIRECTED = 'programme.decision-reoriente';
export const DECISION_ME_TOO = 'programme.decision-moi-aussi';

export const decisionTemplateOf: Record<Decision, string> = {
  retenu: DECISION_RETAINED,
  non_retenu: DECISION_NOT_RETAINED,
  reoriente: DECISION_REDIRECTED,
};

export type DecisionMessage = {
  firstName: string;
  lastName: string;
  problemTitle: string;
  callTitle: string;
  cohortName: string;
  /** The jury's message (decision_note). */
  note: string;
  /** For « réorienté »: the service or scheme the problem is sent to (redirect_to). */
  redirectTo: string;
  /** The problem's page in the agent space. */
  problemPath: string;
  /** The project's workspace, for a retained problem. */
  projectPath: string | null;
};

type Email<D> = Extract<MessageTemplate<D>, { channel: 'email' }>;

const example: DecisionMessage = {
  firstName: 'Valérie',
  lastName: 'Martin',
  problemTitle: 'Les allocataires du RSA attendent huit mois leur premier rendez-vous',
  callTitle: 'Appel à problèmes 2019',
  cohortName: 'Saison 2019 Var et Pau',
  note: 'Le jury a été convaincu par les chiffres que vous avez réunis.',
  redirectTo: '',
  problemPath: '/programme/espace/problemes/00000000-0000-0000-0000-000000000000',
  projectPath: '/programme/espace/projets/les-allocataires-du-rsa-attendent',
};

const juryWords = (m: DecisionMessage) => (m.note ? ['Le message du jury :', m.note, ''] : []);

function letter(m: DecisionMessage, context: RenderContext, body: string[]): string {
  return [
    `Bonjour ${m.firstName} ${m.lastName},`,
    '',
    ...body,
    'Votre problème tel que vous l’avez proposé :',
    `${context.baseUrl}${m.problemPath}`,
    '',
    'Merci d’avoir pris le temps de le décrire : chaque problème proposé nous aide à comprendre le terrain.',
    '',
    `— L’équipe du programme ${m.cohortName}`,
  ].join('\n');
}

export const decisionRetainedTemplate: Email<DecisionMessage> = {
  name: DECISION_RETAINED,
  description: 'Programme : à la personne qui a proposé un problème, il est retenu par le jury',
  channel: 'email',
  essential: true,
  example,
  render: (m, context) => ({
    subject: `Votre problème est retenu : « ${m.problemTitle} »`,
    text: letter(m, context, [
      `Le jury de « ${m.callTitle} » a retenu le problème que vous avez proposé : « ${m.problemTitle} ».`,
      '',
      ...juryWords(m),
      'Il devient un projet de la saison : une équipe d’agents détachés va l’instruire pendant quelques semaines (est-il récurrent ? quelles conséquences pour les usagers ?), avec l’accompagnement d’un coach. L’équipe du programme vous contactera pour constituer l’équipe.',
      ...(m.projectPath ? ['', 'L’espace du projet :', `${context.baseUrl}${m.projectPath}`] : []),
      '',
    ]),
  }),
};

export const decisionNotRetainedTemplate: Email<DecisionMessage> = {
  name: DECISION_NOT_RETAINED,
  description: 'Programme : à la personne qui a proposé un problème, il n’est pas retenu',
  channel: 'email',
  essential: true,
  example: { ...example, note: 'Le problème est réel, mais il touche peu de personnes pour l’instant.' },
  render: (m, context) => ({
    subject: `Votre problème n’est pas retenu cette saison : « ${m.problemTitle} »`,
    text: letter(m, context, [
      `Le jury de « ${m.callTitle} » n’a pas retenu cette saison le problème que vous avez proposé : « ${m.problemTitle} ».`,
      '',
      ...juryWords(m),
      'Vous pourrez le proposer de nouveau lors d’un prochain appel, avec de nouveaux éléments si vous en réunissez.',
      '',
    ]),
  }),
};

export const decisionRedirectedTemplate: Email<DecisionMessage> = {
  name: DECISION_REDIRECTED,
  description:
    'Programme : à la personne qui a proposé un problème, il est réorienté vers un autre dispositif',
  channel: 'email',
  essential: true,
  example: {
    ...example,
    note: 'Ce besoin relève d’un outil déjà en place.',
    redirectTo:
      'La direction des systèmes d’information, qui prépare un nouvel outil de prise de rendez-vous',
  },
  render: (m, context) => ({
    subject: `Votre problème est réorienté : « ${m.problemTitle} »`,
    text: letter(m, context, [
      `Le jury de « ${m.callTitle} » a examiné le problème que vous avez proposé : « ${m.problemTitle} ».`,
      'Il ne sera pas instruit dans le programme, mais il peut trouver une réponse ailleurs. Le jury vous oriente vers :',
      m.redirectTo,
      '',
      ...juryWords(m),
    ]),
  }),
};

export type MeTooMessage = {
  firstName: string;
  lastName: string;
  problemTitle: string;
  cohortName: string;
  projectPath: string | null;
};

export const decisionMeTooTemplate: Email<MeTooMessage> = {
  name: DECISION_ME_TOO,
  description: 'Programme : aux agents qui avaient dit « moi aussi », le problème est retenu',
  channel: 'email',
  essential: false,
  example: {
    firstName: 'Victor',
    lastName: 'Durand',
    problemTitle: example.problemTitle,
    cohortName: example.cohortName,
    projectPath: example.projectPath,
  },
  render: (m, context) => ({
    subject: `Un problème que vous rencontrez aussi est retenu : « ${m.problemTitle} »`,
    text: [
      `Bonjour ${m.firstName} ${m.lastName},`,
      '',
      `Vous aviez dit « moi aussi » sur le problème « ${m.problemTitle} ». Le jury l’a retenu : il devient un projet de la saison ${m.cohortName}.`,
      '',
      'Votre expérience compte pour l’équipe qui va l’instruire : si vous souhaitez y participer ou être interrogé·e, répondez à l’équipe du programme.',
      ...(m.projectPath ? ['', 'L’espace du projet :', `${context.baseUrl}${m.projectPath}`] : []),
      '',
      `— L’équipe du programme ${m.cohortName}`,
    ].join('\n'),
  }),
};

export const selectionTemplates: AnyTemplate[] = [
  decisionRetainedTemplate,
  decisionNotRetainedTemplate,
  decisionRedirectedTemplate,
  decisionMeTooTemplate,
];
