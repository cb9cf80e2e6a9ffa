import { allModules } from './modules/index.ts';
import { allJobs, closePlatform } from './platform/assemble.ts';
import { startWorking } from './platform/jobs/runner.ts';
import { startPlatform } from './start.ts';

/**
 * `npm run worker`: a process that only runs background jobs (sending messages, reminders). With
 * PostgreSQL, run as many as needed, beside the app instances; they share the work through pg-boss.
 */
const platform = await startPlatform('worker', { seed: false });
const jobs = allJobs(allModules);
await startWorking(platform, jobs);
console.log(`Worker prêt : ${jobs.map((j) => j.name).join(', ')}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await closePlatform(platform); // lets the jobs in hand finish first
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
