import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock.ts';

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'tremplin-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts a real second process that holds the lock until killed. */
async function holdLockInChild(dir: string) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `import('./src/platform/db/lock.ts').then(m => { m.lockDataDir(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000); })`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  return child;
}

describe('embedded database lock', () => {
  it('refuses a second process while the first holds the data directory', async () => {
    const dir = tempDir();
    const child = await holdLockInChild(dir);
    try {
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(`processus ${child.pid}`);
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    // The holder died without cleaning up: its lock is stale and is taken over.
    const release = lockDataDir(dir);
    release();
    expect(existsSync(path.join(dir, 'tremplin.lock'))).toBe(false);
  });

  it('makes the CLI exit with an error and a clear message, leaving the data untouched', async () => {
    const dir = tempDir();
    const child = await holdLockInChild(dir);
    try {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'db:migrate'], {
        env: { PATH: process.env.PATH, DATA_DIR: dir, DATABASE_URL: '' },
        encoding: 'utf8',
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('est déjà ouverte par le processus');
      expect(existsSync(path.join(dir, 'pglite'))).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over a lock file left unreadable by a crash', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'tremplin.lock'), '');
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError); // now held by this process
    release();
  });
});
