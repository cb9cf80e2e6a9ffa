import { z } from 'zod';
import { requiredText } from '../../../platform/web/forms.ts';

export const MAX_PROMPT_TEXT = 1000;

export const lineParams = z.object({ lineId: z.string().min(1).max(100) });
export const promptParams = lineParams.extend({ key: z.string().min(1).max(200) });
export const previewQuery = z.object({ v: z.string().max(100).optional() });
export const publicQuery = z.object({
  v: z.string().max(100).optional(),
  s: z.string().max(200).default(''),
});

/** The text form: one field, the text said (never empty: an empty prompt would be a silent menu). */
export const promptTextForm = z.object({
  texte: requiredText('Saisissez le texte de l’annonce : elle ne peut pas être vide.', MAX_PROMPT_TEXT),
});
