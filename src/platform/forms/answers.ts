import type { FormState } from '../web/components.tsx';
import { conditionValues, type FormQuestion } from './definition.ts';

/**
 * Reading a posted form against its definition. An answer is stored under its question's id:
 * an option id (single choice), option ids (multiple choice), a note (scale), a number, or text.
 * Only questions that were shown count: a question hidden by its condition has its answer dropped
 * and is never « required », whatever the browser sent (without JavaScript every question is on the
 * page, so a person may well have filled one that does not apply to them).
 */
export type AnswerValue = string | string[] | number;
export type Answers = Record<string, AnswerValue>;

export type ParsedAnswers =
  | { ok: true; answers: Answers; values: FormState['values'] }
  | { ok: false; errors: Record<string, string>; values: FormState['values'] };

/** The field of a question in the page (ids never start with « _ », kept for the form's own fields). */
export const fieldName = (question: Pick<FormQuestion, 'id'>) => question.id;

export const TEXT_LIMITS = { short: 200, long: 5000 } as const;

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 6 });
export const formatNumber = (value: number) => numberFormat.format(value);

/**
 * Parses `body` (url-encoded: a string, or an array for repeated names) into answers. With
 * `enforceRequired: false` (an agent typing in a paper questionnaire, where a person may have left a
 * required question blank) a missing answer is simply absent.
 */
export function parseAnswers(
  questions: FormQuestion[],
  body: unknown,
  options: { enforceRequired?: boolean } = {},
): ParsedAnswers {
  const enforceRequired = options.enforceRequired ?? true;
  const posted = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const answers: Answers = {};
  const errors: Record<string, string> = {};
  const values: FormState['values'] = {};
  const shown = new Set<string>();

  for (const question of questions) {
    const name = fieldName(question);
    const raw = asStrings(posted[name]);
    values[name] = raw.join(',');
    if (!isShown(question, answers, shown)) continue;
    shown.add(question.id);
    const read = readAnswer(question, raw);
    if ('error' in read) {
      errors[name] = read.error;
    } else if (read.value === undefined) {
      if (question.required && enforceRequired) errors[name] = missingMessage(question);
    } else {
      answers[question.id] = read.value;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors, values } : { ok: true, answers, values };
}

/**
 * Whether a question is shown given the answers to the questions before it. A condition on a
 * question that was itself hidden, or left unanswered, hides the question too.
 */
export function isShown(question: FormQuestion, answersSoFar: Answers, shownSoFar: Set<string>): boolean {
  if (!question.showIf) return true;
  const { questionId } = question.showIf;
  if (!shownSoFar.has(questionId)) return false;
  const given = answersSoFar[questionId];
  if (given === undefined) return false;
  const chosen = (Array.isArray(given) ? given : [given]).map(String);
  const wanted = conditionValues(question.showIf);
  return chosen.some((value) => wanted.includes(value));
}

/** The questions shown for a set of answers (in order), e.g. to re-check stored answers. */
export function shownQuestions(questions: FormQuestion[], answers: Answers): FormQuestion[] {
  const shown = new Set<string>();
  return questions.filter((question) => {
    if (!isShown(question, answers, shown)) return false;
    shown.add(question.id);
    return true;
  });
}

/** Stored answers as the form's field values (to show a response again). */
export function answersAsValues(questions: FormQuestion[], answers: Answers): FormState['values'] {
  const values: FormState['values'] = {};
  for (const question of questions) {
    const value = answers[question.id];
    if (value === undefined) continue;
    values[fieldName(question)] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return values;
}

function asStrings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => String(v));
}

type Read = { value: AnswerValue | undefined } | { error: string };

function readAnswer(question: FormQuestion, raw: string[]): Read {
  switch (question.type) {
    case 'single_choice': {
      const value = raw.map((v) => v.trim()).find((v) => v !== '');
      if (value === undefined) return { value: undefined };
      if (!question.options.some((o) => o.id === value))
        return { error: 'Choisissez une des réponses proposées.' };
      return { value };
    }
    case 'multiple_choice': {
      const chosen = [...new Set(raw.map((v) => v.trim()).filter((v) => v !== ''))];
      if (chosen.length === 0) return { value: undefined };
      if (!chosen.every((v) => question.options.some((o) => o.id === v)))
        return { error: 'Cochez seulement des réponses proposées.' };
      // In the options' order, whatever order the browser sent them in.
      return { value: question.options.filter((o) => chosen.includes(o.id)).map((o) => o.id) };
    }
    case 'scale': {
      const value = raw.map((v) => v.trim()).find((v) => v !== '');
      if (value === undefined) return { value: undefined };
      const note = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (!(note >= question.min && note <= question.max))
        return { error: `Choisissez une note de ${question.min} à ${question.max}.` };
      return { value: note };
    }
    case 'text': {
      const value = (raw.at(-1) ?? '').replace(/\r\n/g, '\n').trim();
      if (value === '') return { value: undefined };
      const limit = question.multiline ? TEXT_LIMITS.long : TEXT_LIMITS.short;
      if (value.length > limit)
        return { error: `Votre réponse est trop longue (${formatNumber(limit)} caractères au plus).` };
      return { value };
    }
    case 'number':
      return readNumber(question, raw.at(-1) ?? '');
  }
}

/** « 12 », « 12,5 », « 1 200 », « -3 »: what people type on a French keyboard. */
function readNumber(question: Extract<FormQuestion, { type: 'number' }>, raw: string): Read {
  const text = raw.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (text === '') return { value: undefined };
  if (!/^-?\d+(\.\d+)?$/.test(text))
    return {
      error: question.integer
        ? 'Saisissez un nombre entier, par exemple 12.'
        : 'Saisissez un nombre, par exemple 12 ou 12,5.',
    };
  const value = Number(text);
  if (question.integer && !Number.isInteger(value))
    return { error: 'Saisissez un nombre entier, sans virgule.' };
  if (question.min !== undefined && value < question.min)
    return { error: `Saisissez un nombre supérieur ou égal à ${formatNumber(question.min)}.` };
  if (question.max !== undefined && value > question.max)
    return { error: `Saisissez un nombre inférieur ou égal à ${formatNumber(question.max)}.` };
  return { value };
}

function missingMessage(question: FormQuestion): string {
  switch (question.type) {
    case 'single_choice':
      return 'Choisissez une réponse.';
    case 'multiple_choice':
      return 'Cochez au moins une réponse.';
    case 'scale':
      return `Choisissez une note de ${question.min} à ${question.max}.`;
    case 'text':
      return 'Répondez à cette question.';
    case 'number':
      return 'Saisissez un nombre.';
  }
}
