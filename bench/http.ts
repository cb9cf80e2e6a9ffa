import { availableParallelism, loadavg } from 'node:os';
import { isReachable } from '../e2e/postgres.ts';
import { type RunningServer, startServer } from '../e2e/server.ts';
import { type LoadResult, measure } from './load.ts';
import { signInOverHttp } from './sign-in.ts';
import { formatTable } from './table.ts';

/**
 * `npm run bench -- http`: the real server as a child process, on PGlite then on PostgreSQL, under
 * load on the public home page and on a signed-in agent's dashboard (each after a 2 s unmeasured
 * warm-up). Prints figures; asserts nothing. BENCH_DURATION (seconds, default 10), BENCH_CONNECTIONS
 * (default 50); PostgreSQL at the administrative URL given by run.ts (a fresh database is created
 * beside it and dropped).
 */
const seconds = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const agent = 'admin.insertion@var.tremplin.demo';
const p99GoalMs = 50;

type Row = { database: string; page: string; result: LoadResult };

async function benchOne(server: RunningServer): Promise<Row[]> {
  const cookie = await signInOverHttp(server.baseUrl, agent);
  const pages = [
    { page: '/ (anonyme)', url: `${server.baseUrl}/` },
    { page: '/tableau-de-bord (connecté)', url: `${server.baseUrl}/tableau-de-bord`, cookie },
  ];
  const rows: Row[] = [];
  for (const { page, url, cookie } of pages) {
    console.log(`  ${server.database} ${page}: ${connections} connexions, ${seconds} s…`);
    const result = await measure({ url, cookie, connections, seconds, serverPid: server.pid });
    rows.push({ database: server.database, page, result });
  }
  return rows;
}

async function withServer(options: Parameters<typeof startServer>[0]): Promise<Row[]> {
  const server = await startServer({ ...options, logLevel: 'warn' });
  try {
    return await benchOne(server);
  } finally {
    await server.stop();
  }
}

export async function benchHttp(postgresAdminUrl: string): Promise<void> {
  const rows: Row[] = [];
  console.log(`Tremplin bench — Node ${process.version}, ${connections} connexions, ${seconds} s par page`);
  // autocannon runs in this process, beside the server: on a small machine the two share the cores.
  const load = loadavg()[0]!;
  console.log(`${availableParallelism()} cœurs, charge moyenne (1 min) ${load.toFixed(1)} avant la mesure`);
  if (load > availableParallelism() / 2)
    console.log('Attention : machine déjà chargée, chiffres peu fiables.');
  rows.push(...(await withServer({})));
  if (await isReachable(postgresAdminUrl)) {
    rows.push(...(await withServer({ postgresAdminUrl })));
  } else {
    console.log(
      `PostgreSQL injoignable sur ${postgresAdminUrl.replace(/:[^:@/]*@/, ':***@')} : mesure ignorée.`,
    );
  }

  console.log(
    `\n${formatTable(
      ['database', 'page', 'req/s', 'p50 ms', 'p99 ms', 'errors/non-2xx', 'server RSS MB (peak)'],
      rows.map(({ database, page, result: r }) => [
        database,
        page,
        r.requestsPerSecond.toFixed(0),
        r.p50.toFixed(1),
        r.p99.toFixed(1),
        `${r.errors}/${r.non2xx}`,
        r.peakRssMb.toFixed(0),
      ]),
    )}\n`,
  );

  const onPostgres = rows.filter((r) => r.database === 'postgres');
  for (const { page, result } of onPostgres) {
    const verdict = result.p99 <= p99GoalMs ? 'atteint' : 'NON atteint';
    console.log(
      `Objectif p99 ≤ ${p99GoalMs} ms sur PostgreSQL, ${page} : ${verdict} (${result.p99.toFixed(1)} ms)`,
    );
  }
  if (onPostgres.length === 0) console.log(`Objectif p99 ≤ ${p99GoalMs} ms sur PostgreSQL : non mesuré.`);
}
