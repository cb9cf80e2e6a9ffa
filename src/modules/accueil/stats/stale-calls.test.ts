import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { testJob } from '../../../platform/testing/jobs.ts';
import { openCall } from '../calls/calls.service.ts';
import { accueilModule } from '../index.ts';
import { type Call, calls, tickets } from '../tables.ts';
import { type AccueilWorld, accueilWorld } from '../testing.ts';
import { parsePeriod } from './period.ts';
import { STALE_CALLS_QUEUE, staleCallsJob } from './stale-calls.job.ts';
import { computeLineStats } from './stats.service.ts';
import { recordCalls } from './testing.ts';

const now = new Date('2031-03-20T14:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe('calls left open', () => {
  let t: TestContext;
  let db: Db;
  let w: AccueilWorld;
  let crashed: string;
  let recent: string;
  let transferred: string;
  let finished: string;

  beforeAll(async () => {
    t = await startTestApp({}, [accueilModule]);
    db = t.platform.database.db;
    w = await accueilWorld(db);
    const r = await recordCalls(db, w.line, [
      { startedAt: minutesAgo(180), seconds: null }, // the server stopped 40 s into the call
      { startedAt: minutesAgo(60), seconds: null }, // may still be going on
      { startedAt: minutesAgo(300), seconds: null, outcome: 'transfere_repondu', serviceKey: 'aspi' },
      { startedAt: minutesAgo(240), seconds: 90, outcome: 'hors_service' },
    ]);
    [crashed, recent, transferred, finished] = r.callIds as [string, string, string, string];
    await db
      .update(calls)
      .set({
        steps: [
          { at: minutesAgo(180).toISOString(), kind: 'debut', detail: 'numero-connu' },
          {
            at: new Date(minutesAgo(180).getTime() + 40_000).toISOString(),
            kind: 'menu',
            detail: 'principal',
          },
        ],
      })
      .where(eq(calls.id, crashed));
  });
  afterAll(() => t?.close());

  const run = () =>
    staleCallsJob.handler([testJob(STALE_CALLS_QUEUE, { now: now.toISOString() })], {
      platform: t.platform,
      boss: t.platform.messaging.boss,
    });
  const callOf = async (id: string): Promise<Call> =>
    (await db.select().from(calls).where(eq(calls.id, id)))[0]!;

  it('ends the calls open for more than two hours at their last known moment, so they count as lost', async () => {
    const before = await computeLineStats(db, w.line, parsePeriod({ periode: '7' }, now).period);
    expect(before.overall).toMatchObject({ calls: 4, ended: 1, ongoing: 3, lost: 0 });

    await run();

    const c = await callOf(crashed);
    expect(c.endedAt).toEqual(new Date(minutesAgo(180).getTime() + 40_000));
    expect(c.outcome).toBeNull();
    expect(c.steps.at(-1)).toEqual({
      at: new Date(minutesAgo(180).getTime() + 40_000).toISOString(),
      kind: 'fin',
      detail: 'cloture-automatique',
    });
    expect((await callOf(recent)).endedAt).toBeNull();
    const tr = await callOf(transferred);
    expect(tr.endedAt).toEqual(tr.outcomeAt); // the transfer answered: its outcome kept, not lost
    expect(tr.outcome).toBe('transfere_repondu');
    const done = await callOf(finished);
    expect(done.steps.map((s) => s.kind)).toEqual(['debut']);

    const after = await computeLineStats(db, w.line, parsePeriod({ periode: '7' }, now).period);
    expect(after.overall).toMatchObject({ calls: 4, ended: 3, ongoing: 1, lost: 1 });
  });

  it('changes nothing when run again', async () => {
    const before = await db.select().from(calls).orderBy(calls.id);
    await run();
    expect(await db.select().from(calls).orderBy(calls.id)).toEqual(before);
  });

  it('gives a caller whose number is known the callback ticket of a caller who hung up', async () => {
    const opened = await openCall(t.platform, {
      channel: 'sip',
      externalId: 'crash-during-call',
      dialled: w.line.number,
      callerNumber: '+33612345678',
      at: minutesAgo(200),
    });
    await run();
    const c = await callOf(opened!.callId);
    expect(c.outcome).toBe('raccroche_ticket');
    expect(c.endedAt).toEqual(now);
    const [ticket] = await db.select().from(tickets).where(eq(tickets.callId, opened!.callId));
    expect(ticket).toMatchObject({ reason: 'raccroche', callerNumber: '+33612345678' });
  });

  it('runs every quarter of an hour with the module’s jobs', () => {
    expect(accueilModule.jobs?.find((j) => j.name === STALE_CALLS_QUEUE)?.schedule).toBe('*/15 * * * *');
  });
});
