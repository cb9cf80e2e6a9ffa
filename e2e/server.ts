import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFreshDatabase, type FreshDatabase } from './postgres.ts';

export type RunningServer = {
  baseUrl: string;
  /** The pid of the node process serving requests (not a wrapper): its /proc entry is the server's. */
  pid: number;
  database: 'pglite' | 'postgres';
  /** What the server printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
};

export type ServerOptions = {
  /** An administrative PostgreSQL URL: the server then runs on a fresh database created beside it. */
  postgresAdminUrl?: string;
  logLevel?: string;
  env?: Record<string, string>;
  /** Extra node flags, e.g. ['--cpu-prof'] to profile the server under load. */
  nodeArgs?: string[];
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Starts the real server (`node --import tsx src/server.ts`, as `npm start` does) on a free port of
 * the loopback interface, with a fresh temporary data directory and the demo seeded, and waits for
 * /healthz. `stop()` sends SIGTERM, waits for the exit, then removes the data directory and drops
 * the PostgreSQL database if one was created.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tremplin-e2e-'));
  let database: FreshDatabase | undefined;
  if (options.postgresAdminUrl)
    database = await createFreshDatabase(options.postgresAdminUrl, 'tremplin_e2e');
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      BASE_URL: baseUrl,
      DATA_DIR: dataDir,
      DATABASE_URL: database?.url ?? '',
      SEED_DEMO: 'true',
      SECRET_KEY: randomBytes(32).toString('base64url'),
      LOG_LEVEL: options.logLevel ?? 'warn',
      SMTP_URL: '',
      // Browser tests place no phone call; servers started side by side must not race for port 5060.
      SIP_ENABLED: 'false',
      ...options.env,
    },
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const cleanUp = async () => {
    await rm(dataDir, { recursive: true, force: true });
    await database?.drop();
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    }
    await cleanUp();
  };

  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    baseUrl,
    pid: child.pid!,
    database: database ? 'postgres' : 'pglite',
    output: () => output,
    stop,
  };
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  // PGlite's first start (create, migrate, seed) takes seconds, much longer on a loaded machine.
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the server exited (${child.exitCode ?? child.signalCode}) before /healthz:\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`/healthz did not answer 200 within 180 s:\n${output()}`);
}

/** A port the system just handed out and released; the server binds it a moment later. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}
