import { eq, type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/client.ts';
import { seedDemoTenancy } from '../../platform/tenancy/demo.ts';
import { startTestApp, type TestContext } from '../../platform/testing/harness.ts';
import { DEMO_DAYS, generateDemoCalls } from './demo/generate.ts';
import { DEMO_VOICEMAIL_MS, demoVoicemailWav } from './demo/voicemail-audio.ts';
import { DEMO_LINE, seedDemoAccueil } from './demo.ts';
import { utsLaSeyneFlow } from './flow/uts-la-seyne.ts';
import { accueilModule } from './index.ts';
import { readWav } from './media/wav.ts';
import { parsePeriod } from './stats/period.ts';
import { computeLineStats } from './stats/stats.service.ts';
import { type Line, lines } from './tables.ts';

/**
 * The demo as `npm start` loads it (the platform's demo, then the phone reception's) on a fresh
 * database, for a fixed « now » (a Thursday afternoon), checked in plain SQL and through the
 * statistics service.
 */
const now = new Date('2031-03-20T15:00:00Z');

describe('phone reception demo data', () => {
  let t: TestContext;
  let db: Db;
  let line: Line;
  let beforePlatformDemo: number;
  const query = async <T = Record<string, unknown>>(q: SQL) =>
    ((await db.execute(q)) as unknown as { rows: T[] }).rows;
  const one = async (q: SQL) => Number(Object.values((await query(q))[0]!)[0]);
  const counts = () =>
    query(sql`select
      (select count(*)::int from accueil_lines) as lines,
      (select count(*)::int from accueil_prompts) as prompts,
      (select count(*)::int from accueil_calls) as calls,
      (select count(*)::int from accueil_tickets) as tickets,
      (select count(*)::int from accueil_ticket_events) as events,
      (select count(*)::int from accueil_voicemails) as voicemails,
      (select md5(string_agg(id::text || coalesce(outcome::text, '-'), ',' order by id)) from accueil_calls) as digest`);

  beforeAll(async () => {
    t = await startTestApp({}, [accueilModule]);
    db = t.platform.database.db;
    await seedDemoAccueil(t.platform, now); // before the platform's demo: no UTS to attach to yet
    beforePlatformDemo = await one(sql`select count(*)::int from accueil_lines`);
    await seedDemoTenancy(db);
    const started = performance.now();
    await seedDemoAccueil(t.platform, now);
    console.info(`accueil demo seeded in ${Math.round(performance.now() - started)} ms`);
    line = (await db.select().from(lines).where(eq(lines.number, DEMO_LINE.number)))[0]!;
  });
  afterAll(() => t?.close());

  it('waits for the platform demo, then configures the UTS La Seyne line', async () => {
    expect(beforePlatformDemo).toBe(0);
    expect(line).toMatchObject({
      name: 'Accueil UTS La Seyne-sur-Mer',
      number: '+33494000001',
      webhookSecret: null,
    });
    expect(line.flow).toEqual(utsLaSeyneFlow());
    const [org] = await query<{ slug: string }>(
      sql`select slug from organisations where id = ${line.organisationId}::uuid`,
    );
    expect(org!.slug).toBe('var-uts-la-seyne');
    expect(await one(sql`select count(*)::int from accueil_prompts where line_id = ${line.id}::uuid`)).toBe(
      5,
    );
  });

  it('holds four weeks of calls, all ended before now, weekdays mostly, with the morning rush', async () => {
    const [row] = await query<
      Record<
        | 'total'
        | 'open_or_future'
        | 'too_old'
        | 'weekend'
        | 'nine'
        | 'fifteen'
        | 'real_numbers'
        | 'withheld'
        | 'external_ids',
        number
      >
    >(sql`
      select count(*)::int as total,
             count(*) filter (where ended_at is null or ended_at > ${now.toISOString()}::timestamptz)::int as open_or_future,
             count(*) filter (where started_at < ${now.toISOString()}::timestamptz - interval '29 days')::int as too_old,
             count(*) filter (where extract(isodow from started_at at time zone 'Europe/Paris') >= 6)::int as weekend,
             count(*) filter (where extract(hour from started_at at time zone 'Europe/Paris') = 9)::int as nine,
             count(*) filter (where extract(hour from started_at at time zone 'Europe/Paris') = 15)::int as fifteen,
             count(*) filter (where caller_number is not null and caller_number !~ '^\\+33(63998|46571)[0-9]{4}$')::int as real_numbers,
             count(*) filter (where caller_number is null)::int as withheld,
             count(distinct external_id)::int as external_ids
        from accueil_calls`);
    expect(row!.total).toBeGreaterThanOrEqual(300);
    expect(row!.total).toBeLessThanOrEqual(600);
    expect(row).toMatchObject({ open_or_future: 0, too_old: 0, real_numbers: 0, external_ids: row!.total });
    expect(row!.weekend).toBeGreaterThan(0);
    expect(row!.weekend).toBeLessThan(row!.total * 0.1);
    expect(row!.nine).toBeGreaterThan(row!.fifteen * 1.5);
    expect(row!.withheld).toBeGreaterThan(0);
    // At the week-end every service is closed: nobody is transferred.
    expect(
      await one(sql`select count(*)::int from accueil_calls
        where extract(isodow from started_at at time zone 'Europe/Paris') >= 6 and outcome = 'transfere_repondu'`),
    ).toBe(0);
  });

  it('shows the service working: a lost-call rate of a few per cent going down to about zero', async () => {
    const stats = await computeLineStats(db, line, parsePeriod({}, now).period);
    console.info(
      `accueil demo: ${stats.overall.calls} calls, lost ${(stats.overall.lostRate! * 100).toFixed(1)} %, weekly lost ${stats.weeks
        .map((w) => `${((w.lostRate ?? 0) * 100).toFixed(1)} %`)
        .join(
          ' → ',
        )}, answered ${(stats.overall.answeredRate! * 100).toFixed(0)} %, callbacks ${stats.overall.callbacks.done}/${stats.overall.callbacks.created} median ${stats.overall.callbacks.medianHours?.toFixed(1)} h p90 ${stats.overall.callbacks.p90Hours?.toFixed(1)} h, voicemails ${stats.overall.voicemails}, SMS ${stats.overall.sms}, 5+ callers ${stats.callers.fivePlus}/${stats.callers.callers}`,
    );
    expect(stats.overall.calls).toBeGreaterThan(0);
    expect(stats.overall.lostRate).toBeGreaterThan(0);
    expect(stats.overall.lostRate).toBeLessThan(0.1);
    const weeks = stats.weeks.filter((w) => w.ended >= 20);
    expect(weeks.length).toBeGreaterThanOrEqual(3);
    expect(weeks[0]!.lostRate!).toBeGreaterThan(weeks.at(-1)!.lostRate!);
    expect(weeks.at(-1)!.lostRate!).toBeLessThan(0.02);
    for (const outcome of Object.keys(stats.overall.outcomes) as (keyof typeof stats.overall.outcomes)[]) {
      expect(stats.overall.outcomes[outcome], outcome).toBeGreaterThan(0);
    }
    expect(stats.overall.answeredRate!).toBeGreaterThan(0.4);
    expect(stats.callers.fivePlus).toBeGreaterThan(0);
    expect(stats.callers.repeatRate!).toBeLessThan(0.1);
    expect(stats.overall.callbacks.medianHours!).toBeLessThan(24);
    expect(stats.overall.voicemails).toBeGreaterThan(5);
  });

  it('leaves tickets in every status, worked by the reception agent, with their events', async () => {
    const statuses = await query<{ status: string; n: number; attempts_ok: boolean }>(sql`
      select status, count(*)::int as n,
             bool_and(case status when 'injoignable' then attempts = 3 when 'a_rappeler' then attempts = 0 else attempts < 3 end) as attempts_ok
        from accueil_tickets group by status order by status`);
    expect(statuses.map((s) => s.status)).toEqual(['a_rappeler', 'en_cours', 'fait', 'injoignable']);
    expect(statuses.every((s) => s.attempts_ok)).toBe(true);
    const [row] = await query<
      Record<
        | 'closed_without_date'
        | 'open_with_date'
        | 'no_number'
        | 'by_reception'
        | 'by_admin'
        | 'due_before_creation'
        | 'after_hangup',
        number
      >
    >(sql`
      select
        count(*) filter (where status in ('fait', 'injoignable') and closed_at is null)::int as closed_without_date,
        count(*) filter (where status in ('a_rappeler', 'en_cours') and closed_at is not null)::int as open_with_date,
        count(*) filter (where t.caller_number is null)::int as no_number,
        count(*) filter (where a.email = 'accueil@var.tremplin.demo')::int as by_reception,
        count(*) filter (where a.email = 'admin.uts@var.tremplin.demo')::int as by_admin,
        count(*) filter (where t.due_at <= t.created_at)::int as due_before_creation,
        count(*) filter (where t.reason = 'raccroche')::int as after_hangup
      from accueil_tickets t left join agents a on a.id = t.assigned_agent_id`);
    expect(row).toMatchObject({
      closed_without_date: 0,
      open_with_date: 0,
      no_number: 0,
      due_before_creation: 0,
    });
    expect(row!.by_reception).toBeGreaterThan(row!.by_admin);
    expect(row!.by_admin).toBeGreaterThan(0);
    expect(row!.after_hangup).toBeGreaterThan(0);
    const kinds = await query<{ kind: string }>(
      sql`select distinct kind::text as kind from accueil_ticket_events order by 1`,
    );
    expect(kinds.map((k) => k.kind)).toEqual(['assignation', 'note', 'statut', 'tentative']);
    expect(
      await one(
        sql`select count(*)::int from accueil_ticket_events where at > ${now.toISOString()}::timestamptz`,
      ),
    ).toBe(0);
  });

  it('keeps voicemails as real 2-second µ-law WAV files, the older ones handled', async () => {
    const rows = await query<{ audio: Uint8Array; duration_ms: number; handled_at: Date | null }>(
      sql`select audio, duration_ms, handled_at from accueil_voicemails order by recorded_at`,
    );
    expect(rows.length).toBeGreaterThan(5);
    const wav = readWav(Buffer.from(rows[0]!.audio));
    expect(wav).toMatchObject({ format: 7, sampleRate: 8000, channels: 1 });
    expect(rows.every((r) => r.duration_ms === DEMO_VOICEMAIL_MS)).toBe(true);
    expect(rows[0]!.handled_at).not.toBeNull();
  });

  it('changes nothing when seeded again', async () => {
    const before = await counts();
    await seedDemoAccueil(t.platform, now);
    await seedDemoAccueil(t.platform, new Date(now.getTime() + 86_400_000));
    expect(await counts()).toEqual(before);
  });
});

describe('the demo generator', () => {
  const generate = (at: Date) =>
    generateDemoCalls({
      now: at,
      flow: utsLaSeyneFlow(),
      line: {
        id: '00000000-0000-4000-8000-000000000001',
        organisationId: '00000000-0000-4000-8000-000000000002',
        callbackDueHours: 4,
      },
      agents: { reception: '00000000-0000-4000-8000-000000000003', admin: null },
      voicemailAudio: demoVoicemailWav(),
      voicemailDurationMs: DEMO_VOICEMAIL_MS,
    });

  it('makes the same calls for the same day', () => {
    expect(generate(now)).toEqual(generate(now));
  });

  it.each([
    new Date('2030-12-31T09:00:00Z'), // Christmas and New Year's Day in the four weeks
    new Date('2031-05-15T07:00:00Z'), // 1 and 8 May, and a morning
    new Date('2031-11-02T20:00:00Z'), // a Sunday evening, after the change of time
  ])('keeps a small lost-call rate and everything before now at %s', (at) => {
    const rows = generate(at);
    const ended = rows.calls.filter((c) => c.endedAt);
    const lost = ended.filter((c) => !c.outcome).length;
    expect(ended.length).toBe(rows.calls.length);
    expect(rows.calls.length).toBeGreaterThan(200);
    expect(lost / ended.length).toBeLessThan(0.1);
    expect(
      rows.calls.every(
        (c) =>
          (c.endedAt as Date) <= at &&
          (c.startedAt as Date) >= new Date(at.getTime() - (DEMO_DAYS + 1) * 86_400_000),
      ),
    ).toBe(true);
    expect(rows.events.every((e) => (e.at as Date) <= at)).toBe(true);
  });
});
