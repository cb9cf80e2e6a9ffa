import type { Db } from '../db/client.ts';
import { conflict, notFound } from '../errors.ts';
import { isUniqueViolation } from '../scheduling/booking-rules.ts';
import type { Answers } from './answers.ts';
import { findResponseByPaperRef, insertResponse, listResponses, lockForm } from './forms.repository.ts';
import type { Form } from './forms.service.ts';
import { computeResults, type FormResults } from './results.ts';

/**
 * Recording and reading responses. Online answers are anonymous: no IP, no agent, no cookie is
 * stored with them (only the random submission key the page carried, so a double click records one
 * response). Paper answers keep the agent who typed them in and the number written on the paper.
 */

export const PAPER_REF_MAX = 40;

export type NewResponse =
  | { source: 'en_ligne'; answers: Answers; submissionKey: string }
  | { source: 'papier'; answers: Answers; submissionKey: string; paperRef: string; enteredBy: string };

export type Recorded = { recorded: 'new' | 'already' };

/**
 * Records one response (answers already parsed against the form's questions). Online, the form must
 * be open; on paper, an agent may type in answers collected before the form was closed. The same
 * submission key twice records one response; the same paper number twice is refused.
 */
export async function recordResponse(
  db: Db,
  formId: string,
  response: NewResponse,
  now: Date,
): Promise<Recorded> {
  try {
    return await db.transaction(async (tx) => {
      // Locked (shared with the builder's edits) so answers are never recorded against a definition
      // that changes under them.
      const row = await lockForm(tx, formId);
      if (!row) throw notFound();
      if (response.source === 'en_ligne' && row.status !== 'ouvert')
        throw conflict('Ce questionnaire n’accepte plus de réponses.');
      if (response.source === 'papier' && row.status === 'brouillon')
        throw conflict('Ouvrez le questionnaire avant de saisir des réponses papier.');
      if (response.source === 'papier' && (await findResponseByPaperRef(tx, formId, response.paperRef))) {
        throw conflict(`Le questionnaire papier n° ${response.paperRef} est déjà saisi.`, {
          _papier: 'Ce numéro est déjà saisi : vérifiez-le sur le papier.',
        });
      }
      const inserted = await insertResponse(tx, {
        formId,
        answers: response.answers,
        source: response.source,
        submissionKey: response.submissionKey,
        enteredBy: response.source === 'papier' ? response.enteredBy : null,
        paperRef: response.source === 'papier' ? response.paperRef : null,
        createdAt: now,
      });
      return { recorded: inserted ? 'new' : 'already' } as const;
    });
  } catch (error) {
    // Two agents typing the same paper number at the same instant: the unique index decides.
    if (response.source === 'papier' && isUniqueViolation(error)) {
      throw conflict(`Le questionnaire papier n° ${response.paperRef} est déjà saisi.`, {
        _papier: 'Ce numéro est déjà saisi : vérifiez-le sur le papier.',
      });
    }
    throw error;
  }
}

export type StoredResponse = {
  id: string;
  createdAt: Date;
  source: 'en_ligne' | 'papier';
  paperRef: string | null;
  answers: Answers;
};

export async function responsesOf(db: Db, formId: string): Promise<StoredResponse[]> {
  return (await listResponses(db, formId)).map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    source: row.source,
    paperRef: row.paperRef,
    answers: row.answers as Answers,
  }));
}

/** The results of a form, question by question (results.ts), read against its current questions. */
export async function resultsOf(db: Db, form: Pick<Form, 'id' | 'questions'>): Promise<FormResults> {
  return computeResults(form.questions, await responsesOf(db, form.id));
}
