import type { Answers } from './answers.ts';
import { type FormQuestion, scaleValues } from './definition.ts';

/**
 * What the responses to a form say, question by question. Pure: it receives the definition and the
 * responses, so its arithmetic is checked on small hand-made sets (results.test.ts).
 *
 * Percentages are fractions (0..1) of the people who answered THAT question (`answered`), not of all
 * responses: a question hidden by its condition, or skipped, is not a « no ». For a multiple choice
 * they are fractions of its respondents, so they may add up to more than 100 %.
 */
export type ResponseForResults = { answers: Answers; source: 'en_ligne' | 'papier' };

export type OptionCount = { id: string; label: string; count: number; share: number };
export type QuestionResult =
  | {
      question: FormQuestion & { type: 'single_choice' | 'multiple_choice' };
      answered: number;
      options: OptionCount[];
    }
  | {
      question: FormQuestion & { type: 'scale' };
      answered: number;
      notes: { value: number; count: number; share: number }[];
      mean: number | null;
    }
  | {
      question: FormQuestion & { type: 'number' };
      answered: number;
      stats: { mean: number; median: number; min: number; max: number } | null;
    }
  | { question: FormQuestion & { type: 'text' }; answered: number; texts: string[] };

export type FormResults = {
  total: number;
  bySource: { en_ligne: number; papier: number };
  questions: QuestionResult[];
};

export function computeResults(questions: FormQuestion[], responses: ResponseForResults[]): FormResults {
  const bySource = { en_ligne: 0, papier: 0 };
  for (const response of responses) bySource[response.source] += 1;
  return {
    total: responses.length,
    bySource,
    questions: questions.map((question) =>
      resultOf(
        question,
        responses.map((r) => r.answers),
      ),
    ),
  };
}

const share = (count: number, of: number) => (of === 0 ? 0 : count / of);

function resultOf(question: FormQuestion, all: Answers[]): QuestionResult {
  const given = all.map((answers) => answers[question.id]).filter((value) => value !== undefined);
  switch (question.type) {
    case 'single_choice':
    case 'multiple_choice': {
      const chosen = given.map((value) => (Array.isArray(value) ? value : [String(value)]));
      const answered = chosen.filter((ids) => ids.length > 0).length;
      const options = question.options.map((option) => {
        const count = chosen.filter((ids) => ids.includes(option.id)).length;
        return { id: option.id, label: option.label, count, share: share(count, answered) };
      });
      return { question, answered, options };
    }
    case 'scale': {
      const notes = given.filter((value): value is number => typeof value === 'number');
      return {
        question,
        answered: notes.length,
        notes: scaleValues(question).map((value) => {
          const count = notes.filter((note) => note === value).length;
          return { value, count, share: share(count, notes.length) };
        }),
        mean: notes.length === 0 ? null : sum(notes) / notes.length,
      };
    }
    case 'number': {
      const numbers = given.filter((value): value is number => typeof value === 'number');
      return { question, answered: numbers.length, stats: numberStats(numbers) };
    }
    case 'text': {
      const texts = given.filter((value): value is string => typeof value === 'string' && value !== '');
      return { question, answered: texts.length, texts };
    }
  }
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Mean, median (the mean of the two middle values for an even count), min and max. */
export function numberStats(values: number[]) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { mean: sum(sorted) / sorted.length, median, min: sorted[0]!, max: sorted.at(-1)! };
}
