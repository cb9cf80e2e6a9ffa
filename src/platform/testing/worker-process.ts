import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type WorkerProcess = {
  /** The node process itself (no npm wrapper): signals and /proc/<pid> reach the worker. */
  pid: number;
  /** Resolves once the worker took its queues ("Worker prêt"). */
  ready: Promise<void>;
  /** Resolves when the process has exited, whatever the reason. */
  exited: Promise<void>;
  output(): string;
  /** kill -9: no graceful stop, the jobs and claims in hand are left as a crash leaves them. */
  crash(): Promise<void>;
  /** SIGTERM: the worker finishes the jobs in hand, then exits. */
  stop(): Promise<void>;
};

/**
 * Runs `npm run worker` as production does (`node --import tsx src/worker.ts`) as a child process,
 * with `env` added to this process's environment (DATABASE_URL, SMTP_URL, JOBS_* …) and optional node
 * flags (e.g. --cpu-prof). For crash and scale-out tests and for the messaging benchmark.
 */
export function startWorkerProcess(
  env: Record<string, string>,
  options: { nodeArgs?: string[] } = {},
): WorkerProcess {
  const args = [...(options.nodeArgs ?? []), '--import', 'tsx', 'src/worker.ts'];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  });
  let output = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    child.once('exit', (code, signal) =>
      reject(new Error(`the worker exited (${code ?? signal}) before it was ready:\n${output}`)),
    );
  });
  ready.catch(() => {}); // a worker crashed on purpose after it was ready is not a failure
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    if (output.includes('Worker prêt')) onReady();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    pid: child.pid!,
    ready,
    exited,
    output: () => output,
    async crash() {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (running()) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
