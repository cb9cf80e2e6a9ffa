import { allModules } from './modules/index.ts';
import { assemblePlatform } from './platform/assemble.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { DatabaseUnreachableError, openDatabase } from './platform/db/client.ts';
import { DataDirLockedError } from './platform/db/lock.ts';
import type { Platform } from './platform/platform.ts';
import { seedIfEmpty } from './seed.ts';

/**
 * Reads the configuration, opens and migrates the database, and seeds the demo on an empty
 * embedded database. Any problem ends the process with a clear French message and exit code 1.
 */
export async function startPlatform(role: string, options: { seed?: boolean } = {}): Promise<Platform> {
  try {
    const config = loadConfig();
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
    });
    await database.migrate();
    const platform = await assemblePlatform(config, database, allModules);
    if (options.seed ?? config.seedDemo) await seedIfEmpty(platform);
    return platform;
  } catch (error) {
    if (
      error instanceof ConfigError ||
      error instanceof DataDirLockedError ||
      error instanceof DatabaseUnreachableError
    ) {
      console.error(`Tremplin (${role}) ne peut pas démarrer.\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
