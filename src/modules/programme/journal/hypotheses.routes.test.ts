import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { fieldError, get } from '../../../platform/tenancy/testing.ts';
import { submitForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { evidence, hypotheses } from '../tables.ts';
import { journalPath } from './paths.ts';
import { type JournalWorld, journalModule, journalWorld, postAndFollow } from './testing.ts';

describe('hypotheses', () => {
  let t: TestContext;
  let db: Db;
  let w: JournalWorld;
  const path = (rest = '') => journalPath(w.project.slug, rest);
  const post = (action: string, fields: Record<string, string>, page = path()) =>
    submitForm(t.app, { page, action, fields, cookie: w.varAgent.cookie });
  const rows = () =>
    db
      .select()
      .from(hypotheses)
      .where(eq(hypotheses.projectId, w.project.id))
      .orderBy(asc(hypotheses.position));
  const add = async (enonce: string) => {
    const { response } = await post(path('/hypotheses/nouvelle'), { enonce });
    expect(response.statusCode).toBe(303);
    return (await rows()).find((h) => h.statement === enonce)!;
  };

  beforeAll(async () => {
    t = await startTestApp({}, [journalModule]);
    db = t.platform.database.db;
    w = await journalWorld(db);
  });
  afterAll(() => t.close());

  it('are added « à tester », last, and an empty one is refused with its message', async () => {
    const { response } = await post(path('/hypotheses/nouvelle'), { enonce: '  ' });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'enonce')).toContain('Écrivez l’hypothèse');

    const first = await add('Les appels se perdent surtout entre 12 h et 14 h');
    const second = await add('Les usagers rappellent plusieurs fois');
    expect(first).toMatchObject({ state: 'a_tester', position: 0, createdBy: w.varAgent.id });
    expect(second.position).toBe(1);
    const page = await get(t, path(), w.varAgent.cookie);
    expect(page.body).toContain('2 à tester · 0 en test · 0 invalidée · 0 confirmée');
  });

  it('are tested before being concluded, and concluded with what was learnt', async () => {
    const h = await add('Les agents ne savent pas à qui transférer');
    const edit = path(`/hypotheses/${h.id}`);
    const change = (fields: Record<string, string>) => post(`${edit}/etat`, fields, edit);

    const early = await change({ etat: 'confirmee', conclusion: 'Confirmé' });
    expect(early.response.statusCode).toBe(400);
    expect(early.response.body).toContain('passez-la d’abord « en test »');

    expect((await change({ etat: 'en_test' })).response.statusCode).toBe(303);
    const noConclusion = await change({ etat: 'invalidee', conclusion: '' });
    expect(noConclusion.response.statusCode).toBe(400);
    expect(fieldError(noConclusion.response.body, 'conclusion')).toContain('Écrivez ce que vous avez appris');
    expect((await rows()).find((r) => r.id === h.id)!.state).toBe('en_test');

    const { next } = await postAndFollow(t, {
      page: edit,
      action: `${edit}/etat`,
      fields: { etat: 'invalidee', conclusion: 'Un annuaire interne existe et sert.' },
      cookie: w.varAgent.cookie,
    });
    expect(next!.body).toContain('État de l’hypothèse changé.');
    expect(next!.body).toContain('Un annuaire interne existe et sert.');
    expect((await rows()).find((r) => r.id === h.id)).toMatchObject({
      state: 'invalidee',
      conclusion: 'Un annuaire interne existe et sert.',
    });

    // Reopened, it keeps its conclusion for the next time; an unknown state is refused.
    expect((await change({ etat: 'en_test' })).response.statusCode).toBe(303);
    expect((await rows()).find((r) => r.id === h.id)).toMatchObject({
      state: 'en_test',
      conclusion: 'Un annuaire interne existe et sert.',
    });
    expect((await change({ etat: 'peut-etre' })).response.statusCode).toBe(400);
  });

  it('are reworded', async () => {
    const h = await add('Formulation brouillonne');
    const edit = path(`/hypotheses/${h.id}`);
    expect((await post(edit, { enonce: 'Formulation claire' }, edit)).response.statusCode).toBe(303);
    expect((await rows()).find((r) => r.id === h.id)!.statement).toBe('Formulation claire');
  });

  it('move up and down among those of the same state', async () => {
    const before = (await rows()).filter((r) => r.state === 'a_tester').map((r) => r.id);
    const last = before.at(-1)!;
    await post(path(`/hypotheses/${last}/ordre`), { sens: 'monter' });
    const after = (await rows()).filter((r) => r.state === 'a_tester').map((r) => r.id);
    expect(after).toEqual([...before.slice(0, -2), last, before.at(-2)]);
    // The first one cannot go higher: nothing changes.
    await post(path(`/hypotheses/${after[0]}/ordre`), { sens: 'monter' });
    expect((await rows()).filter((r) => r.state === 'a_tester').map((r) => r.id)).toEqual(after);
  });

  it('are deleted, unless evidence cites them', async () => {
    const cited = await add('Citée par une preuve');
    await db.insert(evidence).values({
      projectId: w.project.id,
      kind: 'observation',
      claim: 'recurrence',
      confidence: 'moyenne',
      title: 'Observation au standard',
      collectedOn: '2019-03-04',
      hypothesisId: cited.id,
    });
    const edit = path(`/hypotheses/${cited.id}`);
    expect((await get(t, edit, w.varAgent.cookie)).body).toContain('citée par 1 preuve du registre');
    const refused = await postAndFollow(t, {
      page: edit,
      action: `${edit}/supprimer`,
      fields: {},
      cookie: w.varAgent.cookie,
    });
    expect(refused.response.headers.location).toBe(edit);
    expect(refused.next!.body).toContain('Cette hypothèse est citée par 1 preuve du registre');
    expect((await rows()).some((r) => r.id === cited.id)).toBe(true);

    const free = await add('À supprimer');
    const { response } = await post(
      path(`/hypotheses/${free.id}/supprimer`),
      {},
      path(`/hypotheses/${free.id}`),
    );
    expect(response.statusCode).toBe(303);
    expect((await rows()).some((r) => r.id === free.id)).toBe(false);
  });
});
