import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * The questions of a form (forms.questions, jsonb). Each question and each option has a stable id:
 * answers are stored under these ids, so a label can be reworded after people answered without
 * losing what they chose. A question may be shown only when an EARLIER choice or scale question got
 * one of some answers (`showIf`), which keeps the display rule computable in one pass, in order.
 */

export const questionTypes = ['single_choice', 'multiple_choice', 'scale', 'text', 'number'] as const;
export type QuestionType = (typeof questionTypes)[number];

export const questionTypeLabels: Record<QuestionType, string> = {
  single_choice: 'Choix unique',
  multiple_choice: 'Choix multiple',
  scale: 'Échelle (note)',
  text: 'Texte libre',
  number: 'Nombre',
};

/** Ids go in field names, CSS ids and CSV-free JSON keys: short, ASCII, never a comma. */
const idPattern = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const idSchema = z.string().regex(idPattern, 'Identifiant invalide (lettres minuscules, chiffres, - ou _).');

const optionSchema = z.object({
  id: idSchema,
  label: z
    .string()
    .trim()
    .min(1, 'Chaque réponse proposée a un libellé.')
    .max(200, 'Une réponse proposée fait 200 caractères au plus.'),
});
export type ChoiceOption = z.infer<typeof optionSchema>;

const conditionValue = z.union([z.string().min(1), z.number().int()]);
const showIfSchema = z.union([
  z.object({ questionId: idSchema, equals: conditionValue }).strict(),
  z.object({ questionId: idSchema, anyOf: z.array(conditionValue).min(1) }).strict(),
]);
export type ShowIf = z.infer<typeof showIfSchema>;

const base = {
  id: idSchema,
  label: z
    .string()
    .trim()
    .min(1, 'Chaque question a un intitulé.')
    .max(300, 'Un intitulé fait 300 caractères au plus.'),
  hint: z.string().trim().max(500, 'Une aide fait 500 caractères au plus.').optional(),
  required: z.boolean(),
  showIf: showIfSchema.optional(),
};

const choices = z.array(optionSchema).min(1, 'Proposez au moins une réponse.');

export const questionSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('single_choice'), options: choices }),
  z.object({ ...base, type: z.literal('multiple_choice'), options: choices }),
  z.object({
    ...base,
    type: z.literal('scale'),
    min: z.number().int(),
    max: z.number().int(),
    minLabel: z.string().trim().max(60, 'Le libellé d’une extrémité fait 60 caractères au plus.').optional(),
    maxLabel: z.string().trim().max(60, 'Le libellé d’une extrémité fait 60 caractères au plus.').optional(),
  }),
  z.object({ ...base, type: z.literal('text'), multiline: z.boolean() }),
  z.object({
    ...base,
    type: z.literal('number'),
    integer: z.boolean(),
    min: z.number().optional(),
    max: z.number().optional(),
  }),
]);
export type FormQuestion = z.infer<typeof questionSchema>;
export type ChoiceQuestion = Extract<FormQuestion, { type: 'single_choice' | 'multiple_choice' }>;
export type ScaleQuestion = Extract<FormQuestion, { type: 'scale' }>;

/** A scale from 0 or 1 up to 10 at most: longer ones are not answered seriously on a phone. */
export const SCALE_LIMITS = { lowest: 0, highest: 10 } as const;
export const MAX_QUESTIONS = 100;

export type DefinitionResult = { ok: true; questions: FormQuestion[] } | { ok: false; errors: string[] };

/**
 * Checks a whole definition: each question's shape, then what only the whole can tell — unique ids,
 * options non-empty and unique, sane scale and number bounds, and conditions that point at an
 * earlier choice or scale question and at answers it really offers. Messages are French and name the
 * question by its position (« Question 3 : … »), for the builder and for the error log alike.
 */
