import { signInTemplate } from './auth/sign-in.template.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { createIndicatorRegistry } from './indicators/indicators.ts';
import { createBoss } from './jobs/boss.ts';
import type { JobDefinition } from './jobs/registry.ts';
import { prepareQueues } from './jobs/runner.ts';
import { messagingJobs } from './messaging/deliver.job.ts';
import { closeMessaging, createMessaging } from './messaging/messaging.ts';
import type { AnyTemplate } from './messaging/templates.ts';
import { enabledModules, type TremplinModule } from './modules.ts';
import type { Platform } from './platform.ts';
import { schedulingJobs } from './scheduling/jobs.ts';
import { schedulingTemplates } from './scheduling/templates.ts';
import { invitationTemplate } from './tenancy/invitation.template.ts';

/** The platform's own messages, each a file in the folder that owns it; registered before the modules'. */
export const platformTemplates: AnyTemplate[] = [signInTemplate, invitationTemplate, ...schedulingTemplates];

/** Every background job of the platform and of the given modules. */
export function allJobs(modules: TremplinModule[]): JobDefinition[] {
  return [...messagingJobs, ...schedulingJobs, ...modules.flatMap((m) => m.jobs ?? [])];
}

/**
 * Builds the platform on an open, migrated database: job queue (pg-boss installs its own
 * schema on first start), message templates of the platform and the modules, and every queue.
 * The app, the worker and the CLI all start this way; none of them starts working on jobs here.
 */
export async function assemblePlatform(
  config: Config,
  database: Database,
  modules: TremplinModule[],
): Promise<Platform> {
  const boss = createBoss(database, { maintenanceIntervalSeconds: config.jobTiming.maintenanceSeconds });
  boss.on('error', (error) => console.error(`file de tâches : ${error.message}`));
  await boss.start();
  const messaging = createMessaging(config, boss);
  messaging.templates.register(...platformTemplates);
  for (const module of modules) messaging.templates.register(...(module.templates ?? []));
  await prepareQueues(boss, allJobs(modules), config.jobTiming);
  const appointmentListeners = modules.flatMap((m) => (m.onAppointmentEvent ? [m.onAppointmentEvent] : []));
  // Only the modules switched on (MODULES) publish: a module that is off has no figures to show.
  const indicators = createIndicatorRegistry(
    enabledModules(modules, config.modules).flatMap((m) => m.indicators ?? []),
  );
  return { config, database, messaging, appointmentListeners, indicators };
}

/** Stops taking jobs (letting running ones finish), then closes providers and the database. */
export async function closePlatform(
  platform: Platform,
  options: { keepDatabase?: boolean } = {},
): Promise<void> {
  await platform.messaging.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  closeMessaging(platform.messaging);
  if (!options.keepDatabase) await platform.database.close();
}
