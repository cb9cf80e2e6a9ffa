import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { forms } from '../../../platform/forms/tables.ts';
import { fieldError, get } from '../../../platform/tenancy/testing.ts';
import { submitForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { evidence, hypotheses, interviews } from '../tables.ts';
import { journalPath } from './paths.ts';
import { surveyOwnerRef } from './surveys.repository.ts';
import { type JournalWorld, journalModule, journalWorld, newSurvey } from './testing.ts';

describe('the evidence ledger', () => {
  let t: TestContext;
  let db: Db;
  let w: JournalWorld;
  const mine = { hypothesis: '', interview: '', survey: '' };
  const theirs = { hypothesis: '', interview: '', survey: '', otherModule: '' };
  const path = (rest = '') => journalPath(w.project.slug, rest);
  const base = {
    nature: 'donnees',
    objet: 'recurrence',
    confiance: 'forte',
    titre: '70 % des appels perdus',
    resume: 'Relevé de l’autocommutateur sur 4 semaines.',
    source: 'Standard de l’UTS',
    date: '01/03/2019',
  };
  const post = (fields: Record<string, string>, page = path('/preuves/nouvelle')) =>
    submitForm(t.app, { page, fields, cookie: w.varAgent.cookie });
  const ledger = () => db.select().from(evidence).where(eq(evidence.projectId, w.project.id));

  const hypothesisOf = async (projectId: string, statement: string) =>
    (await db.insert(hypotheses).values({ projectId, statement }).returning())[0]!.id;
  const interviewOf = async (projectId: string, role: string) =>
    (
      await db
        .insert(interviews)
        .values({ projectId, intervieweeRole: role, interviewedOn: '2019-03-05', consentRecorded: false })
        .returning()
    )[0]!.id;

  beforeAll(async () => {
    t = await startTestApp({}, [journalModule]);
    db = t.platform.database.db;
    w = await journalWorld(db);
    mine.hypothesis = await hypothesisOf(w.project.id, 'Les appels se perdent à midi');
    mine.interview = await interviewOf(w.project.id, 'Secrétaire d’accueil');
    mine.survey = (await newSurvey(db, w.project.id, 'Enquête auprès des appelants')).id;
    theirs.hypothesis = await hypothesisOf(w.other.id, 'Hypothèse de Pau');
    theirs.interview = await interviewOf(w.other.id, 'Bénévole');
    theirs.survey = (await newSurvey(db, w.other.id, 'Enquête de Pau')).id;
    // Same owner reference, another module: not a survey of the project.
    const [foreignModule] = await db
      .insert(forms)
      .values({
        module: 'binomes',
        ownerRef: surveyOwnerRef(w.project.id),
        title: 'Autre',
        publicToken: 'jeton-binomes',
      })
      .returning();
    theirs.otherModule = foreignModule!.id;
  });
  afterAll(() => t.close());

  it('offers the project’s own hypotheses, interviews (by role and date) and surveys (by title)', async () => {
    const page = await get(t, path('/preuves/nouvelle'), w.varAgent.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Les appels se perdent à midi');
    expect(page.body).toContain('Secrétaire d’accueil, 5 mars 2019');
    expect(page.body).toContain('Enquête auprès des appelants');
    for (const foreign of ['Hypothèse de Pau', 'Bénévole', 'Enquête de Pau', '>Autre<']) {
      expect(page.body).not.toContain(foreign);
    }
  });

  it('records a piece linked to them, shown under its claim with the claim’s summary', async () => {
    const { response } = await post({
      ...base,
      hypothese: mine.hypothesis,
      entretien: mine.interview,
      enquete: mine.survey,
    });
    expect(response.statusCode).toBe(303);
    const [row] = await ledger();
    expect(row).toMatchObject({
      kind: 'donnees',
      claim: 'recurrence',
      confidence: 'forte',
      collectedOn: '2019-03-01',
      hypothesisId: mine.hypothesis,
      interviewId: mine.interview,
      formId: mine.survey,
      createdBy: w.varAgent.id,
    });
    await post({ ...base, titre: 'Témoignage', confiance: 'faible', nature: 'entretien' });
    const overview = await get(t, path(), w.varAgent.cookie);
    expect(overview.body).toContain('2 preuves · confiance la plus forte : forte');
    expect(overview.body).toContain('Hypothèse : Les appels se perdent à midi');
    expect(overview.body).toContain('Enquête : Enquête auprès des appelants');
    expect(overview.body.match(/Aucune preuve pour l’instant\./g)).toHaveLength(3);
  });

  it('refuses a link forged to another project’s hypothesis, interview or survey', async () => {
    const before = (await ledger()).length;
    const cases: [string, string, string][] = [
      ['hypothese', theirs.hypothesis, 'Choisissez une hypothèse de ce projet'],
      ['entretien', theirs.interview, 'Choisissez un entretien de ce projet'],
      ['enquete', theirs.survey, 'Choisissez une enquête de ce projet'],
      ['enquete', theirs.otherModule, 'Choisissez une enquête de ce projet'],
      ['hypothese', 'pas-un-identifiant', 'Choisissez une hypothèse de ce projet'],
    ];
    for (const [field, id, message] of cases) {
      const { response } = await post({ ...base, titre: 'Forgée', [field]: id });
      expect(response.statusCode, `${field} ${id}`).toBe(400);
      expect(fieldError(response.body, field)).toContain(message);
      // What was typed is kept.
      expect(response.body).toContain('value="Forgée"');
    }
    expect(await ledger()).toHaveLength(before);
  });

  it('refuses the same forged link when a piece is corrected', async () => {
    const [row] = (await ledger()).filter((r) => r.title === 'Témoignage');
    const page = path(`/preuves/${row!.id}`);
    const forged = await post({ ...base, titre: 'Témoignage', hypothese: theirs.hypothesis }, page);
    expect(forged.response.statusCode).toBe(400);
    expect((await ledger()).find((r) => r.id === row!.id)!.hypothesisId).toBeNull();

    const fixed = await post(
      { ...base, titre: 'Témoignage d’une secrétaire', confiance: 'moyenne', entretien: mine.interview },
      page,
    );
    expect(fixed.response.statusCode).toBe(303);
    expect((await ledger()).find((r) => r.id === row!.id)).toMatchObject({
      title: 'Témoignage d’une secrétaire',
      confidence: 'moyenne',
      interviewId: mine.interview,
    });
  });

  it('checks each field and keeps the input', async () => {
    const { response } = await post({ titre: '', date: '31/02/2019', nature: 'rumeur' });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'titre')).toContain('Donnez un titre');
    expect(fieldError(response.body, 'date')).toContain('date valide');
    expect(fieldError(response.body, 'nature')).toContain('nature');
    expect(fieldError(response.body, 'objet')).toContain('Choisissez ce que la preuve appuie');
  });

  it('removes a piece; another project’s piece is not found', async () => {
    const [row] = (await ledger()).filter((r) => r.title === 'Témoignage d’une secrétaire');
    const [foreign] = await db
      .insert(evidence)
      .values({
        projectId: w.other.id,
        kind: 'document',
        claim: 'solution',
        confidence: 'faible',
        title: 'De Pau',
        collectedOn: '2019-03-01',
      })
      .returning();
    const refused = await submitForm(t.app, {
      page: path(),
      action: path(`/preuves/${foreign!.id}/supprimer`),
      fields: {},
      cookie: w.varAgent.cookie,
    });
    expect(refused.response.statusCode).toBe(404);
    const { response } = await submitForm(t.app, {
      page: path(),
      action: path(`/preuves/${row!.id}/supprimer`),
      fields: {},
      cookie: w.varAgent.cookie,
    });
    expect(response.statusCode).toBe(303);
    expect((await ledger()).some((r) => r.id === row!.id)).toBe(false);
    expect(await db.select().from(evidence).where(eq(evidence.id, foreign!.id))).toHaveLength(1);
  });
});