export function validateDefinition(input: unknown): DefinitionResult {
  if (!Array.isArray(input))
    return { ok: false, errors: ['La définition doit être une liste de questions.'] };
  if (input.length > MAX_QUESTIONS)
    return { ok: false, errors: [`Un questionnaire a ${MAX_QUESTIONS} questions au plus.`] };
  const errors: string[] = [];
  const questions: FormQuestion[] = [];
  input.forEach((raw, index) => {
    const parsed = questionSchema.safeParse(raw);
    if (!parsed.success) {
      const messages = new Set(parsed.error.issues.map((issue) => issue.message));
      for (const message of messages) errors.push(`Question ${index + 1} : ${message}`);
      return;
    }
    questions.push(parsed.data);
  });
  if (errors.length > 0) return { ok: false, errors };

  const seen = new Map<string, number>();
  questions.forEach((question, index) => {
    const at = `Question ${index + 1}`;
    if (seen.has(question.id)) errors.push(`${at} : l’identifiant « ${question.id} » est déjà utilisé.`);
    seen.set(question.id, index);
    errors.push(...questionProblems(question).map((message) => `${at} : ${message}`));
    if (question.showIf) {
      const problem = conditionProblem(question.showIf, questions.slice(0, index));
      if (problem) errors.push(`${at} : ${problem}`);
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, questions };
}

/** What is wrong with one question on its own (beyond its shape). */
export function questionProblems(question: FormQuestion): string[] {
  const problems: string[] = [];
  if (question.type === 'single_choice' || question.type === 'multiple_choice') {
    const ids = new Set<string>();
    const labels = new Set<string>();
    for (const option of question.options) {
      if (ids.has(option.id)) problems.push(`la réponse « ${option.label} » a un identifiant en double.`);
      const key = option.label.toLocaleLowerCase('fr');
      if (labels.has(key)) problems.push(`la réponse « ${option.label} » est proposée deux fois.`);
      ids.add(option.id);
      labels.add(key);
    }
    if (question.type === 'single_choice' && question.options.length < 2)
      problems.push('un choix unique propose au moins deux réponses.');
  }
  if (question.type === 'scale') {
    if (question.min < SCALE_LIMITS.lowest || question.min > 1)
      problems.push('une échelle commence à 0 ou à 1.');
    if (question.max > SCALE_LIMITS.highest) problems.push('une échelle va jusqu’à 10 au plus.');
    if (question.max <= question.min)
      problems.push('la fin de l’échelle doit être plus grande que son début.');
  }
  if (question.type === 'number' && question.min !== undefined && question.max !== undefined) {
    if (question.max < question.min) problems.push('le maximum doit être supérieur ou égal au minimum.');
  }
  return problems;
}

/** Why a condition cannot work, given the questions before the one it belongs to; null if it can. */
export function conditionProblem(showIf: ShowIf, earlier: FormQuestion[]): string | null {
  const target = earlier.find((q) => q.id === showIf.questionId);
  if (!target) return 'la condition d’affichage doit porter sur une question placée avant celle-ci.';
  const values = conditionValues(showIf);
  if (target.type === 'single_choice' || target.type === 'multiple_choice') {
    const ids = new Set(target.options.map((o) => o.id));
    if (values.some((v) => !ids.has(v)))
      return `la condition d’affichage porte sur une réponse que la question « ${target.label} » ne propose pas.`;
    return null;
  }
  if (target.type === 'scale') {
    const inRange = (v: string) => /^\d+$/.test(v) && Number(v) >= target.min && Number(v) <= target.max;
    if (!values.every(inRange))
      return `la condition d’affichage porte sur une note hors de l’échelle de « ${target.label} ».`;
    return null;
  }
  return 'la condition d’affichage doit porter sur une question à choix ou une échelle.';
}

/** The answers that show a question, as the strings a form posts (option ids, scale notes). */
export function conditionValues(showIf: ShowIf): string[] {
  return ('equals' in showIf ? [showIf.equals] : showIf.anyOf).map(String);
}

/** Questions whose answers can condition a later one. */
export function canCondition(question: FormQuestion): boolean {
  return (
    question.type === 'single_choice' || question.type === 'multiple_choice' || question.type === 'scale'
  );
}

/** The labels a condition's answers stand for (« Oui », « 4 »), for the hint shown without JavaScript. */
export function conditionLabels(showIf: ShowIf, questions: FormQuestion[]): string[] {
  const target = questions.find((q) => q.id === showIf.questionId);
  const values = conditionValues(showIf);
  if (target && (target.type === 'single_choice' || target.type === 'multiple_choice'))
    return values.map((v) => target.options.find((o) => o.id === v)?.label ?? v);
  return values;
}

/** A fresh id for a question or an option: random, so two agents editing at once never collide. */
export function newId(prefix: 'q' | 'o'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** The value of a scale question: every note from min to max. */
export function scaleValues(question: ScaleQuestion): number[] {
  return Array.from({ length: question.max - question.min + 1 }, (_, i) => question.min + i);
}
