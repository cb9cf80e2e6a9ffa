import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail, get, organisationWithStaff } from '../../tenancy/testing.ts';
import { newAgent, signInAs } from '../../testing/factories.ts';
import { startTestApp, type TestContext } from '../../testing/harness.ts';
import { sectorCommunes } from '../tables.ts';
import { postFields } from './testing.ts';

const PAU_AGGLOMERATION = '200067254';

describe('sectorisation (/rendez-vous/parametres/secteur)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const db = () => t.platform.database.db;

  it('adds a commune found by search, all communes of an EPCI, names agents, removes a commune', async () => {
    const s = await organisationWithStaff(db());
    const page = `/rendez-vous/parametres/secteur?organisation=${s.organisation.slug}`;
    const search = await get(t, `${page}&commune=seyne`, s.admin.cookie);
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('La Seyne-sur-Mer (83500)');
    expect(search.body).toContain('name="communeCode" value="83126"');
    const add = (fields: Record<string, string | string[]>, path: string) =>
      postFields(t, {
        page,
        action: `/rendez-vous/parametres/secteur/${path}?organisation=${s.organisation.slug}`,
        cookie: s.admin.cookie,
        fields,
      });
    expect((await add({ communeCode: '83126' }, 'communes')).statusCode).toBe(303);
    expect((await add({ communeCode: '83126' }, 'communes')).statusCode).toBe(303);
    expect((await add({ siren: PAU_AGGLOMERATION }, 'epci')).statusCode).toBe(303);
    const rows = await db()
      .select()
      .from(sectorCommunes)
      .where(eq(sectorCommunes.organisationId, s.organisation.id));
    expect(rows).toHaveLength(32);
    expect(rows.some((r) => r.communeCode === '64445')).toBe(true); // Pau

    const agents = await add({ agentIds: [s.agent.id, s.admin.id] }, 'communes/64445');
    expect(agents.statusCode).toBe(303);
    const named = await db()
      .select()
      .from(sectorCommunes)
      .where(and(eq(sectorCommunes.organisationId, s.organisation.id), isNotNull(sectorCommunes.agentId)));
    expect(named.map((r) => r.agentId).sort()).toEqual([s.agent.id, s.admin.id].sort());
    const list = await get(t, page, s.readonly.cookie);
    expect(list.body).toContain('32 communes desservies');
    expect(list.body).not.toContain('Retirer');

    expect((await add({}, 'communes/64445/retrait')).statusCode).toBe(303);
    const left = await db()
      .select()
      .from(sectorCommunes)
      .where(eq(sectorCommunes.organisationId, s.organisation.id));
    expect(left).toHaveLength(31); // 32 communes less Pau, its two named agents gone with it
    expect((await add({ communeCode: '99999' }, 'communes')).statusCode).toBe(303);
    expect((await auditTrail(db(), { resourceType: 'sector', resourceId: s.organisation.id })).length).toBe(
      4,
    );
  });

  it('refuses changes to agents and to other organisations', async () => {
    const s = await organisationWithStaff(db());
    const other = await organisationWithStaff(db());
    const refused = await postFields(t, {
      page: `/rendez-vous/parametres/secteur?organisation=${s.organisation.slug}`,
      action: `/rendez-vous/parametres/secteur/communes?organisation=${s.organisation.slug}`,
      cookie: s.agent.cookie,
      fields: { communeCode: '83126' },
    });
    expect(refused.statusCode).toBe(403);
    const elsewhere = await postFields(t, {
      page: `/rendez-vous/parametres/secteur?organisation=${s.organisation.slug}`,
      action: `/rendez-vous/parametres/secteur/communes?organisation=${other.organisation.slug}`,
      cookie: s.admin.cookie,
      fields: { communeCode: '83126' },
    });
    expect(elsewhere.statusCode).toBe(404);
    expect(
      (
        await get(
          t,
          `/rendez-vous/parametres/secteur?organisation=${other.organisation.slug}`,
          s.admin.cookie,
        )
      ).statusCode,
    ).toBe(404);
    expect(
      await db()
        .select()
        .from(sectorCommunes)
        .where(eq(sectorCommunes.organisationId, other.organisation.id)),
    ).toHaveLength(0);
    expect(
      await db().select().from(sectorCommunes).where(eq(sectorCommunes.organisationId, s.organisation.id)),
    ).toHaveLength(0);
  });
});

describe('settings home (/rendez-vous/parametres)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const db = () => t.platform.database.db;

  it('opens on the current organisation and offers the others', async () => {
    const s = await organisationWithStaff(db());
    const home = await get(t, '/rendez-vous/parametres', s.agent.cookie);
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(s.organisation.name);
    expect(home.body).toContain(`/rendez-vous/parametres/plages?organisation=${s.organisation.slug}`);
    expect(home.body).not.toContain('id="choix-organisation"');
  });

  it('lets an agent of several organisations pick one with ?organisation=', async () => {
    const first = await organisationWithStaff(db());
    const second = await organisationWithStaff(db());
    const agent = await newAgent(db(), {
      memberships: [
        { organisationId: first.organisation.id, role: 'agent' },
        { organisationId: second.organisation.id, role: 'admin' },
      ],
    });
    const cookie = await signInAs(db(), agent.id);
    const home = await get(t, `/rendez-vous/parametres?organisation=${second.organisation.slug}`, cookie);
    expect(home.body).toContain('id="choix-organisation"');
    expect(home.body).toContain(`<option value="${second.organisation.slug}" selected>`);
    const places = await get(
      t,
      `/rendez-vous/parametres/lieux?organisation=${second.organisation.slug}`,
      cookie,
    );
    expect(places.body).toContain('Ajouter un lieu');
    const elsewhere = await get(
      t,
      `/rendez-vous/parametres/lieux?organisation=${first.organisation.slug}`,
      cookie,
    );
    expect(elsewhere.body).not.toContain('Ajouter un lieu');
    expect((await get(t, '/rendez-vous/parametres?organisation=inconnue', cookie)).statusCode).toBe(404);
  });
});
