import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client.ts';
import type { TremplinModule } from '../modules.ts';
import { organisations } from '../tenancy/tables.ts';
import { newOrganisation, newTerritory } from '../testing/factories.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import {
  createIndicatorRegistry,
  type IndicatorDefinition,
  MIN_PUBLIC_SAMPLE,
  publishable,
} from './indicators.ts';

const asOf = new Date('2030-01-15T10:00:00Z');

/** Counts a territory's organisations (or every organisation): a real query, cheap, easy to predict. */
const organisationCount: IndicatorDefinition = {
  key: 'essai.organisations',
  module: 'essai',
  title: 'Nombre d’organisations',
  unit: 'organisations',
  description: 'Les organisations de la collectivité.',
  better: 'higher',
  baseline: { value: 1, label: 'Au départ', source: 'Essai' },
  async compute(db: Db, scope) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(organisations)
      .where(scope.territoryId ? eq(organisations.territoryId, scope.territoryId) : undefined);
    return { value: row!.n, asOf: scope.now ?? new Date(), sample: row!.n };
  },
};

const constant = (
  key: string,
  module: string,
  value: number | null,
  sample: number,
): IndicatorDefinition => ({
  key,
  module,
  title: key,
  unit: '%',
  description: 'Constante.',
  compute: async (_db, scope) => ({ value, asOf: scope.now ?? asOf, sample }),
});

describe('indicator registry', () => {
  it('refuses keys that do not name their module, and keys declared twice', () => {
    expect(() => createIndicatorRegistry([constant('autre.taux', 'essai', 1, 10)])).toThrow(
      /la clé doit être « essai\.<nom> »/,
    );
    expect(() => createIndicatorRegistry([constant('essai.Taux', 'essai', 1, 10)])).toThrow(/minuscules/);
    expect(() =>
      createIndicatorRegistry([
        constant('essai.taux', 'essai', 1, 10),
        constant('essai.taux', 'essai', 2, 10),
      ]),
    ).toThrow('Indicateur « essai.taux » déclaré deux fois.');
  });

  it('lists, finds and reads indicators, by module or by key', async () => {
    const registry = createIndicatorRegistry([
      constant('essai.a', 'essai', 12.5, 40),
      constant('essai.b', 'essai', null, 0),
      constant('autre.c', 'autre', 3, 3),
    ]);
    expect(registry.list().map((d) => d.key)).toEqual(['essai.a', 'essai.b', 'autre.c']);
    expect(registry.get('autre.c')?.module).toBe('autre');
    expect(registry.get('inconnu.x')).toBeUndefined();
    const db = {} as Db; // the constants never touch it
    const essai = await registry.read(db, { now: asOf }, { module: 'essai' });
    expect(essai.map((r) => [r.key, r.value, r.sample, r.masked])).toEqual([
      ['essai.a', 12.5, 40, false],
      ['essai.b', null, 0, false],
    ]);
    expect(essai[0]).not.toHaveProperty('compute');
    expect(essai[0]!.asOf).toEqual(asOf);
    const one = await registry.read(db, { now: asOf }, { keys: ['autre.c'] });
    expect(one.map((r) => [r.key, r.value, r.sample])).toEqual([['autre.c', 3, 3]]);
  });

  it('withholds a published value computed on fewer than 5 people, sample included', async () => {
    expect(MIN_PUBLIC_SAMPLE).toBe(5);
    expect(publishable({ value: 50, asOf, sample: 4 })).toEqual({
      value: null,
      asOf,
      sample: null,
      masked: true,
    });
    expect(publishable({ value: 50, asOf, sample: 5 })).toEqual({
      value: 50,
      asOf,
      sample: 5,
      masked: false,
    });
    expect(publishable({ value: null, asOf, sample: 0 })).toEqual({
      value: null,
      asOf,
      sample: 0,
      masked: false,
    });
    const registry = createIndicatorRegistry([constant('essai.a', 'essai', 75, 4)]);
    const [published] = await registry.read({} as Db, { now: asOf }, { publicOnly: true });
    expect(published).toMatchObject({ key: 'essai.a', value: null, sample: null, masked: true });
  });
});

describe('GET /api/v1/indicators', () => {
  let t: TestContext;
  const essai: TremplinModule = {
    name: 'essai',
    title: 'Essai',
    register: async () => {},
    indicators: [organisationCount],
  };

  beforeAll(async () => {
    t = await startTestApp({}, [essai]);
  });
  afterAll(() => t.close());

  it('publishes the enabled modules’ indicators through the platform', () => {
    expect(t.platform.indicators.list().map((d) => d.key)).toEqual(['essai.organisations']);
  });

  it('computes them per territory, without a token, cached five minutes, small values withheld', async () => {
    const db = t.platform.database.db;
    const big = await newTerritory(db);
    for (let i = 0; i < 6; i++) await newOrganisation(db, { territoryId: big.id });
    const small = await newTerritory(db);
    await newOrganisation(db, { territoryId: small.id });

    const response = await t.app.inject({ url: `/api/v1/indicators?territoire=${big.slug}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    const body = response.json();
    expect(body.territory).toEqual({ slug: big.slug, name: big.name });
    expect(body.indicators).toHaveLength(1);
    expect(body.indicators[0]).toMatchObject({
      key: 'essai.organisations',
      module: 'essai',
      title: 'Nombre d’organisations',
      unit: 'organisations',
      better: 'higher',
      baseline: { value: 1, label: 'Au départ', source: 'Essai' },
      value: 6,
      sample: 6,
      masked: false,
    });
    expect(new Date(body.indicators[0].asOf).toISOString()).toBe(body.indicators[0].asOf);

    const masked = (await t.app.inject({ url: `/api/v1/indicators?territoire=${small.slug}` })).json();
    expect(masked.indicators[0]).toMatchObject({ value: null, sample: null, masked: true });

    const other = await t.app.inject({ url: '/api/v1/indicators?module=autre' });
    expect(other.json().indicators).toEqual([]);
  });

  it('answers 404 for an unknown territory', async () => {
    const response = await t.app.inject({ url: '/api/v1/indicators?territoire=nulle-part' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      error: 'not_found',
      message: 'Cette collectivité n’existe pas.',
    });
  });

  it('leaves out the indicators of a module switched off', async () => {
    const autre: TremplinModule = { name: 'autre', title: 'Autre', register: async () => {} };
    const off = await startTestApp({ MODULES: 'autre' }, [essai, autre]);
    try {
      expect(off.platform.indicators.list()).toEqual([]);
      expect((await off.app.inject({ url: '/api/v1/indicators' })).json().indicators).toEqual([]);
    } finally {
      await off.close();
    }
  });
});
