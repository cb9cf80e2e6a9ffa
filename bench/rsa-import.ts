import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { findImportingOrganisation } from '../src/modules/rsa/import/import.repository.ts';
import { applyImport, importFileDirectly, startImport } from '../src/modules/rsa/import/import.service.ts';
import { csvFile, spreadsheetFile } from '../src/modules/rsa/import/testing.ts';
import { imports } from '../src/modules/rsa/tables.ts';
import { systemActor } from '../src/platform/audit/audit.ts';
import type { Database } from '../src/platform/db/client.ts';
import { communesOfDepartement } from '../src/platform/geo/administrative.ts';
import { searchKey } from '../src/platform/geo/text.ts';
import { newSectorCommune } from '../src/platform/scheduling/testing.ts';
import { territories } from '../src/platform/tenancy/tables.ts';
import { newAgent, newOrganisation, newTerritory } from '../src/platform/testing/factories.ts';
import {
  benchDatabases,
  type DatabaseKind,
  databaseLabels,
  printMachineLoad,
  withBenchDatabase,
} from './databases.ts';
import { seededRandom } from './scheduling-dataset.ts';
import { formatTable } from './table.ts';

/**
 * `npm run bench -- rsa-import`: the Var's whole RSA population (BENCH_RSA_ROWS, default 37,000
 * fictitious people in real Var communes, weighted by population) imported as the agents do it: the
 * preview (read, normalise, compare with the territory's records), then the apply (batches of 1,000,
 * each in one transaction, with sectorisation: 8 UTS sharing the communes, 3 référents each). Then the
 * same file again (every row unchanged), and the same people as XLSX. On PGlite (in memory) then on a
 * fresh PostgreSQL database; BENCH_DATABASES=postgres (or pglite) measures one. PGlite is persisted in a
 * temporary directory (removed after), as `npm start` runs it.
 *
 * Prints the wall time and the peak resident memory of each step: sampled every 20 ms during the step
 * (rss), and the process's maximum since it started (max rss, from getrusage), which for the first
 * database measured is that database's own peak. Goal on PGlite: < 20 s and < 500 MB. Asserts nothing.
 */
const rowCount = Number(process.env.BENCH_RSA_ROWS ?? 37_000);
const goalSeconds = 20;
const goalMb = 500;
const now = new Date('2025-03-01T09:00:00Z');

const lastNames = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Mercier',
  'Dupont',
  'Lambert',
  'Bonnet',
  'François',
  'Martinez',
  'Legrand',
  'Garnier',
  'Faure',
  'Rousseau',
  'Blanc',
  'Guérin',
  'Muller',
  'Henry',
  'Roussel',
  'Nicolas',
  'Perrin',
  'Morin',
  'Mathieu',
  'Clément',
  'Gauthier',
  'Dumont',
  'Lopez',
  'Fontaine',
  'Chevalier',
  'Robin',
  'Masson',
  'Benali',
  'Haddad',
  'Nguyen',
  'Ferrari',
  'Giordano',
];
const firstNames = [
  'Marie',
  'Jean',
  'Nathalie',
  'Pierre',
  'Isabelle',
  'Michel',
  'Sylvie',
  'Philippe',
  'Catherine',
  'Alain',
  'Sophie',
  'Nicolas',
  'Sandrine',
  'Christophe',
  'Céline',
  'Stéphane',
  'Julie',
  'Sébastien',
  'Aurélie',
  'Laurent',
  'Émilie',
  'Thomas',
  'Léa',
  'Kévin',
  'Inès',
  'Yacine',
  'Fatima',
  'Mohamed',
  'Chloé',
  'Hugo',
  'Manon',
  'Lucas',
  'Camille',
  'Noé',
  'Zoé',
  'Rémi',
  'Gaëlle',
  'Jérôme',
  'Anaïs',
  'Hélène',
];
const streets = [
  'rue de la République',
  'avenue Jean Jaurès',
  'boulevard de Strasbourg',
  'chemin des Oliviers',
  'place de la Liberté',
  'rue Victor Hugo',
  'avenue Aristide Briand',
  'impasse des Mimosas',
  'rue Paul Lendrin',
  'route de la Mer',
];

const headers = [
  'N° allocataire',
  'Rôle',
  'Nom',
  'Prénom',
  'Date de naissance',
  'Adresse',
  'Code postal',
  'Commune',
  'Téléphone',
  'Courriel',
  'Date d’ouverture de droits',
];

