import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/client.ts';
import { seedDemoScheduling } from '../../platform/scheduling/demo.ts';
import { seedDemoTenancy } from '../../platform/tenancy/demo.ts';
import { startTestApp, type TestContext } from '../../platform/testing/harness.ts';
import { seedDemoRsa } from './demo.ts';
import { rsaModule } from './index.ts';
import { type Answers, QUESTIONS, suggestOrientation } from './orientation/questionnaire.ts';
import { beneficiaryStatuses } from './status.ts';

/**
 * The demo as `npm start` loads it: tenancy, booking engine, then RSA, on a fresh database, today.
 * The figures are computed here in plain SQL, independently of the statistics pages.
 */
describe('RSA demo data', () => {
  let t: TestContext;
  let db: Db;
  let beforePlatformDemo: number;
  const query = async <T = Record<string, unknown>>(q: SQL) =>
    ((await db.execute(q)) as unknown as { rows: T[] }).rows;
  const one = async (q: SQL) => Object.values((await query(q))[0]!)[0];

  beforeAll(async () => {
    t = await startTestApp({}, [rsaModule]);
    db = t.platform.database.db;
    await seedDemoRsa(t.platform); // before the platform's demo: nothing to attach to yet
    beforePlatformDemo = Number(await one(sql`select count(*)::int from rsa_beneficiaries`));
    await seedDemoTenancy(db);
    await seedDemoScheduling(db);
    await seedDemoRsa(t.platform);
  });
  afterAll(() => t?.close());

  it('waits for the Var and its insertion service', () => {
    expect(beforePlatformDemo).toBe(0);
  });

  it('holds about 500 beneficiaries of the Var, in every status', async () => {
    const rows = await query<{ status: string; n: number }>(sql`
      select b.status, count(*)::int as n from rsa_beneficiaries b
      join territories t on t.id = b.territory_id and t.slug = 'var'
      join organisations o on o.id = b.organisation_id and o.slug = 'var-direction-insertion'
      group by b.status`);
    const total = rows.reduce((sum, r) => sum + r.n, 0);
    expect(total).toBeGreaterThanOrEqual(450);
    expect(total).toBeLessThanOrEqual(550);
    expect(rows.map((r) => r.status).sort()).toEqual([...beneficiaryStatuses].sort());
  });

  it('gives them plausible identities: Var communes, mobile numbers, some emails, a few conjoints', async () => {
    type Figures = Record<
      | 'outside_var'
      | 'bad_numbers'
      | 'bad_phones'
      | 'phones'
      | 'emails'
      | 'unreachable'
      | 'conjoints'
      | 'last_names'
      | 'old_rights'
      | 'total',
      number
    >;
    const [row] = await query<Figures>(sql`
      select
        count(*) filter (where commune_code !~ '^83[0-9]{3}$' or postal_code !~ '^83[0-9]{3}$')::int as outside_var,
        count(*) filter (where allocataire_number !~ '^[0-9]{7}$')::int as bad_numbers,
        count(*) filter (where phone is not null and phone !~ '^\\+33[67][0-9]{8}$')::int as bad_phones,
        count(*) filter (where phone is not null)::int as phones,
        count(*) filter (where email is not null)::int as emails,
        count(*) filter (where phone is null and email is null)::int as unreachable,
        count(*) filter (where role = 'conjoint')::int as conjoints,
        count(distinct last_name)::int as last_names,
        count(*) filter (where rights_opened_on < current_date - 366 or rights_opened_on > current_date)::int as old_rights,
        count(*)::int as total
      from rsa_beneficiaries`);
    expect(row).toMatchObject({ outside_var: 0, bad_numbers: 0, bad_phones: 0, old_rights: 0 });
    expect(row!.phones / row!.total).toBeGreaterThan(0.75);
    expect(row!.emails).toBeGreaterThan(50);
    expect(row!.unreachable).toBeGreaterThan(5);
    expect(row!.conjoints).toBeGreaterThan(10);
    expect(row!.last_names).toBeGreaterThan(80);
    // A conjoint shares the numéro allocataire of the demandeur.
    expect(
      await one(sql`
        select count(*)::int from rsa_beneficiaries c
        where c.role = 'conjoint' and not exists (
          select 1 from rsa_beneficiaries d
          where d.role = 'demandeur' and d.allocataire_number = c.allocataire_number)`),
    ).toBe(0);
  });

  it('keeps a history that leads to each status, and first meetings that match the appointments', async () => {
    // Each change starts from the previous one's status; the last one is the current status.
    expect(
      await one(sql`
        select count(*)::int from (
          select from_status, lag(to_status) over (partition by beneficiary_id order by changed_at, id) as previous
          from rsa_status_changes) h
        where from_status is distinct from previous`),
    ).toBe(0);
    expect(
      await one(sql`
        select count(*)::int from rsa_beneficiaries b
        where b.status is distinct from (
          select to_status from rsa_status_changes c where c.beneficiary_id = b.id
          order by changed_at desc, id desc limit 1)`),
    ).toBe(0);
    // Invited people are known to the booking engine as rsa:<id>.
    expect(
      await one(sql`
        select count(*)::int from rsa_beneficiaries b join citizens c on c.id = b.citizen_id
        where c.external_ref is distinct from 'rsa:' || b.id`),
    ).toBe(0);
    expect(
      await one(sql`
        select count(*)::int from rsa_beneficiaries b
        where (b.citizen_id is null) <> not exists (select 1 from rsa_invitations i where i.beneficiary_id = b.id)`),
    ).toBe(0);
    // first_met_at is the start of the first appointment marked « vu ».
    expect(
      await one(sql`
        select count(*)::int from rsa_beneficiaries b
        where b.first_met_at is distinct from (
          select min(a.starts_at) from appointment_participants p join appointments a on a.id = p.appointment_id
          where p.citizen_id = b.citizen_id and p.status = 'vu')`),
    ).toBe(0);
    // Oriented people have a decision; people met were met by their status' own account.
    expect(
      await one(sql`
        select count(*)::int from rsa_beneficiaries b
        where (b.status = 'oriente') <> exists (select 1 from rsa_orientation_decisions d where d.beneficiary_id = b.id)`),
    ).toBe(0);
    expect(
      await one(sql`
        select count(*)::int from rsa_beneficiaries
        where status in ('rdv_honore', 'oriente') and first_met_at is null`),
    ).toBe(0);
    // Questionnaires answer the module's questions, with the orientation they suggest.
    const answered = await query<{ answers: Answers; suggested: string }>(sql`
      select answers, suggested_orientation as suggested from rsa_questionnaire_answers`);
    expect(answered.length).toBeGreaterThan(50);
    const keys = new Set(QUESTIONS.map((q) => q.key));
    for (const { answers, suggested } of answered) {
      expect(Object.keys(answers).every((key) => keys.has(key))).toBe(true);
      expect(suggestOrientation(answers).orientation).toBe(suggested);
    }
    expect(new Set(answered.map((a) => a.suggested)).size).toBe(3);
  });

  it('places appointments in the agents’ opening hours, never overlapping, past ones marked', async () => {
    expect(
      await one(sql`
        select count(*)::int from appointments a join appointments b
          on a.agent_id = b.agent_id and a.id < b.id
         and a.cancelled_at is null and b.cancelled_at is null
         and tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)`),
    ).toBe(0);
    const rsaAppointments = sql`
      select a.* from appointments a
      where exists (
        select 1 from appointment_participants p join citizens c on c.id = p.citizen_id
        where p.appointment_id = a.id and c.external_ref like 'rsa:%')`;
    expect(Number(await one(sql`select count(*)::int from (${rsaAppointments}) a`))).toBeGreaterThan(300);
    expect(
      await one(sql`
        select count(*)::int from (${rsaAppointments}) a
        where not exists (
          select 1 from opening_slots s
          join opening_slot_types st on st.opening_slot_id = s.id and st.appointment_type_id = a.appointment_type_id
          where s.agent_id = a.agent_id and s.place_id = a.place_id
            and extract(isodow from a.starts_at at time zone 'Europe/Paris')::smallint = any(s.weekdays)
            and (a.starts_at at time zone 'Europe/Paris')::time >= s.start_time
            and (a.ends_at at time zone 'Europe/Paris')::time <= s.end_time)`),
    ).toBe(0);
    const statuses = await query<{ past: boolean; status: string; n: number }>(sql`
      select a.starts_at < now() as past, p.status, count(*)::int as n
      from appointment_participants p join appointments a on a.id = p.appointment_id
      join citizens c on c.id = p.citizen_id and c.external_ref like 'rsa:%'
      group by 1, 2`);
    const past = statuses.filter((s) => s.past).map((s) => s.status);
    expect(past).toEqual(expect.arrayContaining(['vu', 'absent', 'excuse', 'annule']));
    expect(statuses.filter((s) => !s.past).map((s) => s.status)).toContain('a_venir');
    // Past and still « à venir »: only while the beneficiary waits to be marked (RDV pris → à statuer).
    expect(
      await one(sql`
        select count(*)::int from appointment_participants p join appointments a on a.id = p.appointment_id
        join rsa_beneficiaries b on b.citizen_id = p.citizen_id
        where p.status = 'a_venir' and a.ends_at < now() and b.status not in ('rdv_pris', 'rdv_a_statuer')`),
    ).toBe(0);
  });

  it('tells the story the statistics should show: faster first meetings, fewer no-shows after an invitation', async () => {
    const medianDays = (from: SQL, to: SQL) =>
      one(sql`
        select percentile_cont(0.5) within group (order by first_met_at::date - rights_opened_on)
        from rsa_beneficiaries
        where first_met_at is not null and rights_opened_on >= ${from} and rights_opened_on < ${to}`);
    const recent = Number(await medianDays(sql`current_date - 91`, sql`current_date + 1`));
    const yearAgo = Number(await medianDays(sql`current_date - 366`, sql`current_date - 270`));
    expect(recent).toBeLessThan(30);
    expect(yearAgo).toBeGreaterThan(40);
    expect(yearAgo).toBeLessThan(255); // the Var's 2019 baseline: 8.5 months

    // No-shows as the statistics count them: absent among the people expected (vu or absent).
    const noShow = await query<{ kind: string; rate: number }>(sql`
      select i.kind, avg(case when p.status = 'absent' then 1.0 else 0.0 end)::float as rate
      from rsa_invitations i join appointment_participants p on p.appointment_id = i.appointment_id
      where p.status in ('vu', 'absent')
      group by i.kind`);
    const rate = (kind: string) => noShow.find((r) => r.kind === kind)!.rate;
    expect(rate('invitation')).toBeLessThan(rate('convocation'));
    expect(rate('invitation')).toBeGreaterThan(0.08);
    expect(rate('invitation')).toBeLessThan(0.14);
    expect(rate('convocation')).toBeGreaterThan(0.19);
    expect(rate('convocation')).toBeLessThan(0.29);

    // Most first appointments are booked by the person, from their invitation.
    const bookedByPerson = await one(sql`
      select avg(case when booked_via = 'invitation' then 1.0 else 0.0 end)::float from (
        select distinct on (p.citizen_id) p.booked_via
        from appointment_participants p join appointments a on a.id = p.appointment_id
        join citizens c on c.id = p.citizen_id and c.external_ref like 'rsa:%'
        order by p.citizen_id, a.starts_at) firsts`);
    expect(Number(bookedByPerson)).toBeGreaterThan(0.6);

    const channels = await query<{ kind: string; channel: string; n: number }>(sql`
      select kind, channel, count(*)::int as n from rsa_invitations group by 1, 2`);
    const count = (kind: string, channel?: string) =>
      channels
        .filter((c) => c.kind === kind && (!channel || c.channel === channel))
        .reduce((s, c) => s + c.n, 0);
    expect((count('invitation', 'sms') + count('invitation', 'email')) / count('invitation')).toBeGreaterThan(
      0.8,
    );
    expect(count('invitation', 'letter')).toBeGreaterThan(0);
    expect(count('convocation')).toBeGreaterThan(0);
  });

  it('changes nothing when seeded again', async () => {
    const tables = [
      'rsa_beneficiaries',
      'rsa_status_changes',
      'rsa_invitations',
      'rsa_questionnaire_answers',
      'rsa_orientation_decisions',
      'rsa_notes',
      'citizens',
      'appointments',
      'appointment_participants',
      'participation_status_changes',
    ];
    const counts = async () =>
      Promise.all(tables.map((table) => one(sql`select count(*)::int from ${sql.identifier(table)}`)));
    const before = await counts();
    const [latest] = await query<{ at: string }>(
      sql`select max(updated_at)::text as at from rsa_beneficiaries`,
    );
    await seedDemoScheduling(db);
    await seedDemoRsa(t.platform);
    expect(await counts()).toEqual(before);
    expect(await query(sql`select max(updated_at)::text as at from rsa_beneficiaries`)).toEqual([latest]);
  });
});
