import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { textOf } from '../../../platform/scheduling/public/testing.ts';
import { auditTrail, fieldError, get } from '../../../platform/tenancy/testing.ts';
import { newAgent } from '../../../platform/testing/factories.ts';
import { submitForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { criteria, jurors, reviews } from '../tables.ts';
import { type ProgrammeWorld, programmeWorld } from '../testing.ts';
import { newProblem, SPACE_PATHS as paths, reviewFields, selectionOnly } from './testing.ts';

/** The jury page: members by email, their conflicts, the rubric's labels and weights until the first review. */
describe('the jury of a call', () => {
  let t: TestContext;
  let db: Db;
  let w: ProgrammeWorld;

  beforeAll(async () => {
    t = await startTestApp({}, [selectionOnly]);
    db = t.platform.database.db;
    w = await programmeWorld(db);
  });
  afterAll(() => t.close());

  const addJuror = (email: string, cookie = w.incubatorAdmin.cookie) =>
    submitForm(t.app, { page: paths.jury(w.call.id), cookie, fields: { email } });
  const rubricFields = (changes: Record<string, string> = {}) => ({
    libelle_impact: 'Impact pour les usagers',
    poids_impact: '3',
    libelle_recurrence: 'Récurrence',
    poids_recurrence: '2',
    libelle_evidence: 'Éléments de preuve',
    poids_evidence: '2',
    libelle_feasibility: 'Faisabilité en trois mois',
    poids_feasibility: '2',
    libelle_sponsor: 'Engagement du sponsor',
    poids_sponsor: '1',
    ...changes,
  });
  const saveRubric = (fields: Record<string, string>) =>
    submitForm(t.app, {
      page: paths.jury(w.call.id),
      action: `${paths.jury(w.call.id)}/grille`,
      cookie: w.coach.cookie,
      fields,
    });

  it('is for the cohort’s staff only (the coach included); anyone else gets 404', async () => {
    expect((await get(t, paths.jury(w.call.id), w.coach.cookie)).statusCode).toBe(200);
    expect((await get(t, paths.jury(w.call.id), w.incubatorAgent.cookie)).statusCode).toBe(200);
    for (const cookie of [w.varAgent.cookie, w.pauAgent.cookie, w.outsider.cookie]) {
      expect((await get(t, paths.jury(w.call.id), cookie)).statusCode).toBe(404);
    }
    expect(
      (await get(t, paths.jury('00000000-0000-0000-0000-000000000000'), w.coach.cookie)).statusCode,
    ).toBe(404);
    const refused = await t.app.inject({ method: 'GET', url: paths.jury(w.call.id) });
    expect(refused.statusCode).toBe(303); // to the sign-in page
  });

  it('adds any agent by email, whatever their organisation, and shows it', async () => {
    const elected = await newAgent(db, { firstName: 'Élise', lastName: 'Élue', memberships: [] });
    expect((await addJuror(w.outsider.email)).response.statusCode).toBe(303);
    expect((await addJuror(` ${elected.email.toUpperCase()} `)).response.statusCode).toBe(303);
    const page = textOf((await get(t, paths.jury(w.call.id), w.incubatorAdmin.cookie)).body);
    expect(page).toContain('Service voisin (Département voisin)');
    expect(page).toContain('Élise Élue');
    expect(page).toContain('Aucune organisation');
    expect(await db.select().from(jurors).where(eq(jurors.callId, w.call.id))).toHaveLength(2);
    expect(await auditTrail(db, { resourceType: 'programme_juror', action: 'create' })).toHaveLength(2);
  });

  it('refuses an unknown address, a malformed one, and someone already on the jury, with the value kept', async () => {
    const unknown = await addJuror('personne@nulle-part.fr');
    expect(unknown.response.statusCode).toBe(400);
    expect(fieldError(unknown.response.body, 'email')).toContain('Aucun agent n’a cette adresse');
    expect(unknown.response.body).toContain('value="personne@nulle-part.fr"');
    const malformed = await addJuror('pas une adresse');
    expect(malformed.response.statusCode).toBe(400);
    expect(fieldError(malformed.response.body, 'email')).toContain('adresse électronique valide');
    const twice = await addJuror(w.outsider.email);
    expect(twice.response.statusCode).toBe(400);
    expect(fieldError(twice.response.body, 'email')).toContain('fait déjà partie du jury');
  });

  it('removes a juror', async () => {
    const { response } = await submitForm(t.app, {
      page: paths.jury(w.call.id),
      action: `${paths.jury(w.call.id)}/${w.outsider.id}/retirer`,
      cookie: w.incubatorAdmin.cookie,
      fields: {},
    });
    expect(response.statusCode).toBe(303);
    const left = await db.select().from(jurors).where(eq(jurors.callId, w.call.id));
    expect(left.map((j) => j.agentId)).not.toContain(w.outsider.id);
  });

  it('edits labels and weights 1–10; a wrong weight is refused with the values kept', async () => {
    const wrong = await saveRubric(rubricFields({ poids_sponsor: '11', libelle_impact: '' }));
    expect(wrong.response.statusCode).toBe(400);
    expect(fieldError(wrong.response.body, 'poids_sponsor')).toBe('Choisissez un poids de 1 à 10.');
    expect(fieldError(wrong.response.body, 'libelle_impact')).toBe('Donnez un intitulé à ce critère.');
    expect(wrong.response.body).toContain('value="Récurrence"');

    const saved = await saveRubric(rubricFields({ poids_sponsor: '4', libelle_impact: 'Impact réel' }));
    expect(saved.response.statusCode).toBe(303);
    const rows = await db.select().from(criteria).where(eq(criteria.callId, w.call.id));
    const byKey = Object.fromEntries(rows.map((c) => [c.key, c]));
    expect(byKey.sponsor!.weight).toBe(4);
    expect(byKey.impact!.label).toBe('Impact réel');
    expect(byKey.impact!.description).toContain('Combien de personnes');
  });

  it('lists each juror’s conflicts, then locks the rubric at the first review and explains why', async () => {
    // Victor joins the jury and reviews; Sabine (UTS La Seyne) is conflicted on her service's problem.
    await addJuror(w.varColleague.email);
    await addJuror(w.varSameService.email);
    const problem = await newProblem(db, w, {
      submitterAgentId: w.varAgent.id,
      organisationId: w.utsLaSeyne.id,
    });
    const before = textOf((await get(t, paths.jury(w.call.id), w.coach.cookie)).body);
    expect(before).toMatch(
      /Sabine .*Les allocataires du RSA attendent huit mois .* : membre du service qui a proposé ce problème/,
    );

    const reviewed = await submitForm(t.app, {
      page: paths.evaluation(problem.id),
      cookie: w.varColleague.cookie,
      fields: reviewFields([3, 3, 3, 3, 3]),
    });
    expect(reviewed.response.statusCode).toBe(303);
    expect(await db.select().from(reviews)).toHaveLength(1);

    const page = await get(t, paths.jury(w.call.id), w.coach.cookie);
    expect(textOf(page.body)).toContain('Grille verrouillée');
    expect(textOf(page.body)).toContain('1 avis donné');
    expect(page.body).not.toContain('name="poids_sponsor"');
    const refused = await t.app.inject({
      method: 'POST',
      url: `${paths.jury(w.call.id)}/grille`,
      headers: { cookie: w.coach.cookie },
      payload: rubricFields(),
    });
    expect(refused.statusCode).toBe(403); // no CSRF token: refused before anything else
    const locked = await saveRubric(rubricFields({ poids_sponsor: '1' }));
    expect(locked.response.statusCode).toBe(409);
    const sponsor = (await db.select().from(criteria).where(eq(criteria.callId, w.call.id))).find(
      (c) => c.key === 'sponsor',
    );
    expect(sponsor!.weight).toBe(4);
  });
});
