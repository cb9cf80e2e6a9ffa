import type { ParseArgsConfig } from 'node:util';
import type { Platform } from './platform.ts';

/**
 * A command of `npm run cli -- <command> [options]` (src/cli.ts lists the platform's and each
 * module's). It says what it does in one line; a CommandError's message is printed on stderr and
 * the process exits with code 1.
 */
export type Command = {
  summary: string;
  usage?: string;
  options?: ParseArgsConfig['options'];
  run(
    platform: Platform,
    args: { values: Record<string, string | boolean | undefined>; positionals: string[] },
  ): Promise<void>;
};

export class CommandError extends Error {}
