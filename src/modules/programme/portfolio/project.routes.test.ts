import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Db } from '../../../platform/db/client.ts';
import type { IndicatorDefinition } from '../../../platform/indicators/indicators.ts';
import type { TremplinModule } from '../../../platform/modules.ts';
import { organisations } from '../../../platform/tenancy/tables.ts';
import { newOrganisation } from '../../../platform/testing/factories.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { programmeModule } from '../index.ts';
import { type ProgrammeWorld, programmeWorld } from '../testing.ts';
import { addKeyFigure, addMember, addPhase, newProject } from './testing.ts';

/**
 * A stand-in for a Tremplin module that a project became (as the RSA module is for the 2019 RSA
 * platform): it publishes an indicator computed live from the database — the territory's organisations,
 * a count the test moves — and one computed on too few people to be published.
 */
const organisationCount: IndicatorDefinition = {
  key: 'essai.organisations',
  module: 'essai',
  title: 'Services engagés',
  unit: 'organisations',
  description: 'Les services de la collectivité qui utilisent le service.',
  better: 'higher',
  baseline: { value: 2, label: 'Au lancement du service', source: 'Relevé de l’équipe' },
  async compute(db: Db, scope) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(organisations)
      .where(scope.territoryId ? eq(organisations.territoryId, scope.territoryId) : undefined);
    return { value: row!.n, asOf: scope.now ?? new Date(), sample: row!.n };
  },
};
const smallSample: IndicatorDefinition = {
  key: 'essai.petit_echantillon',
  module: 'essai',
  title: 'Taux sur un petit échantillon',
  unit: '%',
  description: 'Calculé sur trois personnes.',
  compute: async (_db, scope) => ({ value: 66.7, asOf: scope.now ?? new Date(), sample: 3 }),
};
const essai: TremplinModule = {
  name: 'essai',
  title: 'Essai',
  register: async () => {},
  indicators: [organisationCount, smallSample],
};

