import type { Database } from '../src/platform/db/client.ts';
import {
  firstAvailableSlot,
  readSearchInput,
  searchSlots,
} from '../src/platform/scheduling/slot-search.service.ts';
import { addDays, localDay } from '../src/platform/scheduling/slots/calendar.ts';
import type { SlotQuery } from '../src/platform/scheduling/types.ts';
import { benchDatabases, databaseLabels, printMachineLoad, withBenchDatabase } from './databases.ts';
import { type Dataset, generateSchedulingDataset, seededRandom } from './scheduling-dataset.ts';
import { formatTable } from './table.ts';

/**
 * `npm run bench -- scheduling`: the slot search on a département-scale dataset (scheduling-dataset.ts:
 * 64 places, 200 agents with weekly opening slots over six months, 30,000 appointments, 150 sectorised
 * communes), on PGlite (in memory) then on a fresh PostgreSQL database created beside the
 * administrative URL and dropped after. After 20 unmeasured queries, BENCH_QUERIES (default 300)
 * random queries of each kind, one at a time:
 * - search: searchSlots over 4 weeks (random start in the next 30 days) for the orientation type
 *   across all places, half of them with a random commune (sectorisation, place order);
 * - first: firstAvailableSlot for a random individual type and audience, half with a commune;
 * - read: the same queries as "search" through readSearchInput only (the repository's queries, no
 *   computing), so that search / read tells how much the computation adds to reading the rows.
 * Prints p50/p95/p99 in milliseconds; asserts nothing. Goal: p95 < 50 ms on PostgreSQL.
 * BENCH_DATABASES=postgres (or pglite) measures one database only.
 */
const queries = Number(process.env.BENCH_QUERIES ?? 300);
const goalP95Ms = 50;
/** Fixed, so that runs compare: a Monday two weeks before the spring change of 2027. */
const now = new Date('2027-03-15T08:00:00Z');

/** `cpu`: this process's CPU time per query (ms), less moved than wall time by other programs. */
type Row = { database: string; measure: string; times: number[]; cpu: number; note: string };

export async function benchScheduling(postgresAdminUrl: string): Promise<void> {
  console.log(
    `\nTremplin bench recherche de créneaux — Node ${process.version}, ${queries} requêtes par mesure`,
  );
  printMachineLoad();

  const rows: Row[] = [];
  for await (const kind of benchDatabases(postgresAdminUrl)) {
    rows.push(
      ...(await withBenchDatabase(kind, postgresAdminUrl, (database) =>
        benchDatabase(databaseLabels[kind], database),
      )),
    );
  }

  console.log(
    `\n${formatTable(
      ['database', 'measure', 'queries', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'node CPU ms/query', 'note'],
      rows.map((r) => [
        r.database,
        r.measure,
        String(r.times.length),
        percentile(r.times, 50).toFixed(1),
        percentile(r.times, 95).toFixed(1),
        percentile(r.times, 99).toFixed(1),
        Math.max(...r.times).toFixed(1),
        r.cpu.toFixed(1),
        r.note,
      ]),
    )}\n`,
  );
  for (const database of new Set(rows.map((r) => r.database))) {
    const of = (measure: string) => rows.find((r) => r.database === database && r.measure === measure)!.times;
    const ratio = percentile(of('search 4 weeks'), 50) / percentile(of('read input only'), 50);
    console.log(`${database} : recherche / lecture des lignes (p50) = ${ratio.toFixed(2)}`);
  }
  const postgres = rows.filter((r) => r.database === 'PostgreSQL' && r.measure !== 'read input only');
  for (const r of postgres) {
    const p95 = percentile(r.times, 95);
    console.log(
      `Objectif p95 < ${goalP95Ms} ms sur PostgreSQL (${r.measure}) : ${p95 < goalP95Ms ? 'atteint' : 'NON atteint'} (${p95.toFixed(1)} ms)`,
    );
  }
}