/** Fictitious Var beneficiaries; about one household in five has a conjoint (same number, CJT). */
function generatePeople(count: number): string[][] {
  const random = seededRandom(37);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const communes = communesOfDepartement('83').filter((c) => c.postalCodes.length > 0);
  const weights: number[] = [];
  let total = 0;
  for (const commune of communes) {
    total += commune.population ?? 100;
    weights.push(total);
  }
  const communeAt = () => {
    const x = random() * total;
    let low = 0;
    let high = weights.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (weights[mid]! < x) low = mid + 1;
      else high = mid;
    }
    return communes[low]!;
  };
  const two = (n: number) => String(n).padStart(2, '0');
  const date = (fromYear: number, years: number) =>
    `${two(1 + Math.floor(random() * 28))}/${two(1 + Math.floor(random() * 12))}/${fromYear + Math.floor(random() * years)}`;
  const rows: string[][] = [];
  let number = 1_200_000;
  while (rows.length < count) {
    number += 1 + Math.floor(random() * 3);
    const commune = communeAt();
    const address = `${1 + Math.floor(random() * 120)} ${pick(streets)}`;
    const postalCode = pick(commune.postalCodes);
    const lastName = pick(lastNames);
    const opened = date(2024, 2);
    // Mobiles in allocated ranges (06 10–38, 07 50–89): 070–072 and 0639 (Mayotte) would be rejected.
    const phone = () =>
      random() < 0.8
        ? `${random() < 0.5 ? `06 ${10 + Math.floor(random() * 29)}` : `07 ${50 + Math.floor(random() * 40)}`} ${two(Math.floor(random() * 100))} ${two(Math.floor(random() * 100))} ${two(Math.floor(random() * 100))}`
        : '';
    const person = (role: string) => {
      const firstName = pick(firstNames);
      const email =
        random() < 0.5
          ? `${searchKey(firstName)}.${searchKey(lastName)}${Math.floor(random() * 1000)}@exemple.fr`.replace(
              / /g,
              '-',
            )
          : '';
      return [
        String(number),
        role,
        lastName.toUpperCase(),
        firstName,
        date(1960, 45),
        address,
        postalCode,
        commune.name.toUpperCase(),
        phone(),
        email,
        opened,
      ];
    };
    rows.push(person('DEM'));
    if (rows.length < count && random() < 0.2) rows.push(person('CJT'));
  }
  return rows;
}

type Row = { database: string; step: string; seconds: number; rssMb: number; maxRssMb: number; note: string };

/** A step's figures without its result (an import's row, with its rejections, can be large). */
function figures({ seconds, rssMb, maxRssMb }: { seconds: number; rssMb: number; maxRssMb: number }) {
  return { seconds, rssMb, maxRssMb };
}

