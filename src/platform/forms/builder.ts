import type { FormState } from '../web/components.tsx';
import {
  type ChoiceOption,
  canCondition,
  conditionValues,
  type FormQuestion,
  newId,
  type QuestionType,
  questionTypes,
  type ShowIf,
} from './definition.ts';

/**
 * The builder's question form, without JavaScript: one page per question with plain fields. Options
 * keep their ids through edits (one field per existing option, named after it; blank fields for new
 * ones; an option emptied is removed), and the display condition is a list of checkboxes
 * « question : answer » over the earlier questions, all of which must belong to one question.
 */

/** Blank option fields offered on a new question, and on an edited one. */
export const NEW_OPTION_FIELDS = { create: 5, edit: 3 } as const;

export const optionField = (option: Pick<ChoiceOption, 'id'>) => `option_${option.id}`;
export const newOptionField = (n: number) => `nouvelle_${n}`;
export const conditionKey = (questionId: string, value: string | number) => `${questionId}:${value}`;

export const builderLabels: Record<string, string> = {
  label: 'Intitulé',
  hint: 'Aide',
  options: 'Réponses proposées',
  min: 'Début de l’échelle',
  max: 'Fin de l’échelle',
  minLabel: 'Libellé du début',
  maxLabel: 'Libellé de la fin',
  format: 'Longueur de la réponse',
  nature: 'Nature du nombre',
  minimum: 'Minimum',
  maximum: 'Maximum',
  condition: 'Condition d’affichage',
};

export function isQuestionType(value: unknown): value is QuestionType {
  return typeof value === 'string' && (questionTypes as readonly string[]).includes(value);
}

/** A question as the builder form shows it (to edit it). */
export function questionAsValues(question: FormQuestion): FormState['values'] {
  const values: FormState['values'] = {
    label: question.label,
    hint: question.hint ?? '',
    required: question.required ? 'on' : undefined,
    condition: question.showIf
      ? conditionValues(question.showIf)
          .map((v) => conditionKey(question.showIf!.questionId, v))
          .join(',')
      : '',
  };
  if (question.type === 'single_choice' || question.type === 'multiple_choice') {
    for (const option of question.options) values[optionField(option)] = option.label;
  }
  if (question.type === 'scale') {
    Object.assign(values, {
      min: String(question.min),
      max: String(question.max),
      minLabel: question.minLabel ?? '',
      maxLabel: question.maxLabel ?? '',
    });
  }
  if (question.type === 'text') values.format = question.multiline ? 'long' : 'court';
  if (question.type === 'number') {
    Object.assign(values, {
      nature: question.integer ? 'entier' : 'decimal',
      minimum: question.min === undefined ? '' : String(question.min).replace('.', ','),
      maximum: question.max === undefined ? '' : String(question.max).replace('.', ','),
    });
  }
  return values;
}

/** Defaults of a new question of a type: a 1–5 scale, a short text, an integer. */
export function newQuestionValues(type: QuestionType): FormState['values'] {
  if (type === 'scale') return { min: '1', max: '5', minLabel: '', maxLabel: '' };
  if (type === 'text') return { format: 'court' };
  if (type === 'number') return { nature: 'entier' };
  return {};
}

/** The posted builder form as it is shown again (repeated checkboxes joined by commas). */
export function postedBuilderValues(body: unknown): FormState['values'] {
  const values: FormState['values'] = {};
  if (!body || typeof body !== 'object') return values;
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    values[key] = Array.isArray(value) ? value.map(String).join(',') : String(value ?? '');
  }
  return values;
}

export type ParsedQuestion = { ok: true; question: FormQuestion } | { ok: false; form: FormState };

/**
 * Reads the posted builder form into a question of `type`. `existing` is the question being edited
 * (its id and its options' ids are kept); `earlier` the questions before it (a condition may only
 * point at one of them).
 */
