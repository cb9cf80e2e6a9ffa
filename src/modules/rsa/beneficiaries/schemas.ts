import { z } from 'zod';
import { requiredText } from '../../../platform/web/forms.ts';
import { type BeneficiaryStatus, beneficiaryStatuses } from '../status.ts';

/**
 * The forms and query strings of the beneficiaries' pages. Field names are the French words of the
 * URLs and forms; every message is shown beside its field.
 */

/** An empty field of a GET form means "no filter". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema.optional(),
  );

export const SORTS = ['anciennete', 'recent', 'nom'] as const;
export type Sort = (typeof SORTS)[number];
export const sortLabels: Record<Sort, string> = {
  anciennete: 'Attente la plus longue d’abord',
  recent: 'Droits ouverts le plus récemment d’abord',
  nom: 'Nom',
};

/** "2025-03", or "03/2025" as people write it: the month as yyyy-mm. */
export function parseMonth(value: string): string | null {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})$/.exec(text);
  const french = /^(\d{1,2})\/(\d{4})$/.exec(text);
  const [year, month] = iso ? [iso[1]!, iso[2]!] : french ? [french[2]!, french[1]!.padStart(2, '0')] : [];
  if (!year || !month) return null;
  const m = Number(month);
  return m >= 1 && m <= 12 ? `${year}-${month}` : null;
}

/** The list's filters, from the query string: a filtered list is a link one can share or come back to. */
export const listQuery = z.object({
  statut: optional(
    z.enum(beneficiaryStatuses as [BeneficiaryStatus, ...BeneficiaryStatus[]], {
      message: 'Choisissez un statut dans la liste.',
    }),
  ),
  commune: optional(z.string().trim().max(100, 'Saisissez un nom de commune ou un code INSEE.')),
  mois: optional(
    z
      .string()
      .trim()
      .transform((value, context) => {
        const month = parseMonth(value);
        if (!month) {
          context.addIssue({
            code: 'custom',
            message: 'Saisissez un mois au format AAAA-MM, par exemple 2025-03.',
          });
          return z.NEVER;
        }
        return month;
      }),
  ),
  referent: optional(
    z.union([z.literal('aucun'), z.uuid()], { message: 'Choisissez un référent dans la liste.' }),
  ),
  q: optional(z.string().trim().max(100, 'La recherche est trop longue (100 caractères au plus).')),
  tri: optional(z.enum(SORTS, { message: 'Choisissez un ordre dans la liste.' })),
  page: optional(z.coerce.number({ message: 'Numéro de page invalide.' }).int().min(1).max(100_000)),
});
export type ListQuery = z.output<typeof listQuery>;

export const listLabels: Record<string, string> = {
  statut: 'Statut',
  commune: 'Commune',
  mois: 'Mois d’ouverture des droits',
  referent: 'Référent',
  q: 'Nom, numéro allocataire ou téléphone',
  tri: 'Ordre',
  page: 'Page',
};

/** The query string of a list with these filters (empty values left out), e.g. "?statut=non_invite". */
export function listSearch(query: Partial<Record<keyof ListQuery, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * A date written dd/mm/yyyy (as people write it) or yyyy-mm-dd (what a date field sends), as
 * yyyy-mm-dd; null when it is not a real day (31/02/2025).
 */
export function parseFrenchDate(value: string): string | null {
  const text = value.trim();
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const parts = french
    ? [Number(french[3]), Number(french[2]), Number(french[1])]
    : iso
      ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
      : null;
  if (!parts) return null;
  const [year, month, day] = parts as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The edit form as posted; the service checks what needs the database or the map (commune, référent). */
export const editForm = z.object({
  nom: requiredText('Saisissez le nom.', 100),
  prenom: requiredText('Saisissez le prénom.', 100),
  naissance: z.string().trim().max(20).optional().default(''),
  allocataire: z
    .string()
    .trim()
    .max(20, 'Le numéro allocataire compte 20 caractères au plus.')
    .regex(/^[0-9A-Za-z]*$/, 'Le numéro allocataire ne contient que des chiffres et des lettres.')
    .optional()
    .default(''),
  role: z.enum(['demandeur', 'conjoint'], { message: 'Choisissez demandeur ou conjoint.' }),
  nir: z.string().trim().max(30).optional().default(''),
  telephone: z.string().trim().max(30, 'Ce numéro est trop long.').optional().default(''),
  courriel: z.string().trim().max(254, 'Cette adresse est trop longue.').optional().default(''),
  adresse: z
    .string()
    .trim()
    .max(200, 'L’adresse est trop longue (200 caractères au plus).')
    .optional()
    .default(''),
  code_postal: z
    .string()
    .trim()
    .regex(/^(\d{5})?$/, 'Le code postal compte 5 chiffres, par exemple 83500.')
    .optional()
    .default(''),
  commune: z.string().trim().max(100, 'Saisissez un nom de commune ou un code INSEE.').optional().default(''),
  ouverture: z.string().trim().max(20).optional().default(''),
  etiquettes: z
    .string()
    .trim()
    .max(500, 'Les étiquettes sont trop longues (500 caractères au plus).')
    .optional()
    .default(''),
  organisation: z.uuid({ message: 'Choisissez une organisation dans la liste.' }),
  referent: z
    .union([z.literal(''), z.uuid()], { message: 'Choisissez un référent dans la liste.' })
    .optional()
    .default(''),
});
export type EditForm = z.output<typeof editForm>;

export const editLabels: Record<string, string> = {
  nom: 'Nom',
  prenom: 'Prénom',
  naissance: 'Date de naissance',
  allocataire: 'Numéro allocataire',
  role: 'Rôle dans le foyer',
  nir: 'NIR (numéro de sécurité sociale)',
  telephone: 'Téléphone',
  courriel: 'Adresse électronique',
  adresse: 'Adresse',
  code_postal: 'Code postal',
  commune: 'Commune',
  ouverture: 'Date d’ouverture des droits',
  etiquettes: 'Étiquettes',
  organisation: 'Organisation qui suit la personne',
  referent: 'Référent de parcours',
};

/** Tags as typed ("mobilité, jeune ,logement"): trimmed, without duplicates or empties, 20 at most. */
export function parseTags(value: string): string[] {
  const seen = new Set<string>();
  for (const tag of value.split(/[,;]/)) {
    const clean = tag.trim().replace(/\s+/g, ' ').slice(0, 40);
    if (clean) seen.add(clean);
  }
  return [...seen].slice(0, 20);
}

export const noteForm = z.object({
  texte: z
    .string({ message: 'Écrivez la note.' })
    .trim()
    .min(1, 'Écrivez la note.')
    .max(5000, 'La note est trop longue (5 000 caractères au plus).'),
});

export const statusForm = z.discriminatedUnion(
  'action',
  [
    z.object({
      action: z.literal('clore'),
      motif: z
        .string({ message: 'Indiquez pourquoi le dossier est clos.' })
        .trim()
        .min(1, 'Indiquez pourquoi le dossier est clos.')
        .max(500, 'Le motif est trop long (500 caractères au plus).'),
    }),
    z.object({ action: z.literal('rouvrir') }),
  ],
  { message: 'Choisissez une action.' },
);

export const idParams = z.object({ id: z.string() });