/** Runs a step while sampling the resident memory every 20 ms. */
async function measure<T>(
  step: () => Promise<T>,
): Promise<{ value: T; seconds: number; rssMb: number; maxRssMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const started = performance.now();
  try {
    const value = await step();
    peak = Math.max(peak, process.memoryUsage.rss());
    return {
      value,
      seconds: (performance.now() - started) / 1000,
      rssMb: peak / 1024 / 1024,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    clearInterval(timer);
  }
}

/**
 * One database, in a process of its own (started by benchRsaImport) so that its peak memory is its
 * own: the Var's organisations and sectorisation, then the steps, printed as one JSON line.
 */
async function benchDatabase(name: string, database: Database, dir: string): Promise<Row[]> {
  const db = database.db;
  const territory = await newTerritory(db, { kind: 'departement', code: '83', name: 'Département du Var' });
  const direction = await newOrganisation(db, {
    territoryId: territory.id,
    kind: 'direction',
    name: 'Direction de l’insertion',
  });
  const organisation = (await findImportingOrganisation(db, { id: direction.id }))!;
  const communes = communesOfDepartement('83');
  for (let u = 0; u < 8; u++) {
    const uts = await newOrganisation(db, { territoryId: territory.id, kind: 'uts', name: `UTS ${u + 1}` });
    const agents = [];
    for (let a = 0; a < 3; a++)
      agents.push(await newAgent(db, { memberships: [{ organisationId: uts.id, role: 'agent' }] }));
    for (const commune of communes.filter((_, i) => i % 8 === u)) {
      for (const agent of agents)
        await newSectorCommune(db, { organisationId: uts.id, communeCode: commune.code, agentId: agent.id });
    }
  }
  const caller = { actor: null, audit: systemActor };
  const rows: Row[] = [];
  const counts = (i: { created: number; updated: number; unchanged: number; rejected: number }) =>
    `created ${i.created}, updated ${i.updated}, unchanged ${i.unchanged}, rejected ${i.rejected}`;
  const csv = readFileSync(path.join(dir, 'var.csv'));

  // The agents' way: the preview, then the job's apply.
  const preview = await measure(() =>
    startImport(db, caller, { organisation, fileName: 'var.csv', content: csv, now }),
  );
  rows.push({
    database: name,
    step: 'CSV preview',
    ...figures(preview),
    note: `${preview.value.totalRows} rows`,
  });
  await db
    .update(imports)
    .set({ state: 'applying', created: 0, updated: 0, unchanged: 0, rejected: 0, rejections: [] })
    .where(eq(imports.id, preview.value.id));
  const apply = await measure(() => applyImport(db, preview.value.id, { now }));
  const [applied] = await db.select().from(imports).where(eq(imports.id, preview.value.id));
  rows.push({ database: name, step: 'CSV apply (job)', ...figures(apply), note: counts(applied!) });

  // The command line's way (no preview): the same file again, then the same people as XLSX.
  for (const [step, file] of [
    ['CSV again (CLI)', 'var.csv'],
    ['XLSX same people (CLI)', 'var.xlsx'],
  ] as const) {
    const content = readFileSync(path.join(dir, file));
    const run = await measure(() => importFileDirectly(db, { organisation, fileName: file, content, now }));
    rows.push({ database: name, step, ...figures(run), note: counts(run.value) });
  }
  // A first import through the command line, on a territory that has nobody yet.
  await db.update(territories).set({ code: '83-old' }).where(eq(territories.id, territory.id));
  const fresh = await newTerritory(db, { kind: 'departement', code: '83', name: 'Var (vide)' });
  const freshOrganisation = await newOrganisation(db, { territoryId: fresh.id, kind: 'direction' });
  const first = await measure(() =>
    importFileDirectly(db, {
      organisation: { ...organisation, id: freshOrganisation.id, territoryId: fresh.id },
      fileName: 'var.csv',
      content: csv,
      now,
    }),
  );
  rows.push({ database: name, step: 'CSV first import (CLI)', ...figures(first), note: counts(first.value) });
  return rows;
}

async function child(kind: DatabaseKind, dir: string, postgresAdminUrl: string): Promise<void> {
  const name = databaseLabels[kind];
  const opened = (): Row => ({
    database: name,
    step: 'opened + migrated, no import',
    seconds: 0,
    rssMb: process.memoryUsage.rss() / 1024 / 1024,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    note: 'the database client’s own memory',
  });
  // PGlite persisted in a directory, as `npm start` runs it (./data).
  const pgliteDir =
    kind === 'pglite' ? mkdtempSync(path.join(tmpdir(), 'tremplin-bench-pglite-')) : undefined;
  try {
    const rows = await withBenchDatabase(
      kind,
      postgresAdminUrl,
      async (database) => [opened(), ...(await benchDatabase(name, database, dir))],
      { pgliteDir },
    );
    console.log(`ROWS ${JSON.stringify(rows)}`);
  } finally {
    if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  }
}

function runChild(kind: DatabaseKind, dir: string, postgresAdminUrl: string): Row[] {
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', self, 'child', kind, dir, postgresAdminUrl],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const line = result.stdout.split('\n').find((l) => l.startsWith('ROWS '));
  if (!line) {
    console.log(`  ${kind} : échec (code ${result.status})\n${result.stdout}`);
    return [];
  }
  return JSON.parse(line.slice(5)) as Row[];
}

export async function benchRsaImport(postgresAdminUrl: string): Promise<void> {
  console.log(`\nTremplin bench import RSA — Node ${process.version}, ${rowCount} lignes`);
  printMachineLoad();
  const dir = mkdtempSync(path.join(tmpdir(), 'tremplin-bench-rsa-'));
  try {
    const people = generatePeople(rowCount);
    writeFileSync(path.join(dir, 'var.csv'), csvFile([headers, ...people], ';', 'windows-1252'));
    writeFileSync(path.join(dir, 'var.xlsx'), spreadsheetFile([headers, ...people], 'xlsx'));
    console.log(
      `  fichiers : CSV (Windows-1252, ;) ${(statSync(path.join(dir, 'var.csv')).size / 1e6).toFixed(1)} Mo, XLSX ${(statSync(path.join(dir, 'var.xlsx')).size / 1e6).toFixed(1)} Mo`,
    );
    const rows: Row[] = [];
    for await (const kind of benchDatabases(postgresAdminUrl))
      rows.push(...runChild(kind, dir, postgresAdminUrl));
    console.log(
      `\n${formatTable(
        ['database', 'step', 'wall s', 'peak rss MB (sampled)', 'process max rss MB', 'note'],
        rows.map((r) => [
          r.database,
          r.step,
          r.seconds.toFixed(1),
          r.rssMb.toFixed(0),
          r.maxRssMb.toFixed(0),
          r.note,
        ]),
      )}\n`,
    );
    const pglite = rows.filter((r) => r.database === 'PGlite');
    const first = pglite.find((r) => r.step === 'CSV first import (CLI)');
    if (first) {
      const peak = Math.max(...pglite.map((r) => r.maxRssMb));
      console.log(
        `Objectif PGlite (premier import de ${rowCount} lignes) < ${goalSeconds} s et < ${goalMb} Mo : ${first.seconds < goalSeconds && peak < goalMb ? 'atteint' : 'NON atteint'} (${first.seconds.toFixed(1)} s, pic ${peak.toFixed(0)} Mo)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') {
  await child(process.argv[3] as DatabaseKind, process.argv[4]!, process.argv[5]!);
  process.exit(0);
}
