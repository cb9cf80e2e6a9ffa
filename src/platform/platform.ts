import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { Mailer } from './messaging/mailer.ts';

/** The shared capabilities handed to every part of the app at start-up (no global container). */
export type Platform = {
  config: Config;
  database: Database;
  mailer: Mailer;
};
