import { benchAccueilSip } from './accueil-sip.ts';
import { benchHttp } from './http.ts';
import { benchMessaging } from './messaging.ts';
import { benchRsaImport } from './rsa-import.ts';
import { benchRsaInvitations } from './rsa-invitations.ts';
import { benchScheduling } from './scheduling.ts';

/**
 * `npm run bench`: every benchmark; `npm run bench -- http`, `-- messaging` or `-- scheduling` runs one.
 * Each prints its figures and asserts nothing. BENCH_DATABASE_URL is an administrative PostgreSQL URL:
 * each run creates a fresh database beside it and drops it after.
 */
const parts: Record<string, (postgresAdminUrl: string) => Promise<void>> = {
  'accueil-sip': benchAccueilSip,
  http: benchHttp,
  messaging: benchMessaging,
  'rsa-import': benchRsaImport,
  'rsa-invitations': benchRsaInvitations,
  scheduling: benchScheduling,
};
const postgresAdminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in parts));
if (unknown.length) {
  console.error(`Banc inconnu : ${unknown.join(', ')} (disponibles : ${Object.keys(parts).join(', ')})`);
  process.exit(1);
}
for (const [name, run] of Object.entries(parts)) {
  if (wanted.length && !wanted.includes(name)) continue;
  await run(postgresAdminUrl);
}
// Pools and timers a benchmark leaves behind must not keep the process alive once figures are printed.
process.exit(0);