export function parseQuestionForm(
  body: unknown,
  context: { type: QuestionType; existing?: FormQuestion; earlier: FormQuestion[] },
): ParsedQuestion {
  const posted = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const values = postedBuilderValues(body);
  const text = (name: string) => (values[name] ?? '').trim();
  const errors: Record<string, string> = {};

  const label = text('label');
  if (!label) errors.label = 'Saisissez l’intitulé de la question.';
  else if (label.length > 300) errors.label = 'L’intitulé fait 300 caractères au plus.';
  const hint = text('hint');
  if (hint.length > 500) errors.hint = 'L’aide fait 500 caractères au plus.';
  const base = {
    id: context.existing?.id ?? newId('q'),
    label,
    ...(hint ? { hint } : {}),
    required: values.required === 'on',
  };
  const showIf = readCondition(posted.condition, context.earlier, errors);
  const withCondition = showIf ? { ...base, showIf } : base;

  let question: FormQuestion | undefined;
  switch (context.type) {
    case 'single_choice':
    case 'multiple_choice': {
      const options = readOptions(values, context.existing, errors, context.type);
      question = { ...withCondition, type: context.type, options };
      break;
    }
    case 'scale': {
      const min = Number(text('min'));
      const max = Number(text('max'));
      if (!(min === 0 || min === 1)) errors.min = 'Choisissez 0 ou 1.';
      if (!(Number.isInteger(max) && max >= 2 && max <= 10)) errors.max = 'Choisissez une fin de 2 à 10.';
      const minLabel = text('minLabel');
      const maxLabel = text('maxLabel');
      if (minLabel.length > 60) errors.minLabel = 'Ce libellé fait 60 caractères au plus.';
      if (maxLabel.length > 60) errors.maxLabel = 'Ce libellé fait 60 caractères au plus.';
      question = {
        ...withCondition,
        type: 'scale',
        min,
        max,
        ...(minLabel ? { minLabel } : {}),
        ...(maxLabel ? { maxLabel } : {}),
      };
      break;
    }
    case 'text': {
      const format = text('format');
      if (format !== 'court' && format !== 'long') errors.format = 'Choisissez une réponse courte ou longue.';
      question = { ...withCondition, type: 'text', multiline: format === 'long' };
      break;
    }
    case 'number': {
      const nature = text('nature');
      if (nature !== 'entier' && nature !== 'decimal') errors.nature = 'Choisissez entier ou décimal.';
      const min = readBound(text('minimum'), 'minimum', errors);
      const max = readBound(text('maximum'), 'maximum', errors);
      if (min !== undefined && max !== undefined && max < min)
        errors.maximum = 'Le maximum doit être supérieur ou égal au minimum.';
      question = {
        ...withCondition,
        type: 'number',
        integer: nature !== 'decimal',
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
      };
      break;
    }
  }
  if (Object.keys(errors).length > 0 || !question) return { ok: false, form: { values, errors } };
  return { ok: true, question };
}

function readOptions(
  values: FormState['values'],
  existing: FormQuestion | undefined,
  errors: Record<string, string>,
  type: 'single_choice' | 'multiple_choice',
): ChoiceOption[] {
  const options: ChoiceOption[] = [];
  const kept =
    existing && (existing.type === 'single_choice' || existing.type === 'multiple_choice')
      ? existing.options
      : [];
  for (const option of kept) {
    const label = (values[optionField(option)] ?? '').trim();
    if (label) options.push({ id: option.id, label });
  }
  const blanks = Object.keys(values)
    .filter((key) => /^nouvelle_\d+$/.test(key))
    .sort((a, b) => Number(a.slice(9)) - Number(b.slice(9)));
  for (const key of blanks) {
    const label = (values[key] ?? '').trim();
    if (label) options.push({ id: newId('o'), label });
  }
  const wanted = type === 'single_choice' ? 2 : 1;
  const seen = new Set<string>();
  for (const option of options) {
    const key = option.label.toLocaleLowerCase('fr');
    if (option.label.length > 200) errors.options = 'Une réponse proposée fait 200 caractères au plus.';
    if (seen.has(key)) errors.options = `La réponse « ${option.label} » est proposée deux fois.`;
    seen.add(key);
  }
  if (options.length < wanted)
    errors.options =
      wanted === 2 ? 'Proposez au moins deux réponses.' : 'Proposez au moins une réponse à cocher.';
  return options;
}

function readBound(raw: string, field: string, errors: Record<string, string>): number | undefined {
  const text = raw.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (text === '') return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(text)) {
    errors[field] = 'Saisissez un nombre, par exemple 0 ou 12,5.';
    return undefined;
  }
  return Number(text);
}

/** The ticked « question:answer » boxes as a condition on one earlier question. */
function readCondition(
  raw: unknown,
  earlier: FormQuestion[],
  errors: Record<string, string>,
): ShowIf | undefined {
  const keys = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String).filter(Boolean);
  if (keys.length === 0) return undefined;
  const pairs = keys.map((key) => {
    const at = key.indexOf(':');
    return { questionId: key.slice(0, at), value: key.slice(at + 1) };
  });
  const questionIds = new Set(pairs.map((p) => p.questionId));
  if (questionIds.size > 1) {
    errors.condition = 'Cochez des réponses d’une seule question.';
    return undefined;
  }
  const target = earlier.find((q) => q.id === pairs[0]!.questionId);
  if (!target || !canCondition(target)) {
    errors.condition = 'La condition doit porter sur une question à choix ou une échelle placée avant.';
    return undefined;
  }
  const values = target.type === 'scale' ? pairs.map((p) => Number(p.value)) : pairs.map((p) => p.value);
  return values.length === 1
    ? { questionId: target.id, equals: values[0]! }
    : { questionId: target.id, anyOf: values };
}
