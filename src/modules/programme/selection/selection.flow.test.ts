import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { localDayOf } from '../../../platform/scheduling/agenda/week-grid.ts';
import { textOf } from '../../../platform/scheduling/public/testing.ts';
import { auditTrail, emailsTo, fieldError, get } from '../../../platform/tenancy/testing.ts';
import { newAgent, signInAs } from '../../../platform/testing/factories.ts';
import { submitForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { problems, projectPhases, projects, reviews, teamMembers } from '../tables.ts';
import { type ProgrammeWorld, programmeWorld } from '../testing.ts';
import { newProblem, SPACE_PATHS as paths, reviewFields, sayMeToo, selectionOnly } from './testing.ts';

/**
 * The selection scenario, through the pages: a submitted problem, a jury with an automatically
 * conflicted juror and one who declares a conflict, reviews and the ranking's arithmetic, decisions
 * (a retained problem becomes a project), and the notification emails, sent once.
 */
describe('selection: submission → review with a conflicted juror → decision → notification', () => {
  let t: TestContext;
  let db: Db;
  let w: ProgrammeWorld;
  let pascale: { id: string; email: string; cookie: string };
  let rsa: Awaited<ReturnType<typeof newProblem>>; // UTS La Seyne (Var)
  let compost: Awaited<ReturnType<typeof newProblem>>; // CCAS de Pau
  let draft: Awaited<ReturnType<typeof newProblem>>; // submitted, not yet pre-screened

  beforeAll(async () => {
    t = await startTestApp({}, [selectionOnly]);
    db = t.platform.database.db;
    w = await programmeWorld(db);
    const agent = await newAgent(db, {
      firstName: 'Pascale',
      memberships: [{ organisationId: w.pauCcas.id, role: 'agent' }],
    });
    pascale = { ...agent, cookie: await signInAs(db, agent.id) };
    rsa = await newProblem(db, w, { submitterAgentId: w.varAgent.id, organisationId: w.utsLaSeyne.id });
    compost = await newProblem(db, w, {
      submitterAgentId: pascale.id,
      organisationId: w.pauCcas.id,
      territoryId: w.pauTerritory.id,
      title: 'Les déchets de cuisine des habitants de Pau sont incinérés',
      whoSuffers: 'Les habitants sans jardin',
    });
    draft = await newProblem(db, w, {
      submitterAgentId: w.varAgent.id,
      organisationId: w.utsLaSeyne.id,
      status: 'soumis',
      title: 'Un problème pas encore pré-sélectionné',
    });
    await sayMeToo(db, rsa.id, w.pauAgent.id, 'CCAS de Pau');
    await sayMeToo(db, rsa.id, w.varColleague.id, 'Direction de l’insertion');
  });
  afterAll(() => t.close());

  const staff = () => w.incubatorAgent.cookie;
  const review = (cookie: string, problemId: string, scores: number[], comment = '') =>
    submitForm(t.app, { page: paths.evaluation(problemId), cookie, fields: reviewFields(scores, comment) });

  it('staff set up the jury by email; each juror’s organisation is shown', async () => {
    // Victor (Var insertion), Sabine (UTS La Seyne: the RSA problem's service), Paul (CCAS de Pau), the coach.
    for (const juror of [w.varColleague, w.varSameService, w.pauAgent, w.coach]) {
      const { response } = await submitForm(t.app, {
        page: paths.jury(w.call.id),
        cookie: staff(),
        fields: { email: juror.email.toUpperCase() },
      });
      expect(response.statusCode).toBe(303);
    }
    const page = textOf((await get(t, paths.jury(w.call.id), staff())).body);
    expect(page).toContain('UTS La Seyne');
    expect(page).toContain('Direction de l’insertion');
    // Sabine's conflict on the RSA problem is computed from her membership; Paul's on the compost one.
    expect(page).toContain('membre du service qui a proposé ce problème');
  });

  it('outsiders, and partner agents who are not jurors, get 404; jurors do not run the jury', async () => {
    for (const cookie of [w.outsider.cookie, w.varAgent.cookie, pascale.cookie]) {
      expect((await get(t, paths.evaluation(rsa.id), cookie)).statusCode).toBe(404);
      expect((await get(t, paths.selection(w.call.id), cookie)).statusCode).toBe(404);
      expect((await get(t, paths.jury(w.call.id), cookie)).statusCode).toBe(404);
    }
    expect((await get(t, paths.jury(w.call.id), w.varColleague.cookie)).statusCode).toBe(404);
    expect((await get(t, paths.decision(rsa.id), w.varColleague.cookie)).statusCode).toBe(403);
    // Not yet pre-screened: not before the jury, even for staff.
    expect((await get(t, paths.evaluation(draft.id), staff())).statusCode).toBe(404);
    expect((await get(t, paths.evaluation('pas-un-uuid'), staff())).statusCode).toBe(404);
  });

  it('a juror sees the problem in full with its « moi aussi », and a review form with every criterion', async () => {
    const page = await get(t, paths.evaluation(rsa.id), w.varColleague.cookie);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Les nouveaux allocataires du RSA');
    expect(text).toContain('Délai moyen mesuré : 8,5 mois');
    expect(text).toContain('2 « moi aussi »');
    expect(text).toContain('Faisabilité en trois mois');
    expect(page.body).toContain('name="note_impact"');
    expect(page.body).toContain('<legend');
  });

  it('an incomplete review is refused with a message, the chosen scores kept', async () => {
    const { response } = await review(w.varColleague.cookie, rsa.id, [4, 3], 'À compléter');
    expect(response.statusCode).toBe(400);
    expect(textOf(response.body)).toContain('Choisissez une note pour « Éléments de preuve ».');
    expect(response.body).toMatch(/value="3"\s+checked/);
    expect(await db.select().from(reviews)).toHaveLength(0);
  });

  it('the automatically conflicted juror cannot review, and sees neither reviews nor discussion', async () => {
    // Paul reviews, then writes in the discussion.
    expect(
      (await review(w.pauAgent.cookie, rsa.id, [2, 2, 2, 2, 2], 'Avis de Paul')).response.statusCode,
    ).toBe(303);
    const note = await submitForm(t.app, {
      page: paths.evaluation(rsa.id),
      action: `${paths.evaluation(rsa.id)}/notes`,
      cookie: w.pauAgent.cookie,
      fields: { texte: 'Le même délai existe à Pau.' },
    });
    expect(note.response.statusCode).toBe(303);

    const page = await get(t, paths.evaluation(rsa.id), w.varSameService.cookie);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Vous êtes en conflit d’intérêts sur ce problème');
    expect(page.body).not.toContain('name="note_impact"');
    expect(text).not.toContain('Avis de Paul');
    expect(text).not.toContain('Le même délai existe à Pau.');

    const refused = await review(w.varSameService.cookie, rsa.id, [4, 4, 4, 4, 4]);
    expect(refused.response.statusCode).toBe(403);
    // Her review from before she joined the service (written directly) stays out of the ranking.
    await db.insert(reviews).values({
      problemId: rsa.id,
      jurorAgentId: w.varSameService.id,
      scores: { impact: 0, recurrence: 0, evidence: 0, feasibility: 0, sponsor: 0 },
      comment: 'Donné avant de rejoindre l’UTS',
    });
  });

  it('a juror sees the others’ reviews only after giving their own', async () => {
    const before = textOf((await get(t, paths.evaluation(rsa.id), w.varColleague.cookie)).body);
    expect(before).not.toContain('Avis de Paul');
    expect(before).toContain('vous les verrez après avoir donné le vôtre');
    expect(before).toContain('Le même délai existe à Pau.');

    // 3×4 + 2×3 + 2×2 + 2×3 + 1×4 = 32 / 40 → 80
    expect(
      (await review(w.varColleague.cookie, rsa.id, [4, 3, 2, 3, 4], 'Très documenté')).response.statusCode,
    ).toBe(303);
    const after = textOf((await get(t, paths.evaluation(rsa.id), w.varColleague.cookie)).body);
    expect(after).toContain('Avis de Paul');
    // Sabine's review is shown, marked as not counting.
    expect(after).toContain('Non : membre du service qui a proposé ce problème');
  });

  it('a juror who declares a conflict (reason required) loses the form, the discussion, and their review’s weight', async () => {
    const empty = await submitForm(t.app, {
      page: paths.evaluation(rsa.id),
      action: `${paths.evaluation(rsa.id)}/conflit`,
      cookie: w.pauAgent.cookie,
      fields: { motif: '  ' },
    });
    expect(empty.response.statusCode).toBe(400);
    expect(fieldError(empty.response.body, 'motif')).toBe(
      'Expliquez en quelques mots la raison du conflit d’intérêts.',
    );

    const declared = await submitForm(t.app, {
      page: paths.evaluation(rsa.id),
      action: `${paths.evaluation(rsa.id)}/conflit`,
      cookie: w.pauAgent.cookie,
      fields: { motif: 'Ma sœur travaille à l’UTS La Seyne' },
    });
    expect(declared.response.statusCode).toBe(303);
    const page = await get(t, paths.evaluation(rsa.id), w.pauAgent.cookie);
    const text = textOf(page.body);
    expect(text).toContain('Ma sœur travaille à l’UTS La Seyne');
    expect(page.body).not.toContain('name="note_impact"');
    expect(text).not.toContain('Le même délai existe à Pau.');
    expect(text).not.toContain('Très documenté');
    expect((await review(w.pauAgent.cookie, rsa.id, [4, 4, 4, 4, 4])).response.statusCode).toBe(403);

    const jury = textOf((await get(t, paths.jury(w.call.id), staff())).body);
    expect(jury).toContain('conflit déclaré (« Ma sœur travaille à l’UTS La Seyne »)');
  });

  it('the rubric is locked once reviews exist, and the page says why', async () => {
    const page = textOf((await get(t, paths.jury(w.call.id), staff())).body);
    expect(page).toContain('Grille verrouillée');
    expect(page).toContain('des membres du jury ont déjà donné leur avis');
    const form = await get(t, paths.jury(w.call.id), staff());
    expect(form.body).not.toContain('name="poids_impact"');
  });

  it('ranks the reviewable problems on the counted reviews only', async () => {
    // The coach: 2 everywhere → 50. RSA: (80 + 50) / 2 = 65; Paul (declared) and Sabine (service) left out.
    expect((await review(w.coach.cookie, rsa.id, [2, 2, 2, 2, 2])).response.statusCode).toBe(303);
    // Victor on the compost problem: 1 everywhere → 25. Paul cannot: same service as Pascale.
    expect((await review(w.varColleague.cookie, compost.id, [1, 1, 1, 1, 1])).response.statusCode).toBe(303);
    expect((await review(w.pauAgent.cookie, compost.id, [4, 4, 4, 4, 4])).response.statusCode).toBe(403);

    const page = await get(t, paths.selection(w.call.id), staff());
    expect(page.statusCode).toBe(200);
    const rows = [...page.body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => textOf(m[1]!).trim());
    const rsaRow = rows.find((r) => r.includes('huit mois'))!;
    const compostRow = rows.find((r) => r.includes('déchets de cuisine'))!;
    // Rank, title, territory, reviews (2, 2 left out), score, per-criterion means, « moi aussi », decision.
    expect(rsaRow).toMatch(
      /^1 Les allocataires .* Département du Var 2 2 écarté\(s\) 65 3 2,5 2 2,5 3 2 À décider/,
    );
    expect(compostRow).toMatch(/^2 Les déchets .* Pau Béarn Pyrénées 1 25 1 1 1 1 1 0 À décider/);
    expect(textOf(page.body)).not.toContain('pas encore pré-sélectionné');

    // The order is a GET choice (sortRanking's table test covers each order).
    const byTitle = await get(t, `${paths.selection(w.call.id)}?tri=titre`, staff());
    expect(byTitle.body).toMatch(/<option value="titre" selected/);
    expect(textOf(byTitle.body)).toContain('par titre (ordre alphabétique)');
  });

  it('a juror sees their own progress and links to evaluate', async () => {
    const victor = textOf((await get(t, paths.selection(w.call.id), w.varColleague.cookie)).body);
    expect(victor).toContain('Vous avez évalué 2 problèmes sur 2.');
    expect(victor).not.toContain('Notifier les décisions');
    const paul = textOf((await get(t, paths.selection(w.call.id), w.pauAgent.cookie)).body);
    expect(paul).toContain('Vous avez évalué 0 problème sur 0.');
    expect(paul).toContain('Conflit d’intérêts (conflit déclaré)');
    expect(paul).toContain('Conflit d’intérêts (membre du service qui a proposé ce problème)');
  });

  const decide = (problemId: string, fields: Record<string, string>) =>
    submitForm(t.app, { page: paths.decision(problemId), cookie: staff(), fields });
  const statusOf = async (id: string) => (await db.select().from(problems).where(eq(problems.id, id)))[0]!;
  const projectOf = async (id: string) =>
    (await db.select().from(projects).where(eq(projects.problemId, id)))[0];

  it('refuses « réorienté » without where to, and a decision without a message; nothing changes', async () => {
    const { response } = await decide(compost.id, { decision: 'reoriente', message: '', redirection: ' ' });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'redirection')).toBe(
      'Indiquez vers quel dispositif ou service le problème est réorienté.',
    );
    expect(fieldError(response.body, 'message')).toBeDefined();
    expect((await statusOf(compost.id)).status).toBe('recevable');
  });

  it('a decision can be withdrawn before notification: the problem awaits a decision again', async () => {
    expect(
      (await decide(compost.id, { decision: 'non_retenu', message: 'Pas cette saison.' })).response
        .statusCode,
    ).toBe(303);
    expect((await statusOf(compost.id)).status).toBe('non_retenu');
    const withdrawn = await submitForm(t.app, {
      page: paths.decision(compost.id),
      action: `${paths.decision(compost.id)}/retirer`,
      cookie: staff(),
      fields: {},
    });
    expect(withdrawn.response.statusCode).toBe(303);
    const row = await statusOf(compost.id);
    expect([row.status, row.decisionNote, row.decidedAt]).toEqual(['recevable', '', null]);
  });

  it('a retained problem becomes a project with its investigation phase, in the same transaction', async () => {
    const { response } = await decide(rsa.id, { decision: 'retenu', message: 'Bravo pour les chiffres.' });
    expect(response.statusCode).toBe(303);
    const row = await statusOf(rsa.id);
    expect(row.status).toBe('retenu');
    expect(row.decisionNote).toBe('Bravo pour les chiffres.');
    expect(row.decidedBy).toBe(w.incubatorAgent.id);
    const project = (await projectOf(rsa.id))!;
    expect(project.slug).toBe('les-allocataires-du-rsa-attendent-huit-mois-leur-premier');
    expect(project.cohortId).toBe(w.cohort.id);
    expect(project.territoryId).toBe(w.varTerritory.id);
    expect(project.title).toBe(rsa.title);
    expect(project.problem).toBe(
      'Qui en souffre : Les nouveaux allocataires du RSA (environ 4 000 par an dans le Var). Conséquences pour les usagers : Huit mois sans accompagnement. Conséquences pour la collectivité : Des relances et des courriers en nombre.',
    );
    // The cohort began 30 days ago: the investigation starts on the day of the decision.
    expect(project.startsOn).toBe(localDayOf(new Date()));
    const phases = await db.select().from(projectPhases).where(eq(projectPhases.projectId, project.id));
    expect(phases.map((p) => [p.phase, p.startsOn, p.endsOn])).toEqual([
      ['investigation', localDayOf(new Date()), null],
    ]);
    const audit = await auditTrail(db, { resourceType: 'programme_problem_decision', resourceId: rsa.id });
    expect(audit.at(-1)?.details).toMatchObject({ before: 'recevable', decision: 'retenu' });
  });

  it('changing a retained problem’s decision removes its empty project, and retaining it again recreates it', async () => {
    await decide(rsa.id, { decision: 'non_retenu', message: 'Finalement non.' });
    expect((await statusOf(rsa.id)).status).toBe('non_retenu');
    expect(await projectOf(rsa.id)).toBeUndefined();
    await decide(rsa.id, { decision: 'retenu', message: 'Bravo pour les chiffres.' });
    const project = (await projectOf(rsa.id))!;
    expect(project.slug).toBe('les-allocataires-du-rsa-attendent-huit-mois-leur-premier');
  });

  it('refuses to change it once the project has a team member', async () => {
    const project = (await projectOf(rsa.id))!;
    await db
      .insert(teamMembers)
      .values({ projectId: project.id, agentId: w.varAgent.id, joinedOn: localDayOf(new Date()) });
    const { response } = await decide(rsa.id, { decision: 'non_retenu', message: 'Non.' });
    expect(response.statusCode).toBe(409);
    expect(textOf(response.body)).toContain('a une vie propre');
    expect((await statusOf(rsa.id)).status).toBe('retenu');
    expect((await projectOf(rsa.id))?.id).toBe(project.id);
  });

  it('« Notifier les décisions » emails each proposer and the « moi aussi » of retained problems, once', async () => {
    const redirected = await decide(compost.id, {
      decision: 'reoriente',
      message: 'Un dispositif existe déjà.',
      redirection: 'Le service déchets de l’agglomération',
    });
    expect(redirected.response.statusCode).toBe(303);
    expect((await statusOf(compost.id)).redirectTo).toBe('Le service déchets de l’agglomération');

    const notify = () =>
      submitForm(t.app, {
        page: paths.selection(w.call.id),
        action: `${paths.selection(w.call.id)}/notifier`,
        cookie: staff(),
        fields: {},
      });
    expect((await notify()).response.statusCode).toBe(303);

    const [retained] = await emailsTo(t, w.varAgent.email);
    expect(retained?.message.template).toBe('programme.decision-retenu');
    expect(retained?.subject).toContain('Votre problème est retenu');
    expect(retained?.text).toContain('Bravo pour les chiffres.');
    expect(retained?.text).toContain(
      '/programme/espace/projets/les-allocataires-du-rsa-attendent-huit-mois-leur-premier',
    );
    const [redirectedEmail] = await emailsTo(t, pascale.email);
    expect(redirectedEmail?.message.template).toBe('programme.decision-reoriente');
    expect(redirectedEmail?.text).toContain('Le service déchets de l’agglomération');
    for (const agent of [w.pauAgent, w.varColleague]) {
      const emails = await emailsTo(t, agent.email);
      expect(emails.map((e) => e.message.template)).toEqual(['programme.decision-moi-aussi']);
    }
    expect((await statusOf(rsa.id)).notifiedAt).not.toBeNull();
    expect((await statusOf(compost.id)).notifiedAt).not.toBeNull();

    // A second click sends nothing new.
    const again = await notify();
    expect(again.response.statusCode).toBe(303);
    expect(await emailsTo(t, w.varAgent.email)).toHaveLength(1);
    expect(await emailsTo(t, pascale.email)).toHaveLength(1);
    expect(await emailsTo(t, w.pauAgent.email)).toHaveLength(1);
    expect(
      await auditTrail(db, { resourceType: 'programme_call_decisions', resourceId: w.call.id }),
    ).toHaveLength(1);
  });

  it('once notified, decisions and reviews no longer change', async () => {
    const { response } = await decide(compost.id, { decision: 'non_retenu', message: 'Non.' });
    expect(response.statusCode).toBe(409);
    const page = textOf((await get(t, paths.decision(rsa.id), staff())).body);
    expect(page).toContain('Décision notifiée le');
    const closed = await get(t, paths.evaluation(rsa.id), w.coach.cookie);
    expect(closed.body).not.toContain('name="note_impact"');
    expect(textOf(closed.body)).toContain('les évaluations sont closes');
    expect(
      (
        await db
          .select()
          .from(problems)
          .where(and(eq(problems.callId, w.call.id), eq(problems.status, 'retenu')))
      ).length,
    ).toBe(1);
  });
});
