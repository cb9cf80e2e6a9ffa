import { z } from 'zod';
import { type ParsedForm, parseForm } from '../../../platform/web/forms.ts';
import { addMonths, isRealDay } from './calendar.ts';

/**
 * The committee's forms. Each schema validates the posted form and gives the per-field messages the
 * page shows again with what was typed (platform/web/forms.ts).
 */

export const committeeParams = z.object({ committeeId: z.string().max(100) });
export const itemParams = z.object({ committeeId: z.string().max(100), itemId: z.string().max(100) });
export const cohortParams = z.object({ cohortSlug: z.string().max(200) });

const optionalText = (max: number, label = 'Ce texte') =>
  z
    .string()
    .trim()
    .max(max, `${label} est trop long (${max.toLocaleString('fr-FR')} caractères au plus).`)
    .optional()
    .transform((v) => v ?? '');

const requiredText = (message: string, max: number) =>
  z
    .string({ message })
    .trim()
    .min(1, message)
    .max(max, `Ce texte est trop long (${max.toLocaleString('fr-FR')} caractères au plus).`);

/** « 04/06/2019 » (typed where a browser has no date picker) as 2019-06-04; other text unchanged. */
const isoDay = (v: string) =>
  v.replace(
    /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
    (_, d, m, y) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`,
  );

/** A day typed in a date field, or « 04/06/2019 » from a browser without a date picker. */
const dayField = (missing: string) =>
  z
    .string({ message: missing })
    .trim()
    .min(1, missing)
    .transform(isoDay)
    .refine(isRealDay, 'Saisissez une date valide, par exemple 04/06/2019.');

/** Addresses separated by line breaks, commas, semicolons or spaces; lower-cased, without repeats. */
const emailList = z
  .string()
  .optional()
  .transform((v) => [
    ...new Set(
      (v ?? '')
        .split(/[\s,;]+/)
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  ])
  .superRefine((emails, ctx) => {
    const wrong = emails.filter((e) => !z.email().safeParse(e).success);
    if (wrong.length)
      ctx.addIssue({
        code: 'custom',
        message: `Adresse électronique invalide : ${wrong.join(', ')}.`,
      });
    if (emails.length > 50) ctx.addIssue({ code: 'custom', message: 'Un comité compte 50 membres au plus.' });
  });

const committeeFields = z.object({
  titre: requiredText('Donnez un titre au comité, par exemple « Comité de fin d’investigation ».', 200),
  jour: dayField('Indiquez le jour du comité.'),
  heure: z
    .string({ message: 'Indiquez l’heure du comité.' })
    .trim()
    .min(1, 'Indiquez l’heure du comité.')
    .transform((v) => v.replace(/^(\d{1,2})[h:](\d{2})$/i, (_, h, m) => `${h.padStart(2, '0')}:${m}`))
    .refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), 'Saisissez une heure, par exemple 09:30.'),
  lieu: optionalText(300, 'Le lieu'),
  membres: emailList,
});

export type CommitteeInput = z.output<typeof committeeFields> & {
  /** Project ids in the agenda's order. */
  agenda: string[];
};

export const committeeLabels: Record<string, string> = {
  titre: 'Titre',
  jour: 'Jour',
  heure: 'Heure',
  lieu: 'Lieu',
  membres: 'Membres',
  ordre: 'Ordre du jour',
};

/** The agenda field of a project: its rank (blank: not on the agenda). */
export const agendaField = (projectId: string) => `ordre-${projectId}`;

/**
 * The committee form: fixed fields through the schema, then the agenda, one rank per project of the
 * cohort (1, 2, 3…; ties keep the projects' order on the page).
 */
export function parseCommitteeForm(body: unknown, projectIds: string[]): ParsedForm<CommitteeInput> {
  const parsed = parseForm(committeeFields, body);
  const raw = (body ?? {}) as Record<string, unknown>;
  const ranks: { projectId: string; rank: number; index: number }[] = [];
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.form.errors };
  projectIds.forEach((projectId, index) => {
    const value = String(raw[agendaField(projectId)] ?? '').trim();
    if (value === '') return;
    const rank = Number(value);
    if (!Number.isInteger(rank) || rank < 1 || rank > 99)
      errors[agendaField(projectId)] = 'Indiquez un rang entier entre 1 et 99, ou laissez vide.';
    else ranks.push({ projectId, rank, index });
  });
  if (Object.keys(errors).length) {
    const values = parsed.ok ? stringValues(body) : parsed.form.values;
    return { ok: false, form: { values, errors } };
  }
  if (!parsed.ok) throw new Error('unreachable');
  ranks.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return { ok: true, data: { ...parsed.data, agenda: ranks.map((r) => r.projectId) } };
}

function stringValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>))
    if (key !== '_csrf')
      values[key] = Array.isArray(value) ? String(value.at(-1) ?? '') : String(value ?? '');
  return values;
}

/** The team's materials: a summary, a link, a file — at least one (the file is checked by the route). */
export const materialsForm = z.object({
  resume: optionalText(5000, 'Le résumé'),
  lien: z
    .string()
    .trim()
    .max(1000, 'Ce lien est trop long.')
    .optional()
    .transform((v) => v ?? '')
    .refine(
      (v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v),
      'Saisissez une adresse qui commence par https://, par exemple https://pad.numerique.gouv.fr/…',
    ),
});

export const materialsLabels: Record<string, string> = {
  resume: 'Résumé',
  lien: 'Lien',
  fichier: 'Fichier',
};

export const decisions = ['go', 'provisoire', 'stop'] as const;

export const voteForm = z.object({
  note: z
    .string({ message: 'Choisissez une note de 0 à 4.' })
    .regex(/^[0-4]$/, 'Choisissez une note de 0 à 4.')
    .transform(Number),
  avis: z.enum(decisions, { message: 'Choisissez la décision que vous soutenez.' }),
  commentaire: optionalText(3000, 'Le commentaire'),
});

export const voteLabels: Record<string, string> = {
  note: 'Note',
  avis: 'Décision soutenue',
  commentaire: 'Commentaire',
};

export const conflictForm = z.object({
  raison: requiredText('Expliquez en une phrase la raison du conflit d’intérêts.', 500),
});

/** A provisional decision's due date lies between one and two months after the committee's day. */
export function provisionalWindow(committeeDay: string): { from: string; to: string } {
  return { from: addMonths(committeeDay, 1), to: addMonths(committeeDay, 2) };
}

const frenchDay = (day: string) => day.split('-').reverse().join('/');

/** The chair's decision on an item; the fields each decision needs are checked against the committee's day. */
export const decisionForm = (committeeDay: string) =>
  z
    .object({
      decision: z.enum(decisions, { message: 'Choisissez la décision du comité.' }),
      motivation: optionalText(3000, 'La motivation'),
      preuves: optionalText(3000, 'La demande de preuves'),
      echeance: z.string().trim().optional().default(''),
      post_mortem: optionalText(5000, 'Le post-mortem'),
    })
    .superRefine((v, ctx) => {
      if (v.decision === 'provisoire') {
        if (!v.preuves)
          ctx.addIssue({
            code: 'custom',
            path: ['preuves'],
            message: 'Dites quelles preuves l’équipe doit apporter.',
          });
        const { from, to } = provisionalWindow(committeeDay);
        const day = isoDay(v.echeance);
        if (!day)
          ctx.addIssue({ code: 'custom', path: ['echeance'], message: 'Indiquez la date d’échéance.' });
        else if (!isRealDay(day))
          ctx.addIssue({
            code: 'custom',
            path: ['echeance'],
            message: 'Saisissez une date valide, par exemple 04/07/2019.',
          });
        else if (day < from || day > to)
          ctx.addIssue({
            code: 'custom',
            path: ['echeance'],
            message: `L’échéance doit tomber entre un et deux mois après le comité : du ${frenchDay(from)} au ${frenchDay(to)}.`,
          });
      }
      if (v.decision === 'stop' && !v.post_mortem)
        ctx.addIssue({
          code: 'custom',
          path: ['post_mortem'],
          message: 'Écrivez un court post-mortem : ce que l’équipe a appris, pourquoi le projet s’arrête.',
        });
    })
    .transform((v) => ({
      decision: v.decision,
      note: v.motivation,
      evidenceRequest: v.decision === 'provisoire' ? v.preuves : '',
      dueOn: v.decision === 'provisoire' ? isoDay(v.echeance) : null,
      postMortem: v.decision === 'stop' ? v.post_mortem : '',
    }));

export type DecisionInput = z.output<ReturnType<typeof decisionForm>>;

export const decisionLabels: Record<string, string> = {
  decision: 'Décision',
  motivation: 'Motivation',
  preuves: 'Preuves demandées',
  echeance: 'Échéance',
  post_mortem: 'Post-mortem',
};

export const minutesForm = z.object({
  compte_rendu: optionalText(50_000, 'Le compte rendu'),
});
