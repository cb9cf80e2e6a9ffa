import type { Platform } from '../../platform/platform.ts';
import { seedCohort2019 } from './demo/cohort-2019.ts';
import { ensureDemoPeople } from './demo/people.ts';
import { seedSeason2027 } from './demo/season-2027.ts';

/**
 * The programme demo, on top of the platform's (territories, services, agents of tenancy/demo.ts):
 * « Saison 2019 », the Var and Pau cohort from its call for problems to its committee, with its
 * public facts in our own words; and « Saison 2027 », whose call is open now so the live workflow can
 * be tried. One transaction; each season is written only when missing, so seeding twice changes
 * nothing. `now` only places the current season's call; everything else is deterministic.
 */
export async function seedDemoProgramme(platform: Platform, now = new Date()): Promise<void> {
  await platform.database.db.transaction(async (tx) => {
    const directory = await ensureDemoPeople(tx);
    if (!directory) return; // no platform demo to build on
    await seedCohort2019(tx, directory);
    await seedSeason2027(tx, directory, now);
  });
}
