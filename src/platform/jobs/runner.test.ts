import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import type { JobDefinition } from './registry.ts';
import { prepareQueues, startWorking } from './runner.ts';

/**
 * Queues and schedules as the workers set them up. A module's scheduled job (reminders J-2, daily digests) is registered with pg-boss's cron in
 * Europe/Paris when the workers start. pg-boss checks cron schedules once a minute, so the test reads
 * the schedule pg-boss stored rather than waiting for it to fire.
 */
describe('scheduled jobs', () => {
  let t: TestContext;
  const digest: JobDefinition = {
    name: 'test.daily-digest',
    description: 'Résumé quotidien de test, à 7 h 30 heure de Paris',
    schedule: '30 7 * * *',
    async handler() {},
  };
  beforeAll(async () => {
    t = await startTestApp();
    await prepareQueues(t.platform.messaging.boss, [digest], t.platform.config.jobTiming);
    await startWorking(t.platform, [digest]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('registers the cron of a job definition with pg-boss, in Europe/Paris', async () => {
    const schedules = await t.platform.messaging.boss.getSchedules();
    const schedule = schedules.find((s) => s.name === digest.name);
    expect(schedule).toMatchObject({ name: digest.name, cron: '30 7 * * *', timezone: 'Europe/Paris' });
  });

  it('gives the queue the shared retry policy and expiry', async () => {
    const queue = await t.platform.messaging.boss.getQueue(digest.name);
    expect(queue).toMatchObject({ retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 });
  });

  it('applies changed settings to a queue that already exists (createQueue alone keeps the old ones)', async () => {
    const { boss } = t.platform.messaging;
    await prepareQueues(boss, [digest], { retryDelaySeconds: 5, expireSeconds: 40, maintenanceSeconds: 120 });
    expect(await boss.getQueue(digest.name)).toMatchObject({
      retryDelay: 5,
      expireInSeconds: 40,
      retryLimit: 8,
    });
  });
});
