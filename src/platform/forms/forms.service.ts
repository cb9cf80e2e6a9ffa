import { randomToken } from '../auth/tokens.ts';
import type { Db } from '../db/client.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import type { FormQuestion } from './definition.ts';
import {
  type FormRow,
  findForm,
  findFormByToken,
  insertForm,
  listFormsOf,
  lockForm,
  responseCounts,
  updateForm,
} from './forms.repository.ts';

/**
 * Forms as the platform keeps them, for any module: create one, change its texts, open and close
 * it. Who may do so is the module's decision (it calls these after its own policy check); the
 * platform checks the form itself. Every change is one transaction on the locked form row.
 */

export type Form = Omit<FormRow, 'questions'> & { questions: FormQuestion[] };

/** The stored jsonb, typed: definitions are validated before they are written (questions.service.ts). */
export function asForm(row: FormRow): Form {
  return { ...row, questions: (row.questions ?? []) as FormQuestion[] };
}

export const TEXT_MAX = { title: 200, intro: 2000, thanks: 1000 } as const;

/** The public link of a form, relative to the site. */
export const publicFormPath = (form: Pick<FormRow, 'publicToken'>) => `/questionnaire/${form.publicToken}`;

export async function createForm(
  db: Db,
  input: { module: string; ownerRef: string; title: string; intro?: string; createdBy: string | null },
): Promise<Form> {
  const title = input.title.trim();
  if (!title) throw invalid({ title: 'Donnez un titre au questionnaire.' });
  if (title.length > TEXT_MAX.title)
    throw invalid({ title: `Le titre fait ${TEXT_MAX.title} caractères au plus.` });
  const row = await insertForm(db, {
    module: input.module,
    ownerRef: input.ownerRef,
    title,
    intro: input.intro?.trim() ?? '',
    thanks: '',
    questions: [],
    // 18 random bytes (144 bits) as base64url: short enough to type from paper, impossible to guess.
    publicToken: randomToken(18),
    createdBy: input.createdBy,
  });
  return asForm(row);
}

export async function getForm(db: Db, id: string): Promise<Form | null> {
  const row = await findForm(db, id);
  return row ? asForm(row) : null;
}

/** The form behind a public link (any status: the page says when it is not open). */
export async function formByToken(db: Db, token: string): Promise<Form | null> {
  const row = await findFormByToken(db, token);
  return row ? asForm(row) : null;
}

export async function formsOf(db: Db, module: string, ownerRef: string) {
  return (await listFormsOf(db, module, ownerRef)).map((row) => ({
    ...asForm(row),
    responseCount: row.responseCount,
  }));
}

/** How many responses a form has, by source. */
export async function countResponses(db: Db, formId: string): Promise<{ en_ligne: number; papier: number }> {
  return (await responseCounts(db, [formId])).get(formId) ?? { en_ligne: 0, papier: 0 };
}

/** The texts around the questions: the title, the introduction and the thanks once answered. */
export async function updateFormTexts(
  db: Db,
  formId: string,
  texts: { title: string; intro: string; thanks: string },
  now: Date,
): Promise<void> {
  const title = texts.title.trim();
  const intro = texts.intro.replace(/\r\n/g, '\n').trim();
  const thanks = texts.thanks.replace(/\r\n/g, '\n').trim();
  const errors: Record<string, string> = {};
  if (!title) errors.title = 'Donnez un titre au questionnaire.';
  else if (title.length > TEXT_MAX.title)
    errors.title = `Le titre fait ${TEXT_MAX.title} caractères au plus.`;
  if (intro.length > TEXT_MAX.intro)
    errors.intro = `L’introduction fait ${TEXT_MAX.intro} caractères au plus.`;
  if (thanks.length > TEXT_MAX.thanks)
    errors.thanks = `Le message de remerciement fait ${TEXT_MAX.thanks} caractères au plus.`;
  if (Object.keys(errors).length > 0) throw invalid(errors);
  await db.transaction(async (tx) => {
    if (!(await lockForm(tx, formId))) throw notFound();
    await updateForm(tx, formId, { title, intro, thanks }, now);
  });
}

/** Opens the public link to answers (again, after a close). A form without questions cannot open. */
export async function openForm(db: Db, formId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockForm(tx, formId);
    if (!row) throw notFound();
    if (asForm(row).questions.length === 0)
      throw conflict('Ajoutez au moins une question avant d’ouvrir le questionnaire.');
    if (row.status === 'ouvert') return;
    await updateForm(tx, formId, { status: 'ouvert', openedAt: row.openedAt ?? now, closedAt: null }, now);
  });
}

/** Closes the public link: the page then says the questionnaire is closed. Paper entry stays possible. */
export async function closeForm(db: Db, formId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockForm(tx, formId);
    if (!row) throw notFound();
    if (row.status === 'clos') return;
    if (row.status === 'brouillon') throw conflict('Ce questionnaire n’a pas encore été ouvert.');
    await updateForm(tx, formId, { status: 'clos', closedAt: now }, now);
  });
}
