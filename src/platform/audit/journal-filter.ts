import { z } from 'zod';
import type { AuditAction } from './audit.ts';

/**
 * The journal's filters, as typed in the form (query string keys in French, as the page's URL) and
 * as handed to the repository. Dates are days in Europe/Paris: "du 30/03/2025 au 30/03/2025" means
 * from 30/03 00:00 to 31/03 00:00 Paris time, whatever the UTC offset on those days.
 */

export const auditActions = [
  'read',
  'list',
  'create',
  'update',
  'delete',
  'denied',
  'sign_in',
  'sign_out',
  'export',
] as const satisfies readonly AuditAction[];

export const actionLabels: Record<AuditAction, string> = {
  read: 'Consultation',
  list: 'Liste',
  create: 'Création',
  update: 'Modification',
  delete: 'Suppression',
  denied: 'Accès refusé',
  sign_in: 'Connexion',
  sign_out: 'Déconnexion',
  export: 'Export',
};

export type JournalFilter = {
  actor?: string;
  action?: AuditAction;
  resourceType?: string;
  resourceId?: string;
  /** First day included, yyyy-mm-dd (Europe/Paris). */
  from?: string;
  /** Last day included, yyyy-mm-dd (Europe/Paris). */
  to?: string;
};

export const journalFilterLabels = {
  acteur: 'Acteur',
  action: 'Action',
  ressource: 'Type de ressource',
  identifiant: 'Identifiant de la ressource',
  du: 'Du',
  au: 'Au',
  avant: 'Page',
};

const DATE_MESSAGE = 'Saisissez une date au format jj/mm/aaaa, par exemple 14/07/2025.';

/** A day typed as dd/mm/yyyy (d/m/yyyy accepted) or yyyy-mm-dd, as yyyy-mm-dd; null if it is no real day. */
export function parseDay(text: string): string | null {
  const value = text.trim();
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [year, month, day] = french
    ? [Number(french[3]), Number(french[2]), Number(french[1])]
    : iso
      ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
      : [Number.NaN, Number.NaN, Number.NaN];
  if (!Number.isInteger(year) || year < 1900 || year > 2999) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 31/02 over to 03/03: a day that does not come back unchanged does not exist.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return date.toISOString().slice(0, 10);
}

const offsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Paris',
  timeZoneName: 'longOffset',
});

/** Europe/Paris's offset from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
function parisOffsetMs(at: number): number {
  const name = offsetFormat.formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value;
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name ?? '');
  if (!match) return 0; // "GMT" alone: no offset
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000;
}

/**
 * The instant a day (yyyy-mm-dd) starts in Europe/Paris. Example: 2025-07-14 starts at
 * 2025-07-13T22:00:00Z (summer, UTC+2); 2025-01-15 at 2025-01-14T23:00:00Z (winter, UTC+1).
 * The offset is taken at the candidate instant and taken again once, which settles it: Paris
 * changes its clocks at 02:00 or 03:00, never around midnight.
 */
export function parisDayStart(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const midnightAsIfUtc = Date.UTC(year, month - 1, date);
  const first = midnightAsIfUtc - parisOffsetMs(midnightAsIfUtc);
  return new Date(midnightAsIfUtc - parisOffsetMs(first));
}

/** The day after (yyyy-mm-dd), across months and years. */
export function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Ce texte est trop long (${max} caractères au plus).`)
    .optional()
    .transform((v) => v || undefined);

const optionalDay = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (!value?.trim()) return undefined;
    const day = parseDay(value);
    if (day) return day;
    ctx.addIssue({ code: 'custom', message: DATE_MESSAGE });
    return z.NEVER;
  });

/** The filter form (GET /admin/journal); `avant` is the keyset cursor of the next pages. */
export const journalFilterSchema = z
  .object({
    acteur: optionalText(200),
    action: z
      .enum(['', ...auditActions], { message: 'Choisissez une action de la liste.' })
      .optional()
      .transform((v) => v || undefined),
    ressource: optionalText(100),
    identifiant: optionalText(200),
    du: optionalDay,
    au: optionalDay,
    avant: z
      .string()
      .regex(/^\d{1,15}$/, 'Ce lien de page n’est pas valide : revenez à la première page.')
      .optional()
      .transform((v) => (v ? Number(v) : undefined)),
  })
  .refine((f) => !f.du || !f.au || f.du <= f.au, {
    path: ['au'],
    message: 'La date de fin doit être le même jour que la date de début ou après.',
  });

export function toJournalFilter(parsed: z.output<typeof journalFilterSchema>): JournalFilter {
  return {
    actor: parsed.acteur,
    action: parsed.action,
    resourceType: parsed.ressource,
    resourceId: parsed.identifiant,
    from: parsed.du,
    to: parsed.au,
  };
}

/** The query string that gives this filter back (dates normalised to yyyy-mm-dd), for links. */
export function journalQuery(filter: JournalFilter, extra: { avant?: number } = {}): string {
  const params = new URLSearchParams();
  const entries: [string, string | number | undefined][] = [
    ['acteur', filter.actor],
    ['action', filter.action],
    ['ressource', filter.resourceType],
    ['identifiant', filter.resourceId],
    ['du', filter.from],
    ['au', filter.to],
    ['avant', extra.avant],
  ];
  for (const [key, value] of entries) if (value !== undefined && value !== '') params.set(key, String(value));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The filter without its empty entries, for the audit details of a view or an export. */
export function describeFilter(filter: JournalFilter): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
}
