import { z } from 'zod';
import { isLocalDay } from '../../../../platform/scheduling/agenda/week-grid.ts';
import { requiredText } from '../../../../platform/web/forms.ts';

/**
 * The season form. Field names are the French words of the form; the checks mirror the table's
 * constraints (dates in order, detachment within a week) with a message beside each field.
 */

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const day = (message: string) =>
  z
    .string({ message })
    .trim()
    .refine((v) => isLocalDay(v), message);

const uuidList = (message: string) => z.array(z.uuid({ message }));

export const seasonForm = z
  .object({
    nom: requiredText('Donnez un nom à la saison, par exemple « Saison 2026 Var et Pau ».', 120),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .max(60, 'L’adresse est trop longue (60 caractères au plus).')
      .refine(
        (v) => v === '' || SLUG_PATTERN.test(v),
        'Utilisez des lettres minuscules sans accent, des chiffres et des tirets, par exemple saison-2026.',
      ),
    description: z.string().trim().max(5000, 'La description est trop longue (5 000 caractères au plus).'),
    incubateur: z.uuid({ message: 'Choisissez l’incubateur qui porte la saison.' }),
    debut: day('Saisissez la date de début, par exemple 2026-02-04.'),
    fin: day('Saisissez la date de fin, par exemple 2026-06-30.'),
    territoires: uuidList('Choisissez des collectivités dans la liste.').min(
      1,
      'Cochez au moins une collectivité partenaire.',
    ),
    coachs: uuidList('Choisissez les coachs dans la liste.'),
    autres_coachs: z
      .string()
      .max(2000, 'La liste est trop longue.')
      .transform((v) =>
        v
          .split(/[\s,;]+/)
          .map((e) => e.trim().toLowerCase())
          .filter(Boolean),
      )
      .refine(
        (list) => list.every((e) => z.email().safeParse(e).success),
        'Saisissez des adresses électroniques valides, une par ligne.',
      ),
    jours_par_semaine: z.coerce
      .number({ message: 'Saisissez un nombre de jours, par exemple 1 ou 0,5.' })
      .refine((n) => Number.isFinite(n) && n >= 0.5 && n <= 5 && Number.isInteger(n * 2), {
        message: 'Entre 0,5 et 5 jours par semaine, par demi-journée.',
      }),
    semaines: z.coerce
      .number({ message: 'Saisissez un nombre de semaines, par exemple 12.' })
      .int('Saisissez un nombre entier de semaines.')
      .min(1, 'Au moins une semaine.')
      .max(52, 'Au plus 52 semaines.'),
  })
  .refine((v) => v.fin >= v.debut, {
    path: ['fin'],
    message: 'La fin doit être le jour du début ou après.',
  });

/** Agents type « 0,5 »: read a French decimal comma as a point before the schema. */
export function normaliseSeasonBody(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  const values = { ...(body as Record<string, unknown>) };
  if (typeof values.jours_par_semaine === 'string')
    values.jours_par_semaine = values.jours_par_semaine.replace(',', '.');
  return values;
}

export type SeasonInput = z.output<typeof seasonForm>;

export const SEASON_LISTS = ['territoires', 'coachs'];

export const seasonLabels: Record<string, string> = {
  nom: 'Nom de la saison',
  slug: 'Adresse de la saison',
  description: 'Description',
  incubateur: 'Incubateur',
  debut: 'Début',
  fin: 'Fin',
  territoires: 'Collectivités partenaires',
  coachs: 'Coachs de l’incubateur',
  autres_coachs: 'Autres coachs',
  jours_par_semaine: 'Jours de détachement par semaine',
  semaines: 'Nombre de semaines',
};
