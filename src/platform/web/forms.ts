import { z } from 'zod';
import type { FormState } from './components.tsx';

// Zod's own messages in French, for the few cases where a schema gives none.
z.config(z.locales.fr());

export type ParsedForm<T> = { ok: true; data: T } | { ok: false; form: FormState };

/**
 * Checks a posted form against its schema. On failure, returns the submitted values and one message per
 * field so the page can be shown again as the person left it. The same schema validates the route.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): ParsedForm<z.output<S>> {
  const raw = toStrings(body);
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, form: { values: raw, errors: fieldErrors(result.error) } };
}

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    errors[key] ??= issue.message;
  }
  return errors;
}

function toStrings(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (key === '_csrf') continue;
      values[key] = Array.isArray(value) ? String(value.at(-1) ?? '') : String(value ?? '');
    }
  }
  return values;
}

/** Trimmed text; an empty string counts as missing. */
export const requiredText = (message: string, max = 200) =>
  z
    .string({ message })
    .trim()
    .min(1, message)
    .max(max, `Ce texte est trop long (${max} caractères au plus).`);

export const emailField = (
  message = 'Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr.',
) => z.string({ message }).trim().toLowerCase().min(1, message).pipe(z.email({ message }));
