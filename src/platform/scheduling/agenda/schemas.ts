import { z } from 'zod';
import { isLocalDay } from './week-grid.ts';

/**
 * Query strings and forms of the agenda. Query parameters are forgiving: a malformed day or id is
 * dropped (.catch) and the page falls back to today or to the agent's own agenda, rather than
 * answering an error to a hand-edited URL.
 */
const optionalText = (max: number) => z.string().trim().max(max).optional().catch(undefined);
const optionalDay = z.string().refine(isLocalDay).optional().catch(undefined);

export const organisationQuery = z.object({ organisation: optionalText(200) });

export const dayQuery = organisationQuery.extend({ du: optionalDay, agent: optionalText(100) });

export const weekQuery = organisationQuery.extend({
  du: optionalDay,
  agent: optionalText(100),
  lieu: optionalText(100),
});

export const participantParams = z.object({ participantId: z.string().min(1).max(100) });
export const citizenParams = z.object({ citizenId: z.string().min(1).max(100) });

export const searchQuery = organisationQuery.extend({ q: optionalText(100) });

/** Where to go back after a status button: only a page of the agenda. */
export const backPath = z
  .string()
  .regex(/^\/rendez-vous(\/[^\s]*)?(\?[^\s]*)?$/)
  .refine((path) => !path.startsWith('//'))
  .optional()
  .catch(undefined);

export const statusForm = z.object({
  statut: z.enum(['a_venir', 'vu', 'absent', 'excuse', 'annule'], { message: 'Choisissez un statut.' }),
  retour: backPath,
});

const optionalId = optionalText(100);
/** An instant chosen among the slots shown (ISO 8601, as the buttons carry it). */
const instant = z
  .string()
  .max(40)
  .refine((value) => !Number.isNaN(Date.parse(value)))
  .transform((value) => new Date(value));

export const moveQuery = organisationQuery.extend({ du: optionalDay, lieu: optionalId, agent: optionalId });

export const moveChoice = z.object({
  debut: instant,
  lieu: z.string().min(1).max(100),
  agent: optionalId,
});

export const moveChoiceQuery = organisationQuery.extend(moveChoice.shape);

export const bookingQuery = organisationQuery.extend({
  usager: optionalId,
  motif: optionalId,
  lieu: optionalId,
  agent: optionalId,
  du: optionalDay,
  q: optionalText(100),
});

export const bookingChoice = z.object({
  usager: z.string().min(1).max(100),
  motif: z.string().min(1).max(100),
  debut: instant,
  lieu: z.string().min(1).max(100),
  agent: optionalId,
});

export const bookingChoiceQuery = organisationQuery.extend(bookingChoice.shape);

/** A new person recorded by an agent; the booking service checks names, phone and email. */
export const personForm = z.object({
  firstName: z.string().max(200).default(''),
  lastName: z.string().max(200).default(''),
  phone: z.string().max(40).optional(),
  email: z.string().max(254).optional(),
  communeCode: z.string().trim().max(10).optional(),
  motif: optionalId,
});

export const sessionForm = z.object({
  usager: optionalId,
  motif: z.string().min(1).max(100),
  agent: z.string({ message: 'Choisissez un agent.' }).min(1, 'Choisissez un agent.').max(100),
  lieu: z.string({ message: 'Choisissez un lieu.' }).min(1, 'Choisissez un lieu.').max(100),
  jour: z
    .string({ message: 'Saisissez le jour.' })
    .refine(isLocalDay, 'Saisissez le jour au format JJ/MM/AAAA.'),
  heure: z
    .string({ message: 'Saisissez l’heure de début.' })
    .trim()
    .regex(/^([01]\d|2[0-3])[:h]([0-5]\d)$/, 'Saisissez l’heure au format HH:MM, par exemple 14:00.'),
  places: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? Number(value) : undefined))
    .refine((value) => value === undefined || (Number.isInteger(value) && value >= 2 && value <= 500), {
      message: 'Une séance compte de 2 à 500 places.',
    }),
});
