import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/**
 * The Debian programs prompts rely on (espeak-ng, sox), run without a shell: arguments are passed as
 * they are and text goes through stdin, so nothing a prompt says can become a command. A machine with
 * only Node lacks them; callers then fall back (silence for synthesis, a French message for uploads).
 */

const found = new Map<string, boolean>();

/** Whether `program` is an executable on PATH (looked up once per process). */
export function hasProgram(program: string): boolean {
  let known = found.get(program);
  if (known === undefined) {
    known = (process.env.PATH ?? '')
      .split(path.delimiter)
      .filter(Boolean)
      .some((dir) => {
        try {
          accessSync(path.join(dir, program), constants.X_OK);
          return true;
        } catch {
          return false;
        }
      });
    found.set(program, known);
  }
  return known;
}

/** The program could not be started at all (ENOENT: not installed). */
export class ProgramMissingError extends Error {}

/** The program ran and failed, or ran past its timeout and was killed. */
export class ProgramFailedError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

/**
 * Runs `program args…`, writes `input` (if any) to its stdin and resolves with its stdout. Killed with
 * SIGKILL after `timeoutMs`: a stuck sox must not hold a call or a request forever.
 */
export function runProgram(
  program: string,
  args: string[],
  options: { input?: string | Buffer; timeoutMs: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      program,
      args,
      { encoding: 'buffer', timeout: options.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return reject(new ProgramMissingError(`${program} n’est pas installé`));
        }
        const why = error.killed ? `interrompu après ${options.timeoutMs} ms` : error.message;
        reject(new ProgramFailedError(`${program} : ${why}`, stderr.toString('utf8').slice(0, 2000)));
      },
    );
    // A program that exits before reading its input closes the pipe: that is its error to report, not EPIPE.
    child.stdin?.on('error', () => {});
    child.stdin?.end(options.input ?? '');
  });
}

const warned = new Set<string>();

/** Logs a message the first time only (a missing program would otherwise be reported on every call). */
export function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(message);
}
