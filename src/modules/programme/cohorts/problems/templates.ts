import type { MessageTemplate } from '../../../../platform/messaging/templates.ts';
import { formatInstant } from '../parts.tsx';

/**
 * The receipt an agent gets when they submit a problem: what they said, in short, until when they
 * may change it, and the link to it. Queued once per problem (its idempotency key), so saving edits
 * to a submitted problem sends nothing more.
 */
export const PROBLEM_SUBMITTED = 'programme.problem-submitted';

export type ProblemSubmittedMessage = {
  firstName: string;
  callTitle: string;
  title: string;
  whoSuffers: string;
  howMany: string;
  frequency: string;
  service: string;
  /** ISO instant: the call's closing, until which the agent may edit. */
  closesAt: string;
  path: string;
};

const example: ProblemSubmittedMessage = {
  firstName: 'Valérie',
  callTitle: 'Appel à problèmes 2026',
  title: 'Les familles attendent des mois une place en accueil de jour',
  whoSuffers: 'Les familles suivies par l’aide sociale à l’enfance',
  howMany: 'Une quarantaine par an',
  frequency: 'Chaque semaine',
  service: 'UTS La Seyne',
  closesAt: '2026-03-31T21:59:00.000Z',
  path: '/programme/espace/problemes/00000000-0000-0000-0000-000000000000',
};

const short = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const problemSubmittedTemplate: MessageTemplate<ProblemSubmittedMessage> = {
  name: PROBLEM_SUBMITTED,
  description: 'Programme : accusé de réception d’un problème soumis à un appel',
  channel: 'email',
  essential: false,
  example,
  render(m, context) {
    const text = [
      `Bonjour ${m.firstName},`,
      '',
      `Votre problème a bien été soumis à « ${m.callTitle} ». Merci !`,
      '',
      `Le problème : ${m.title}`,
      `Qui en souffre : ${short(m.whoSuffers)}`,
      `Combien de personnes : ${short(m.howMany)}`,
      `À quelle fréquence : ${short(m.frequency)}`,
      `Votre service : ${m.service}`,
      '',
      `Vous pouvez le relire et le modifier jusqu’au ${formatInstant(new Date(m.closesAt))} (heure de Paris) :`,
      `${context.baseUrl}${m.path}`,
      '',
      'D’autres agents pourront dire « moi aussi » s’ils rencontrent le même problème. L’équipe du programme',
      'examinera ensuite chaque problème avant le jury ; vous serez tenu ou tenue au courant.',
      '',
      '— L’équipe du programme',
    ].join('\n');
    return { subject: `Problème soumis : ${short(m.title, 80)}`, text };
  },
};

export const problemTemplates = [problemSubmittedTemplate];
