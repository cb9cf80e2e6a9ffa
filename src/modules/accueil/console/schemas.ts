import { z } from 'zod';
import { requiredText } from '../../../platform/web/forms.ts';
import type { TicketFilter } from './tickets.repository.ts';

/**
 * Params, query strings and forms of the console. Ids stay plain strings here: a malformed one is
 * simply not found (access.ts), as an unknown one is, rather than a 400 that tells them apart.
 */
export const lineParams = z.object({ lineId: z.string().max(100) });
export const ticketParams = lineParams.extend({ ticketId: z.string().max(100) });
export const voicemailParams = lineParams.extend({ voicemailId: z.string().max(100) });
export const callerParams = lineParams.extend({ number: z.string().max(40) });

export const TICKET_FILTERS: { value: TicketFilter; label: string }[] = [
  { value: 'ouverts', label: 'À traiter' },
  { value: 'a_rappeler', label: 'À rappeler' },
  { value: 'en_cours', label: 'En cours' },
  { value: 'mes-rappels', label: 'Mes rappels' },
  { value: 'fait', label: 'Faits' },
  { value: 'injoignable', label: 'Injoignables' },
];

/** ?rappels=… chooses the tickets shown; anything else falls back to the open ones. */
export const consoleQuery = z.object({
  rappels: z
    .enum(['ouverts', 'a_rappeler', 'en_cours', 'mes-rappels', 'fait', 'injoignable'])
    .optional()
    .catch(undefined),
});

export const audioQuery = z.object({ telecharger: z.string().max(5).optional().catch(undefined) });

export const attemptForm = z.object({
  resultat: z.enum(['joint', 'pas_de_reponse', 'messagerie', 'mauvais_numero'], {
    message: 'Choisissez le résultat de l’appel.',
  }),
  note: z
    .string()
    .trim()
    .max(2000, 'Cette note est trop longue (2 000 caractères au plus).')
    .optional()
    .transform((v) => v || undefined),
});

export const noteForm = z.object({ texte: requiredText('Saisissez la note.', 2000) });

export const assignForm = z.object({
  agent: z.string({ message: 'Choisissez un agent.' }).min(1, 'Choisissez un agent.').max(100),
});

export const attemptLabels = { resultat: 'Résultat de l’appel', note: 'Note sur l’appel' };
export const noteLabels = { texte: 'Note' };
export const assignLabels = { agent: 'Attribuer à' };
