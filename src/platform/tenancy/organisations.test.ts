import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAgent, newOrganisation, newTerritory, signInAs } from '../testing/factories.ts';
import { submitForm } from '../testing/forms.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { memberships, organisations } from './tables.ts';
import { auditTrail, fieldError, get, organisationWithStaff, signedInOperator } from './testing.ts';

describe('organisations administration (/admin/organisations)', () => {
  let t: TestContext;
  let operator: Awaited<ReturnType<typeof signedInOperator>>;
  beforeAll(async () => {
    t = await startTestApp();
    operator = await signedInOperator(t.platform.database.db);
  });
  afterAll(() => t.close());
  const db = () => t.platform.database.db;

  it('shows the Administration entry to operators and organisation admins only', async () => {
    const { admin, agent, readonly } = await organisationWithStaff(db());
    const navLink = '<a class="fr-nav__link" href="/admin"';
    for (const cookie of [operator.cookie, admin.cookie]) {
      expect((await get(t, '/admin/organisations', cookie)).body).toContain(navLink);
    }
    for (const cookie of [agent.cookie, readonly.cookie]) {
      expect((await get(t, '/admin/organisations', cookie)).body).not.toContain(navLink);
    }
  });

  it('shows an overview: everything for operators, their organisations for admins', async () => {
    const { organisation, territory, admin, agent } = await organisationWithStaff(db());
    const other = await organisationWithStaff(db());
    const forOperator = await get(t, '/admin', operator.cookie);
    expect(forOperator.statusCode).toBe(200);
    expect(forOperator.body).toContain(territory.name);
    expect(forOperator.body).toContain(other.organisation.name);
    expect(forOperator.body).toContain('href="/admin/territoires"');
    const forAdmin = await get(t, '/admin', admin.cookie);
    expect(forAdmin.body).toContain(organisation.name);
    expect(forAdmin.body).not.toContain(other.organisation.name);
    expect(forAdmin.body).not.toContain('href="/admin/territoires"');
    expect(forAdmin.body).toContain('href="/admin/organisations/nouvelle"');
    const forAgent = await get(t, '/admin', agent.cookie);
    expect(forAgent.statusCode).toBe(200);
    expect(forAgent.body).toContain('Vous n’administrez aucune organisation');
    expect(forAgent.body).not.toContain('href="/admin/organisations/nouvelle"');
  });

  it('lists all organisations to operators and only their own to agents', async () => {
    const mine = await organisationWithStaff(db());
    const theirs = await organisationWithStaff(db());
    const forAgent = await get(t, '/admin/organisations', mine.agent.cookie);
    expect(forAgent.statusCode).toBe(200);
    expect(forAgent.body).toContain(mine.organisation.name);
    expect(forAgent.body).not.toContain(theirs.organisation.name);
    expect(forAgent.body).toContain('class="fr-table');
    const forOperator = await get(t, '/admin/organisations', operator.cookie);
    expect(forOperator.body).toContain(mine.organisation.name);
    expect(forOperator.body).toContain(theirs.organisation.name);
  });

  it('lets an admin create an organisation in their territory, and makes them its admin', async () => {
    const { territory, admin } = await organisationWithStaff(db());
    const form = await get(t, '/admin/organisations/nouvelle', admin.cookie);
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain('value="incubateur"');
    expect(form.body).not.toContain('value="aucun"');
    const { response } = await submitForm(t.app, {
      page: '/admin/organisations/nouvelle',
      cookie: admin.cookie,
      fields: { territoryId: territory.id, kind: 'ccas', name: 'CCAS de Saint-Témoin' },
    });
    expect(response.statusCode).toBe(303);
    const slug = `${territory.slug}-ccas-de-saint-temoin`;
    expect(response.headers.location).toBe(`/admin/organisations/${slug}`);
    const [created] = await db().select().from(organisations).where(eq(organisations.slug, slug));
    expect(created).toMatchObject({ name: 'CCAS de Saint-Témoin', kind: 'ccas', territoryId: territory.id });
    const [membership] = await db()
      .select()
      .from(memberships)
      .where(eq(memberships.organisationId, created!.id));
    expect(membership).toMatchObject({ agentId: admin.id, role: 'admin' });
    expect(await auditTrail(db(), { action: 'create', resourceId: created!.id })).toHaveLength(1);
    expect((await get(t, response.headers.location as string, admin.cookie)).statusCode).toBe(200);
  });

  it('makes slugs unique', async () => {
    const territory = await newTerritory(db(), { slug: `t-${Date.now()}` });
    const slugs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { response } = await submitForm(t.app, {
        page: '/admin/organisations/nouvelle',
        cookie: operator.cookie,
        fields: { territoryId: territory.id, kind: 'service', name: 'Service jeunesse' },
      });
      expect(response.statusCode).toBe(303);
      slugs.push(String(response.headers.location).split('/').pop()!);
    }
    expect(slugs).toEqual([`${territory.slug}-service-jeunesse`, `${territory.slug}-service-jeunesse-2`]);
  });

  it('lets operators create a national incubator', async () => {
    const form = await get(t, '/admin/organisations/nouvelle', operator.cookie);
    expect(form.body).toContain('value="incubateur"');
    const { response } = await submitForm(t.app, {
      page: '/admin/organisations/nouvelle',
      cookie: operator.cookie,
      fields: { territoryId: 'aucun', kind: 'incubateur', name: 'Incubateur témoin' },
    });
    expect(response.statusCode).toBe(303);
    const [created] = await db()
      .select()
      .from(organisations)
      .where(eq(organisations.slug, 'incubateur-temoin'));
    expect(created).toMatchObject({ kind: 'incubateur', territoryId: null });
    // An operator sees every organisation: no membership is added for them.
    expect(await db().select().from(memberships).where(eq(memberships.organisationId, created!.id))).toEqual(
      [],
    );
  });

  it('refuses agents who administer nothing, other territories and the incubator kind', async () => {
    const { territory, admin, agent } = await organisationWithStaff(db());
    const elsewhere = await newTerritory(db());
    expect((await get(t, '/admin/organisations/nouvelle', agent.cookie)).statusCode).toBe(403);

    const otherTerritory = await submitForm(t.app, {
      page: '/admin/organisations/nouvelle',
      cookie: admin.cookie,
      fields: { territoryId: elsewhere.id, kind: 'service', name: 'Intrus' },
    });
    expect(otherTerritory.response.statusCode).toBe(400);
    expect(fieldError(otherTerritory.response.body, 'territoryId')).toContain('Choisissez un territoire');

    const incubator = await submitForm(t.app, {
      page: '/admin/organisations/nouvelle',
      cookie: admin.cookie,
      fields: { territoryId: territory.id, kind: 'incubateur', name: 'Faux incubateur' },
    });
    expect(incubator.response.statusCode).toBe(400);
    expect(fieldError(incubator.response.body, 'kind')).toBe(
      'Seuls les opérateurs peuvent créer un incubateur.',
    );

    const national = await submitForm(t.app, {
      page: '/admin/organisations/nouvelle',
      cookie: admin.cookie,
      fields: { territoryId: 'aucun', kind: 'service', name: 'Service national' },
    });
    expect(national.response.statusCode).toBe(400);
    expect(fieldError(national.response.body, 'territoryId')).toBeDefined();
    const names = (await db().select({ name: organisations.name }).from(organisations)).map((o) => o.name);
    expect(names).not.toContain('Intrus');
    expect(names).not.toContain('Faux incubateur');
    expect(names).not.toContain('Service national');
  });

  it('shows every field error at once and keeps what was typed', async () => {
    const { admin } = await organisationWithStaff(db());
    const { response } = await submitForm(t.app, {
      page: '/admin/organisations/nouvelle',
      cookie: admin.cookie,
      fields: { territoryId: '', kind: 'inconnu', name: '  ' },
    });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'kind')).toBe('Choisissez le type d’organisation.');
    expect(fieldError(response.body, 'name')).toBe('Saisissez le nom de l’organisation.');
    expect(response.body).toContain('id="resume-erreurs"');
    expect(fieldError(response.body, 'territoryId')).toBe('Choisissez le territoire de l’organisation.');
  });

  it('shows an organisation’s members to every member, and management to admins only', async () => {
    const { organisation, admin, agent, readonly } = await organisationWithStaff(db());
    const gone = await newAgent(db(), {
      firstName: 'Gaston',
      lastName: 'Parti',
      deactivatedAt: new Date(),
      lastSignInAt: new Date('2025-01-15T09:30:00Z'),
      memberships: [{ organisationId: organisation.id, role: 'agent' }],
    });
    const path = `/admin/organisations/${organisation.slug}`;
    for (const cookie of [operator.cookie, admin.cookie, agent.cookie, readonly.cookie]) {
      const response = await get(t, path, cookie);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain(admin.email);
      expect(response.body).toContain(readonly.email);
      expect(response.body).toContain(`href="${path}/agents/${gone.id}"`);
    }
    const page = await get(t, path, admin.cookie);
    expect(page.body).toContain('Désactivé');
    expect(page.body).toContain('15/01/2025 10:30');
    expect(page.body).toContain('Jamais');
    expect(page.body).toContain(`action="${path}/invitations"`);
    expect(page.body).toContain(`href="${path}/jetons"`);
    expect(page.body).toContain('class="fr-breadcrumb"');
    expect(page.body.match(/<h1/g)).toHaveLength(1);
    for (const cookie of [agent.cookie, readonly.cookie]) {
      const body = (await get(t, path, cookie)).body;
      expect(body).not.toContain(`action="${path}/invitations"`);
      expect(body).not.toContain(`href="${path}/jetons"`);
    }
  });

  it('answers 404 for an unknown organisation', async () => {
    const response = await get(t, '/admin/organisations/nulle-part', operator.cookie);
    expect(response.statusCode).toBe(404);
  });

  it('lets a member of an organisation without territory see it', async () => {
    const incubator = await newOrganisation(db(), { territoryId: null, kind: 'incubateur' });
    const coach = await newAgent(db(), { memberships: [{ organisationId: incubator.id, role: 'agent' }] });
    const response = await get(t, `/admin/organisations/${incubator.slug}`, await signInAs(db(), coach.id));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Organisation nationale, sans territoire');
  });
});
