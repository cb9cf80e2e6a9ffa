import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../audit/tables.ts';
import type { Db } from '../db/client.ts';
import { textOf } from '../scheduling/public/testing.ts';
import { mergeCookies } from '../testing/forms.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { conditionsScriptPath } from './assets.ts';
import { closeForm, createForm, type Form, getForm, openForm, updateFormTexts } from './forms.service.ts';
import { addQuestion } from './questions.service.ts';
import { formResponses } from './tables.ts';
import { receptionSurvey } from './testing.ts';

/**
 * Loads the page (CSRF cookie and token, and the page's submission key), then posts the fields in
 * order, repeated names included, as a browser does. `key` replaces the page's submission key.
 */
async function answer(app: FastifyInstance, path: string, fields: [string, string][], key?: string) {
  const page = await app.inject({ url: path });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  const pageKey = /name="_cle" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token || !pageKey) throw new Error(`no form on ${path} (status ${page.statusCode})`);
  const cookie = mergeCookies(undefined, page.headers['set-cookie']);
  const payload = new URLSearchParams([['_csrf', token], ['_cle', key ?? pageKey], ...fields]).toString();
  const post = () =>
    app.inject({
      method: 'POST',
      url: path,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload,
    });
  return { response: await post(), again: post, key: key ?? pageKey };
}

describe('public answering: /questionnaire/:token', () => {
  let t: TestContext;
  let db: Db;
  let form: Form;
  let path: string;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.platform.database.db;
    const now = new Date();
    const created = await createForm(db, {
      module: 'test',
      ownerRef: 'test:1',
      title: 'Votre accueil',
      createdBy: null,
    });
    for (const question of receptionSurvey) await addQuestion(db, created.id, question, now);
    await updateFormTexts(
      db,
      created.id,
      {
        title: 'Votre accueil au téléphone',
        intro: 'Trois minutes, anonyme.',
        thanks: 'Merci, à bientôt au guichet.',
      },
      now,
    );
    await openForm(db, created.id, now);
    form = (await getForm(db, created.id))!;
    path = `/questionnaire/${form.publicToken}`;
  });
  afterAll(() => t.close());

  const responsesOf = (formId: string) =>
    db.select().from(formResponses).where(eq(formResponses.formId, formId));

  it('answers 404 for an unknown link', async () => {
    const response = await t.app.inject({ url: '/questionnaire/inconnu' });
    expect(response.statusCode).toBe(404);
    expect(textOf(response.body)).toContain('Ce questionnaire n’existe pas. Vérifiez le lien.');
  });

  it('shows the title, the introduction and the questions, numbered, with the condition in words', async () => {
    const response = await t.app.inject({ url: path });
    expect(response.statusCode).toBe(200);
    const text = textOf(response.body);
    expect(text).toContain('Votre accueil au téléphone');
    expect(text).toContain('Trois minutes, anonyme.');
    expect(text).toContain('1. Avez-vous appelé le service ce mois-ci ? (obligatoire)');
    expect(text).toContain('Répondez si vous avez choisi « Oui » à la question 1.');
    expect(text).toContain('1 : Pas du tout ; 5 : Tout à fait');
    expect(response.body).toContain('data-condition-question="appele" data-condition-values="oui"');
    expect(response.body).toContain('inputmode="numeric"');
    expect(response.body).toContain(`<script type="module" src="${conditionsScriptPath}"></script>`);
    expect(text).toContain('Envoyer mes réponses');
  });

  it('serves the script that hides conditional questions, cacheable for a year', async () => {
    const script = await t.app.inject({ url: conditionsScriptPath });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
    expect(script.headers['cache-control']).toContain('immutable');
    expect(script.body).toContain('data-condition-question');
  });

  it('shows the errors with what was typed, keeping the same submission key', async () => {
    const { response, key } = await answer(t.app, path, [
      ['appele', 'oui'],
      ['essais', 'souvent'],
      ['moyens', 'tel'],
      ['moyens', 'guichet'],
    ]);
    expect(response.statusCode).toBe(400);
    const text = textOf(response.body);
    expect(text).toContain('Le formulaire contient une erreur');
    expect(text).toContain(
      'Question 2 (Combien de fois avez-vous dû rappeler ?) : Saisissez un nombre entier, par exemple 12.',
    );
    expect(response.body).toContain('value="souvent"');
    expect(response.body).toMatch(/value="guichet" checked/);
    expect(response.body).toContain(`name="_cle" value="${key}"`);
    expect(await responsesOf(form.id)).toHaveLength(0);
  });

  it('records the answers that apply, anonymously, once for a double submit, then thanks', async () => {
    const auditBefore = (await db.select().from(auditEvents)).length;
    const { response, again } = await answer(t.app, path, [
      ['appele', 'non'],
      ['essais', '4'], // typed in without JavaScript, but hidden for « non »: dropped
      ['satisfaction', '2'],
      ['idee', 'Un rappel automatique.'],
    ]);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${path}/merci`);
    expect((await again()).statusCode).toBe(303);
    const rows = await responsesOf(form.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      answers: { appele: 'non', satisfaction: 2, idee: 'Un rappel automatique.' },
      source: 'en_ligne',
      enteredBy: null,
      paperRef: null,
    });
    // Nothing about who answered: no audit line (it would hold the IP) for an anonymous answer.
    expect((await db.select().from(auditEvents)).length).toBe(auditBefore);
    const thanks = await t.app.inject({ url: `${path}/merci` });
    expect(textOf(thanks.body)).toContain('Merci, à bientôt au guichet.');
  });

  it('shows a plain message for a draft, and for a closed form (which refuses answers)', async () => {
    const draft = await createForm(db, {
      module: 'test',
      ownerRef: 'test:1',
      title: 'Brouillon',
      createdBy: null,
    });
    const draftPage = await t.app.inject({ url: `/questionnaire/${draft.publicToken}` });
    expect(draftPage.statusCode).toBe(200);
    expect(textOf(draftPage.body)).toContain('Ce questionnaire n’est pas encore ouvert');
    expect(draftPage.body).not.toContain('Envoyer mes réponses');

    const closing = await createForm(db, {
      module: 'test',
      ownerRef: 'test:1',
      title: 'Bientôt clos',
      createdBy: null,
    });
    await addQuestion(db, closing.id, receptionSurvey[0]!, new Date());
    await openForm(db, closing.id, new Date());
    const closingPath = `/questionnaire/${closing.publicToken}`;
    const page = await t.app.inject({ url: closingPath });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    await closeForm(db, closing.id, new Date());
    const closedPage = await t.app.inject({ url: closingPath });
    expect(closedPage.statusCode).toBe(410);
    expect(textOf(closedPage.body)).toContain('Ce questionnaire est clos');
    const late = await t.app.inject({
      method: 'POST',
      url: closingPath,
      headers: {
        cookie: mergeCookies(undefined, page.headers['set-cookie']),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ _csrf: token, appele: 'oui' }).toString(),
    });
    expect(late.statusCode).toBe(410);
    expect(await responsesOf(closing.id)).toHaveLength(0);
  });

  it('refuses an answer without the page’s CSRF token', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'appele=oui',
    });
    expect(response.statusCode).toBe(403);
  });
});
