import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../../platform/db/client.ts';
import { emailsQueuedFor } from '../../../../platform/messaging/testing.ts';
import { auditTrail, fieldError, get } from '../../../../platform/tenancy/testing.ts';
import { newAgent, signInAs } from '../../../../platform/testing/factories.ts';
import { submitForm } from '../../../../platform/testing/forms.ts';
import type { TestContext } from '../../../../platform/testing/harness.ts';
import { calls, problems } from '../../tables.ts';
import type { ProgrammeWorld } from '../../testing.ts';
import { paths } from '../paths.ts';
import { completeProblem, locationOf, startProgramme } from '../testing.ts';
import { PROBLEM_SUBMITTED } from './templates.ts';

describe('proposing a problem to a call', () => {
  let t: TestContext;
  let w: ProgrammeWorld;
  let db: Db;
  const newPage = () => paths.newProblem(w.call.id);
  const receipts = (email: string) => emailsQueuedFor(t.platform, email, PROBLEM_SUBMITTED);
  const problemOf = async (id: string) => (await db.select().from(problems).where(eq(problems.id, id)))[0]!;

  beforeAll(async () => {
    ({ t, w, db } = await startProgramme());
  });
  afterAll(async () => t?.close());

  it('keeps a draft with whatever is filled, visible to its author only', async () => {
    const form = await get(t, newPage(), w.varAgent.cookie);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Le problème en une phrase');
    expect(form.body).toContain('Enregistrer le brouillon');
    const { response } = await submitForm(t.app, {
      page: newPage(),
      cookie: w.varAgent.cookie,
      fields: { titre: 'Les rendez-vous RSA tardent', qui: '', intention: 'brouillon' },
    });
    expect(response.statusCode).toBe(303);
    const id = locationOf(response).split('/').at(-1)!;
    const draft = await problemOf(id);
    expect(draft).toMatchObject({
      status: 'brouillon',
      title: 'Les rendez-vous RSA tardent',
      submittedAt: null,
      organisationId: w.utsLaSeyne.id,
      territoryId: w.varTerritory.id,
    });
    expect((await get(t, paths.problem(id), w.varAgent.cookie)).body).toContain(
      'Ce brouillon n’est visible que par vous',
    );
    // Nobody else sees it, not even the staff, and it is not on the call page.
    for (const other of [w.incubatorAdmin, w.coach, w.varColleague])
      expect((await get(t, paths.problem(id), other.cookie)).statusCode).toBe(404);
    expect((await get(t, paths.call(w.call.id), w.incubatorAdmin.cookie)).body).not.toContain(
      'Les rendez-vous RSA tardent',
    );
    expect(await receipts(w.varAgent.email)).toHaveLength(0);

    // The author comes back to it: the form holds what they left, then they submit it.
    const edit = await get(t, paths.editProblem(id), w.varAgent.cookie);
    expect(edit.body).toContain('value="Les rendez-vous RSA tardent"');
    const { response: submitted } = await submitForm(t.app, {
      page: paths.editProblem(id),
      cookie: w.varAgent.cookie,
      fields: { ...completeProblem('Les rendez-vous RSA tardent'), intention: 'soumettre' },
    });
    expect(submitted.statusCode).toBe(303);
    expect((await problemOf(id)).status).toBe('soumis');
    expect(await receipts(w.varAgent.email)).toHaveLength(1);
  });

  it('refuses to submit with required fields empty, per field, writing nothing and keeping what was typed', async () => {
    const before = await db.select().from(problems);
    const { response } = await submitForm(t.app, {
      page: newPage(),
      cookie: w.varAgent.cookie,
      fields: {
        ...completeProblem('Le standard ne répond pas'),
        qui: '  ',
        preuves: '',
        intention: 'soumettre',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'qui')).toBe('Dites qui souffre du problème.');
    expect(fieldError(response.body, 'preuves')).toContain('Donnez au moins un élément');
    expect(fieldError(response.body, 'sponsor')).toBeUndefined();
    expect(response.body).toContain('value="Le standard ne répond pas"');
    expect(response.body).toContain('Un tableur partagé');
    expect(await db.select().from(problems)).toHaveLength(before.length);
  });

  it('submits, queues one receipt with a summary and the link, and does not send it again on edits', async () => {
    const { response } = await submitForm(t.app, {
      page: newPage(),
      cookie: w.varAgent.cookie,
      fields: { ...completeProblem('Les familles attendent l’accueil de jour'), intention: 'soumettre' },
    });
    expect(response.statusCode).toBe(303);
    const id = locationOf(response).split('/').at(-1)!;
    expect(await problemOf(id)).toMatchObject({
      status: 'soumis',
      whoSuffers: 'Les familles suivies par le service',
    });
    const receipt = (await receipts(w.varAgent.email)).find((e) => e.text.includes('accueil de jour'))!;
    expect(receipt.subject).toBe('Problème soumis : Les familles attendent l’accueil de jour');
    expect(receipt.text).toContain('Qui en souffre : Les familles suivies par le service');
    expect(receipt.text).toContain(`http://localhost:3000${paths.problem(id)}`);
    const count = (await receipts(w.varAgent.email)).length;

    const { response: edited } = await submitForm(t.app, {
      page: paths.editProblem(id),
      cookie: w.varAgent.cookie,
      fields: {
        ...completeProblem('Les familles attendent l’accueil de jour'),
        combien: 'Une cinquantaine',
        intention: 'soumettre',
      },
    });
    expect(edited.statusCode).toBe(303);
    expect((await problemOf(id)).howMany).toBe('Une cinquantaine');
    expect(await receipts(w.varAgent.email)).toHaveLength(count);
    // A submitted problem cannot go back to being a draft.
    const { response: backToDraft } = await submitForm(t.app, {
      page: paths.editProblem(id),
      cookie: w.varAgent.cookie,
      fields: { ...completeProblem('Les familles attendent l’accueil de jour'), intention: 'brouillon' },
    });
    expect(backToDraft.statusCode).toBe(303);
    expect((await problemOf(id)).status).toBe('soumis');
    const audited = await auditTrail(db, { resourceType: 'programme_problem', resourceId: id });
    expect(audited.map((a) => a.action)).toEqual(['create', 'update', 'update']);

    // It shows on the call page, for partner agents and staff alike.
    for (const reader of [w.pauAgent, w.incubatorAgent])
      expect((await get(t, paths.call(w.call.id), reader.cookie)).body).toContain(
        'Les familles attendent l’accueil de jour',
      );
  });

  it('refuses edits after the deadline, with a message, but shows the problem', async () => {
    const { response } = await submitForm(t.app, {
      page: newPage(),
      cookie: w.pauAgent.cookie,
      fields: {
        ...completeProblem('Les bacs de compost débordent'),
        service: 'CCAS de Pau',
        intention: 'soumettre',
      },
    });
    const id = locationOf(response).split('/').at(-1)!;
    const { closesAt } = w.call;
    await db
      .update(calls)
      .set({ closesAt: new Date(Date.now() - 60_000) })
      .where(eq(calls.id, w.call.id));
    try {
      const edit = await get(t, paths.editProblem(id), w.pauAgent.cookie);
      expect(edit.statusCode).toBe(403);
      expect(edit.body).toContain('L’appel est clos depuis le');
      expect(edit.body).toContain('vous ne pouvez plus modifier ce problème');
      const newOne = await get(t, newPage(), w.pauAgent.cookie);
      expect(newOne.statusCode).toBe(403);
      const page = await get(t, paths.problem(id), w.pauAgent.cookie);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('L’appel est clos : le problème ne peut plus être modifié.');
      expect(page.body).not.toContain(paths.editProblem(id));
    } finally {
      await db.update(calls).set({ closesAt }).where(eq(calls.id, w.call.id));
    }
  });

  it('is for partner agents only: an outsider gets 404, a read-only member and the staff 403', async () => {
    expect((await get(t, newPage(), w.outsider.cookie)).statusCode).toBe(404);
    const readonly = await get(t, newPage(), w.varReadonly.cookie);
    expect(readonly.statusCode).toBe(403);
    expect(readonly.body).toContain('Seuls les agents des collectivités partenaires');
    expect((await get(t, newPage(), w.incubatorAdmin.cookie)).statusCode).toBe(403);
    // Posting directly is refused the same way.
    const before = await db.select().from(problems);
    const { response: posted } = await submitForm(t.app, {
      page: paths.call(w.call.id),
      action: newPage(),
      cookie: w.varReadonly.cookie,
      fields: { ...completeProblem('Intrus'), intention: 'soumettre' },
    });
    expect(posted.statusCode).toBe(403);
    expect(await db.select().from(problems)).toHaveLength(before.length);
  });

  it('makes an agent of several partner services choose one', async () => {
    const both = await newAgent(db, {
      firstName: 'Bénédicte',
      memberships: [
        { organisationId: w.varInsertion.id, role: 'agent' },
        { organisationId: w.pauCcas.id, role: 'agent' },
      ],
    });
    const cookie = await signInAs(db, both.id);
    const form = await get(t, newPage(), cookie);
    expect(form.body).toContain('Au nom de quel service proposez-vous ce problème ?');
    const { response } = await submitForm(t.app, {
      page: newPage(),
      cookie,
      fields: { titre: 'Un brouillon', intention: 'brouillon' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Choisissez le service au nom duquel vous proposez ce problème.');
    const { response: chosen } = await submitForm(t.app, {
      page: newPage(),
      cookie,
      fields: { titre: 'Un brouillon', intention: 'brouillon', organisation: w.pauCcas.id },
    });
    expect(chosen.statusCode).toBe(303);
    const id = locationOf(chosen).split('/').at(-1)!;
    expect(await problemOf(id)).toMatchObject({
      organisationId: w.pauCcas.id,
      territoryId: w.pauTerritory.id,
    });
  });

  it('lets the author withdraw a draft, and nobody else', async () => {
    const { response } = await submitForm(t.app, {
      page: newPage(),
      cookie: w.varSameService.cookie,
      fields: { titre: 'À retirer', intention: 'brouillon' },
    });
    const id = locationOf(response).split('/').at(-1)!;
    const page = paths.problem(id);
    const { response: refused } = await submitForm(t.app, {
      page: paths.call(w.call.id),
      action: `${page}/suppression`,
      cookie: w.varAgent.cookie,
      fields: {},
    });
    expect(refused.statusCode).toBe(404);
    const { response: withdrawn } = await submitForm(t.app, {
      page,
      action: `${page}/suppression`,
      cookie: w.varSameService.cookie,
      fields: {},
    });
    expect(withdrawn.statusCode).toBe(303);
    expect(await db.select().from(problems).where(eq(problems.id, id))).toHaveLength(0);
  });
});