async function benchDatabase(name: string, database: Database): Promise<Row[]> {
  console.log(`  ${name} : génération du jeu de données…`);
  const started = performance.now();
  const dataset = await generateSchedulingDataset(database.db, now);
  console.log(
    `  ${name} : ${Object.entries(dataset.counts)
      .map(([table, n]) => `${n} ${table}`)
      .join(', ')} en ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const db = database.db;
  const searchQuery = queryMaker(dataset, 1);
  const firstQuery = firstQueryMaker(dataset, 2);

  for (let i = 0; i < 20; i++) {
    await searchSlots(db, searchQuery());
    await firstAvailableSlot(db, firstQuery());
  }

  const search: number[] = [];
  let slotsFound = 0;
  let cpu = process.cpuUsage();
  for (const query of Array.from({ length: queries }, searchQuery)) {
    const t = performance.now();
    const result = await searchSlots(db, query);
    search.push(performance.now() - t);
    slotsFound += result.places.reduce((sum, p) => sum + p.days.reduce((s, d) => s + d.slots.length, 0), 0);
  }

  const searchCpu = cpuMs(cpu);
  const first: number[] = [];
  let found = 0;
  cpu = process.cpuUsage();
  for (const query of Array.from({ length: queries }, firstQuery)) {
    const t = performance.now();
    if (await firstAvailableSlot(db, query)) found++;
    first.push(performance.now() - t);
  }

  const firstCpu = cpuMs(cpu);
  // The same queries as the search (same seed), input rows only.
  const readQuery = queryMaker(dataset, 1);
  for (let i = 0; i < 20; i++) readQuery();
  const read: number[] = [];
  let rowsRead = 0;
  cpu = process.cpuUsage();
  for (const query of Array.from({ length: queries }, readQuery)) {
    const t = performance.now();
    const input = await readSearchInput(db, query);
    read.push(performance.now() - t);
    if (input.kind === 'individual')
      rowsRead += input.rules.length + input.absences.length + input.busy.length;
  }

  const readCpu = cpuMs(cpu);
  return [
    {
      database: name,
      measure: 'search 4 weeks',
      times: search,
      cpu: searchCpu,
      note: `${Math.round(slotsFound / queries)} slots/search`,
    },
    {
      database: name,
      measure: 'first available',
      times: first,
      cpu: firstCpu,
      note: `${found}/${queries} found`,
    },
    {
      database: name,
      measure: 'read input only',
      times: read,
      cpu: readCpu,
      note: `${Math.round(rowsRead / queries)} rows/search`,
    },
  ];
}

/** Random 4-week searches for the orientation type, half with a commune. */
function queryMaker(dataset: Dataset, seed: number): () => SlotQuery {
  const random = seededRandom(seed);
  const today = localDay(dataset.now);
  return () => {
    const from = addDays(today, Math.floor(random() * 30));
    const communeCode =
      random() < 0.5 ? dataset.communes[Math.floor(random() * dataset.communes.length)] : undefined;
    return {
      appointmentTypeId: dataset.types.orientation,
      audience: 'public',
      from,
      to: addDays(from, 27),
      communeCode,
      now: dataset.now,
    };
  };
}

function firstQueryMaker(dataset: Dataset, seed: number): () => Omit<SlotQuery, 'from' | 'to'> {
  const random = seededRandom(seed);
  const choices = [
    { appointmentTypeId: dataset.types.orientation, audience: 'public' as const },
    { appointmentTypeId: dataset.types.bilan, audience: 'invited' as const },
    { appointmentTypeId: dataset.types.accompagnement, audience: 'agent' as const },
  ];
  return () => {
    const choice = choices[Math.floor(random() * choices.length)]!;
    const communeCode =
      random() < 0.5 ? dataset.communes[Math.floor(random() * dataset.communes.length)] : undefined;
    return { ...choice, communeCode, now: dataset.now };
  };
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000 / queries;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
