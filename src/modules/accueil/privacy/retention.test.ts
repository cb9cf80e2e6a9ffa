import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { auditTrail } from '../../../platform/tenancy/testing.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { testJob } from '../../../platform/testing/jobs.ts';
import { utsLaSeyneFlow } from '../flow/uts-la-seyne.ts';
import { accueilModule } from '../index.ts';
import { recordCalls } from '../stats/testing.ts';
import { calls, lines, tickets, voicemails } from '../tables.ts';
import { type AccueilWorld, accueilWorld } from '../testing.ts';
import { RETENTION_QUEUE, retentionJob } from './retention.job.ts';

const now = new Date('2031-06-15T01:30:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe('retention of voicemails and callers’ numbers', () => {
  let t: TestContext;
  let db: Db;
  let w: AccueilWorld;
  let shortLineId: string;
  const ids: Record<string, string | undefined> = {};

  beforeAll(async () => {
    t = await startTestApp({}, [accueilModule]);
    db = t.platform.database.db;
    w = await accueilWorld(db); // 30 days for audio, 90 for numbers (the defaults)
    const r = await recordCalls(db, w.line, [
      { startedAt: daysAgo(31), callerNumber: '+33639980031', outcome: 'message_vocal', voicemail: {} },
      { startedAt: daysAgo(29), callerNumber: '+33639980029', outcome: 'message_vocal', voicemail: {} },
      {
        startedAt: daysAgo(91),
        callerNumber: '+33639980091',
        outcome: 'rappel_demande',
        ticket: { status: 'fait', closedAfterHours: 3 },
      },
      {
        startedAt: daysAgo(92),
        callerNumber: '+33639980092',
        outcome: 'rappel_demande',
        ticket: { status: 'a_rappeler' },
      },
      { startedAt: daysAgo(89), callerNumber: '+33639980089', outcome: 'transfere_repondu' },
      { startedAt: daysAgo(100), callerNumber: '+33639980100', outcome: 'message_vocal', voicemail: {} },
      {
        startedAt: daysAgo(96),
        callerNumber: '+33639980096',
        outcome: 'rappel_demande',
        ticket: { status: 'injoignable', closedAfterHours: 24 },
      },
      // Closed ten days ago: the ticket keeps its number for 90 days from then; the call does not.
      {
        startedAt: daysAgo(100),
        callerNumber: '+33639980101',
        outcome: 'rappel_demande',
        ticket: { status: 'fait', closedAfterHours: 90 * 24 },
      },
    ]);
    [ids.v31, ids.v29, ids.c91, ids.c92, ids.c89, ids.c100, ids.c96, ids.c101] = r.callIds;
    ids.vm31 = r.voicemailIds[0]!;
    ids.vm29 = r.voicemailIds[1]!;
    ids.vm100 = r.voicemailIds[5]!;
    ids.t91 = r.ticketIds[2]!;
    ids.t92 = r.ticketIds[3]!;
    ids.t96 = r.ticketIds[6]!;
    ids.t101 = r.ticketIds[7]!;
    // The engine's saved state holds numbers too.
    await db
      .update(calls)
      .set({ state: { engine: { callerNumber: '+33639980091', pendingNumber: '+33639980091' } } as never })
      .where(eq(calls.id, ids.c91!));

    const [short] = await db
      .insert(lines)
      .values({
        organisationId: w.otherUts.id,
        name: 'Ligne courte',
        number: '+33494000077',
        flow: utsLaSeyneFlow(),
        audioRetentionDays: 7,
        numberRetentionDays: 14,
      })
      .returning();
    shortLineId = short!.id;
    const s = await recordCalls(db, short!, [
      { startedAt: daysAgo(8), callerNumber: '+33639980008', outcome: 'message_vocal', voicemail: {} },
      { startedAt: daysAgo(15), callerNumber: '+33639980015', outcome: 'transfere_repondu' },
    ]);
    [ids.s8, ids.s15] = s.callIds;
    ids.svm8 = s.voicemailIds[0]!;
  });
  afterAll(() => t?.close());

  const run = () =>
    retentionJob.handler([testJob(RETENTION_QUEUE, { now: now.toISOString() })], {
      platform: t.platform,
      boss: t.platform.messaging.boss,
    });
  const callNumbers = async () =>
    Object.fromEntries(
      (await db.select({ id: calls.id, n: calls.callerNumber, state: calls.state }).from(calls)).map((c) => [
        c.id,
        c,
      ]),
    );

  it('deletes old audio and erases old numbers, line by line, and keeps the rest', async () => {
    await run();

    const vms = Object.fromEntries((await db.select().from(voicemails)).map((v) => [v.id, v]));
    expect(vms[ids.vm31!]).toMatchObject({ audio: null, audioDeletedAt: now, callerNumber: '+33639980031' });
    expect(vms[ids.vm29!]!.audio).not.toBeNull();
    expect(vms[ids.vm29!]!.audioDeletedAt).toBeNull();
    expect(vms[ids.vm100!]).toMatchObject({ audio: null, callerNumber: null });
    expect(vms[ids.svm8!]).toMatchObject({ audio: null, callerNumber: '+33639980008' });

    const c = await callNumbers();
    expect(c[ids.c91!]).toMatchObject({ n: null, state: null });
    expect(c[ids.c92!]!.n).toBe('+33639980092'); // its ticket is still open
    expect(c[ids.c89!]!.n).toBe('+33639980089');
    expect(c[ids.c100!]!.n).toBeNull();
    expect(c[ids.c101!]!.n).toBeNull();
    expect(c[ids.v31!]!.n).toBe('+33639980031');
    expect(c[ids.s15!]!.n).toBeNull();
    expect(c[ids.s8!]!.n).toBe('+33639980008');

    const ts = Object.fromEntries(
      (
        await db
          .select({ id: tickets.id, n: tickets.callerNumber, status: tickets.status })
          .from(tickets)
          .where(inArray(tickets.id, [ids.t91!, ids.t92!, ids.t96!, ids.t101!]))
      ).map((r) => [r.id, r.n]),
    );
    expect(ts).toEqual({
      [ids.t91!]: null,
      [ids.t92!]: '+33639980092',
      [ids.t96!]: null,
      [ids.t101!]: '+33639980101',
    });

    const trail = await auditTrail(db, {
      action: 'delete',
      resourceType: 'accueil_line',
      resourceId: w.line.id,
    });
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      actorType: 'system',
      organisationId: w.uts.id,
      territoryId: w.territory.id,
    });
    expect(trail[0]!.details).toEqual({
      retention: true,
      audioRetentionDays: 30,
      numberRetentionDays: 90,
      voicemailAudioDeleted: 2,
      callNumbersErased: 4, // 91, 96, 100 (voicemail), 101
      ticketNumbersErased: 2,
      voicemailNumbersErased: 1,
    });
    const short = await auditTrail(db, {
      action: 'delete',
      resourceType: 'accueil_line',
      resourceId: shortLineId,
    });
    expect(short[0]!.details).toMatchObject({
      audioRetentionDays: 7,
      numberRetentionDays: 14,
      voicemailAudioDeleted: 1,
      callNumbersErased: 1,
    });
  });

  it('changes nothing when run again, and says so in the trail', async () => {
    const before = await callNumbers();
    await run();
    expect(await callNumbers()).toEqual(before);
    const trail = await auditTrail(db, {
      action: 'delete',
      resourceType: 'accueil_line',
      resourceId: w.line.id,
    });
    expect(trail).toHaveLength(2);
    expect(trail[1]!.details).toMatchObject({
      voicemailAudioDeleted: 0,
      callNumbersErased: 0,
      ticketNumbersErased: 0,
      voicemailNumbersErased: 0,
    });
  });

  it('is one of the module’s jobs, every night', () => {
    expect(accueilModule.jobs?.find((j) => j.name === RETENTION_QUEUE)?.schedule).toBe('30 3 * * *');
  });
});
