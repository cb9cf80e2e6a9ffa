import { z } from 'zod';
import { isLocalDay } from '../../../../platform/scheduling/agenda/week-grid.ts';
import { requiredText } from '../../../../platform/web/forms.ts';
import { problemStatus } from '../../tables.ts';
import { parisInstant } from './call-state.ts';

/** The call form (dates and times typed in Paris time) and the filters of the call page. */

const day = (message: string) =>
  z
    .string({ message })
    .trim()
    .refine((v) => isLocalDay(v), message);
const time = (message: string) =>
  z
    .string({ message })
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, message);

export const callForm = z
  .object({
    titre: requiredText('Donnez un titre à l’appel, par exemple « Appel à problèmes 2026 ».', 150),
    introduction: z.string().trim().max(5000, 'L’introduction est trop longue (5 000 caractères au plus).'),
    ouverture_jour: day('Saisissez le jour d’ouverture, par exemple 2026-02-04.'),
    ouverture_heure: time('Saisissez l’heure d’ouverture, par exemple 09:00.'),
    cloture_jour: day('Saisissez le jour de clôture, par exemple 2026-03-15.'),
    cloture_heure: time('Saisissez l’heure de clôture, par exemple 23:59.'),
  })
  .transform((v, ctx) => {
    const opensAt = parisInstant(v.ouverture_jour, v.ouverture_heure);
    const closesAt = parisInstant(v.cloture_jour, v.cloture_heure);
    if (closesAt <= opensAt) {
      ctx.addIssue({
        code: 'custom',
        path: ['cloture_jour'],
        message: 'La clôture doit venir après l’ouverture.',
      });
      return z.NEVER;
    }
    return { title: v.titre, intro: v.introduction, opensAt, closesAt };
  });

export type CallInput = z.output<typeof callForm>;

export const callLabels: Record<string, string> = {
  titre: 'Titre',
  introduction: 'Introduction',
  ouverture_jour: 'Jour d’ouverture',
  ouverture_heure: 'Heure d’ouverture',
  cloture_jour: 'Jour de clôture',
  cloture_heure: 'Heure de clôture',
};

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/** The staff's filters of a call's problems; anything unexpected is simply no filter. */
export const callQuery = z.object({
  statut: optional(z.enum(problemStatus.enumValues.filter((s) => s !== 'brouillon'))).catch(undefined),
  territoire: optional(z.uuid()).catch(undefined),
});
export type CallQuery = z.output<typeof callQuery>;
