import { z } from 'zod';
import type { FlowDefinition } from './types.ts';

/**
 * The shape of a flow definition (the admin's forms, the API, a flow read back from the database):
 * types, keys and formats, with French messages. The rules between parts (options leading somewhere,
 * no dead end, hours that do not overlap, bounds of the numbers) are validate.ts's, which reports them
 * with paths by key; this schema keeps to what a value must look like on its own.
 */

const text = (what: string) =>
  z
    .string({ error: `${what} : texte attendu.` })
    .trim()
    .min(1, `${what} : à renseigner.`);

/** Keys appear in statistics and URLs: lower-case letters, digits, dashes and underscores. */
const key = (what: string) =>
  text(what)
    .max(60, `${what} : 60 caractères au plus.`)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, `${what} : lettres minuscules, chiffres et tirets seulement.`);

const number = (what: string) =>
  z.number({ error: `${what} : nombre attendu.` }).refine(Number.isFinite, `${what} : nombre attendu.`);

/** 'HH:MM'; '24:00' ends a range at midnight. */
const time = z
  .string({ error: 'Heure attendue (HH:MM).' })
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Heure attendue au format HH:MM (par exemple 08:30).');

const day = z
  .string({ error: 'Date attendue (AAAA-MM-JJ).' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ.')
  .refine(isCalendarDay, 'Cette date n’existe pas.');

const target = z.union(
  [z.strictObject({ menu: key('Menu visé') }), z.strictObject({ service: key('Service visé') })],
  {
    error: 'Une option mène à un menu ({ menu }) ou à un service ({ service }).',
  },
);

const menu = z.object({
  key: key('Clé du menu'),
  prompt: text('Message du menu'),
  options: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9']), target, {
    error: (issue) =>
      issue.code === 'invalid_type' ? 'Options attendues.' : 'Les options vont de la touche 1 à la touche 9.',
  }),
});

const range = z.object({ from: time, to: time });

const service = z.object({
  key: key('Clé du service'),
  name: text('Nom du service'),
  transferTo: text('Numéro de transfert'),
  ringSeconds: number('Durée de sonnerie'),
  hours: z.partialRecord(
    z.enum(['1', '2', '3', '4', '5', '6', '7']),
    z.array(range, { error: 'Liste de plages horaires attendue.' }),
    {
      error: (issue) =>
        issue.code === 'invalid_type' ? 'Horaires attendus.' : 'Les jours vont de 1 (lundi) à 7 (dimanche).',
    },
  ),
  closedOnPublicHolidays: z.boolean({ error: 'Oui ou non attendu.' }),
  closures: z.array(z.object({ from: day, to: day, reason: z.string({ error: 'Texte attendu.' }).trim() }), {
    error: 'Liste de fermetures attendue.',
  }),
  overflow: z.array(
    z.enum(['rappel', 'messagerie', 'sms'], { error: 'Choix possibles : rappel, messagerie ou sms.' }),
    { error: 'Liste de choix attendue.' },
  ),
  closedPrompt: text('Message de fermeture'),
  smsText: z.string({ error: 'Texte du SMS : texte attendu.' }).trim(),
  booking: z
    .object({
      commune: z
        .string({ error: 'Code INSEE attendu.' })
        .regex(/^(?:\d{5}|2[AB]\d{3})$/, 'Code INSEE de commune attendu (5 caractères, par exemple 83126).'),
      appointmentTypeId: z.string().trim().min(1).optional(),
    })
    .optional(),
});

/** Parses a FlowDefinition; unknown keys are dropped. */
export const flowDefinitionSchema: z.ZodType<FlowDefinition> = z.object({
  welcomePrompt: text('Message d’accueil'),
  rootMenu: key('Menu principal'),
  menus: z.array(menu, { error: 'Liste de menus attendue.' }),
  services: z.array(service, { error: 'Liste de services attendue.' }),
  operatorService: key('Service de l’opérateur').optional(),
  noInputSeconds: number('Délai d’attente d’une touche'),
  maxRepeats: number('Nombre de répétitions'),
  voicemailMaxSeconds: number('Durée maximale d’un message'),
  departement: z
    .string({ error: 'Département attendu.' })
    .regex(/^(?:\d{2}|2[AB]|97\d)$/, 'Numéro de département attendu (par exemple 83).'),
});

function isCalendarDay(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m! - 1 && date.getUTCDate() === d;
}
