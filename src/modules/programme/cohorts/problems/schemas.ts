import { z } from 'zod';
import { PROBLEM_FIELDS, type ProblemText } from './fields.ts';

/**
 * The posted problem form. Only lengths are checked here: a draft keeps whatever is filled, and
 * submitting checks the required fields in the service (missingFields), so the rule holds whoever
 * calls it.
 */
const textShape = Object.fromEntries(
  PROBLEM_FIELDS.map((f) => [
    f.name,
    z
      .string()
      .trim()
      .max(f.max, `Ce texte est trop long (${f.max.toLocaleString('fr-FR')} caractères au plus).`)
      .default(''),
  ]),
) as Record<(typeof PROBLEM_FIELDS)[number]['name'], z.ZodDefault<z.ZodString>>;

export const problemForm = z
  .object({
    ...textShape,
    organisation: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.uuid({ message: 'Choisissez le service au nom duquel vous proposez ce problème.' }).optional(),
    ),
    intention: z.enum(['brouillon', 'soumettre']).catch('soumettre'),
  })
  .transform((v) => ({
    text: Object.fromEntries(PROBLEM_FIELDS.map((f) => [f.column, v[f.name]])) as ProblemText,
    organisationId: v.organisation,
    intent: v.intention,
  }));

export type ProblemInput = z.output<typeof problemForm>;

/** The form's values from a problem, to edit it. */
export function problemFormValues(problem: ProblemText & { organisationId: string }): Record<string, string> {
  return {
    organisation: problem.organisationId,
    ...Object.fromEntries(PROBLEM_FIELDS.map((f) => [f.name, problem[f.column]])),
  };
}

export const meTooForm = z.object({
  service: z
    .string({ message: 'Indiquez votre service.' })
    .trim()
    .min(1, 'Indiquez votre service.')
    .max(200, 'Ce texte est trop long (200 caractères au plus).'),
  commentaire: z.string().trim().max(2000, 'Ce texte est trop long (2 000 caractères au plus).').default(''),
});

export const mergeForm = z.object({
  dans: z.uuid({ message: 'Choisissez le problème à garder.' }),
});

export const prescreenForm = z
  .object({
    decision: z.enum(['recevable', 'irrecevable'], { message: 'Choisissez recevable ou irrecevable.' }),
    note: z.string().trim().max(3000, 'Ce texte est trop long (3 000 caractères au plus).').default(''),
  })
  .refine((v) => v.decision === 'recevable' || v.note !== '', {
    path: ['note'],
    message: 'Expliquez en quelques mots pourquoi le problème n’est pas recevable : l’agent le lira.',
  });

export const meTooLabels = { service: 'Votre service', commentaire: 'Commentaire' };
export const mergeLabels = { dans: 'Problème à garder' };
export const prescreenLabels = { decision: 'Décision', note: 'Note' };
