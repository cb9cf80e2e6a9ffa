import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { get } from '../../../platform/tenancy/testing.ts';
import { submitForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { evidence, hypotheses, interviews, keyFigures, milestones } from '../tables.ts';
import { journalPath } from './paths.ts';
import { type JournalWorld, journalModule, journalWorld, postAndFollow } from './testing.ts';

describe('the investigation journal: who may read and write', () => {
  let t: TestContext;
  let db: Db;
  let w: JournalWorld;
  let hypothesisId: string;
  let evidenceId: string;
  let interviewId: string;
  let figureId: string;
  let milestoneId: string;
  const overview = () => journalPath(w.project.slug);

  beforeAll(async () => {
    t = await startTestApp({}, [journalModule]);
    db = t.platform.database.db;
    w = await journalWorld(db);
    const [h] = await db
      .insert(hypotheses)
      .values({ projectId: w.project.id, statement: 'Les appels se perdent à midi' })
      .returning();
    hypothesisId = h!.id;
    const [i] = await db
      .insert(interviews)
      .values({
        projectId: w.project.id,
        intervieweeRole: 'Secrétaire d’accueil',
        intervieweeName: 'Martine Dupuis',
        interviewedOn: '2019-03-05',
        consentRecorded: true,
        consentMode: 'oral',
      })
      .returning();
    interviewId = i!.id;
    const [e] = await db
      .insert(evidence)
      .values({
        projectId: w.project.id,
        kind: 'donnees',
        claim: 'recurrence',
        confidence: 'forte',
        title: '70 % des appels perdus',
        collectedOn: '2019-03-01',
      })
      .returning();
    evidenceId = e!.id;
    const [f] = await db
      .insert(keyFigures)
      .values({ projectId: w.project.id, value: '70 %', label: 'des appels perdus' })
      .returning();
    figureId = f!.id;
    const [m] = await db
      .insert(milestones)
      .values({
        cohortId: w.cohort.id,
        projectId: w.project.id,
        kind: 'autre',
        title: 'Premier prototype',
        dueOn: '2019-04-01',
      })
      .returning();
    milestoneId = m!.id;
  });
  afterAll(() => t.close());

  it('opens for the team, its coach and the incubator, read-only for a member’s manager', async () => {
    for (const reader of [w.varAgent, w.coach, w.incubatorAgent, w.incubatorAdmin]) {
      const page = await get(t, overview(), reader.cookie);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Ajouter une hypothèse');
      expect(page.body).not.toContain('lecture seule');
    }
    const manager = await get(t, overview(), w.varSameService.cookie);
    expect(manager.statusCode).toBe(200);
    expect(manager.body).toContain('Vous consultez ce journal en lecture seule');
    expect(manager.body).toContain('Les appels se perdent à midi');
    expect(manager.body).not.toContain('Ajouter une hypothèse');
  });

  it('does not exist for anyone else: outsiders, other partner agents, another team', async () => {
    for (const stranger of [w.outsider, w.varColleague, w.varReadonly, w.pauAgent]) {
      expect((await get(t, overview(), stranger.cookie)).statusCode).toBe(404);
      expect(
        (await get(t, journalPath(w.project.slug, `/entretiens/${interviewId}`), stranger.cookie)).statusCode,
      ).toBe(404);
      const { response } = await submitForm(t.app, {
        page: overview(),
        action: journalPath(w.project.slug, '/hypotheses/nouvelle'),
        fields: { enonce: 'Intrusion' },
        cookie: stranger.cookie,
      });
      expect(response.statusCode).toBe(404);
    }
    expect((await get(t, journalPath('projet-inexistant'), w.varAgent.cookie)).statusCode).toBe(404);
  });

  it('sends to sign-in when nobody is signed in', async () => {
    const page = await get(t, overview());
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toContain('/connexion');
  });

  it('refuses every change to a manager with 403, and changes nothing', async () => {
    const cookie = w.varSameService.cookie;
    const attempts: [string, Record<string, string>][] = [
      ['/hypotheses/nouvelle', { enonce: 'Une autre' }],
      [`/hypotheses/${hypothesisId}`, { enonce: 'Reformulée' }],
      [`/hypotheses/${hypothesisId}/etat`, { etat: 'en_test' }],
      [`/hypotheses/${hypothesisId}/ordre`, { sens: 'descendre' }],
      [`/hypotheses/${hypothesisId}/supprimer`, {}],
      ['/preuves/nouvelle', { titre: 'x' }],
      [`/preuves/${evidenceId}`, { titre: 'x' }],
      [`/preuves/${evidenceId}/supprimer`, {}],
      ['/entretiens/nouveau', { role: 'x' }],
      [`/entretiens/${interviewId}/modifier`, { role: 'x' }],
      [`/entretiens/${interviewId}/supprimer`, {}],
      ['/chiffres/nouveau', { valeur: '1' }],
      [`/chiffres/${figureId}`, { valeur: '1' }],
      [`/chiffres/${figureId}/ordre`, { sens: 'monter' }],
      [`/chiffres/${figureId}/supprimer`, {}],
      ['/jalons/nouveau', { titre: 'x' }],
      [`/jalons/${milestoneId}/fait`, { faitLe: '2019-04-01' }],
      [`/jalons/${milestoneId}/supprimer`, {}],
    ];
    for (const [path, fields] of attempts) {
      const { response } = await submitForm(t.app, {
        page: overview(),
        action: journalPath(w.project.slug, path),
        fields,
        cookie,
      });
      expect(response.statusCode, path).toBe(403);
    }
    for (const form of [
      '/hypotheses/nouvelle',
      `/preuves/${evidenceId}`,
      `/entretiens/${interviewId}/modifier`,
    ]) {
      expect((await get(t, journalPath(w.project.slug, form), cookie)).statusCode, form).toBe(403);
    }
    expect(await db.select().from(hypotheses).where(eq(hypotheses.projectId, w.project.id))).toHaveLength(1);
    expect(await db.select().from(evidence).where(eq(evidence.projectId, w.project.id))).toHaveLength(1);
    expect(await db.select().from(keyFigures).where(eq(keyFigures.projectId, w.project.id))).toHaveLength(1);
    const [m] = await db.select().from(milestones).where(eq(milestones.id, milestoneId));
    expect(m!.doneOn).toBeNull();
  });

  it('answers 404 for a record of another project reached through this project’s URL', async () => {
    const [foreign] = await db
      .insert(hypotheses)
      .values({ projectId: w.other.id, statement: 'Hypothèse de Pau' })
      .returning();
    expect(
      (await get(t, journalPath(w.project.slug, `/hypotheses/${foreign!.id}`), w.varAgent.cookie)).statusCode,
    ).toBe(404);
    expect(
      (await get(t, journalPath(w.project.slug, '/hypotheses/pas-un-uuid'), w.varAgent.cookie)).statusCode,
    ).toBe(404);
  });
});

describe('key figures', () => {
  let t: TestContext;
  let db: Db;
  let w: JournalWorld;

  beforeAll(async () => {
    t = await startTestApp({}, [journalModule]);
    db = t.platform.database.db;
    w = await journalWorld(db);
  });
  afterAll(() => t.close());

  const figures = async () =>
    (await db.select().from(keyFigures).where(eq(keyFigures.projectId, w.project.id))).sort(
      (a, b) => a.position - b.position,
    );

  it('are added, corrected, reordered and deleted by the team, with clear messages on bad input', async () => {
    const page = journalPath(w.project.slug, '/chiffres/nouveau');
    const blank = await submitForm(t.app, {
      page,
      fields: { valeur: '', libelle: '' },
      cookie: w.varAgent.cookie,
    });
    expect(blank.response.statusCode).toBe(400);
    expect(blank.response.body).toContain('Indiquez le chiffre, par exemple « 70 % ».');

    for (const [valeur, libelle] of [
      ['70 %', 'des appels perdus'],
      ['59 %', 'des appelants rappellent 5 fois ou plus'],
    ]) {
      const { response } = await submitForm(t.app, {
        page,
        fields: { valeur: valeur!, libelle: libelle!, source: 'Relevé du standard, mars 2019', public: 'on' },
        cookie: w.varAgent.cookie,
      });
      expect(response.statusCode).toBe(303);
    }
    let rows = await figures();
    expect(rows.map((r) => r.value)).toEqual(['70 %', '59 %']);

    await submitForm(t.app, {
      page: journalPath(w.project.slug),
      action: journalPath(w.project.slug, `/chiffres/${rows[1]!.id}/ordre`),
      fields: { sens: 'monter' },
      cookie: w.varAgent.cookie,
    });
    rows = await figures();
    expect(rows.map((r) => r.value)).toEqual(['59 %', '70 %']);

    const { next } = await postAndFollow(t, {
      page: journalPath(w.project.slug, `/chiffres/${rows[0]!.id}`),
      fields: { valeur: '59 %', libelle: 'des appelants rappellent 5 fois ou plus', source: '' },
      cookie: w.varAgent.cookie,
    });
    expect(next!.body).toContain('Chiffre clé enregistré.');
    expect((await figures())[0]!.isPublic).toBe(false);

    await submitForm(t.app, {
      page: journalPath(w.project.slug),
      action: journalPath(w.project.slug, `/chiffres/${rows[1]!.id}/supprimer`),
      fields: {},
      cookie: w.varAgent.cookie,
    });
    expect((await figures()).map((r) => r.value)).toEqual(['59 %']);
  });
});
