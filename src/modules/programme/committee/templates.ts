import type { MessageTemplate } from '../../../platform/messaging/templates.ts';

/**
 * The committee's emails to the teams: the materials reminder (three days before D-7, then on D-7)
 * and the published minutes with their project's decision. Plain text, with the link to the item's
 * page (the team sees there the materials form, or the decision and the minutes).
 */
export const MATERIALS_DUE = 'programme.committee-materials-due';
export const MINUTES = 'programme.committee-minutes';

type Email<D> = Extract<MessageTemplate<D>, { channel: 'email' }>;

export type MaterialsDueMessage = {
  firstName: string;
  projectTitle: string;
  committeeTitle: string;
  /** « mardi 4 juin 2019 à 09:30 », already in Paris time. */
  meetsAt: string;
  /** « mardi 28 mai 2019 ». */
  dueOn: string;
  reminder: 'j-3' | 'j';
  path: string;
};

export const materialsDueEmail: Email<MaterialsDueMessage> = {
  name: MATERIALS_DUE,
  channel: 'email',
  essential: false,
  description:
    'Programme : rappel à l’équipe d’un projet dont les documents pour le comité manquent (J-3 puis le jour J-7).',
  example: {
    firstName: 'Valérie',
    projectTitle: 'Accueil téléphonique de l’UTS',
    committeeTitle: 'Comité de fin d’investigation',
    meetsAt: 'mardi 4 juin 2019 à 09:30',
    dueOn: 'mardi 28 mai 2019',
    reminder: 'j-3',
    path: '/programme/espace/comites/00000000-0000-0000-0000-000000000000/points/00000000-0000-0000-0000-000000000000',
  },
  render(m, context) {
    const when = m.reminder === 'j' ? 'aujourd’hui' : `le ${m.dueOn}`;
    return {
      subject:
        m.reminder === 'j'
          ? `Dernier jour pour déposer les documents de « ${m.projectTitle} »`
          : `Documents du comité à déposer avant le ${m.dueOn}`,
      text: [
        `Bonjour ${m.firstName},`,
        '',
        `Le comité « ${m.committeeTitle} » se réunit le ${m.meetsAt}. Les documents de votre projet « ${m.projectTitle} » sont attendus au plus tard ${when}, pour que les membres aient le temps de les lire.`,
        '',
        'Déposez un résumé, un lien et/ou un fichier (PDF, ODP, PPTX, ODT ou DOCX, 10 Mo au plus) :',
        `${context.baseUrl}${m.path}`,
        '',
        'Un dépôt après cette date reste possible, mais il sera signalé en retard aux membres du comité.',
      ].join('\n'),
    };
  },
};

export type MinutesMessage = {
  firstName: string;
  projectTitle: string;
  committeeTitle: string;
  /** « mardi 4 juin 2019 ». */
  committeeDay: string;
  /** The decision in words (labels.ts). */
  decision: string;
  path: string;
};

export const minutesEmail: Email<MinutesMessage> = {
  name: MINUTES,
  channel: 'email',
  essential: false,
  description:
    'Programme : compte rendu du comité publié, avec la décision sur le projet, à son équipe et à son coach.',
  example: {
    firstName: 'Valérie',
    projectTitle: 'Accueil téléphonique de l’UTS',
    committeeTitle: 'Comité de fin d’investigation',
    committeeDay: 'mardi 4 juin 2019',
    decision: 'Go : startup de territoire, en construction',
    path: '/programme/espace/comites/00000000-0000-0000-0000-000000000000/points/00000000-0000-0000-0000-000000000000',
  },
  render(m, context) {
    return {
      subject: `Compte rendu du comité : décision pour « ${m.projectTitle} »`,
      text: [
        `Bonjour ${m.firstName},`,
        '',
        `Le compte rendu du comité « ${m.committeeTitle} » du ${m.committeeDay} est publié.`,
        `Décision pour « ${m.projectTitle} » : ${m.decision}.`,
        '',
        'Le compte rendu, la décision et ce qu’elle demande à l’équipe sont sur cette page :',
        `${context.baseUrl}${m.path}`,
      ].join('\n'),
    };
  },
};

export const committeeTemplates = [materialsDueEmail, minutesEmail];
