import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import type { FormQuestion } from './definition.ts';
import { closeForm, createForm, getForm, openForm } from './forms.service.ts';
import { addQuestion, deleteQuestion, moveQuestion, replaceQuestion } from './questions.service.ts';
import { recordResponse, resultsOf } from './responses.service.ts';
import { formResponses } from './tables.ts';
import { receptionSurvey } from './testing.ts';

describe('forms: building and answering', () => {
  let t: TestContext;
  let db: Db;
  const now = new Date('2026-03-02T10:00:00Z');

  beforeAll(async () => {
    t = await startTestApp();
    db = t.platform.database.db;
  });
  afterAll(() => t.close());

  async function surveyWith(questions: FormQuestion[], open = true) {
    const form = await createForm(db, {
      module: 'test',
      ownerRef: 'test:1',
      title: 'Accueil',
      createdBy: null,
    });
    for (const question of questions) await addQuestion(db, form.id, question, now);
    if (open) await openForm(db, form.id, now);
    return (await getForm(db, form.id))!;
  }

  /** The refusal a promise ends with: its code and message. */
  async function refusal(promise: Promise<unknown>) {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }

  it('creates a draft with a random public token and refuses to open it without questions', async () => {
    const a = await createForm(db, {
      module: 'test',
      ownerRef: 'test:1',
      title: ' Accueil ',
      createdBy: null,
    });
    const b = await createForm(db, { module: 'test', ownerRef: 'test:1', title: 'Accueil', createdBy: null });
    expect(a).toMatchObject({ status: 'brouillon', title: 'Accueil', questions: [] });
    expect(a.publicToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(a.publicToken).not.toBe(b.publicToken);
    const error = await refusal(openForm(db, a.id, now));
    expect(error.message).toBe('Ajoutez au moins une question avant d’ouvrir le questionnaire.');
    expect(
      (await refusal(createForm(db, { module: 'test', ownerRef: 'x', title: ' ', createdBy: null }))).fields,
    ).toEqual({
      title: 'Donnez un titre au questionnaire.',
    });
  });

  it('keeps the questions in order, and refuses a definition that would not hold', async () => {
    const form = await surveyWith(receptionSurvey, false);
    expect(form.questions.map((q) => q.id)).toEqual(receptionSurvey.map((q) => q.id));
    const broken: FormQuestion = {
      id: 'suite',
      type: 'text',
      label: 'Suite',
      required: false,
      multiline: false,
      showIf: { questionId: 'idee', equals: 'x' },
    };
    const error = await refusal(addQuestion(db, form.id, broken, now));
    expect(error.fields._).toBe(
      'Question 7 : la condition d’affichage doit porter sur une question à choix ou une échelle.',
    );
    expect((await getForm(db, form.id))!.questions).toHaveLength(receptionSurvey.length);
  });

  it('records one response for a double submit, and none once the form is closed', async () => {
    const form = await surveyWith(receptionSurvey);
    const response = {
      source: 'en_ligne' as const,
      answers: { appele: 'non' },
      submissionKey: 'cle-0123456789abcdef',
    };
    expect(await recordResponse(db, form.id, response, now)).toEqual({ recorded: 'new' });
    expect(await recordResponse(db, form.id, response, now)).toEqual({ recorded: 'already' });
    const rows = await db.select().from(formResponses).where(eq(formResponses.formId, form.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: 'en_ligne', enteredBy: null, paperRef: null });
    await closeForm(db, form.id, now);
    const error = await refusal(
      recordResponse(db, form.id, { ...response, submissionKey: 'autre-0123456789abcd' }, now),
    );
    expect(error.message).toBe('Ce questionnaire n’accepte plus de réponses.');
    // Paper copies collected before the close may still be typed in.
    const paper = {
      source: 'papier' as const,
      answers: { appele: 'oui' },
      paperRef: '7',
      enteredBy: null as unknown as string,
    };
    await expect(
      recordResponse(db, form.id, { ...paper, submissionKey: 'papier-0123456789abcd' }, now),
    ).resolves.toEqual({
      recorded: 'new',
    });
    expect((await resultsOf(db, form)).bySource).toEqual({ en_ligne: 1, papier: 1 });
  });

  it('refuses the same paper number twice', async () => {
    const form = await surveyWith(receptionSurvey);
    const paper = (key: string) => ({
      source: 'papier' as const,
      answers: {},
      paperRef: 'A-12',
      enteredBy: null as unknown as string,
      submissionKey: key,
    });
    await recordResponse(db, form.id, paper('premiere-0123456789ab'), now);
    const error = await refusal(recordResponse(db, form.id, paper('seconde-0123456789abc'), now));
    expect(error.code).toBe('conflict');
    expect(error.fields).toEqual({ _papier: 'Ce numéro est déjà saisi : vérifiez-le sur le papier.' });
  });

  describe('once people have answered', () => {
    let formId: string;
    beforeAll(async () => {
      const form = await surveyWith(receptionSurvey);
      formId = form.id;
      await recordResponse(
        db,
        formId,
        {
          source: 'en_ligne',
          answers: { appele: 'oui', essais: 2, moyens: ['mail'], satisfaction: 5 },
          submissionKey: 'k1-0123456789abcdef',
        },
        now,
      );
      await recordResponse(
        db,
        formId,
        {
          source: 'en_ligne',
          answers: { appele: 'non', satisfaction: 4 },
          submissionKey: 'k2-0123456789abcdef',
        },
        now,
      );
    });
    const question = async (id: string) => (await getForm(db, formId))!.questions.find((q) => q.id === id)!;

    it('refuses to delete an answered question, and says why', async () => {
      const error = await refusal(deleteQuestion(db, formId, 'satisfaction', now));
      expect(error.code).toBe('conflict');
      expect(error.message).toBe(
        '2 personnes ont déjà répondu à la question « Êtes-vous satisfait de l’accueil ? » : la supprimer effacerait leurs réponses. Vous pouvez la reformuler ou la rendre facultative.',
      );
    });

    it('deletes a question nobody answered', async () => {
      await deleteQuestion(db, formId, 'attente', now);
      expect((await getForm(db, formId))!.questions.map((q) => q.id)).not.toContain('attente');
    });

    it('refuses to remove a chosen option but lets it be reworded, and removes one never chosen', async () => {
      const moyens = (await question('moyens')) as Extract<FormQuestion, { type: 'multiple_choice' }>;
      const error = await refusal(
        replaceQuestion(
          db,
          formId,
          { ...moyens, options: moyens.options.filter((o) => o.id !== 'mail') },
          now,
        ),
      );
      expect(error.message).toBe(
        'La réponse « Courriel » a déjà été choisie une fois : elle ne peut plus être retirée, sinon ces réponses seraient perdues. Vous pouvez en modifier le libellé.',
      );
      const options = [
        { id: 'tel', label: 'Téléphone' },
        { id: 'mail', label: 'Courriel ou formulaire' },
      ];
      await replaceQuestion(db, formId, { ...moyens, options }, now);
      expect(await question('moyens')).toMatchObject({ options });
    });

    it('refuses to change an answered question’s type, or to narrow a scale under given notes', async () => {
      const satisfaction = (await question('satisfaction')) as Extract<FormQuestion, { type: 'scale' }>;
      const retyped = await refusal(
        replaceQuestion(
          db,
          formId,
          { id: 'satisfaction', type: 'text', label: 'Avis', required: false, multiline: false },
          now,
        ),
      );
      expect(retyped.message).toMatch(
        /^2 personnes ont déjà répondu à cette question : son type ne peut plus changer/,
      );
      const narrowed = await refusal(replaceQuestion(db, formId, { ...satisfaction, max: 4 }, now));
      expect(narrowed.message).toBe(
        'Une personne a donné une note hors de la nouvelle échelle (1 à 4) : élargissez-la pour garder leurs réponses.',
      );
    });

    it('refuses to delete or move a question another one depends on, or an option a condition uses', async () => {
      const draft = await surveyWith(receptionSurvey, false);
      const deleted = await refusal(deleteQuestion(db, draft.id, 'appele', now));
      expect(deleted.message).toBe(
        'La question « Combien de fois avez-vous dû rappeler ? » s’affiche selon la réponse à « Avez-vous appelé le service ce mois-ci ? » : retirez d’abord cette condition.',
      );
      const appele = draft.questions[0] as Extract<FormQuestion, { type: 'single_choice' }>;
      const withoutYes = await refusal(
        replaceQuestion(
          db,
          draft.id,
          { ...appele, options: [...appele.options.slice(1), { id: 'nsp', label: 'Je ne sais pas' }] },
          now,
        ),
      );
      expect(withoutYes.message).toBe(
        'La question « Combien de fois avez-vous dû rappeler ? » s’affiche selon une réponse à celle-ci que vous retirez : changez d’abord sa condition d’affichage.',
      );
      const moved = await refusal(moveQuestion(db, formId, 'essais', 'up', now));
      expect(moved.message).toBe(
        'La question « Combien de fois avez-vous dû rappeler ? » ne peut pas passer avant « Avez-vous appelé le service ce mois-ci ? » : elle ne s’affiche que selon la réponse à « Avez-vous appelé le service ce mois-ci ? ».',
      );
      const movedDown = await refusal(moveQuestion(db, formId, 'appele', 'down', now));
      expect(movedDown.code).toBe('conflict');
      await moveQuestion(db, formId, 'moyens', 'up', now);
      expect((await getForm(db, formId))!.questions.map((q) => q.id).slice(0, 3)).toEqual([
        'appele',
        'moyens',
        'essais',
      ]);
    });
  });
});
