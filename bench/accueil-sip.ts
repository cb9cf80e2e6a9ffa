import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count, isNotNull } from 'drizzle-orm';
import { accueilModule } from '../src/modules/accueil/index.ts';
import type { RtpSession } from '../src/modules/accueil/media/session.ts';
import { calls } from '../src/modules/accueil/tables.ts';
import { accueilWorld } from '../src/modules/accueil/testing.ts';
import { startVoiceServer } from '../src/modules/accueil/voice/server.ts';
import { hasSipp, runSipp } from '../src/modules/accueil/voice/testing.ts';
import { assemblePlatform, closePlatform } from '../src/platform/assemble.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Database } from '../src/platform/db/client.ts';
import { benchDatabases, databaseLabels, printMachineLoad, withBenchDatabase } from './databases.ts';
import { residentMb, watchPeakRss } from './rss.ts';
import { formatTable } from './table.ts';

/**
 * `npm run bench -- accueil-sip`: SIPp places BENCH_CALLS (default 200) calls, BENCH_CONCURRENT (50)
 * at once, to the voice server on loopback; each caller hears the UTS La Seyne welcome (synthesised)
 * for 4 s and hangs up (../src/modules/accueil/tests/sipp/bench-call.xml). Figures: answer rate (SIPp's
 * successful calls, and calls the server recorded as ended), INVITE → 200 OK p50/p95 (SIPp's
 * per-call response times), RTP inter-packet gap p50/p99/max on the server's side (send times of
 * every answered call), CPU of this process during the calls and its memory before them and at its
 * peak (the whole platform with its database: PGlite runs inside the process), per database.
 * Asserts nothing.
 */
const total = Number(process.env.BENCH_CALLS ?? 200);
const concurrent = Number(process.env.BENCH_CONCURRENT ?? 50);

export async function benchAccueilSip(postgresAdminUrl: string): Promise<void> {
  console.log(
    `\nTremplin bench serveur vocal — Node ${process.version}, ${total} appels, ${concurrent} simultanés`,
  );
  if (!hasSipp) {
    console.log('SIPp absent (apt-get install sip-tester) : mesure ignorée.');
    return;
  }
  printMachineLoad();
  const rows: string[][] = [];
  for await (const kind of benchDatabases(postgresAdminUrl)) {
    const figures = await withBenchDatabase(kind, postgresAdminUrl, (database) => measure(database));
    rows.push([databaseLabels[kind], ...figures]);
  }
  console.log(
    `\n${formatTable(
      [
        'base',
        'appels',
        'répondus',
        'terminés',
        'INVITE→200 p50',
        'p95',
        'écart RTP p50',
        'p99',
        'max',
        'CPU',
        'mémoire (repos → max)',
      ],
      rows,
    )}\n`,
  );
}

async function measure(database: Database): Promise<string[]> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tremplin-bench-sip-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    BASE_URL: 'https://tremplin.bench.localhost',
    SECRET_KEY: randomBytes(32).toString('base64url'),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
  });
  const platform = await assemblePlatform(config, database, [accueilModule]);
  const world = await accueilWorld(database.db);
  const sessions: RtpSession[] = [];
  const server = await startVoiceServer(platform, {
    host: '127.0.0.1',
    port: 35060,
    publicAddress: '127.0.0.1',
    rtpPorts: { min: 36000, max: 37999 },
    transfer: 'refer',
    log: { debug() {}, info() {}, warn() {}, error: console.error },
  });
  server.onCall = (rtp) => sessions.push(rtp);
  const work = await mkdtemp(path.join(tmpdir(), 'tremplin-bench-sipp-'));
  try {
    const idleMb = residentMb(process.pid) ?? 0;
    const memory = watchPeakRss(process.pid);
    const cpuBefore = process.cpuUsage();
    const run = await runSipp({
      scenario: 'bench-call.xml',
      server: '127.0.0.1:35060',
      dialled: world.line.number,
      caller: '0612345678',
      localPort: 35070,
      mediaPort: 38000,
      calls: total,
      concurrent,
      rate: concurrent,
      timeoutSeconds: 300,
      extra: ['-trace_rtt', '-rtt_freq', '1', '-trace_stat', '-fd', '1'],
      cwd: work,
    });
    // The last calls' records are written as their BYE arrives: give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const cpu = process.cpuUsage(cpuBefore);
    const peakMb = memory.stop();
    const successful = Number(/Successful call\s*\|\s*\d+\s*\|\s*(\d+)/.exec(run.stdout)?.[1] ?? 0);
    const [ended] = await database.db.select({ n: count() }).from(calls).where(isNotNull(calls.endedAt));
    const rtt = await responseTimes(work);
    const gaps = sessions.flatMap((s) => {
      const times = s.stats().sendTimesMs;
      return times.slice(1).map((t, i) => t - times[i]!);
    });
    return [
      String(total),
      `${((100 * successful) / total).toFixed(1)} %`,
      String(ended?.n ?? 0),
      `${percentile(rtt, 0.5).toFixed(1)} ms`,
      `${percentile(rtt, 0.95).toFixed(1)} ms`,
      `${percentile(gaps, 0.5).toFixed(1)} ms`,
      `${percentile(gaps, 0.99).toFixed(1)} ms`,
      `${Math.max(0, ...gaps).toFixed(1)} ms`,
      `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
      `${idleMb.toFixed(0)} → ${peakMb.toFixed(0)} Mo`,
    ];
  } finally {
    await server.stop();
    await closePlatform(platform, { keepDatabase: true });
    await rm(work, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** SIPp's -trace_rtt file: « Date_ms;response_time_ms;rtd_no », one line per call. */
async function responseTimes(dir: string): Promise<number[]> {
  const file = (await readdir(dir)).find((f) => f.endsWith('_rtt.csv'));
  if (!file) return [];
  return (await readFile(path.join(dir, file), 'utf8'))
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(';')[1]))
    .filter((v) => Number.isFinite(v) && v >= 0);
}

function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
