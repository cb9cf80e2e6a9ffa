import { allModules } from './modules/index.ts';
import { buildApp } from './platform/app.ts';
import { allJobs } from './platform/assemble.ts';
import { ConfigError } from './platform/config.ts';
import { startWorking } from './platform/jobs/runner.ts';
import type { RunningService } from './platform/modules.ts';
import { enabledModules } from './platform/modules.ts';
import { stopGracefully } from './platform/ops/shutdown.ts';
import { startPlatform } from './start.ts';

/** `npm start`: the platform on the embedded database (or DATABASE_URL), with demo data on first run. */
const platform = await startPlatform('serveur');
const app = await buildApp(platform, {
  modules: allModules,
  logger: { level: platform.config.logLevel },
}).catch(async (error: unknown) => {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Tremplin (serveur) ne peut pas démarrer.\n${error.message}`);
  await platform.database.close();
  process.exit(1);
});

if (platform.config.jobsInProcess) await startWorking(platform, allJobs(allModules));
else app.log.info('tâches de fond : lancez « npm run worker » (JOBS_IN_PROCESS=false)');

const services: RunningService[] = [];

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'arrêt : les requêtes en cours se terminent');
  for (const service of services.splice(0)) await service.stop().catch(() => undefined);
  const outcome = await stopGracefully(app, platform);
  process.exit(outcome === 'clean' ? 0 : 1);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

try {
  await app.listen({ host: platform.config.host, port: platform.config.port });
  app.log.info(`Tremplin est prêt sur ${platform.config.baseUrl}`);
} catch (error) {
  console.error(
    `Impossible d’écouter sur ${platform.config.host}:${platform.config.port} : ${(error as Error).message}`,
  );
  await platform.database.close();
  process.exit(1);
}

// A service that cannot start (SIP port taken) is logged; the web platform goes on serving.
for (const module of enabledModules(allModules, platform.config.modules)) {
  try {
    const service = await module.startService?.(platform);
    if (service) services.push(service);
  } catch (error) {
    app.log.error({ err: error, module: module.name }, `le service du module ${module.name} n’a pas démarré`);
  }
}
