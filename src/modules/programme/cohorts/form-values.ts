import type { z } from 'zod';
import type { FormState } from '../../../platform/web/components.tsx';
import { fieldErrors, type ParsedForm } from '../../../platform/web/forms.ts';

/**
 * Like the platform's parseForm, but the fields named in `lists` (checkbox groups) keep every posted
 * value as an array; to show the form again, a group's values are joined with commas (fields.tsx).
 */
export function parseFormWithLists<S extends z.ZodType>(
  schema: S,
  body: unknown,
  lists: string[] = [],
): ParsedForm<z.output<S>> {
  const raw: Record<string, string | string[]> = {};
  const shown = postedValues(body);
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (key === '_csrf') continue;
      const all = (Array.isArray(value) ? value : [value]).map((v) => String(v ?? ''));
      // An empty value (a hidden « none » field, a hand-made post) is no choice.
      raw[key] = lists.includes(key) ? all.filter(Boolean) : (all.at(-1) ?? '');
    }
  }
  for (const key of lists) raw[key] ??= [];
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  // A bad value in a group is the group's error (« territoires.2 » → « territoires »).
  const errors: Record<string, string> = {};
  for (const [key, message] of Object.entries(fieldErrors(result.error))) {
    const name = key.split('.')[0]!;
    errors[lists.includes(name) ? name : key] ??= message;
  }
  return { ok: false, form: { values: shown, errors } satisfies FormState };
}

/** The posted fields as the form shows them again (checkbox groups joined with commas). */
export function postedValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (key !== '_csrf')
        values[key] = (Array.isArray(value) ? value : [value]).map((v) => String(v ?? '')).join(',');
    }
  }
  return values;
}
