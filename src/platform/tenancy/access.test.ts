import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitForm } from '../testing/forms.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { auditTrail, get, organisationWithStaff } from './testing.ts';

/**
 * The tenancy rule of DESIGN.md: an agent of one territory can neither list nor open another
 * territory's organisations and agents. Such a record answers exactly like a missing one (404), and
 * the attempt is written to the audit trail.
 */
describe('an agent of one territory and the records of another', () => {
  let t: TestContext;
  let var83: Awaited<ReturnType<typeof organisationWithStaff>>;
  let pau: Awaited<ReturnType<typeof organisationWithStaff>>;
  beforeAll(async () => {
    t = await startTestApp();
    var83 = await organisationWithStaff(t.platform.database.db, { kind: 'uts' });
    pau = await organisationWithStaff(t.platform.database.db, { kind: 'ccas' });
  });
  afterAll(() => t.close());
  const db = () => t.platform.database.db;

  it('does not list them', async () => {
    for (const url of ['/admin/organisations', '/admin']) {
      const response = await get(t, url, var83.admin.cookie);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain(var83.organisation.name);
      expect(response.body).not.toContain(pau.organisation.name);
      expect(response.body).not.toContain(pau.territory.name);
    }
  });

  it('cannot list the members of another territory’s organisation: 404, audited as denied', async () => {
    for (const staff of [var83.admin, var83.agent, var83.readonly]) {
      const response = await get(t, `/admin/organisations/${pau.organisation.slug}`, staff.cookie);
      const missing = await get(t, '/admin/organisations/nexiste-pas', staff.cookie);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain(pau.organisation.name);
      expect(response.body).not.toContain(pau.admin.email);
      // Nothing tells a forbidden organisation from a missing one.
      expect(strip(response.body)).toBe(strip(missing.body));
      const denied = await auditTrail(db(), { action: 'denied', actorId: staff.id });
      expect(denied.at(-1)).toMatchObject({
        resourceType: 'organisation',
        resourceId: pau.organisation.id,
        organisationId: pau.organisation.id,
        territoryId: pau.territory.id,
        actorType: 'agent',
      });
    }
  });

  it('cannot open an agent of another territory, through either organisation: 404, audited', async () => {
    const through = [
      [pau.organisation.slug, 'organisation', pau.organisation.id],
      [var83.organisation.slug, 'agent', pau.agent.id],
    ] as const;
    for (const [slug, resourceType, resourceId] of through) {
      const response = await get(
        t,
        `/admin/organisations/${slug}/agents/${pau.agent.id}`,
        var83.admin.cookie,
      );
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain(pau.agent.email);
      const [event] = (await auditTrail(db(), { action: 'denied', resourceId })).filter(
        (e) => e.actorId === var83.admin.id,
      );
      expect(event).toMatchObject({ resourceType });
    }
    // The agent's record was never read.
    expect(await auditTrail(db(), { action: 'read', resourceId: pau.agent.id })).toEqual([]);
  });

  it('cannot change another territory’s members either', async () => {
    const path = `/admin/organisations/${pau.organisation.slug}/agents/${pau.agent.id}`;
    for (const action of ['role', 'retrait', 'desactivation', 'reactivation']) {
      // The CSRF token comes from a page the admin may open; the action targets the other territory.
      const { response } = await submitForm(t.app, {
        page: `/admin/organisations/${var83.organisation.slug}`,
        action: `${path}/${action}`,
        cookie: var83.admin.cookie,
        fields: { role: 'readonly' },
      });
      expect(response.statusCode).toBe(404);
    }
    const invite = await submitForm(t.app, {
      page: `/admin/organisations/${var83.organisation.slug}`,
      action: `/admin/organisations/${pau.organisation.slug}/invitations`,
      cookie: var83.admin.cookie,
      fields: { email: 'espion@exemple.fr', firstName: 'E', lastName: 'S', role: 'admin' },
    });
    expect(invite.response.statusCode).toBe(404);
    const response = await get(t, `/admin/organisations/${pau.organisation.slug}`, pau.admin.cookie);
    expect(response.body).toContain(pau.agent.email);
    expect(response.body).not.toContain('espion@exemple.fr');
    expect(response.body).not.toContain('Désactivé');
  });
});

/** The page without its per-request parts (CSRF token). */
function strip(html: string): string {
  return html.replace(/name="_csrf" value="[^"]*"/g, '');
}
