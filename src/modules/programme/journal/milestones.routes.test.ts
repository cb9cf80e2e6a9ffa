import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { localDayOf } from '../../../platform/scheduling/agenda/week-grid.ts';
import { fieldError, get } from '../../../platform/tenancy/testing.ts';
import { submitForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { milestones } from '../tables.ts';
import { cohortMilestonesPath, journalPath } from './paths.ts';
import { type JournalWorld, journalModule, journalWorld, postAndFollow } from './testing.ts';

const shift = (days: number) => localDayOf(new Date(Date.now() + days * 86_400_000));

describe('milestones', () => {
  let t: TestContext;
  let db: Db;
  let w: JournalWorld;
  const cohortPage = () => cohortMilestonesPath(w.cohort.slug);
  const cohortRows = () =>
    db
      .select()
      .from(milestones)
      .where(and(eq(milestones.cohortId, w.cohort.id), isNull(milestones.projectId)));

  beforeAll(async () => {
    t = await startTestApp({}, [journalModule]);
    db = t.platform.database.db;
    w = await journalWorld(db);
  });
  afterAll(() => t.close());

  it('of the cohort are kept by its staff, read by the teams and their managers, hidden from others', async () => {
    for (const staff of [w.incubatorAgent, w.coach]) {
      const page = await get(t, cohortPage(), staff.cookie);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Ajouter un jalon');
    }
    for (const reader of [w.varAgent, w.varSameService, w.pauAgent]) {
      const page = await get(t, cohortPage(), reader.cookie);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('l’incubateur et les coachs les tiennent à jour');
      expect(page.body).not.toContain('Ajouter un jalon');
    }
    for (const stranger of [w.outsider, w.varColleague]) {
      expect((await get(t, cohortPage(), stranger.cookie)).statusCode).toBe(404);
    }
    const { response } = await submitForm(t.app, {
      page: cohortPage(),
      action: cohortMilestonesPath(w.cohort.slug, '/nouveau'),
      fields: { type: 'autre', titre: 'Par une équipe', echeance: shift(3) },
      cookie: w.varAgent.cookie,
    });
    expect(response.statusCode).toBe(403);
    expect(await cohortRows()).toEqual([]);
  });

  it('of the cohort start from its dates: lancement, mi-parcours, restitution, once', async () => {
    for (let i = 0; i < 2; i++) {
      const { response } = await submitForm(t.app, {
        page: cohortPage(),
        action: cohortMilestonesPath(w.cohort.slug, '/par-defaut'),
        fields: {},
        cookie: w.coach.cookie,
      });
      expect(response.statusCode).toBe(303);
    }
    const rows = await cohortRows();
    expect(rows.map((m) => [m.kind, m.dueOn]).sort()).toEqual(
      [
        ['lancement', w.cohort.startsOn],
        ['mi_parcours', expect.any(String)],
        ['restitution', w.cohort.endsOn],
      ].sort(),
    );
  });

  it('are flagged late once their day has passed, on the cohort’s page and on each journal', async () => {
    // The kick-off of the test cohort was 30 days ago and is not marked done.
    const cohort = await get(t, cohortPage(), w.varAgent.cookie);
    expect(cohort.body).toContain('1 jalon est en retard');
    expect(cohort.body).toContain('En retard');
    const journal = await get(t, journalPath(w.project.slug), w.varAgent.cookie);
    expect(journal.body).toContain('1 jalon est en retard');
    expect(journal.body).toContain('Lancement de la saison');

    const kickOff = (await cohortRows()).find((m) => m.kind === 'lancement')!;
    const { next } = await postAndFollow(t, {
      page: cohortPage(),
      action: cohortMilestonesPath(w.cohort.slug, `/${kickOff.id}/fait`),
      fields: { faitLe: w.cohort.startsOn },
      cookie: w.incubatorAdmin.cookie,
    });
    expect(next!.body).toContain('Jalon marqué comme fait.');
    expect(next!.body).not.toContain('en retard');
    expect((await cohortRows()).find((m) => m.id === kickOff.id)!.doneOn).toBe(w.cohort.startsOn);

    const badDay = await submitForm(t.app, {
      page: cohortMilestonesPath(w.cohort.slug, `/${kickOff.id}`),
      action: cohortMilestonesPath(w.cohort.slug, `/${kickOff.id}/fait`),
      fields: { faitLe: 'hier' },
      cookie: w.incubatorAdmin.cookie,
    });
    expect(badDay.response.statusCode).toBe(400);
    expect(fieldError(badDay.response.body, 'faitLe')).toContain('date valide');
  });

  it('of a project are kept by its team, who cannot touch the cohort’s or another project’s', async () => {
    const path = (rest: string) => journalPath(w.project.slug, rest);
    const { response } = await submitForm(t.app, {
      page: path('/jalons/nouveau'),
      fields: { type: 'autre', titre: 'Premier prototype papier', echeance: shift(-2) },
      cookie: w.varAgent.cookie,
    });
    expect(response.statusCode).toBe(303);
    const [own] = await db.select().from(milestones).where(eq(milestones.projectId, w.project.id));
    expect(own).toMatchObject({ cohortId: w.cohort.id, title: 'Premier prototype papier', doneOn: null });
    let journal = await get(t, journalPath(w.project.slug), w.varAgent.cookie);
    expect(journal.body).toContain('1 jalon est en retard');

    await submitForm(t.app, {
      page: journalPath(w.project.slug),
      action: path(`/jalons/${own!.id}/fait`),
      fields: { faitLe: shift(0) },
      cookie: w.varAgent.cookie,
    });
    journal = await get(t, journalPath(w.project.slug), w.varAgent.cookie);
    expect(journal.body).not.toContain('en retard');
    expect(journal.body).toContain('Fait le');

    await submitForm(t.app, {
      page: journalPath(w.project.slug),
      action: path(`/jalons/${own!.id}/rouvrir`),
      fields: {},
      cookie: w.varAgent.cookie,
    });
    expect((await db.select().from(milestones).where(eq(milestones.id, own!.id)))[0]!.doneOn).toBeNull();

    // Not the cohort's milestones through the project's pages, nor another project's.
    const restitution = (await cohortRows()).find((m) => m.kind === 'restitution')!;
    const [foreign] = await db
      .insert(milestones)
      .values({
        cohortId: w.cohort.id,
        projectId: w.other.id,
        kind: 'autre',
        title: 'De Pau',
        dueOn: shift(5),
      })
      .returning();
    for (const id of [restitution.id, foreign!.id]) {
      expect((await get(t, path(`/jalons/${id}`), w.varAgent.cookie)).statusCode).toBe(404);
      const { response: done } = await submitForm(t.app, {
        page: journalPath(w.project.slug),
        action: path(`/jalons/${id}/fait`),
        fields: { faitLe: shift(0) },
        cookie: w.varAgent.cookie,
      });
      expect(done.statusCode).toBe(404);
    }
    expect(
      (await db.select().from(milestones).where(eq(milestones.id, restitution.id)))[0]!.doneOn,
    ).toBeNull();
  });
});
