import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * PGlite has no lock between processes: two processes writing one data directory corrupt it.
 * We hold an exclusive lock file (created with O_EXCL) for the life of the process and refuse a
 * second process while the first is alive. A lock left by a crashed process is taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `La base embarquée ${dir} est déjà ouverte par le processus ${pid}. ` +
        'Arrêtez-le d’abord, ou utilisez PostgreSQL (DATABASE_URL) pour lancer plusieurs processus.',
    );
  }
}

export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'tremplin.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file) ?? readHolderAfter(file, 200); // the holder may be writing it now
      if (holder && holder.host === hostname() && isAlive(holder.pid) && holder.pid !== process.pid) {
        throw new DataDirLockedError(dir, holder.pid);
      }
      if (holder && holder.host !== hostname()) throw new DataDirLockedError(dir, holder.pid);
      if (holder?.pid === process.pid) throw new DataDirLockedError(dir, holder.pid);
      rmSync(file, { force: true }); // left by a process that no longer runs
    }
  }
  throw new Error(`Impossible de verrouiller ${dir}`);
}

function readHolderAfter(file: string, ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  return readHolder(file);
}

function readHolder(file: string): { pid: number; host: string } | undefined {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; host: string };
    return typeof data.pid === 'number' ? data : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
