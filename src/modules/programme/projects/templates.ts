import type { MessageTemplate, RenderContext } from '../../../platform/messaging/templates.ts';
import { formatDays } from './plan.ts';
import { weekLabel } from './weeks.ts';

/**
 * The check-in emails: the Friday reminder to a team member who has not answered for the week, and
 * the Monday note to a manager with answers waiting for acknowledgement. Not essential: an agent may
 * unsubscribe (List-Unsubscribe) and still answer from the programme's space.
 */
export const CHECKIN_REMINDER = 'programme.checkin-reminder';
export const CHECKIN_ACKNOWLEDGE = 'programme.checkin-acknowledge';

/** Where both emails lead. */
export const CHECKIN_PATH = '/programme/espace/pointage';

type Email<D> = Extract<MessageTemplate<D>, { channel: 'email' }>;

const link = (context: RenderContext) => `${context.baseUrl}${CHECKIN_PATH}`;

export type CheckinReminder = { firstName: string; projectTitle: string; week: string };

export const checkinReminderTemplate: Email<CheckinReminder> = {
  name: CHECKIN_REMINDER,
  description: 'Programme : rappel du pointage hebdomadaire « Ai-je eu ma journée ? » (vendredi)',
  channel: 'email',
  essential: false,
  example: { firstName: 'Valérie', projectTitle: 'Accueil téléphonique de l’UTS', week: '2025-03-03' },
  render: (m, context) => ({
    subject: `Ai-je eu ma journée ? ${m.projectTitle}, ${weekLabel(m.week)}`,
    text: [
      `Bonjour ${m.firstName},`,
      '',
      `Avez-vous pu consacrer cette semaine au projet « ${m.projectTitle} » le temps prévu ?`,
      'Répondez en une minute : oui ou non, le temps passé, et un commentaire si vous le souhaitez.',
      link(context),
      '',
      'Votre réponse permet à l’incubateur et à votre responsable de suivre le temps réellement donné au projet, et de réagir si la journée saute trop souvent.',
      '',
      '— Le programme d’incubation',
    ].join('\n'),
  }),
};

export type AcknowledgeLine = { name: string; projectTitle: string; week: string; days: string };
export type CheckinAcknowledge = { firstName: string; lines: AcknowledgeLine[] };

export const checkinAcknowledgeTemplate: Email<CheckinAcknowledge> = {
  name: CHECKIN_ACKNOWLEDGE,
  description: 'Programme : pointages d’agents à valider par leur responsable (lundi)',
  channel: 'email',
  essential: false,
  example: {
    firstName: 'Martine',
    lines: [{ name: 'Valérie Martin', projectTitle: 'Accueil téléphonique', week: '2025-03-03', days: '1' }],
  },
  render: (m, context) => ({
    subject:
      m.lines.length === 1
        ? 'Un pointage de votre équipe attend votre validation'
        : `${m.lines.length} pointages de votre équipe attendent votre validation`,
    text: [
      `Bonjour ${m.firstName},`,
      '',
      'Des agents que vous encadrez sont détachés sur un projet du programme d’incubation. Ils ont indiqué le temps qu’ils y ont passé :',
      ...m.lines.map(
        (l) => `- ${l.name}, « ${l.projectTitle} », ${weekLabel(l.week)} : ${formatDays(Number(l.days))} j`,
      ),
      '',
      'Validez-les (un clic par ligne, ou toute une semaine) :',
      link(context),
      '',
      '— Le programme d’incubation',
    ].join('\n'),
  }),
};

export const projectTemplates = [checkinReminderTemplate, checkinAcknowledgeTemplate];
