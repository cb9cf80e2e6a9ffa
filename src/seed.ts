import { sql } from 'drizzle-orm';
import { allModules } from './modules/index.ts';
import type { Platform } from './platform/platform.ts';
import { seedDemoScheduling } from './platform/scheduling/demo.ts';
import { seedDemoTenancy } from './platform/tenancy/demo.ts';
import { territories } from './platform/tenancy/tables.ts';

/** `npm run seed`: the demo data (idempotent: running it twice changes nothing). */
export async function seedDemo(platform: Platform): Promise<void> {
  await seedDemoTenancy(platform.database.db);
  await seedDemoScheduling(platform.database.db);
  for (const module of allModules) await module.seedDemo?.(platform);
}

/** `npm start` seeds only a database with no territory at all, never one in use. */
export async function seedIfEmpty(platform: Platform): Promise<boolean> {
  const [row] = await platform.database.db.select({ n: sql<number>`count(*)::int` }).from(territories);
  if (Number(row?.n ?? 0) > 0) return false;
  await seedDemo(platform);
  return true;
}
