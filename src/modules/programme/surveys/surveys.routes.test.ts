import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { formResponses, forms } from '../../../platform/forms/tables.ts';
import { textOf } from '../../../platform/scheduling/public/testing.ts';
import { auditTrail, get } from '../../../platform/tenancy/testing.ts';
import { mergeCookies } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { programmeModule } from '../index.ts';
import { surveyPath, surveysPath } from './paths.ts';
import { surveyWorld } from './testing.ts';

/** Loads `page` for its CSRF token (and submission key), then posts the fields in order. */
async function post(
  app: FastifyInstance,
  options: { page: string; action?: string; fields: [string, string][]; cookie: string },
) {
  const page = await app.inject({ url: options.page, headers: { cookie: options.cookie } });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`no CSRF token on ${options.page} (status ${page.statusCode})`);
  const key = /name="_cle" value="([^"]+)"/.exec(page.body)?.[1];
  const cookie = mergeCookies(options.cookie, page.headers['set-cookie']);
  return app.inject({
    method: 'POST',
    url: options.action ?? options.page,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([
      ['_csrf', token],
      ...(key ? [['_cle', key]] : []),
      ...options.fields,
    ]).toString(),
  });
}

type World = Awaited<ReturnType<typeof surveyWorld>>;

describe('project surveys', () => {
  let t: TestContext;
  let db: Db;
  let w: World;
  let list: string;

  beforeAll(async () => {
    t = await startTestApp({}, [programmeModule]);
    db = t.platform.database.db;
    w = await surveyWorld(db);
    list = surveysPath(w.project.slug);
  });
  afterAll(() => t.close());

  const formOf = async (id: string) => (await db.select().from(forms).where(eq(forms.id, id)))[0]!;
  const questionsOf = async (id: string) => (await formOf(id)).questions as { id: string; label: string }[];
  const flashOf = (cookie: string | string[] | undefined) =>
    decodeURIComponent([cookie ?? []].flat().join(';'));

  async function createSurvey(cookie: string, title = 'Votre accueil au téléphone') {
    const response = await post(t.app, { page: list, fields: [['title', title]], cookie });
    expect(response.statusCode).toBe(303);
    const id = /enquetes\/([0-9a-f-]{36})$/.exec(response.headers.location as string)?.[1];
    expect(id).toBeDefined();
    return id!;
  }

  it('is not found for an outsider, nor for an agent of a partner territory outside the team', async () => {
    const formId = await createSurvey(w.varAgent.cookie, 'Enquête cachée');
    for (const person of [w.outsider, w.pauAgent]) {
      expect((await get(t, list, person.cookie)).statusCode).toBe(404);
      expect((await get(t, surveyPath(w.project.slug, formId), person.cookie)).statusCode).toBe(404);
      expect((await get(t, surveyPath(w.project.slug, formId, '/resultats'), person.cookie)).statusCode).toBe(
        404,
      );
    }
    expect((await get(t, surveysPath('projet-inconnu'), w.varAgent.cookie)).statusCode).toBe(404);
    expect((await get(t, surveyPath(w.project.slug, 'pas-un-uuid'), w.varAgent.cookie)).statusCode).toBe(404);
  });

  it('lets a team member build a survey: create, add questions with a condition, texts, open', async () => {
    const cookie = w.varAgent.cookie;
    const empty = await post(t.app, { page: list, fields: [['title', '  ']], cookie });
    expect(empty.statusCode).toBe(400);
    expect(textOf(empty.body)).toContain('Donnez un titre au questionnaire.');

    const formId = await createSurvey(cookie);
    const base = surveyPath(w.project.slug, formId);
    const builder = await get(t, base, cookie);
    expect(builder.statusCode).toBe(200);
    expect(textOf(builder.body)).toContain('Ce questionnaire n’a pas encore de question.');

    const tooEarly = await post(t.app, { page: base, action: `${base}/ouvrir`, fields: [], cookie });
    expect(flashOf(tooEarly.headers['set-cookie'])).toContain('Ajoutez au moins une question');

    const newChoice = `${base}/questions/nouvelle?type=single_choice`;
    const noOptions = await post(t.app, {
      page: newChoice,
      action: `${base}/questions`,
      fields: [
        ['type', 'single_choice'],
        ['label', 'Avez-vous appelé ?'],
        ['nouvelle_1', 'Oui'],
      ],
      cookie,
    });
    expect(noOptions.statusCode).toBe(400);
    expect(textOf(noOptions.body)).toContain('Réponses proposées : Proposez au moins deux réponses.');
    expect(noOptions.body).toContain('value="Avez-vous appelé ?"');

    const added = await post(t.app, {
      page: newChoice,
      action: `${base}/questions`,
      fields: [
        ['type', 'single_choice'],
        ['label', 'Avez-vous appelé ?'],
        ['required', 'on'],
        ['nouvelle_1', 'Oui'],
        ['nouvelle_2', 'Non'],
      ],
      cookie,
    });
    expect(added.statusCode).toBe(303);
    const [first] = (await formOf(formId)).questions as {
      id: string;
      options: { id: string; label: string }[];
    }[];
    expect(first).toMatchObject({ type: 'single_choice', required: true, label: 'Avez-vous appelé ?' });
    const yes = first!.options.find((o) => o.label === 'Oui')!;

    const newNumber = `${base}/questions/nouvelle?type=number`;
    const numberPage = await get(t, newNumber, cookie);
    expect(textOf(numberPage.body)).toContain('Question 1 : Avez-vous appelé ?');
    const conditional = await post(t.app, {
      page: newNumber,
      action: `${base}/questions`,
      fields: [
        ['type', 'number'],
        ['label', 'Combien de fois ?'],
        ['nature', 'entier'],
        ['minimum', '0'],
        ['condition', `${first!.id}:${yes.id}`],
      ],
      cookie,
    });
    expect(conditional.statusCode).toBe(303);
    const questions = await questionsOf(formId);
    expect(questions[1]).toMatchObject({
      type: 'number',
      integer: true,
      min: 0,
      showIf: { questionId: first!.id, equals: yes.id },
    });

    const texts = await post(t.app, {
      page: base,
      action: `${base}/textes`,
      fields: [
        ['title', 'Votre accueil'],
        ['intro', 'Trois minutes.'],
        ['thanks', 'Merci !'],
      ],
      cookie,
    });
    expect(texts.statusCode).toBe(303);
    const opened = await post(t.app, { page: base, action: `${base}/ouvrir`, fields: [], cookie });
    expect(opened.statusCode).toBe(303);
    expect(await formOf(formId)).toMatchObject({
      status: 'ouvert',
      title: 'Votre accueil',
      intro: 'Trois minutes.',
    });

    const page = await get(t, base, cookie);
    const form = await formOf(formId);
    expect(textOf(page.body)).toContain(`http://localhost:3000/questionnaire/${form.publicToken}`);
    expect(textOf(page.body)).toContain('Répondez si vous avez choisi « Oui » à la question 1.');

    // The public link works without signing in, and a double submit records one response.
    const publicPath = `/questionnaire/${form.publicToken}`;
    const publicPage = await t.app.inject({ url: publicPath });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(publicPage.body)![1]!;
    const key = /name="_cle" value="([^"]+)"/.exec(publicPage.body)![1]!;
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: publicPath,
        headers: {
          cookie: mergeCookies(undefined, publicPage.headers['set-cookie']),
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({
          _csrf: csrf,
          _cle: key,
          [first!.id]: yes.id,
          [questions[1]!.id]: '3',
        }).toString(),
      });
    expect((await send()).statusCode).toBe(303);
    expect((await send()).statusCode).toBe(303);
    const rows = await db.select().from(formResponses).where(eq(formResponses.formId, formId));
    expect(rows.map((r) => r.answers)).toEqual([{ [first!.id]: yes.id, [questions[1]!.id]: 3 }]);

    // Now answered: the question cannot be deleted, and the page says why.
    const refused = await post(t.app, {
      page: base,
      action: `${base}/questions/${questions[1]!.id}/supprimer`,
      fields: [],
      cookie,
    });
    expect(refused.statusCode).toBe(303);
    expect(flashOf(refused.headers['set-cookie'])).toContain(
      'Une personne a déjà répondu à la question « Combien de fois ? » : la supprimer effacerait leurs réponses.',
    );
    expect(await questionsOf(formId)).toHaveLength(2);

    // An answered option cannot be emptied from the edit form; the form comes back with the reason.
    const edit = `${base}/questions/${first!.id}`;
    const no = first!.options.find((o) => o.label === 'Non')!;
    const emptied = await post(t.app, {
      page: edit,
      fields: [
        ['label', 'Avez-vous appelé ?'],
        [`option_${yes.id}`, ''],
        [`option_${no.id}`, 'Non'],
        ['nouvelle_1', 'Je ne sais plus'],
      ],
      cookie,
    });
    expect(emptied.statusCode).toBe(400);
    expect(textOf(emptied.body)).toContain('La réponse « Oui » a déjà été choisie une fois');
    expect(emptied.body).toContain('value="Je ne sais plus"');

    // Results and export.
    const results = await get(t, `${base}/resultats`, cookie);
    expect(results.statusCode).toBe(200);
    expect(results.body).toContain('role="img"');
    expect(textOf(results.body)).toMatch(/Oui 1 100\s%/);
    const csv = await get(t, `${base}/export.csv`, cookie);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe(
      '\uFEFFDate;Source;N° du questionnaire papier;Avez-vous appelé ?;Combien de fois ?',
    );
    expect(csv.body.split('\r\n')[1]).toMatch(/;En ligne;;Oui;3$/);
    const exports = await auditTrail(db, { action: 'export', resourceId: formId });
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({ actorId: w.varAgent.id, resourceType: 'form_response' });

    // Closing stops the public link.
    await post(t.app, { page: base, action: `${base}/clore`, fields: [], cookie });
    expect((await t.app.inject({ url: publicPath })).statusCode).toBe(410);
  });

  it('lets the team type paper answers in, once per paper number', async () => {
    const formId = await createSurvey(w.incubatorAgent.cookie, 'Enquête papier');
    const base = surveyPath(w.project.slug, formId);
    await post(t.app, {
      page: `${base}/questions/nouvelle?type=scale`,
      action: `${base}/questions`,
      fields: [
        ['type', 'scale'],
        ['label', 'Note de l’accueil'],
        ['required', 'on'],
        ['min', '1'],
        ['max', '5'],
      ],
      cookie: w.incubatorAgent.cookie,
    });
    const [scale] = await questionsOf(formId);
    const entry = `${base}/saisie`;
    expect(textOf((await get(t, entry, w.coach.cookie)).body)).toContain('Ouvrez d’abord le questionnaire');
    await post(t.app, { page: base, action: `${base}/ouvrir`, fields: [], cookie: w.coach.cookie });

    const missing = await post(t.app, {
      page: entry,
      fields: [
        ['_papier', ''],
        [scale!.id, '4'],
      ],
      cookie: w.coach.cookie,
    });
    expect(missing.statusCode).toBe(400);
    expect(textOf(missing.body)).toContain('Saisissez le numéro écrit sur le questionnaire papier.');

    // A required question left blank on paper stays blank.
    const blank = await post(t.app, { page: entry, fields: [['_papier', '12']], cookie: w.coach.cookie });
    expect(blank.statusCode).toBe(303);
    const entered = await post(t.app, {
      page: entry,
      fields: [
        ['_papier', '13'],
        [scale!.id, '4'],
      ],
      cookie: w.coach.cookie,
    });
    expect(entered.statusCode).toBe(303);
    const twice = await post(t.app, {
      page: entry,
      fields: [
        ['_papier', '13'],
        [scale!.id, '2'],
      ],
      cookie: w.coach.cookie,
    });
    expect(twice.statusCode).toBe(409);
    expect(textOf(twice.body)).toContain('Ce numéro est déjà saisi : vérifiez-le sur le papier.');
    expect(twice.body).toContain('value="13"');

    const rows = await db.select().from(formResponses).where(eq(formResponses.formId, formId));
    expect(rows.map((r) => [r.paperRef, r.answers, r.source, r.enteredBy]).sort()).toEqual([
      ['12', {}, 'papier', w.coach.id],
      ['13', { [scale!.id]: 4 }, 'papier', w.coach.id],
    ]);
    expect(
      await auditTrail(db, { action: 'create', resourceType: 'form_response', resourceId: formId }),
    ).toHaveLength(2);
    const list = await get(t, surveysPath(w.project.slug), w.coach.cookie);
    expect(textOf(list.body)).toMatch(/Enquête papier Ouvert 0 2/);
  });

  it('shows a manager the surveys and results, but refuses changes (403)', async () => {
    const formId = await createSurvey(w.varAgent.cookie, 'Enquête du responsable');
    const base = surveyPath(w.project.slug, formId);
    const manager = w.varColleague.cookie;
    const listPage = await get(t, list, manager);
    expect(listPage.statusCode).toBe(200);
    expect(listPage.body).not.toContain('Créer l’enquête');
    const builder = await get(t, base, manager);
    expect(builder.statusCode).toBe(200);
    expect(builder.body).not.toContain('Ajouter cette question');
    expect((await get(t, `${base}/resultats`, manager)).statusCode).toBe(200);
    expect((await get(t, `${base}/saisie`, manager)).statusCode).toBe(403);
    expect((await get(t, `${base}/questions/nouvelle?type=text`, manager)).statusCode).toBe(403);
    // A change posted anyway (with a valid token from a page they may see).
    const refused = await post(t.app, { page: base, action: `${base}/ouvrir`, fields: [], cookie: manager });
    expect(refused.statusCode).toBe(403);
    const created = await post(t.app, { page: list, fields: [['title', 'Non']], cookie: manager });
    expect(created.statusCode).toBe(403);
  });

  it('does not show a survey under another project', async () => {
    const formId = await createSurvey(w.varAgent.cookie, 'Enquête du premier projet');
    const other = await surveyWorld(db);
    const path = surveyPath(other.project.slug, formId);
    expect((await get(t, path, other.varAgent.cookie)).statusCode).toBe(404);
  });
});
