import { z } from 'zod';
import { requiredText } from '../../../platform/web/forms.ts';
import { orientations } from './questionnaire.ts';

export const tokenParams = z.object({ token: z.string().max(100) });
export const beneficiaryParams = z.object({ id: z.string().max(100) });

/** The first day of the RSA (1 June 2009): no orientation decision can be older. */
const RSA_START = '2009-06-01';

/** The référent's decision. `today` (Europe/Paris) bounds the date: a decision is never in the future. */
export const decisionForm = (today: string) =>
  z.object({
    orientation: z.enum(orientations, { message: 'Choisissez une orientation.' }),
    date: z
      .string({ message: 'Indiquez la date de la décision.' })
      .trim()
      .min(1, 'Indiquez la date de la décision.')
      // Browsers without a date picker send what was typed: « 14/03/2030 » is read as well.
      .transform((v) =>
        v.replace(
          /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
          (_, d, m, y) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`,
        ),
      )
      .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Saisissez une date valide, par exemple 14/03/2030.'))
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && realDay(v), {
        message: 'Cette date n’existe pas.',
      })
      .refine((v) => v <= today, { message: 'La date ne peut pas être dans le futur.' })
      .refine((v) => v >= RSA_START, { message: 'La date ne peut pas être antérieure au RSA (juin 2009).' }),
    structure: requiredText('Indiquez la structure qui accompagnera la personne.', 200),
    commentaire: z
      .string()
      .trim()
      .max(2000, 'Ce commentaire est trop long (2 000 caractères au plus).')
      .optional()
      .transform((v) => (v ? v : null)),
  });

export const decisionLabels: Record<string, string> = {
  orientation: 'Orientation',
  date: 'Date de la décision',
  structure: 'Structure',
  commentaire: 'Commentaire',
};

/** 2030-02-30 parses in some engines; only a day that round-trips exists. */
function realDay(value: string): boolean {
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}
