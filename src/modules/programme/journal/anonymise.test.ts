import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { auditTrail, fieldError, get } from '../../../platform/tenancy/testing.ts';
import { submitForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { testJob } from '../../../platform/testing/jobs.ts';
import { cohorts, interviews, projects } from '../tables.ts';
import { ANONYMISE_INTERVIEWS_QUEUE, anonymiseInterviewsJob } from './anonymise.job.ts';
import { journalPath } from './paths.ts';
import { type JournalWorld, journalModule, journalWorld } from './testing.ts';

const dayAfter = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('anonymisation of interviews at the end of the cohort', () => {
  let t: TestContext;
  let db: Db;
  let w: JournalWorld;
  let consented: string;
  let withheld: string;
  let laterCohortInterview: string;

  const run = (now: Date) =>
    anonymiseInterviewsJob.handler([testJob(ANONYMISE_INTERVIEWS_QUEUE, { now: now.toISOString() })], {
      platform: t.platform,
      boss: t.platform.messaging.boss,
    });
  const interview = async (id: string) =>
    (await db.select().from(interviews).where(eq(interviews.id, id)))[0]!;
  const cohortRow = async (id: string) => (await db.select().from(cohorts).where(eq(cohorts.id, id)))[0]!;
  const addInterview = async (projectId: string, values: Partial<typeof interviews.$inferInsert>) =>
    (
      await db
        .insert(interviews)
        .values({
          projectId,
          intervieweeRole: 'Usager',
          interviewedOn: '2019-03-05',
          consentRecorded: false,
          ...values,
        })
        .returning()
    )[0]!.id;

  beforeAll(async () => {
    t = await startTestApp({}, [journalModule]);
    db = t.platform.database.db;
    w = await journalWorld(db);
    consented = await addInterview(w.project.id, {
      intervieweeRole: 'Secrétaire d’accueil',
      intervieweeName: 'Martine Dupuis',
      intervieweeContact: '04 94 00 00 00',
      consentRecorded: true,
      consentMode: 'Oral',
      notes: 'Le standard sature entre 12 h et 14 h.',
    });
    withheld = await addInterview(w.other.id, {
      intervieweeRole: 'Bénévole',
      notes: 'Raconte la situation de sa voisine, Mme X.',
    });
    // A cohort that ends a year later: its interviews stay as they are.
    const [later] = await db
      .insert(cohorts)
      .values({
        slug: 'saison-suivante',
        name: 'Saison suivante',
        incubatorOrganisationId: w.incubator.id,
        startsOn: w.cohort.startsOn,
        endsOn: dayAfter(dayAfter(w.cohort.endsOn)).replace(/^(\d{4})/, (y) => String(Number(y) + 1)),
      })
      .returning();
    const [laterProject] = await db
      .insert(projects)
      .values({
        slug: 'projet-suivant',
        cohortId: later!.id,
        territoryId: w.pauTerritory.id,
        title: 'Suivant',
        startsOn: later!.startsOn,
      })
      .returning();
    laterCohortInterview = await addInterview(laterProject!.id, {
      intervieweeName: 'Jean Martin',
      consentRecorded: true,
      consentMode: 'Écrit',
      notes: 'Notes',
    });
  });
  afterAll(() => t.close());

  it('leaves everything as it is while the cohort runs, its last day included', async () => {
    await run(new Date());
    await run(new Date(`${w.cohort.endsOn}T20:00:00Z`)); // 22:00 in Paris, still the last day
    expect(await interview(consented)).toMatchObject({
      intervieweeName: 'Martine Dupuis',
      anonymisedAt: null,
    });
    expect((await interview(withheld)).notes).toContain('Mme X');
    expect((await cohortRow(w.cohort.id)).interviewsAnonymisedAt).toBeNull();
  });

  it('erases names and contacts, and the notes given without consent, the night after the last day', async () => {
    const night = new Date(`${dayAfter(w.cohort.endsOn)}T01:30:00Z`);
    await run(night);
    expect(await interview(consented)).toMatchObject({
      intervieweeName: null,
      intervieweeContact: null,
      intervieweeRole: 'Secrétaire d’accueil',
      interviewedOn: '2019-03-05',
      consentRecorded: true,
      consentMode: 'Oral',
      notes: 'Le standard sature entre 12 h et 14 h.',
      anonymisedAt: night,
    });
    expect(await interview(withheld)).toMatchObject({
      intervieweeRole: 'Bénévole',
      notes: '',
      anonymisedAt: night,
    });
    expect((await cohortRow(w.cohort.id)).interviewsAnonymisedAt).toEqual(night);
    expect(await interview(laterCohortInterview)).toMatchObject({
      intervieweeName: 'Jean Martin',
      anonymisedAt: null,
    });

    const [event] = await auditTrail(db, {
      resourceType: 'programme_cohort_interviews',
      resourceId: w.cohort.id,
    });
    expect(event).toMatchObject({ action: 'delete', actorType: 'system', organisationId: w.incubator.id });
    expect(event!.details).toMatchObject({ anonymisation: true, interviews: 2, notesDeleted: 1 });
    expect((event!.details as { interviewIds: string[] }).interviewIds.sort()).toEqual(
      [consented, withheld].sort(),
    );
  });

  it('changes nothing when it runs again', async () => {
    const before = await db
      .select()
      .from(interviews)
      .where(inArray(interviews.id, [consented, withheld]));
    await run(new Date(`${dayAfter(dayAfter(w.cohort.endsOn))}T01:30:00Z`));
    const after = await db
      .select()
      .from(interviews)
      .where(inArray(interviews.id, [consented, withheld]));
    expect(after.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      before.sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(
      await auditTrail(db, { resourceType: 'programme_cohort_interviews', resourceId: w.cohort.id }),
    ).toHaveLength(1);
  });

  it('shows « anonymisé le … » and accepts no name any more, even with consent', async () => {
    const page = await get(t, journalPath(w.project.slug, `/entretiens/${consented}`), w.varAgent.cookie);
    expect(page.body).toMatch(/Anonymisé le \d{1,2} \S+ \d{4}/);
    expect(page.body).toContain('Le standard sature');
    expect(
      await auditTrail(db, { resourceType: 'programme_interview', resourceId: consented, action: 'read' }),
    ).toEqual([]);

    const form = await get(t, journalPath(w.project.slug, '/entretiens/nouveau'), w.varAgent.cookie);
    expect(form.body).toContain('ont été anonymisés à sa fin');
    expect(form.body).not.toContain('name="nom"');
    const { response } = await submitForm(t.app, {
      page: journalPath(w.project.slug, '/entretiens/nouveau'),
      fields: {
        role: 'Usager',
        date: '2019-07-02',
        consentement: 'oui',
        modeConsentement: 'Oral',
        nom: 'Paul Durand',
        notes: '',
      },
      cookie: w.varAgent.cookie,
    });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'nom')).toContain('anonymisés');
  });
});
