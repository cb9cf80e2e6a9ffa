import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { newOrganisation, newTerritory } from '../../../platform/testing/factories.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { utsLaSeyneFlow } from '../flow/uts-la-seyne.ts';
import { accueilModule } from '../index.ts';
import { lines } from '../tables.ts';
import { type AccueilWorld, accueilWorld } from '../testing.ts';
import { type CallSpec, recordCalls } from './testing.ts';

const now = new Date('2031-03-20T11:00:00Z');
const at = (day: number, hour = 9) => new Date(Date.UTC(2031, 2, day, hour - 1));

describe('phone reception indicators', () => {
  let t: TestContext;
  let db: Db;
  let w: AccueilWorld;
  let elsewhere: string;

  beforeAll(async () => {
    t = await startTestApp({}, [accueilModule]);
    db = t.platform.database.db;
    w = await accueilWorld(db);
    const answered = (day: number, callerNumber: string): CallSpec => ({
      startedAt: at(day),
      callerNumber,
      serviceKey: 'aspi',
      outcome: 'transfere_repondu',
    });
    await recordCalls(db, w.line, [
      answered(10, '+33639980001'),
      answered(11, '+33639980001'),
      answered(12, '+33639980001'),
      answered(13, '+33639980001'),
      answered(14, '+33639980002'),
      answered(17, '+33639980002'),
      { startedAt: at(17), callerNumber: '+33639980001', outcome: null }, // lost
      ...[1, 3, 5].map(
        (hours, i): CallSpec => ({
          startedAt: at(18),
          callerNumber: `+3363998001${i}`,
          serviceKey: 'ase',
          outcome: 'rappel_demande',
          ticket: { status: 'fait', closedAfterHours: hours },
        }),
      ),
      { startedAt: at(20, 11), callerNumber: '+33639980020', seconds: null }, // going on: not counted
      { startedAt: at(10, 9), callerNumber: null, outcome: null, seconds: null }, // left open, not ended
      { startedAt: new Date('2031-02-01T09:00:00Z'), callerNumber: '+33639980001', outcome: null }, // too old
    ]);
    const territory = await newTerritory(db, { name: 'Ailleurs' });
    const organisation = await newOrganisation(db, { territoryId: territory.id, kind: 'uts' });
    elsewhere = territory.id;
    const [line] = await db
      .insert(lines)
      .values({
        organisationId: organisation.id,
        name: 'Ailleurs',
        number: '+33494000042',
        flow: utsLaSeyneFlow(),
      })
      .returning();
    await recordCalls(
      db,
      line!,
      [1, 2, 3].map((i) => ({ startedAt: at(15 + i), callerNumber: '+33639980099', outcome: null })),
    );
  });
  afterAll(() => t?.close());

  const read = async (territoryId: string | undefined, publicOnly = false) =>
    Object.fromEntries(
      (await t.platform.indicators.read(db, { territoryId, now }, { module: 'accueil', publicOnly })).map(
        (r) => [r.key, r],
      ),
    );

  it('publishes four indicators with the 2019 baseline where there is one', () => {
    const keys = t.platform.indicators
      .list()
      .filter((d) => d.module === 'accueil')
      .map((d) => d.key);
    expect(keys).toEqual([
      'accueil.taux_appels_perdus',
      'accueil.rappeleurs_5_fois',
      'accueil.delai_rappel_median',
      'accueil.appels_traites',
    ]);
    const lost = t.platform.indicators.get('accueil.taux_appels_perdus')!;
    expect(lost).toMatchObject({
      unit: '%',
      better: 'lower',
      baseline: { value: 70, label: 'Appels perdus à l’UTS de La Seyne-sur-Mer en 2019' },
    });
    expect(t.platform.indicators.get('accueil.rappeleurs_5_fois')!.baseline!.value).toBe(59);
  });

  it('computes them over the last 28 days of the territory’s lines', async () => {
    const var_ = await read(w.territory.id);
    expect(var_['accueil.taux_appels_perdus']).toMatchObject({ value: 10, sample: 10, masked: false });
    // +33639980001 called 5 times (the lost call included); 6 distinct numbers.
    expect(var_['accueil.rappeleurs_5_fois']).toMatchObject({ value: 16.7, sample: 6 });
    expect(var_['accueil.delai_rappel_median']).toMatchObject({ value: 3, sample: 3, unit: 'heures' });
    expect(var_['accueil.appels_traites']).toMatchObject({ value: 9, sample: 9 });

    const other = await read(elsewhere);
    expect(other['accueil.taux_appels_perdus']).toMatchObject({ value: 100, sample: 3 });
    expect(other['accueil.rappeleurs_5_fois']).toMatchObject({ value: 0, sample: 1 });
    expect(other['accueil.delai_rappel_median']).toMatchObject({ value: null, sample: 0 });
    expect(other['accueil.appels_traites']).toMatchObject({ value: 0, sample: 0 });

    const all = await read(undefined);
    expect(all['accueil.taux_appels_perdus']).toMatchObject({ value: 30.8, sample: 13 });
  });

  it('withholds in public the figures computed on fewer than 5 calls, callers or callbacks', async () => {
    const publicVar = await read(w.territory.id, true);
    expect(publicVar['accueil.taux_appels_perdus']).toMatchObject({ value: 10, masked: false });
    expect(publicVar['accueil.delai_rappel_median']).toMatchObject({
      value: null,
      sample: null,
      masked: true,
    });
    const publicOther = await read(elsewhere, true);
    expect(publicOther['accueil.taux_appels_perdus']).toMatchObject({ value: null, masked: true });
    expect(publicOther['accueil.appels_traites']).toMatchObject({ value: 0, masked: false });
  });
});
