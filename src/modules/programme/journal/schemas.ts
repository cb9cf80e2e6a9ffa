import { z } from 'zod';
import { isValidDay } from '../../../platform/scheduling/admin/recurrence.ts';
import { normaliseDay } from '../../../platform/scheduling/admin/schemas.ts';
import { isUuid } from '../../../platform/tenancy/caller.ts';
import { requiredText } from '../../../platform/web/forms.ts';
import { confidenceLevel, evidenceClaim, evidenceKind, hypothesisState, milestoneKind } from '../tables.ts';

/** The journal's forms: one schema validates the route and re-renders the form with its messages. */

export const slugParams = z.object({ projectSlug: z.string().max(200) });
export const itemParams = z.object({ projectSlug: z.string().max(200), id: z.string().max(100) });
export const cohortParams = z.object({ cohortSlug: z.string().max(200) });
export const cohortItemParams = z.object({ cohortSlug: z.string().max(200), id: z.string().max(100) });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Ce texte est trop long (${max} caractères au plus).`)
    .optional()
    .transform((v) => v ?? '');

const day = (missing: string) =>
  z
    .string({ message: missing })
    .trim()
    .min(1, missing)
    .transform(normaliseDay)
    .refine(isValidDay, 'Saisissez une date valide, par exemple 05/03/2019.');

const choice = <T extends [string, ...string[]]>(values: T, message: string) => z.enum(values, { message });

/** An optional link to another record of the project: empty, or the id of one the list offered. */
const optionalLink = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isUuid(v), message);

const yesNo = (message: string) => z.enum(['oui', 'non'], { message }).transform((v) => v === 'oui');

export const hypothesisForm = z.object({
  enonce: requiredText('Écrivez l’hypothèse en une phrase que le terrain peut contredire.', 500),
});
export const hypothesisLabels = { enonce: 'Hypothèse' };

export const stateForm = z.object({
  etat: choice(hypothesisState.enumValues, 'Choisissez le nouvel état de l’hypothèse.'),
  conclusion: optionalText(2000),
});
export const stateLabels = { etat: 'Nouvel état', conclusion: 'Conclusion' };

export const CHOOSE_HYPOTHESIS = 'Choisissez une hypothèse de ce projet dans la liste.';
export const CHOOSE_INTERVIEW = 'Choisissez un entretien de ce projet dans la liste.';
export const CHOOSE_SURVEY = 'Choisissez une enquête de ce projet dans la liste.';

export const evidenceForm = z.object({
  nature: choice(evidenceKind.enumValues, 'Choisissez la nature de la preuve.'),
  objet: choice(evidenceClaim.enumValues, 'Choisissez ce que la preuve appuie.'),
  confiance: choice(confidenceLevel.enumValues, 'Choisissez le niveau de confiance.'),
  titre: requiredText('Donnez un titre à la preuve, par exemple « 59 % des appelants rappellent 5 fois ».'),
  resume: optionalText(4000),
  source: optionalText(300),
  date: day('Indiquez la date de recueil.'),
  hypothese: optionalLink(CHOOSE_HYPOTHESIS),
  entretien: optionalLink(CHOOSE_INTERVIEW),
  enquete: optionalLink(CHOOSE_SURVEY),
});
export type EvidenceInput = z.output<typeof evidenceForm>;
export const evidenceLabels = {
  nature: 'Nature',
  objet: 'Ce qu’elle appuie',
  confiance: 'Confiance',
  titre: 'Titre',
  resume: 'Résumé',
  source: 'Source',
  date: 'Date de recueil',
  hypothese: 'Hypothèse liée',
  entretien: 'Entretien lié',
  enquete: 'Enquête liée',
};

export const interviewForm = z.object({
  role: requiredText('Indiquez le rôle de la personne rencontrée, par exemple « secrétaire d’accueil ».'),
  date: day('Indiquez la date de l’entretien.'),
  consentement: yesNo('Indiquez si la personne a donné son consentement.'),
  modeConsentement: optionalText(300),
  nom: optionalText(200),
  contact: optionalText(200),
  notes: optionalText(20_000),
});
export type InterviewInput = z.output<typeof interviewForm>;
export const interviewLabels = {
  role: 'Rôle de la personne rencontrée',
  date: 'Date de l’entretien',
  consentement: 'Consentement',
  modeConsentement: 'Comment le consentement a été donné',
  nom: 'Nom',
  contact: 'Coordonnées',
  notes: 'Notes',
};

export const keyFigureForm = z.object({
  valeur: requiredText('Indiquez le chiffre, par exemple « 70 % ».', 40),
  libelle: requiredText('Dites ce que le chiffre mesure, par exemple « des appels perdus ».'),
  source: optionalText(300),
  public: z
    .string()
    .optional()
    .transform((v) => v === 'on'),
});
export type KeyFigureInput = z.output<typeof keyFigureForm>;
export const keyFigureLabels = { valeur: 'Chiffre', libelle: 'Ce qu’il mesure', source: 'Source' };

export const milestoneForm = z.object({
  type: choice(milestoneKind.enumValues, 'Choisissez le type de jalon.'),
  titre: requiredText('Donnez un titre au jalon.'),
  echeance: day('Indiquez la date prévue.'),
});
export type MilestoneInput = z.output<typeof milestoneForm>;
export const milestoneLabels = { type: 'Type', titre: 'Titre', echeance: 'Date prévue' };

export const doneForm = z.object({ faitLe: day('Indiquez le jour où le jalon a été atteint.') });
export const doneLabels = { faitLe: 'Fait le' };

export const moveForm = z.object({ sens: z.enum(['monter', 'descendre']) });
