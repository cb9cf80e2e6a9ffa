import type { Db } from '../db/client.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { conditionProblem, type FormQuestion, validateDefinition } from './definition.ts';
import { answersTo, lockForm, updateForm } from './forms.repository.ts';
import { asForm } from './forms.service.ts';

/**
 * Editing a form's questions: add, change, move, delete. The whole definition is validated before it
 * is written (definition.ts). Once people have answered, what would make their answers meaningless
 * is refused with the reason: deleting an answered question or a chosen option, changing an
 * answered question's type, narrowing a scale below notes already given. Rewording stays possible.
 */

const quoted = (text: string) => `« ${text} »`;
const times = (n: number) => (n === 1 ? 'une fois' : `${n} fois`);
const people = (n: number) => (n === 1 ? 'Une personne a' : `${n} personnes ont`);

/** Runs `change` on the locked form's questions and writes the result if the definition is valid. */
async function changeQuestions(
  db: Db,
  formId: string,
  now: Date,
  change: (questions: FormQuestion[], tx: Db) => Promise<FormQuestion[]>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockForm(tx, formId);
    if (!row) throw notFound();
    const next = await change(asForm(row).questions, tx);
    const checked = validateDefinition(next);
    if (!checked.ok) throw invalid({ _: checked.errors.join(' ') });
    await updateForm(tx, formId, { questions: checked.questions }, now);
  });
}

export async function addQuestion(db: Db, formId: string, question: FormQuestion, now: Date): Promise<void> {
  await changeQuestions(db, formId, now, async (questions) => {
    if (questions.some((q) => q.id === question.id)) throw conflict('Cette question existe déjà.');
    return [...questions, question];
  });
}

/** Replaces a question (same id, same place) by its edited version. */
export async function replaceQuestion(
  db: Db,
  formId: string,
  question: FormQuestion,
  now: Date,
): Promise<void> {
  await changeQuestions(db, formId, now, async (questions, tx) => {
    const index = questions.findIndex((q) => q.id === question.id);
    const before = questions[index];
    if (!before) throw notFound('Cette question n’existe plus.');
    const given = await answersTo(tx, formId, question.id);
    if (given.length > 0) refuseBreakingEdit(before, question, given);
    const referrers = questions.filter((q) => q.showIf?.questionId === question.id);
    if (referrers.length > 0 && !['single_choice', 'multiple_choice', 'scale'].includes(question.type)) {
      throw conflict(
        `La question ${quoted(referrers[0]!.label)} s’affiche selon la réponse à celle-ci : elle doit rester une question à choix ou une échelle.`,
      );
    }
    for (const referrer of referrers) {
      const next = [...questions.map((q) => (q.id === question.id ? question : q))];
      const problem = conditionProblem(referrer.showIf!, next.slice(0, next.indexOf(referrer)));
      if (problem) {
        throw conflict(
          `La question ${quoted(referrer.label)} s’affiche selon une réponse à celle-ci que vous retirez : changez d’abord sa condition d’affichage.`,
        );
      }
    }
    return questions.map((q) => (q.id === question.id ? question : q));
  });
}

function refuseBreakingEdit(before: FormQuestion, after: FormQuestion, given: unknown[]): void {
  if (before.type !== after.type) {
    throw conflict(
      `${people(given.length)} déjà répondu à cette question : son type ne peut plus changer, sinon leurs réponses ne voudraient plus rien dire. Ajoutez plutôt une nouvelle question.`,
    );
  }
  if (
    (before.type === 'single_choice' || before.type === 'multiple_choice') &&
    (after.type === 'single_choice' || after.type === 'multiple_choice')
  ) {
    for (const option of before.options) {
      if (after.options.some((o) => o.id === option.id)) continue;
      const chosen = given.filter((value) =>
        Array.isArray(value) ? value.includes(option.id) : value === option.id,
      ).length;
      if (chosen > 0) {
        throw conflict(
          `La réponse ${quoted(option.label)} a déjà été choisie ${times(chosen)} : elle ne peut plus être retirée, sinon ces réponses seraient perdues. Vous pouvez en modifier le libellé.`,
        );
      }
    }
  }
  if (before.type === 'scale' && after.type === 'scale') {
    const outside = given.filter((v) => typeof v === 'number' && (v < after.min || v > after.max)).length;
    if (outside > 0) {
      throw conflict(
        `${people(outside)} donné une note hors de la nouvelle échelle (${after.min} à ${after.max}) : élargissez-la pour garder leurs réponses.`,
      );
    }
  }
}

export async function moveQuestion(
  db: Db,
  formId: string,
  questionId: string,
  direction: 'up' | 'down',
  now: Date,
): Promise<void> {
  await changeQuestions(db, formId, now, async (questions) => {
    const index = questions.findIndex((q) => q.id === questionId);
    if (index < 0) throw notFound('Cette question n’existe plus.');
    const other = direction === 'up' ? index - 1 : index + 1;
    if (other < 0 || other >= questions.length) return questions;
    const [first, second] =
      direction === 'up' ? [questions[other]!, questions[index]!] : [questions[index]!, questions[other]!];
    // `second` would come before `first`: refused when its display depends on `first`.
    if (second.showIf?.questionId === first.id) {
      throw conflict(
        `La question ${quoted(second.label)} ne peut pas passer avant ${quoted(first.label)} : elle ne s’affiche que selon la réponse à ${quoted(first.label)}.`,
      );
    }
    const next = [...questions];
    next[index] = questions[other]!;
    next[other] = questions[index]!;
    return next;
  });
}

export async function deleteQuestion(db: Db, formId: string, questionId: string, now: Date): Promise<void> {
  await changeQuestions(db, formId, now, async (questions, tx) => {
    const question = questions.find((q) => q.id === questionId);
    if (!question) throw notFound('Cette question n’existe plus.');
    const given = await answersTo(tx, formId, questionId);
    if (given.length > 0) {
      throw conflict(
        `${people(given.length)} déjà répondu à la question ${quoted(question.label)} : la supprimer effacerait leurs réponses. Vous pouvez la reformuler ou la rendre facultative.`,
      );
    }
    const dependent = questions.find((q) => q.showIf?.questionId === questionId);
    if (dependent) {
      throw conflict(
        `La question ${quoted(dependent.label)} s’affiche selon la réponse à ${quoted(question.label)} : retirez d’abord cette condition.`,
      );
    }
    return questions.filter((q) => q.id !== questionId);
  });
}
