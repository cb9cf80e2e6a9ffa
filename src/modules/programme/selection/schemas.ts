import { z } from 'zod';
import { emailField, requiredText } from '../../../platform/web/forms.ts';
import { SCORE_MAX } from '../rubric.ts';
import { type RankingOrder, rankingOrders } from './ranking.ts';
import { DECISIONS, type Decision } from './selection.repository.ts';

/** The forms and query strings of the selection pages. Field names are French, as in the URLs. */

export const callParams = z.object({ callId: z.string().max(100) });
export const problemParams = z.object({ problemId: z.string().max(100) });
export const jurorParams = z.object({ callId: z.string().max(100), agentId: z.string().max(100) });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Ce texte est trop long (${max.toLocaleString('fr-FR')} caractères au plus).`)
    .optional()
    .transform((v) => v ?? '');

export const jurorForm = z.object({ email: emailField() });
export const jurorLabels = { email: 'Adresse électronique de l’agent' };

type CriterionFields = { key: string; label: string }[];

export const labelField = (key: string) => `libelle_${key}`;
export const weightField = (key: string) => `poids_${key}`;
export const scoreField = (key: string) => `note_${key}`;

export const WEIGHTS = Array.from({ length: 10 }, (_, i) => i + 1);

/** Labels and weights of every criterion of the call (keys never change: reviews refer to them). */
export function rubricForm(criteria: CriterionFields) {
  const shape: Record<string, z.ZodType> = {};
  for (const c of criteria) {
    shape[labelField(c.key)] = requiredText('Donnez un intitulé à ce critère.', 120);
    shape[weightField(c.key)] = z
      .string({ message: 'Choisissez un poids de 1 à 10.' })
      .regex(/^(10|[1-9])$/, 'Choisissez un poids de 1 à 10.')
      .transform(Number);
  }
  return z.object(shape).transform((values) =>
    criteria.map((c) => ({
      key: c.key,
      label: values[labelField(c.key)] as string,
      weight: values[weightField(c.key)] as number,
    })),
  );
}

export function rubricLabels(criteria: CriterionFields): Record<string, string> {
  return Object.fromEntries(
    criteria.flatMap((c, i) => [
      [labelField(c.key), `Critère ${i + 1}, intitulé`],
      [weightField(c.key), `Critère ${i + 1} (${c.label}), poids`],
    ]),
  );
}

export const SCORES = Array.from({ length: SCORE_MAX + 1 }, (_, i) => i);
export const scoreLabels = ['0 – absent', '1 – faible', '2 – moyen', '3 – fort', '4 – très fort'];

/** A review scores every criterion 0–4; the comment is optional. */
export function reviewForm(criteria: CriterionFields) {
  const shape: Record<string, z.ZodType> = { commentaire: optionalText(4000) };
  for (const c of criteria) {
    shape[scoreField(c.key)] = z
      .string({ message: `Choisissez une note pour « ${c.label} ».` })
      .regex(/^[0-4]$/, `Choisissez une note pour « ${c.label} ».`)
      .transform(Number);
  }
  return z.object(shape).transform((values) => ({
    scores: Object.fromEntries(criteria.map((c) => [c.key, values[scoreField(c.key)] as number])),
    comment: values.commentaire as string,
  }));
}

export function reviewLabels(criteria: CriterionFields): Record<string, string> {
  return {
    ...Object.fromEntries(criteria.map((c) => [scoreField(c.key), c.label])),
    commentaire: 'Commentaire',
  };
}

export const conflictForm = z.object({
  motif: requiredText('Expliquez en quelques mots la raison du conflit d’intérêts.', 1000),
});
export const conflictLabels = { motif: 'Raison du conflit d’intérêts' };

export const noteForm = z.object({ texte: requiredText('Écrivez votre note.', 4000) });
export const noteLabels = { texte: 'Note' };

export const decisionLabels: Record<Decision, string> = {
  retenu: 'Retenu',
  non_retenu: 'Non retenu',
  reoriente: 'Réorienté',
};
export const decisionHints: Record<Decision, string> = {
  retenu: 'Le problème devient un projet de la saison, avec une équipe d’agents.',
  non_retenu: 'Le problème n’est pas retenu pour cette saison.',
  reoriente: 'Le problème relève d’un autre dispositif ou service : indiquez lequel.',
};

/** The decision, its message to the proposer, and for « réorienté » where the problem is sent. */
export const decisionForm = z
  .object({
    decision: z.enum(DECISIONS, { message: 'Choisissez une décision.' }),
    message: requiredText(
      'Écrivez le message qui sera envoyé à la personne qui a proposé le problème.',
      4000,
    ),
    redirection: optionalText(500),
  })
  // Checked even when another field is wrong, so every message shows at once.
  .refine((value) => value.decision !== 'reoriente' || value.redirection !== '', {
    path: ['redirection'],
    message: 'Indiquez vers quel dispositif ou service le problème est réorienté.',
    when: (payload) => {
      const raw = payload.value as { decision?: unknown; redirection?: unknown };
      return raw.decision === 'reoriente';
    },
  })
  .transform((value) => ({
    ...value,
    redirection: value.decision === 'reoriente' ? value.redirection : '',
  }));
export const decisionFormLabels = {
  decision: 'Décision',
  message: 'Message à la personne qui a proposé le problème',
  redirection: 'Réorienté vers',
};

export const rankingQuery = z.object({
  tri: z
    .enum(rankingOrders, { message: 'Choisissez un ordre dans la liste.' })
    .optional()
    .transform((v): RankingOrder => v ?? 'score'),
});
