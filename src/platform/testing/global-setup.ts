import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrationsFolder, openPglite, openPostgres } from '../db/client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PGlite data directory (tarball file) with every migration applied; see openTestDatabase. */
    pgliteTemplate: string | undefined;
    /** With TEST_DATABASE_URL: a migrated PostgreSQL database that each test file's database copies. */
    postgresTemplate: string | undefined;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const cacheFolder = path.join(root, 'node_modules/.cache/tremplin-test');

/**
 * Vitest's globalSetup (vitest.config.ts): runs once per `vitest run`, also for a single file.
 *
 * Creating a database and migrating it costs seconds, which every test file paid. Here it is done
 * once, and openTestDatabase starts each test file from a copy.
 *
 * PGlite: a migrated database is dumped to a tarball that openTestDatabase loads. The tarball is
 * named by a hash of everything that shapes it (the migrations, the code that opens and migrates
 * PGlite, this file, the PGlite and Drizzle versions): a change to any of them builds a new one, and
 * an unchanged one is reused by the next runs.
 *
 * PostgreSQL (TEST_DATABASE_URL): a database migrated for this run alone, that each test file's
 * database is created from (`create database … template …`), and dropped when the run ends.
 */
export async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    project.provide('pgliteTemplate', undefined);
    const name = `tremplin_test_template_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `create database ${name}`);
    try {
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const database = await openPostgres(url.toString(), 1);
      await database.migrate().finally(() => database.close());
    } catch (error) {
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
      throw error;
    }
    project.provide('postgresTemplate', name);
    return () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
  }
  project.provide('postgresTemplate', undefined);
  const file = path.join(cacheFolder, `pglite-${templateKey()}.tar`);
  if (!existsSync(file)) await buildTemplate(file);
  project.provide('pgliteTemplate', file);
  return undefined;
}

async function adminQuery(adminUrl: string, query: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(query);
  } finally {
    await admin.end();
  }
}

async function buildTemplate(file: string): Promise<void> {
  const database = await openPglite(undefined);
  try {
    await database.migrate();
    // A checkpoint first, so that each copy starts without replaying the migrations' WAL.
    await database.pglite!.exec('checkpoint');
    const tarball = await database.pglite!.dumpDataDir('none');
    mkdirSync(cacheFolder, { recursive: true });
    removeOldTemplates(path.basename(file));
    // Written aside then renamed: a run started at the same time never reads half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, new Uint8Array(await tarball.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    await database.close();
  }
}

/** Templates of other keys, and files left half-written by a run that died more than an hour ago. */
function removeOldTemplates(keep: string): void {
  for (const name of readdirSync(cacheFolder)) {
    const old = path.join(cacheFolder, name);
    const stale = name.endsWith('.partial')
      ? Date.now() - (statSync(old, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 3_600_000
      : name.endsWith('.tar') && name !== keep;
    if (stale) rmSync(old, { force: true });
  }
}

function templateKey(): string {
  const hash = createHash('sha256');
  const add = (name: string, content: string | Buffer) => hash.update(`${name}\0`).update(content);
  for (const name of listFiles(migrationsFolder)) add(name, readFileSync(path.join(migrationsFolder, name)));
  add('client.ts', readFileSync(path.join(here, '../db/client.ts')));
  add('global-setup.ts', readFileSync(fileURLToPath(import.meta.url)));
  for (const pkg of ['@electric-sql/pglite', 'drizzle-orm']) {
    add(pkg, readFileSync(path.join(root, 'node_modules', pkg, 'package.json')));
  }
  return hash.digest('hex').slice(0, 16);
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}
