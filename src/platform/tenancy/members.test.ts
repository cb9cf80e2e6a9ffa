import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUsableLoginToken } from '../auth/login-link.repository.ts';
import { hashToken } from '../auth/tokens.ts';
import { newAgent, newOrganisation, signInAs } from '../testing/factories.ts';
import { submitForm } from '../testing/forms.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { agents, memberships } from './tables.ts';
import { auditTrail, emailsTo, fieldError, get, organisationWithStaff, signedInOperator } from './testing.ts';

describe('members of an organisation', () => {
  let t: TestContext;
  let operator: Awaited<ReturnType<typeof signedInOperator>>;
  beforeAll(async () => {
    t = await startTestApp();
    operator = await signedInOperator(t.platform.database.db);
  });
  afterAll(() => t.close());
  const db = () => t.platform.database.db;
  const roleOf = async (organisationId: string, agentId: string) =>
    (
      await db()
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.organisationId, organisationId), eq(memberships.agentId, agentId)))
    )[0]?.role;

  describe('invitation', () => {
    it('creates the agent and the membership, and emails a 7-day sign-in link', async () => {
      const { organisation, admin } = await organisationWithStaff(db());
      const path = `/admin/organisations/${organisation.slug}`;
      const { response, cookie } = await submitForm(t.app, {
        page: path,
        action: `${path}/invitations`,
        cookie: admin.cookie,
        fields: {
          email: '  Nouvelle.Recrue@Exemple.FR ',
          firstName: 'Léa',
          lastName: 'Recrue',
          role: 'readonly',
        },
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(path);

      const [agent] = await db().select().from(agents).where(eq(agents.email, 'nouvelle.recrue@exemple.fr'));
      expect(agent).toMatchObject({
        firstName: 'Léa',
        lastName: 'Recrue',
        isOperator: false,
        deactivatedAt: null,
      });
      expect(await roleOf(organisation.id, agent!.id)).toBe('readonly');

      const [email] = await emailsTo(t, 'nouvelle.recrue@exemple.fr');
      expect(email!.subject).toBe(`Invitation à rejoindre ${organisation.name} sur Tremplin`);
      expect(email!.text).toContain('Bonjour Léa,');
      expect(email!.text).toContain('« Lecture seule »');
      const link = /http:\/\/localhost:3000\/connexion\/lien\?jeton=(\S+)/.exec(email!.text);
      expect(link).not.toBeNull();
      const token = await findUsableLoginToken(db(), hashToken(decodeURIComponent(link![1]!)), new Date());
      expect(token).toMatchObject({ agentId: agent!.id, purpose: 'invitation' });

      const trail = await auditTrail(db(), { action: 'create', actorId: admin.id });
      expect(trail.map((e) => e.resourceType)).toEqual(['agent', 'membership']);
      expect(trail[1]).toMatchObject({ resourceId: agent!.id, organisationId: organisation.id });

      const page = await get(t, path, cookie);
      expect(page.body).toContain('Invitation envoyée à nouvelle.recrue@exemple.fr.');
      expect(page.body).toContain('nouvelle.recrue@exemple.fr');
    });

    it('adds an agent who already has an account without asking their name', async () => {
      const { organisation, admin } = await organisationWithStaff(db());
      const elsewhere = await newOrganisation(db());
      const existing = await newAgent(db(), {
        email: 'deja.la@exemple.fr',
        memberships: [{ organisationId: elsewhere.id, role: 'admin' }],
      });
      const path = `/admin/organisations/${organisation.slug}`;
      const { response } = await submitForm(t.app, {
        page: path,
        action: `${path}/invitations`,
        cookie: admin.cookie,
        fields: { email: 'DEJA.LA@exemple.fr', firstName: '', lastName: '', role: 'agent' },
      });
      expect(response.statusCode).toBe(303);
      expect(await roleOf(organisation.id, existing.id)).toBe('agent');
      expect(await roleOf(elsewhere.id, existing.id)).toBe('admin');
      const count = await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(agents)
        .where(eq(sql`lower(${agents.email})`, 'deja.la@exemple.fr'));
      expect(Number(count[0]!.n)).toBe(1);
      const [email] = await emailsTo(t, 'deja.la@exemple.fr');
      expect(email!.text).toContain('Vous avez déjà un compte sur Tremplin');
    });

    it('refuses an existing member with a clear error on the address', async () => {
      const { organisation, admin, agent } = await organisationWithStaff(db());
      const path = `/admin/organisations/${organisation.slug}`;
      const { response } = await submitForm(t.app, {
        page: path,
        action: `${path}/invitations`,
        cookie: admin.cookie,
        fields: { email: agent.email.toUpperCase(), firstName: 'X', lastName: 'Y', role: 'admin' },
      });
      expect(response.statusCode).toBe(409);
      expect(fieldError(response.body, 'email')).toBe(
        `Cette personne est déjà membre de ${organisation.name}.`,
      );
      expect(await roleOf(organisation.id, agent.id)).toBe('agent');
      expect(await emailsTo(t, agent.email)).toEqual([]);
    });

    it('shows every field error and keeps the values, writing nothing', async () => {
      const { organisation, admin } = await organisationWithStaff(db());
      const path = `/admin/organisations/${organisation.slug}`;
      const bad = await submitForm(t.app, {
        page: path,
        action: `${path}/invitations`,
        cookie: admin.cookie,
        fields: { email: 'pas-une-adresse', firstName: 'Léa', lastName: '', role: 'chef' },
      });
      expect(bad.response.statusCode).toBe(400);
      expect(fieldError(bad.response.body, 'email')).toContain('Saisissez une adresse électronique valide');
      expect(fieldError(bad.response.body, 'role')).toBe('Choisissez un rôle.');
      expect(bad.response.body).toContain('value="pas-une-adresse"');
      expect(bad.response.body).toContain('value="Léa"');
      expect(bad.response.body).toContain('Le formulaire contient 2 erreurs');

      const noName = await submitForm(t.app, {
        page: path,
        action: `${path}/invitations`,
        cookie: admin.cookie,
        fields: { email: 'sans.nom@exemple.fr', firstName: '', lastName: '', role: 'agent' },
      });
      expect(noName.response.statusCode).toBe(400);
      expect(fieldError(noName.response.body, 'firstName')).toContain('Saisissez le prénom');
      expect(fieldError(noName.response.body, 'lastName')).toContain('Saisissez le nom');
      expect(await db().select().from(agents).where(eq(agents.email, 'sans.nom@exemple.fr'))).toEqual([]);
    });

    it('is for admins and operators only', async () => {
      const { organisation, agent, readonly } = await organisationWithStaff(db());
      const path = `/admin/organisations/${organisation.slug}`;
      for (const cookie of [agent.cookie, readonly.cookie]) {
        const { response } = await submitForm(t.app, {
          page: path,
          action: `${path}/invitations`,
          cookie,
          fields: { email: 'intrus@exemple.fr', firstName: 'I', lastName: 'N', role: 'admin' },
        });
        expect(response.statusCode).toBe(403);
      }
      const { response } = await submitForm(t.app, {
        page: path,
        action: `${path}/invitations`,
        cookie: operator.cookie,
        fields: { email: 'par.operateur@exemple.fr', firstName: 'P', lastName: 'O', role: 'admin' },
      });
      expect(response.statusCode).toBe(303);
      expect(await db().select().from(agents).where(eq(agents.email, 'intrus@exemple.fr'))).toEqual([]);
    });
  });

  describe('one agent’s page', () => {
    it('shows the agent’s details and audits the read', async () => {
      const { organisation, admin, readonly } = await organisationWithStaff(db());
      const path = `/admin/organisations/${organisation.slug}/agents/${readonly.id}`;
      const response = await get(t, path, admin.cookie);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain(readonly.email);
      expect(response.body).toContain('Lecture seule');
      expect(response.body).toContain(`action="${path}/role"`);
      expect(response.body).toContain(`action="${path}/desactivation"`);
      expect(response.body.match(/<h1/g)).toHaveLength(1);
      const [read] = await auditTrail(db(), { action: 'read', resourceId: readonly.id, actorId: admin.id });
      expect(read).toMatchObject({ resourceType: 'agent', organisationId: organisation.id });
    });

    it('lets any member read it, without the management forms', async () => {
      const { organisation, admin, readonly } = await organisationWithStaff(db());
      const path = `/admin/organisations/${organisation.slug}/agents/${admin.id}`;
      const response = await get(t, path, readonly.cookie);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain(admin.email);
      expect(response.body).not.toContain(`action="${path}/role"`);
      expect(response.body).not.toContain(`action="${path}/desactivation"`);
    });

    it('answers 404 for an id that is not a member or not an id', async () => {
      const { organisation, admin } = await organisationWithStaff(db());
      const base = `/admin/organisations/${organisation.slug}/agents`;
      expect((await get(t, `${base}/pas-un-identifiant`, admin.cookie)).statusCode).toBe(404);
      expect((await get(t, `${base}/00000000-0000-4000-8000-000000000000`, admin.cookie)).statusCode).toBe(
        404,
      );
    });
  });

  describe('role and removal', () => {
    it('lets an admin change a member’s role', async () => {
      const { organisation, admin, agent } = await organisationWithStaff(db());
      const path = `/admin/organisations/${organisation.slug}/agents/${agent.id}`;
      const { response } = await submitForm(t.app, {
        page: path,
        action: `${path}/role`,
        cookie: admin.cookie,
        fields: { role: 'admin' },
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(path);
      expect(await roleOf(organisation.id, agent.id)).toBe('admin');
      const [event] = await auditTrail(db(), {
        action: 'update',
        resourceType: 'membership',
        resourceId: agent.id,
      });
      expect(event!.details).toEqual({ role: { from: 'agent', to: 'admin' } });
    });

    it('refuses an unknown role with a message on the field', async () => {
      const { organisation, admin, agent } = await organisationWithStaff(db());
      const path = `/admin/organisations/${organisation.slug}/agents/${agent.id}`;
      const { response } = await submitForm(t.app, {
        page: path,
        action: `${path}/role`,
        cookie: admin.cookie,
        fields: { role: 'super' },
      });
      expect(response.statusCode).toBe(400);
      expect(fieldError(response.body, 'role')).toBe('Choisissez un rôle.');
      expect(await roleOf(organisation.id, agent.id)).toBe('agent');
    });

    it('refuses role changes and removals by agents and read-only members', async () => {
      const { organisation, agent, readonly } = await organisationWithStaff(db());
      const path = `/admin/organisations/${organisation.slug}/agents/${readonly.id}`;
      for (const [action, fields] of [
        ['role', { role: 'admin' }],
        ['retrait', {}],
        ['desactivation', {}],
      ] as const) {
        const { response } = await submitForm(t.app, {
          page: path,
          action: `${path}/${action}`,
          cookie: agent.cookie,
          fields,
        });
        expect(response.statusCode).toBe(403);
      }
      expect(await roleOf(organisation.id, readonly.id)).toBe('readonly');
    });

    it('lets an admin remove a member', async () => {
      const { organisation, admin, agent } = await organisationWithStaff(db());
      const path = `/admin/organisations/${organisation.slug}/agents/${agent.id}`;
      const { response } = await submitForm(t.app, {
        page: path,
        action: `${path}/retrait`,
        cookie: admin.cookie,
        fields: {},
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(`/admin/organisations/${organisation.slug}`);
      expect(await roleOf(organisation.id, agent.id)).toBeUndefined();
      expect(await auditTrail(db(), { action: 'delete', resourceId: agent.id })).toHaveLength(1);
      // The removed agent no longer sees the organisation at all.
      expect((await get(t, `/admin/organisations/${organisation.slug}`, agent.cookie)).statusCode).toBe(404);
    });

    it('keeps the last admin from demoting or removing themselves', async () => {
      const { organisation, admin } = await organisationWithStaff(db());
      const path = `/admin/organisations/${organisation.slug}/agents/${admin.id}`;
      const demote = await submitForm(t.app, {
        page: path,
        action: `${path}/role`,
        cookie: admin.cookie,
        fields: { role: 'agent' },
      });
      expect(demote.response.statusCode).toBe(409);
      expect(demote.response.body).toContain('Vous êtes le dernier administrateur de l’organisation.');
      const leave = await submitForm(t.app, {
        page: path,
        action: `${path}/retrait`,
        cookie: admin.cookie,
        fields: {},
      });
      expect(leave.response.statusCode).toBe(303);
      expect(leave.response.headers.location).toBe(path);
      const after = await get(t, path, leave.cookie);
      expect(after.body).toContain(`Vous êtes le dernier administrateur de ${organisation.name}`);
      expect(await roleOf(organisation.id, admin.id)).toBe('admin');
      expect(await auditTrail(db(), { resourceType: 'membership', resourceId: admin.id })).toEqual([]);
    });

    it('lets an admin step down once there is another admin', async () => {
      const { organisation, admin, agent } = await organisationWithStaff(db());
      await db()
        .update(memberships)
        .set({ role: 'admin' })
        .where(and(eq(memberships.organisationId, organisation.id), eq(memberships.agentId, agent.id)));
      const path = `/admin/organisations/${organisation.slug}/agents/${admin.id}`;
      const { response } = await submitForm(t.app, {
        page: path,
        action: `${path}/retrait`,
        cookie: admin.cookie,
        fields: {},
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/admin/organisations');
      expect(await roleOf(organisation.id, admin.id)).toBeUndefined();
    });
  });

  describe('deactivation', () => {
    it('signs the agent out everywhere at once, and reactivation lets them back', async () => {
      const { organisation, admin, agent } = await organisationWithStaff(db());
      const secondSession = await signInAs(db(), agent.id);
      const orgPath = `/admin/organisations/${organisation.slug}`;
      expect((await get(t, orgPath, agent.cookie)).statusCode).toBe(200);

      const path = `${orgPath}/agents/${agent.id}`;
      const { response, cookie } = await submitForm(t.app, {
        page: path,
        action: `${path}/desactivation`,
        cookie: admin.cookie,
        fields: {},
      });
      expect(response.statusCode).toBe(303);
      expect((await get(t, path, cookie)).body).toContain('2 sessions fermées');
      for (const session of [agent.cookie, secondSession]) {
        const refused = await get(t, orgPath, session);
        expect(refused.statusCode).toBe(303);
        expect(refused.headers.location).toMatch(/^\/connexion/);
      }
      const [row] = await db().select().from(agents).where(eq(agents.id, agent.id));
      expect(row!.deactivatedAt).not.toBeNull();
      const [event] = await auditTrail(db(), {
        action: 'update',
        resourceType: 'agent',
        resourceId: agent.id,
      });
      expect(event!.details).toEqual({ deactivated: true, sessionsRevoked: 2 });
      expect((await get(t, orgPath, admin.cookie)).body).toContain('Désactivé');

      const back = await submitForm(t.app, {
        page: path,
        action: `${path}/reactivation`,
        cookie: admin.cookie,
        fields: {},
      });
      expect(back.response.statusCode).toBe(303);
      const [reactivated] = await db().select().from(agents).where(eq(agents.id, agent.id));
      expect(reactivated!.deactivatedAt).toBeNull();
      // Old sessions stay closed; a new one works.
      expect((await get(t, orgPath, agent.cookie)).statusCode).toBe(303);
      expect((await get(t, orgPath, await signInAs(db(), agent.id))).statusCode).toBe(200);
    });

    it('is refused to an admin when the agent also belongs to an organisation they do not administer', async () => {
      const { organisation, admin, agent } = await organisationWithStaff(db());
      const elsewhere = await newOrganisation(db());
      await db()
        .insert(memberships)
        .values({ agentId: agent.id, organisationId: elsewhere.id, role: 'agent' });
      const path = `/admin/organisations/${organisation.slug}/agents/${agent.id}`;
      const page = await get(t, path, admin.cookie);
      expect(page.body).not.toContain(`action="${path}/desactivation"`);
      const { response } = await submitForm(t.app, {
        page: path,
        action: `${path}/desactivation`,
        cookie: admin.cookie,
        fields: {},
      });
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('seul un opérateur peut le désactiver');
      expect((await get(t, `/admin/organisations/${organisation.slug}`, agent.cookie)).statusCode).toBe(200);

      const byOperator = await submitForm(t.app, {
        page: path,
        action: `${path}/desactivation`,
        cookie: operator.cookie,
        fields: {},
      });
      expect(byOperator.response.statusCode).toBe(303);
      expect((await get(t, `/admin/organisations/${organisation.slug}`, agent.cookie)).statusCode).toBe(303);
    });

    it('is refused on one’s own account and on an operator’s by an admin', async () => {
      const { organisation, admin } = await organisationWithStaff(db());
      const ownPath = `/admin/organisations/${organisation.slug}/agents/${admin.id}`;
      const own = await submitForm(t.app, {
        page: ownPath,
        action: `${ownPath}/desactivation`,
        cookie: admin.cookie,
        fields: {},
      });
      expect(own.response.statusCode).toBe(403);
      expect(own.response.body).toContain('votre propre compte');

      const operatorMember = await newAgent(db(), {
        isOperator: true,
        memberships: [{ organisationId: organisation.id, role: 'agent' }],
      });
      const path = `/admin/organisations/${organisation.slug}/agents/${operatorMember.id}`;
      const { response } = await submitForm(t.app, {
        page: path,
        action: `${path}/desactivation`,
        cookie: admin.cookie,
        fields: {},
      });
      expect(response.statusCode).toBe(403);
    });
  });
});
