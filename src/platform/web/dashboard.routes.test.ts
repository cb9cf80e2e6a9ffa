import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAgent, newOrganisation, newTerritory, signInAs } from '../testing/factories.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';

describe('dashboard', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const db = () => t.platform.database.db;

  it('greets the agent with their organisation, territory and roles', async () => {
    const territory = await newTerritory(db(), { name: 'Département du Var' });
    const uts = await newOrganisation(db(), { name: 'UTS de La Seyne-sur-Mer', territoryId: territory.id });
    const insertion = await newOrganisation(db(), {
      name: 'Direction de l’insertion',
      territoryId: territory.id,
    });
    const agent = await newAgent(db(), {
      firstName: 'Samia',
      lastName: 'Benali',
      memberships: [
        { organisationId: uts.id, role: 'agent' },
        { organisationId: insertion.id, role: 'readonly' },
      ],
    });
    const response = await t.app.inject({
      url: '/tableau-de-bord',
      headers: { cookie: await signInAs(db(), agent.id) },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body.match(/<h1[ >]/g)).toHaveLength(1);
    expect(response.body).toContain('Bonjour Samia Benali');
    expect(response.body).toContain('Département du Var');
    expect(response.body).toContain('UTS de La Seyne-sur-Mer');
    expect(response.body).toContain('Lecture seule');
    expect(response.body).toContain('>Agent<');
    expect(response.body).toContain('href="/compte/organisation"');
    // Navigation entry for signed-in agents, current page marked.
    expect(response.body).toMatch(/<a class="fr-nav__link" href="\/tableau-de-bord" aria-current="page">/);
    // Not an admin anywhere: no administration link.
    expect(response.body).not.toContain('href="/admin"');
    expect(response.body).not.toContain('Messages (dév.)');
  });

  it('links organisation admins and operators to the administration', async () => {
    const organisation = await newOrganisation(db());
    const admin = await newAgent(db(), { memberships: [{ organisationId: organisation.id, role: 'admin' }] });
    const operator = await newAgent(db(), { isOperator: true });
    for (const agent of [admin, operator]) {
      const response = await t.app.inject({
        url: '/tableau-de-bord',
        headers: { cookie: await signInAs(db(), agent.id) },
      });
      expect(response.body).toContain('href="/admin"');
    }
    const asOperator = await t.app.inject({
      url: '/tableau-de-bord',
      headers: { cookie: await signInAs(db(), operator.id) },
    });
    expect(asOperator.body).toContain('Vous êtes opérateur de la plateforme.');
    expect(asOperator.body).toContain('href="/outils/messages"');
  });

  it('is not in the navigation of anonymous visitors', async () => {
    const home = await t.app.inject({ url: '/' });
    expect(home.body).not.toContain('href="/tableau-de-bord"');
  });
});
