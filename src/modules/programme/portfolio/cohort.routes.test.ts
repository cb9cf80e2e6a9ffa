import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { programmeModule } from '../index.ts';
import { type ProgrammeWorld, programmeWorld } from '../testing.ts';
import { showCohortPage } from './portfolio.service.ts';
import { addCheckin, addCommittee, addMember, addPhase, addProblem, newProject } from './testing.ts';

/**
 * The portfolio home and a cohort page on a hand-made cohort: drafts, a merged duplicate, problems of
 * both partners, two retained problems and a project started without one, two committees (one project
 * « go » twice), teams with their plans and check-ins.
 */
describe('public portfolio: home and cohort page', () => {
  let t: TestContext;
  let world: ProgrammeWorld;
  const slugs = { a: '', b: '', c: '' };

  beforeAll(async () => {
    t = await startTestApp({}, [programmeModule]);
    const db = t.platform.database.db;
    world = await programmeWorld(db);
    const pau = {
      submitterAgentId: world.pauAgent.id,
      organisationId: world.pauCcas.id,
      territoryId: world.pauTerritory.id,
    };

    await addProblem(db, world, 'brouillon');
    await addProblem(db, world, 'brouillon', pau);
    const original = await addProblem(db, world, 'soumis');
    await addProblem(db, world, 'fusionne', { mergedIntoId: original.id });
    await addProblem(db, world, 'irrecevable');
    await addProblem(db, world, 'non_retenu', pau);
    const retainedVar = await addProblem(db, world, 'retenu', { title: 'Les appels perdus' });
    const retainedPau = await addProblem(db, world, 'retenu', { ...pau, title: 'La solitude des aînés' });

    const a = await newProject(db, world, {
      title: 'Accueil sans appel perdu',
      mission: 'Que chaque appel trouve une réponse',
      problemId: retainedVar.id,
    });
    const b = await newProject(db, world, {
      title: 'Projet pas encore publié',
      problemId: retainedPau.id,
      territoryId: world.pauTerritory.id,
      isPublic: false,
    });
    const c = await newProject(db, world, {
      title: 'Compost partagé',
      mission: 'Composter au pied des immeubles',
      detachmentWeeks: 10,
    });
    Object.assign(slugs, { a: a.slug, b: b.slug, c: c.slug });
    await addPhase(db, a.id, 'investigation', '2019-02-04', '2019-06-05');
    await addPhase(db, a.id, 'construction', '2019-09-01');
    await addPhase(db, b.id, 'investigation', '2019-02-04');
    await addPhase(db, c.id, 'investigation', '2019-02-04', '2019-07-01');
    await addPhase(db, c.id, 'abandon', '2019-07-01');

    await addCommittee(db, world, new Date('2019-06-05T08:00:00Z'), [
      { projectId: a.id, decision: 'go' },
      { projectId: b.id, decision: 'provisoire' },
    ]);
    await addCommittee(db, world, new Date('2019-07-01T08:00:00Z'), [
      { projectId: a.id, decision: 'go' },
      { projectId: c.id, decision: 'stop' },
    ]);

    // Plans: 1 day × 12 weeks (cohort) ; 0.5 × 12 (own days) ; 1 × 10 (project C's weeks) ; 1 × 12.
    const valerieOnA = await addMember(db, a.id, world.varAgent.id);
    const victorOnA = await addMember(db, a.id, world.varColleague.id, { daysPerWeek: '0.5' });
    await addMember(db, c.id, world.varAgent.id);
    const paulOnB = await addMember(db, b.id, world.pauAgent.id);
    await addCheckin(db, valerieOnA.id, '2019-02-04', '1');
    await addCheckin(db, valerieOnA.id, '2019-02-11', '1');
    await addCheckin(db, victorOnA.id, '2019-02-04', '0.5');
    await addCheckin(db, paulOnB.id, '2019-02-04', '1');
  });
  afterAll(() => t.close());

  it('counts the funnel: drafts left out, a merged duplicate once, « go » from committee decisions', async () => {
    const page = await showCohortPage(t.platform.database.db, world.cohort.slug);
    // Submitted: soumis, irrecevable, non retenu, 2 retenus (2 drafts and the merged duplicate left out).
    // Selected: the 2 retained problems and project C, started without a problem of the call.
    // Go: project A, twice « go », counts once; B is provisional, C stopped.
    expect(page.funnel.total).toEqual({ submitted: 5, selected: 3, go: 1 });
    expect(page.funnel.byTerritory.map((row) => [row.name, row.submitted, row.selected, row.go])).toEqual([
      ['Département du Var', 3, 2, 1],
      ['Pau Béarn Pyrénées', 2, 1, 0],
    ]);
    // Agents: Valérie (on two teams, once), Victor, Paul. Days: 1 + 1 + 0.5 + 1 of 12 + 6 + 10 + 12.
    expect(page.effort).toEqual({ agents: 3, daysInvested: 3.5, daysPlanned: 40 });
  });

  it('shows the cohort page: facts, the funnel as an image and a table, effort, public projects', async () => {
    const response = await t.app.inject({ url: `/programme/saisons/${world.cohort.slug}` });
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<h1>Saison de test</h1>');
    expect(html).toContain('Département du Var, Pau Béarn Pyrénées');
    expect(html).toContain('Coach : Coline ');
    expect(html).toMatch(
      /<svg[^>]*role="img"[^>]*aria-labelledby="graphique-entonnoir-titre graphique-entonnoir-description"/,
    );
    expect(html).toContain('<caption>Entonnoir de la saison, en tout et par collectivité</caption>');
    expect(html).toMatch(
      /<th scope="row">Problèmes soumis<\/th><td>5<\/td><td>100 %<\/td><td>3<\/td><td>2<\/td>/,
    );
    expect(html).toMatch(
      /<th scope="row">Problèmes retenus<\/th><td>3<\/td><td>60 %<\/td><td>2<\/td><td>1<\/td>/,
    );
    expect(html).toMatch(
      /<th scope="row">Projets poursuivis \(go en comité\)<\/th><td>1<\/td><td>20 %<\/td><td>1<\/td><td>0<\/td>/,
    );
    expect(html).toContain('3,5');
    expect(html).toContain('sur 40 jours prévus (8,8 %)');
    // Public projects with their phase and latest decision; the unpublished one only as a count.
    expect(html).toContain(`href="/programme/projets/${slugs.a}"`);
    expect(html).toContain('Go : startup de territoire, en construction (1er juillet 2019)');
    expect(html).toContain('Arrêt (1er juillet 2019)');
    expect(html).not.toContain('Projet pas encore publié');
    expect(html).toContain('Un autre projet de la saison n’est pas publié par son équipe.');
  });

  it('answers 404 for an unknown cohort', async () => {
    const response = await t.app.inject({ url: '/programme/saisons/nulle-part' });
    expect(response.statusCode).toBe(404);
  });

  it('shows the home page: what the programme is, the cohorts, the public projects as cards', async () => {
    const response = await t.app.inject({ url: '/programme' });
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<h1>Le programme des startups de territoire</h1>');
    expect(html).toContain(`href="/programme/saisons/${world.cohort.slug}"`);
    expect(html).toContain('Avec Département du Var, Pau Béarn Pyrénées.');
    expect(html).toContain('3 projets. Porteur du programme : Incubateur des territoires.');
    expect(html).toContain('Accueil sans appel perdu');
    expect(html).toContain('Que chaque appel trouve une réponse');
    expect(html).toMatch(/fr-badge--success">Construction/);
    expect(html).toMatch(/fr-badge--no-icon">Abandon/);
    expect(html).not.toContain('Projet pas encore publié');
    expect(html).not.toContain(`/programme/projets/${slugs.b}`);
  });

  it('lets shared caches keep public pages five minutes, but not a signed-in agent’s copy', async () => {
    for (const url of ['/programme', `/programme/saisons/${world.cohort.slug}`]) {
      const anonymous = await t.app.inject({ url });
      expect(anonymous.headers['cache-control']).toBe('public, max-age=300');
      expect(anonymous.headers['set-cookie']).toBeUndefined();
      expect(String(anonymous.headers.vary)).toContain('cookie');
      const agent = await t.app.inject({ url, headers: { cookie: world.varAgent.cookie } });
      expect(agent.statusCode).toBe(200);
      expect(agent.headers['cache-control']).toBe('no-store');
    }
  });
});
