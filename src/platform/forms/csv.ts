import { CSV_BOM, csvLine, parisTimestamp } from '../audit/csv.ts';
import type { Answers } from './answers.ts';
import type { FormQuestion } from './definition.ts';

/**
 * The responses of a form for a spreadsheet: one row per response, one column per question (its
 * label), after the date, the source and the paper number. Choices are written as their labels
 * (a multiple choice joined with « , »), decimals with a comma as French spreadsheets read them.
 * The platform's csvLine makes it semicolon-separated and formula-safe; the first line carries the BOM.
 */
export type ResponseForCsv = {
  createdAt: Date;
  source: 'en_ligne' | 'papier';
  paperRef: string | null;
  answers: Answers;
};

const sourceLabels = { en_ligne: 'En ligne', papier: 'Papier' } as const;

export function* responseCsvLines(questions: FormQuestion[], responses: ResponseForCsv[]): Generator<string> {
  yield CSV_BOM + csvLine(['Date', 'Source', 'N° du questionnaire papier', ...questions.map((q) => q.label)]);
  for (const response of responses) {
    yield csvLine([
      parisTimestamp(response.createdAt),
      sourceLabels[response.source],
      response.paperRef,
      ...questions.map((question) => cellOf(question, response.answers[question.id])),
    ]);
  }
}

function cellOf(question: FormQuestion, value: Answers[string] | undefined): string | number | null {
  if (value === undefined) return null;
  if (question.type === 'single_choice' || question.type === 'multiple_choice') {
    const ids = Array.isArray(value) ? value : [String(value)];
    return ids.map((id) => question.options.find((o) => o.id === id)?.label ?? id).join(', ');
  }
  if (typeof value === 'number') return Number.isInteger(value) ? value : String(value).replace('.', ',');
  return Array.isArray(value) ? value.join(', ') : value;
}
