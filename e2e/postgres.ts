import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type FreshDatabase = { url: string; drop(): Promise<void> };

/**
 * Creates an empty PostgreSQL database next to the one `adminUrl` points at, for one run of the
 * server, and drops it after (WITH (FORCE) ends any connection the server left open).
 */
export async function createFreshDatabase(adminUrl: string, prefix: string): Promise<FreshDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await runAdmin(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => runAdmin(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

/** Answers true when a PostgreSQL server answers at `url` within a few seconds. */
export async function isReachable(url: string): Promise<boolean> {
  try {
    await runAdmin(url, 'select 1');
    return true;
  } catch {
    return false;
  }
}

async function runAdmin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