describe('public portfolio: project page and beta.gouv.fr export', () => {
  let t: TestContext;
  let world: ProgrammeWorld;
  let db: Db;
  const slugs = { live: '', chosen: '', plain: '', off: '', hidden: '' };

  beforeAll(async () => {
    t = await startTestApp({}, [programmeModule, essai]);
    db = t.platform.database.db;
    world = await programmeWorld(db);
    // The Var has two services in the world; four more make six, enough to be published.
    for (let i = 0; i < 4; i++) await newOrganisation(db, { territoryId: world.varTerritory.id });

    const live = await newProject(db, world, {
      title: 'Services en ligne',
      mission: 'Que chaque service trouve sa place',
      problem: 'Les services ne se connaissent pas.\n\nIls se renvoient les usagers.',
      solution: 'Un annuaire tenu à jour par les services eux-mêmes.',
      coachAgentId: world.coach.id,
      sponsors: ['departement-var'],
      usertypes: ['collectivite-territoriale'],
      contact: 'equipe@exemple.fr',
      moduleName: 'essai',
    });
    await addMember(db, live.id, world.varAgent.id);
    await addMember(db, live.id, world.varColleague.id, { leftOn: '2019-04-01' });
    await addPhase(db, live.id, 'investigation', '2019-02-04', '2019-06-05');
    await addPhase(db, live.id, 'construction', '2019-06-05');
    await addKeyFigure(db, live.id, {
      value: '37 000',
      label: 'allocataires du RSA',
      source: 'CAF, fin 2018',
    });
    await addKeyFigure(db, live.id, { value: '12', label: 'chiffre interne', isPublic: false });

    const chosen = await newProject(db, world, {
      title: 'Un seul indicateur',
      moduleName: 'essai',
      indicatorKeys: ['essai.organisations'],
    });
    const plain = await newProject(db, world, { title: 'Sans module' });
    const off = await newProject(db, world, { title: 'Compost', moduleName: 'compost' });
    const hidden = await newProject(db, world, { title: 'Secret', isPublic: false });
    Object.assign(slugs, {
      live: live.slug,
      chosen: chosen.slug,
      plain: plain.slug,
      off: off.slug,
      hidden: hidden.slug,
    });
  });
  afterAll(() => t.close());

  const page = (slug: string) => t.app.inject({ url: `/programme/projets/${slug}` });

  it('shows mission, problem, solution, public key figures, phases and the export link', async () => {
    const response = await page(slugs.live);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    const html = response.body;
    expect(html).toContain('<h1>Services en ligne</h1>');
    expect(html).toContain('Que chaque service trouve sa place');
    expect(html).toContain('<p>Les services ne se connaissent pas.</p><p>Ils se renvoient les usagers.</p>');
    expect(html).toContain('Un annuaire tenu à jour par les services eux-mêmes.');
    expect(html).toContain('37 000');
    expect(html).toContain('Source : CAF, fin 2018');
    expect(html).not.toContain('chiffre interne');
    expect(html).toMatch(/fr-badge--success">Construction/);
    expect(html).toContain('<strong>Investigation</strong> : du 4 février 2019 au 5 juin 2019');
    expect(html).toContain('<strong>Construction</strong> : depuis le 5 juin 2019 (en cours)');
    expect(html).toContain(`href="/programme/projets/${slugs.live}/betagouv.md"`);
    expect(html).toContain('Exporter pour beta.gouv.fr');
    expect(html).toContain(`href="/programme/saisons/${world.cohort.slug}"`);
  });

  it('names the team by first name and initial with their organisation, never their email', async () => {
    const html = (await page(slugs.live)).body;
    const initial = (lastName: string) => `${lastName.charAt(0)}.`;
    expect(html).toContain(`Valérie ${initial(world.varAgent.lastName)}, UTS La Seyne`);
    expect(html).toContain(
      `Victor ${initial(world.varColleague.lastName)}, Direction de l’insertion (jusqu’au 1er avril 2019)`,
    );
    expect(html).toContain(`accompagnée par Coline ${initial(world.coach.lastName)}`);
    for (const person of [world.varAgent, world.varColleague, world.coach]) {
      expect(html).not.toContain(person.email);
      expect(html).not.toContain(person.lastName);
    }
  });

  it('reads the impact indicators live from the registry, with the baseline, small samples withheld', async () => {
    let html = (await page(slugs.live)).body;
    expect(html).toContain('L’impact, en direct');
    expect(html).toContain('Services engagés');
    expect(html).toMatch(/<p class="fr-h2 fr-mb-1w">6 organisations<\/p>/);
    expect(html).toContain('Avant : 2 organisations.');
    expect(html).toContain('Mieux qu’avant : 4 organisations de plus.');
    expect(html).toContain('Calculé sur 6 personnes ou événements.');
    expect(html).toContain('Taux sur un petit échantillon');
    expect(html).toMatch(/<p class="fr-h2 fr-mb-1w">Non publié<\/p>/);
    expect(html).toContain('moins de 5 personnes (&lt; 5)');
    expect(html).not.toContain('66,7');

    // Live: a new service in the Var shows at once (nothing stored, nothing to refresh).
    await newOrganisation(db, { territoryId: world.varTerritory.id });
    html = (await page(slugs.live)).body;
    expect(html).toMatch(/<p class="fr-h2 fr-mb-1w">7 organisations<\/p>/);
  });

  it('shows only the indicators a project chose', async () => {
    const html = (await page(slugs.chosen)).body;
    expect(html).toContain('Services engagés');
    expect(html).not.toContain('Taux sur un petit échantillon');
  });

  it('shows no impact for a project without a module, and says so when its module is off', async () => {
    const plain = (await page(slugs.plain)).body;
    expect(plain).not.toContain('L’impact, en direct');
    expect(plain).not.toContain('Services engagés');
    const off = (await page(slugs.off)).body;
    expect(off).toContain('L’impact, en direct');
    expect(off).toContain('le service « compost » de Tremplin, mais ce service n’est pas activé');
  });

  it('answers 404 for a project not published and for an unknown one, page and export alike', async () => {
    for (const url of [
      `/programme/projets/${slugs.hidden}`,
      `/programme/projets/${slugs.hidden}/betagouv.md`,
      '/programme/projets/inconnu',
      '/programme/projets/inconnu/betagouv.md',
    ]) {
      const response = await t.app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body).not.toContain('Secret');
    }
  });

  it('exports the project as a beta.gouv.fr Markdown file', async () => {
    const response = await t.app.inject({ url: `/programme/projets/${slugs.live}/betagouv.md` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${slugs.live}.md"`);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    const [, yaml, body] = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(response.body) ?? [];
    expect(parse(yaml!)).toEqual({
      title: 'Services en ligne',
      mission: 'Que chaque service trouve sa place',
      incubator: world.incubator.slug,
      sponsors: ['/organisations/departement-var'],
      phases: [
        { name: 'investigation', start: '2019-02-04', end: '2019-06-05' },
        { name: 'construction', start: '2019-06-05' },
      ],
      contact: 'equipe@exemple.fr',
      usertypes: ['collectivite-territoriale'],
      thematiques: [],
      stats: true,
      stats_url: `http://localhost:3000/statistiques/essai/${world.varTerritory.slug}`,
    });
    expect(body).toContain('## Contexte\n\nLes services ne se connaissent pas.');
    expect(body).toContain('## Chiffres clés\n\n- **37 000** allocataires du RSA (source : CAF, fin 2018)');
    expect(body).not.toContain('chiffre interne');
    expect(body).not.toContain(world.varAgent.email);
  });
});
