import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/client.ts';
import { seededRandom } from '../../platform/demo-random.ts';
import { seedDemoTenancy } from '../../platform/tenancy/demo.ts';
import { startTestApp, type TestContext } from '../../platform/testing/harness.ts';
import { buildCommittee2019 } from './demo/committee-2019.ts';
import { ensureDemoPeople } from './demo/people.ts';
import { buildSelection2019, DECIDED_AT } from './demo/selection-2019.ts';
import { buildTeams2019 } from './demo/teams-2019.ts';
import { seedDemoProgramme } from './demo.ts';
import { DEFAULT_CRITERIA, weightedScore } from './rubric.ts';

/**
 * The demo as `npm start` loads it (the platform's demo, then the programme's), checked in plain SQL
 * against the public facts of the 2019 cohort (/work/shared/data/cohort-2019.md).
 */
describe('programme demo data', () => {
  let t: TestContext;
  let db: Db;
  let beforePlatformDemo: number;
  const query = async <T = Record<string, unknown>>(q: SQL) =>
    ((await db.execute(q)) as unknown as { rows: T[] }).rows;
  const one = async (q: SQL) => Number(Object.values((await query(q))[0]!)[0]);
  const season = (slug: string) => sql`(select id from programme_cohorts where slug = ${slug})`;
  const call2019 = sql`(select id from programme_calls where cohort_id = ${season('saison-2019')})`;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.platform.database.db;
    await seedDemoProgramme(t.platform); // before the platform's demo: nothing to build on yet
    beforePlatformDemo = await one(sql`
      select (select count(*) from programme_cohorts) + (select count(*) from organisations)
           + (select count(*) from agents)`);
    await seedDemoTenancy(db);
    await seedDemoProgramme(t.platform);
  });
  afterAll(() => t?.close());

  it('waits for the platform demo', () => {
    expect(beforePlatformDemo).toBe(0);
  });

  it('tells the 2019 funnel: about 80 problems from both territories, 8 retenus (4 + 4), 2 go', async () => {
    const statuses = await query<{ status: string; n: number }>(sql`
      select status, count(*)::int as n from programme_problems
      where call_id = ${call2019} group by status`);
    const count = (status: string) => statuses.find((s) => s.status === status)?.n ?? 0;
    const submitted = statuses.filter((s) => s.status !== 'brouillon').reduce((sum, s) => sum + s.n, 0);
    expect(submitted).toBeGreaterThanOrEqual(75);
    expect(submitted).toBeLessThanOrEqual(85);
    expect(count('retenu')).toBe(8);
    expect(count('non_retenu')).toBeGreaterThan(count('irrecevable'));
    expect(count('irrecevable')).toBeGreaterThan(5);
    expect(count('reoriente')).toBeGreaterThanOrEqual(3);
    expect(count('fusionne')).toBeGreaterThanOrEqual(2);

    const perTerritory = await query<{ slug: string; n: number }>(sql`
      select t.slug, count(*)::int as n from programme_problems p join territories t on t.id = p.territory_id
      where p.call_id = ${call2019} and p.status = 'retenu' group by t.slug order by t.slug`);
    expect(perTerritory).toEqual([
      { slug: 'pau-bearn-pyrenees', n: 4 },
      { slug: 'var', n: 4 },
    ]);
    // Every submitter belongs to the organisation the problem is filed under, in its territory.
    expect(
      await one(sql`
        select count(*)::int from programme_problems p
        join organisations o on o.id = p.organisation_id
        where p.call_id = ${call2019} and (o.territory_id <> p.territory_id or not exists (
          select 1 from memberships m where m.agent_id = p.submitter_agent_id and m.organisation_id = p.organisation_id))`),
    ).toBe(0);
    // Réorientés say where to; duplicates point at a selected problem; decisions were all notified.
    expect(
      await one(sql`select count(*)::int from programme_problems
        where call_id = ${call2019} and status = 'reoriente' and redirect_to = ''`),
    ).toBe(0);
    expect(
      await one(sql`select count(*)::int from programme_problems p join programme_problems target on target.id = p.merged_into_id
        where p.call_id = ${call2019} and target.status = 'retenu'`),
    ).toBe(count('fusionne'));
    expect(
      await one(sql`select count(*)::int from programme_problems
        where call_id = ${call2019} and status in ('retenu', 'non_retenu', 'reoriente', 'irrecevable') and notified_at is null`),
    ).toBe(0);
    expect(
      await one(sql`select count(*)::int from programme_problems
        where call_id = ${call2019} and (submitted_at < '2018-11-19' or submitted_at > '2019-02-01')`),
    ).toBe(0);
    expect(
      await one(sql`select count(distinct problem_id)::int from programme_me_toos m
        join programme_problems p on p.id = m.problem_id where p.call_id = ${call2019}`),
    ).toBeGreaterThan(15);

    // The funnel: submitted → selected (each one a project) → go.
    expect(
      await one(sql`select count(*)::int from programme_projects where cohort_id = ${season('saison-2019')}
        and problem_id in (select id from programme_problems where status = 'retenu')`),
    ).toBe(8);
    const go = await query<{ slug: string }>(sql`
      select p.slug from programme_committee_items i join programme_projects p on p.id = i.project_id
      where p.cohort_id = ${season('saison-2019')} and i.decision = 'go' order by p.slug`);
    expect(go.map((r) => r.slug)).toEqual(['au-compost-mitoyen', 'pau-partage']);
  });

  it('has a jury with the default rubric that ranked the 8 retenus first, nobody reviewing their own service', async () => {
    const rubric = await query<{ key: string; weight: number }>(sql`
      select key, weight from programme_criteria where call_id = ${call2019} order by position`);
    expect(rubric).toEqual(DEFAULT_CRITERIA.map(({ key, weight }) => ({ key, weight })));
    expect(await one(sql`select count(*)::int from programme_jurors where call_id = ${call2019}`)).toBe(4);
    expect(
      await one(sql`
        select count(*)::int from programme_reviews r join programme_problems p on p.id = r.problem_id
        where p.call_id = ${call2019} and (
          exists (select 1 from memberships m where m.agent_id = r.juror_agent_id and m.organisation_id = p.organisation_id)
          or exists (select 1 from programme_conflicts c where c.agent_id = r.juror_agent_id and c.problem_id = p.id)
          or r.juror_agent_id not in (select agent_id from programme_jurors where call_id = ${call2019}))`),
    ).toBe(0);
    expect(
      await one(sql`select count(*)::int from programme_conflicts c join programme_problems p on p.id = c.problem_id
        where p.call_id = ${call2019}`),
    ).toBeGreaterThan(0);

    const reviewed = await query<{ status: string; scores: Record<string, number>[] }>(sql`
      select p.status, json_agg(r.scores) as scores from programme_problems p
      join programme_reviews r on r.problem_id = p.id where p.call_id = ${call2019} group by p.id, p.status`);
    expect(reviewed.length).toBeGreaterThan(50);
    const ranked = reviewed
      .map((p) => ({
        status: p.status,
        score: p.scores.reduce((sum, s) => sum + weightedScore(rubric, s)!, 0) / p.scores.length,
      }))
      .sort((a, b) => b.score - a.score);
    expect(ranked.slice(0, 8).map((p) => p.status)).toEqual(Array(8).fill('retenu'));
  });

  it('gives 8 projects their public fields, phases and module links as in the data file', async () => {
    const rows = await query<{
      slug: string;
      territory: string;
      module_name: string | null;
      sponsors: string[];
      usertypes: string[];
      phases: string;
      coach: string;
    }>(sql`
      select p.slug, t.slug as territory, p.module_name, p.sponsors, p.usertypes, a.email as coach,
        (select string_agg(ph.phase || ' ' || ph.starts_on || '→' || coalesce(ph.ends_on::text, ''), ', ' order by ph.starts_on, ph.phase)
           from programme_project_phases ph where ph.project_id = p.id) as phases
      from programme_projects p join territories t on t.id = p.territory_id join agents a on a.id = p.coach_agent_id
      where p.cohort_id = ${season('saison-2019')} and p.mission <> '' and p.problem <> '' and p.solution <> ''
      order by p.slug`);
    const stoppedInJuly = (start: string) => `investigation ${start}→2019-07-11, abandon 2019-07-12→`;
    expect(Object.fromEntries(rows.map((r) => [r.slug, r.phases]))).toEqual({
      'accueil-uts-la-seyne': stoppedInJuly('2019-02-04'),
      'au-compost-mitoyen':
        'investigation 2019-02-04→2019-08-31, construction 2019-09-01→2021-06-29, abandon 2021-06-30→',
      'direct-autonomie': stoppedInJuly('2019-02-04'),
      idquart: stoppedInJuly('2019-02-04'),
      'meli-melo': stoppedInJuly('2019-03-01'),
      'pau-partage':
        'investigation 2019-02-04→2019-06-04, construction 2019-06-05→2019-12-31, transfer 2020-01-01→',
      'plateforme-rsa': stoppedInJuly('2019-02-04'),
      'trajectoire-enfance': stoppedInJuly('2019-02-04'),
    });
    expect(Object.fromEntries(rows.map((r) => [r.slug, r.module_name]))).toEqual({
      'accueil-uts-la-seyne': 'accueil',
      'au-compost-mitoyen': 'compost',
      'direct-autonomie': null,
      idquart: 'concertation',
      'meli-melo': null,
      'pau-partage': 'binomes',
      'plateforme-rsa': 'rsa',
      'trajectoire-enfance': null,
    });
    for (const row of rows) {
      expect(row.sponsors).toEqual([row.territory === 'var' ? 'departement-var' : 'ca-pau-bearn-pyrenees']);
      expect(row.usertypes.length).toBeGreaterThan(0);
    }
    expect(new Set(rows.map((r) => r.coach))).toEqual(
      new Set(['coach@incubateur.tremplin.demo', 'coach.pau@incubateur.tremplin.demo']),
    );
    const figures = await query<{ value: string }>(sql`
      select k.value from programme_key_figures k join programme_projects p on p.id = k.project_id
      where p.slug = 'accueil-uts-la-seyne' order by k.position`);
    expect(figures.map((f) => f.value)).toEqual(['70 %', '59 %', '42 %']);
  });

  it('puts 25 agents in teams with 2 coaches, detached a day a week, check-ins acknowledged by their managers', async () => {
    const [team] = await query<{ agents: number; managed: number; outsiders: number }>(sql`
      select count(distinct m.agent_id)::int as agents,
        count(*) filter (where m.manager_agent_id is not null and m.manager_agent_id <> m.agent_id)::int as managed,
        count(*) filter (where not exists (
          select 1 from memberships ms join organisations o on o.id = ms.organisation_id
          join territories t on t.id = o.territory_id
          where ms.agent_id = m.agent_id and t.slug in ('var', 'pau-bearn-pyrenees')))::int as outsiders
      from programme_team_members m join programme_projects p on p.id = m.project_id
      where p.cohort_id = ${season('saison-2019')}`);
    expect(team).toEqual({ agents: 25, managed: 25, outsiders: 0 });
    expect(
      await one(sql`select count(*)::int from programme_coaches where cohort_id = ${season('saison-2019')}`),
    ).toBe(2);

    const [time] = await query<{
      per_member: number[];
      not_monday: number;
      out_of_season: number;
      unacknowledged: number;
      had_day: number;
      total: number;
      days: number;
    }>(sql`
      select
        array(select count(*)::int from programme_checkins c2 group by c2.team_member_id) as per_member,
        count(*) filter (where extract(isodow from c.week_start) <> 1)::int as not_monday,
        count(*) filter (where c.week_start < '2019-02-04' or c.week_start > '2019-05-31')::int as out_of_season,
        count(*) filter (where c.acknowledged_by is distinct from m.manager_agent_id or c.acknowledged_at < c.answered_at)::int as unacknowledged,
        count(*) filter (where c.had_day)::int as had_day,
        count(*)::int as total,
        sum(c.days)::float as days
      from programme_checkins c join programme_team_members m on m.id = c.team_member_id`);
    expect(new Set(time!.per_member)).toEqual(new Set([12]));
    expect(time).toMatchObject({ not_monday: 0, out_of_season: 0, unacknowledged: 0 });
    expect(time!.had_day / time!.total).toBeGreaterThan(0.75);
    expect(time!.had_day).toBeLessThan(time!.total); // some days were missed
    // Days invested: close to, and below, the plan of 25 agents × 1 day × 12 weeks.
    expect(time!.days).toBeGreaterThan(240);
    expect(time!.days).toBeLessThan(300);
  });

  it('keeps an anonymised journal and the cohort milestones', async () => {
    const [interviews] = await query<{ total: number; named: number; anonymised: number }>(sql`
      select count(*)::int as total,
        count(*) filter (where interviewee_name is not null or interviewee_contact is not null)::int as named,
        count(*) filter (where anonymised_at is not null and consent_recorded)::int as anonymised
      from programme_interviews`);
    expect(interviews!.total).toBeGreaterThanOrEqual(8);
    expect(interviews).toMatchObject({ named: 0, anonymised: interviews!.total });
    expect(
      await one(sql`select count(*)::int from programme_cohorts
        where slug = 'saison-2019' and interviews_anonymised_at > ends_on`),
    ).toBe(1);
    expect(await one(sql`select count(*)::int from programme_hypotheses`)).toBeGreaterThanOrEqual(16);
    expect(
      await one(
        sql`select count(*)::int from programme_evidence where interview_id is not null or hypothesis_id is not null`,
      ),
    ).toBeGreaterThan(8);
    const milestones = await query<{ kind: string; due_on: string }>(sql`
      select kind, due_on::text from programme_milestones
      where cohort_id = ${season('saison-2019')} and project_id is null order by due_on, kind`);
    expect(milestones).toEqual(
      expect.arrayContaining([
        { kind: 'lancement', due_on: '2019-02-04' },
        { kind: 'mi_parcours', due_on: '2019-03-26' },
        { kind: 'restitution', due_on: '2019-06-05' },
      ]),
    );
  });

  it('holds the committee of 5 June 2019: conflicted members did not vote, decisions follow the votes', async () => {
    const [committee] = await query<{ day: string; published: boolean; members: number }>(sql`
      select (meets_at at time zone 'Europe/Paris')::date::text as day, minutes_published_at is not null and minutes <> '' as published,
        (select count(*)::int from programme_committee_members m where m.committee_id = c.id) as members
      from programme_committees c where cohort_id = ${season('saison-2019')}`);
    expect(committee).toEqual({ day: '2019-06-05', published: true, members: 5 });
    expect(
      await one(sql`select count(*)::int from programme_committee_votes v join programme_committee_items i on i.id = v.item_id
        join programme_conflicts c on c.agent_id = v.member_agent_id and c.project_id = i.project_id`),
    ).toBe(0);
    expect(
      await one(sql`select count(*)::int from programme_conflicts where project_id is not null`),
    ).toBeGreaterThanOrEqual(4);
    const items = await query<{
      decision: string;
      post_mortem: string;
      materials: boolean;
      majority: string;
    }>(sql`
      select i.decision, i.post_mortem, i.materials_submitted_at <= c.meets_at - interval '7 days' as materials,
        (select v.vote from programme_committee_votes v where v.item_id = i.id
          group by v.vote order by count(*) desc limit 1) as majority
      from programme_committee_items i join programme_committees c on c.id = i.committee_id`);
    expect(items).toHaveLength(8);
    for (const item of items) {
      expect(item.majority).toBe(item.decision);
      expect(item.materials).toBe(true);
      expect(item.post_mortem.length > 0).toBe(item.decision === 'stop');
    }
  });

  it('opens the 2027 call now for the platform demo’s agents, with a few problems and drafts', async () => {
    const [call] = await query<{ opened_days_ago: number; closes_in_days: number }>(sql`
      select extract(epoch from now() - opens_at) / 86400 as opened_days_ago,
             extract(epoch from closes_at - now()) / 86400 as closes_in_days
      from programme_calls where cohort_id = ${season('saison-2027')}`);
    expect(Number(call!.opened_days_ago)).toBeGreaterThan(1);
    expect(Number(call!.opened_days_ago)).toBeLessThan(5);
    expect(Number(call!.closes_in_days)).toBeGreaterThan(25);
    expect(Number(call!.closes_in_days)).toBeLessThan(35);
    const problems = await query<{ email: string; status: string; future: boolean }>(sql`
      select a.email, p.status, coalesce(p.submitted_at > now(), false) or p.created_at > now() as future
      from programme_problems p join agents a on a.id = p.submitter_agent_id
      join programme_calls c on c.id = p.call_id where c.cohort_id = ${season('saison-2027')}`);
    expect(problems.filter((p) => p.status !== 'brouillon').length).toBeGreaterThanOrEqual(4);
    expect(problems).toContainEqual({
      email: 'admin.insertion@var.tremplin.demo',
      status: 'brouillon',
      future: false,
    });
    expect(problems.every((p) => !p.future)).toBe(true);
    expect(
      await one(sql`select count(*)::int from programme_coaches c join agents a on a.id = c.agent_id
        where c.cohort_id = ${season('saison-2027')} and a.email = 'coach@incubateur.tremplin.demo'`),
    ).toBe(1);
    expect(
      await one(
        sql`select count(*)::int from programme_cohort_territories where cohort_id = ${season('saison-2027')}`,
      ),
    ).toBe(2);
  });

  it('builds the same 2019 rows from the same seed', async () => {
    const directory = (await ensureDemoPeople(db))!;
    const build = () => {
      const random = seededRandom(42);
      const selection = buildSelection2019(random, directory, 'cohort');
      const teams = buildTeams2019(random, directory, 'cohort', selection.problemOfProject, DECIDED_AT);
      return {
        selection,
        teams,
        committee: buildCommittee2019(random, directory, 'cohort', teams.projectIds),
      };
    };
    expect(build()).toEqual(build());
  });

  it('changes nothing when seeded again', async () => {
    const tables = [
      'organisations',
      'agents',
      'memberships',
      'programme_cohorts',
      'programme_calls',
      'programme_problems',
      'programme_me_toos',
      'programme_reviews',
      'programme_discussion_notes',
      'programme_conflicts',
      'programme_projects',
      'programme_project_phases',
      'programme_team_members',
      'programme_checkins',
      'programme_hypotheses',
      'programme_interviews',
      'programme_evidence',
      'programme_key_figures',
      'programme_milestones',
      'programme_committees',
      'programme_committee_items',
      'programme_committee_votes',
    ];
    const counts = () =>
      Promise.all(tables.map((table) => one(sql`select count(*)::int from ${sql.identifier(table)}`)));
    const before = await counts();
    const latest = sql`select max(updated_at)::text as at from programme_problems`;
    const [updated] = await query(latest);
    await seedDemoTenancy(db);
    await seedDemoProgramme(t.platform);
    expect(await counts()).toEqual(before);
    expect(await query(latest)).toEqual([updated]);
  });
});
