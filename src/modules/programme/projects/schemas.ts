import { z } from 'zod';
import { emailField, requiredText } from '../../../platform/web/forms.ts';
import { lines, SPONSOR_ID, sponsorId, USERTYPES, type Usertype } from './betagouv.ts';
import { PHASES } from './phases.ts';
import { DAY_CHOICES } from './plan.ts';
import { isLocalDay } from './weeks.ts';

export const slugParams = z.object({ projectSlug: z.string().max(200) });
export const cohortParams = z.object({ cohortSlug: z.string().max(200) });
export const phaseParams = slugParams.extend({ phaseId: z.string().max(100) });
export const memberParams = slugParams.extend({ memberId: z.string().max(100) });

/** Checkbox groups post one value per ticked box: joined with commas, as the forms show them again. */
export function joinRepeated(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body))
      out[key] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

const commaList = (value: string | undefined) => (value ?? '').split(',').filter(Boolean);

/** A calendar day as a date input sends it; « 14/03/2025 » typed in a browser without a date picker too. */
const dayText = (message: string) =>
  z
    .string({ message })
    .trim()
    .min(1, message)
    .transform((v) =>
      v.replace(
        /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
        (_, d, m, y) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`,
      ),
    )
    .refine(isLocalDay, { message: 'Saisissez une date valide, par exemple 14/03/2025.' });

const optionalDay = z
  .string()
  .trim()
  .optional()
  .transform((v) => v ?? '')
  .pipe(
    z.union([
      z.literal('').transform(() => null),
      dayText('Saisissez une date valide, par exemple 14/03/2025.'),
    ]),
  );

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Ce texte est trop long (${max.toLocaleString('fr-FR')} caractères au plus).`)
    .optional()
    .transform((v) => v ?? '');

const optionalUrl = (example: string) =>
  optionalText(500).refine((v) => v === '' || /^https?:\/\/[^\s/]+\.[^\s]+$/.test(v), {
    message: `Saisissez une adresse web complète, par exemple ${example}.`,
  });

/** '0', '0.5' … '5' as select options post them; the plan's days may not be zero. */
export const dayChoiceValues = DAY_CHOICES.map(String);
const daysPerWeekField = z
  .string()
  .trim()
  .optional()
  .transform((v) => v ?? '')
  .refine((v) => v === '' || (dayChoiceValues.includes(v) && v !== '0'), {
    message: 'Choisissez un nombre de jours par semaine entre 0,5 et 5.',
  })
  .transform((v) => (v === '' ? null : v));
const weeksField = z
  .string()
  .trim()
  .optional()
  .transform((v) => v ?? '')
  .refine((v) => v === '' || (/^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= 52), {
    message: 'Indiquez un nombre de semaines entre 1 et 52.',
  })
  .transform((v) => (v === '' ? null : Number(v)));

/**
 * The public fields of a project. `indicators` lists the Tremplin modules that publish indicators
 * and their keys: the chosen keys must belong to the chosen module.
 */
export const publicFieldsForm = (indicators: Map<string, string[]>) =>
  z
    .object({
      titre: requiredText('Indiquez le nom du projet.', 120),
      mission: requiredText('Décrivez la mission du projet en une phrase.', 280).refine(
        (v) => !/\n/.test(v),
        { message: 'La mission tient en une phrase, sur une ligne.' },
      ),
      probleme: optionalText(5000),
      solution: optionalText(5000),
      sponsors: optionalText(2000)
        .transform((v) => lines(v).map(sponsorId))
        .refine((ids) => ids.every((id) => SPONSOR_ID.test(id)), {
          message:
            'Un sponsor s’écrit comme dans le catalogue beta.gouv.fr, en minuscules, sans espace ni accent : par exemple departement-var.',
        }),
      usertypes: z
        .string()
        .optional()
        .transform(commaList)
        .refine((v) => v.every((u) => u in USERTYPES), { message: 'Choisissez parmi les publics proposés.' })
        .transform((v) => v as Usertype[]),
      thematiques: optionalText(1000).transform(lines),
      contact: optionalText(200).refine((v) => v === '' || z.email().safeParse(v).success, {
        message: 'Saisissez une adresse électronique valide, par exemple equipe@exemple.fr.',
      }),
      lien: optionalUrl('https://service.exemple.fr'),
      depot: optionalUrl('https://github.com/organisation/projet'),
      public: z
        .string()
        .optional()
        .transform((v) => v === 'on'),
      module: z
        .string()
        .optional()
        .transform((v) => v ?? '')
        .refine((v) => v === '' || indicators.has(v), { message: 'Choisissez un module de Tremplin.' }),
      indicateurs: z.string().optional().transform(commaList),
    })
    .superRefine((data, context) => {
      if (data.indicateurs.length === 0) return;
      const keys = indicators.get(data.module);
      if (!keys) {
        context.addIssue({
          code: 'custom',
          path: ['indicateurs'],
          message: 'Choisissez d’abord le module dont le portfolio montre les indicateurs.',
        });
      } else if (!data.indicateurs.every((k) => keys.includes(k))) {
        context.addIssue({
          code: 'custom',
          path: ['indicateurs'],
          message: 'Choisissez des indicateurs du module choisi.',
        });
      }
    });

export const publicFieldsLabels: Record<string, string> = {
  titre: 'Nom du projet',
  mission: 'Mission',
  probleme: 'Problème',
  solution: 'Solution',
  sponsors: 'Sponsors',
  usertypes: 'Publics',
  thematiques: 'Thématiques',
  contact: 'Contact',
  lien: 'Adresse du service',
  depot: 'Dépôt du code',
  public: 'Publication',
  module: 'Module de Tremplin',
  indicateurs: 'Indicateurs',
};

export const phaseForm = z.object({
  phase: z.enum(PHASES, { message: 'Choisissez une phase.' }),
  debut: dayText('Indiquez la date de début de la phase.'),
  fin: optionalDay,
  commentaire: optionalText(500),
});

export const phaseLabels: Record<string, string> = {
  _: 'Phases',
  phase: 'Phase',
  debut: 'Début',
  fin: 'Fin',
  commentaire: 'Commentaire',
};

export const coachForm = z.object({
  coach: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null)),
});

const optionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .transform((v) => v ?? '')
  .pipe(
    z.union([
      z.literal('').transform(() => null),
      emailField('Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr.'),
    ]),
  );

/** A team member: the agent (by email, on joining only), their role, manager and plan. */
export const memberForm = z.object({
  email: emailField('Saisissez l’adresse électronique de l’agent, par exemple prenom.nom@var.fr.'),
  role: optionalText(200),
  responsable: optionalEmail,
  jours: daysPerWeekField,
  semaines: weeksField,
  arrivee: dayText('Indiquez la date d’arrivée dans l’équipe.'),
});
export const memberEditForm = memberForm.omit({ email: true });

export const memberLabels: Record<string, string> = {
  _: 'Équipe',
  email: 'Agent',
  role: 'Rôle dans l’équipe',
  responsable: 'Responsable hiérarchique',
  jours: 'Jours par semaine',
  semaines: 'Nombre de semaines',
  arrivee: 'Arrivée',
};

export const planForm = z.object({
  jours: daysPerWeekField,
  semaines: weeksField,
  debut: dayText('Indiquez la date de début du projet.'),
});

export const planLabels: Record<string, string> = {
  jours: 'Jours par semaine',
  semaines: 'Nombre de semaines',
  debut: 'Début du projet',
};

/** One week's answer: did I have my day, how many days, a comment. */
export const checkinForm = z
  .object({
    membre: z.string().trim().min(1),
    semaine: z.string().trim().refine(isLocalDay),
    journee: z.enum(['oui', 'non'], { message: 'Répondez oui ou non.' }),
    jours: z
      .string({ message: 'Indiquez le temps passé sur le projet.' })
      .trim()
      .refine((v) => dayChoiceValues.includes(v), { message: 'Choisissez un temps entre 0 et 5 jours.' }),
    commentaire: optionalText(1000),
  })
  .superRefine((data, context) => {
    if (data.journee === 'oui' && data.jours === '0') {
      context.addIssue({
        code: 'custom',
        path: ['jours'],
        message: 'Vous avez eu votre journée : indiquez le temps passé (au moins une demi-journée).',
      });
    }
  });

export const checkinLabels: Record<string, string> = {
  journee: 'Ai-je eu ma journée ?',
  jours: 'Temps passé sur le projet',
  commentaire: 'Commentaire',
};
