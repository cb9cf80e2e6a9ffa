import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { emailsQueuedFor } from '../../../platform/messaging/testing.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { testJob } from '../../../platform/testing/jobs.ts';
import { checkins, projectPhases } from '../tables.ts';
import { type ProgrammeWorld, programmeWorld } from '../testing.ts';
import { CHECKIN_ACKNOWLEDGEMENTS_QUEUE, checkinAcknowledgementsJob } from './acknowledgements.job.ts';
import { CHECKIN_REMINDERS_QUEUE, checkinRemindersJob } from './reminders.job.ts';
import { CHECKIN_ACKNOWLEDGE, CHECKIN_REMINDER } from './templates.ts';
import { newCheckin, newManager, newMember, newProject, projectsOnly } from './testing.ts';

/** Friday 14 March 2031, 14:00 in Paris (winter time: 13:00 UTC), and the Monday and Friday after. */
const friday = new Date('2031-03-14T13:00:00Z');
const monday = new Date('2031-03-17T08:00:00Z');
const nextFriday = new Date('2031-03-21T13:00:00Z');

describe('the check-in emails', () => {
  let t: TestContext;
  let db: Db;
  let w: ProgrammeWorld;
  let manager: Awaited<ReturnType<typeof newManager>>;

  beforeAll(async () => {
    t = await startTestApp({}, [projectsOnly]);
    db = t.platform.database.db;
    w = await programmeWorld(db);
    manager = await newManager(db, w);
    const project = await newProject(db, w, { title: 'Accueil téléphonique', startsOn: '2031-02-03' });
    const joined = { projectId: project.id, joinedOn: '2031-02-05', managerAgentId: manager.id };
    const answering = await newMember(db, { ...joined, agentId: w.varAgent.id });
    const answered = await newMember(db, { ...joined, agentId: w.varColleague.id });
    await newCheckin(db, { teamMemberId: answered.id, weekStart: '2031-03-10', hadDay: true, days: '1' });
    await newCheckin(db, { teamMemberId: answering.id, weekStart: '2031-03-03', hadDay: false, days: '0.5' });
    // Gone, not arrived yet, or past their plan: no reminder.
    await newMember(db, { ...joined, agentId: w.varSameService.id, leftOn: '2031-03-05' });
    await newMember(db, { ...joined, agentId: w.pauAgent.id, joinedOn: '2031-03-17' });
    await newMember(db, { ...joined, agentId: w.varReadonly.id, joinedOn: '2030-11-04', weeks: 4 });
    // A stopped project's team is not reminded either.
    const stopped = await newProject(db, w, { title: 'Projet arrêté', startsOn: '2031-02-03' });
    await db
      .insert(projectPhases)
      .values({ projectId: stopped.id, phase: 'abandon', startsOn: '2031-03-01' });
    await db
      .update(projectPhases)
      .set({ endsOn: '2031-02-28' })
      .where(and(eq(projectPhases.projectId, stopped.id), eq(projectPhases.phase, 'investigation')));
    await newMember(db, { projectId: stopped.id, agentId: w.pauAgent.id, joinedOn: '2031-02-05' });
  });
  afterAll(() => t.close());

  const context = () => ({ platform: t.platform, boss: t.platform.messaging.boss });
  const remind = (now: Date) =>
    checkinRemindersJob.handler([testJob(CHECKIN_REMINDERS_QUEUE, { now: now.toISOString() })], context());
  const askManagers = (now: Date) =>
    checkinAcknowledgementsJob.handler(
      [testJob(CHECKIN_ACKNOWLEDGEMENTS_QUEUE, { now: now.toISOString() })],
      context(),
    );
  const reminders = (email: string) => emailsQueuedFor(t.platform, email, CHECKIN_REMINDER);

  it('are scheduled on Fridays at 14:00 and Mondays at 09:00 (Europe/Paris)', () => {
    expect(checkinRemindersJob.schedule).toBe('0 14 * * 5');
    expect(checkinAcknowledgementsJob.schedule).toBe('0 9 * * 1');
  });

  it('remind on Friday the active members who have not answered this week, once a week', async () => {
    await remind(friday);
    await remind(friday); // a retry, or a second worker: nothing more
    const [email, ...more] = await reminders(w.varAgent.email);
    expect(more).toEqual([]);
    expect(email!.subject).toBe('Ai-je eu ma journée ? Accueil téléphonique, semaine du 10 mars 2031');
    expect(email!.text).toContain('http://localhost:3000/programme/espace/pointage');
    expect(email!.message.idempotencyKey).toMatch(/^programme:checkin-reminder:[0-9a-f-]+:2031-03-10$/);
    for (const quiet of [w.varColleague, w.varSameService, w.pauAgent, w.varReadonly]) {
      expect(await reminders(quiet.email), quiet.firstName).toEqual([]);
    }
  });

  it('remind again the next week, each member who has not answered it', async () => {
    await remind(nextFriday);
    expect(await reminders(w.varAgent.email)).toHaveLength(2);
    expect((await reminders(w.varColleague.email)).map((e) => e.subject)).toEqual([
      'Ai-je eu ma journée ? Accueil téléphonique, semaine du 17 mars 2031',
    ]);
    // Paul joined this week, on the running project (not the stopped one).
    expect(await reminders(w.pauAgent.email)).toHaveLength(1);
  });

  it('tell a manager on Monday which answers wait for them, once a week', async () => {
    await askManagers(monday);
    await askManagers(monday);
    const emails = await emailsQueuedFor(t.platform, manager.email, CHECKIN_ACKNOWLEDGE);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toBe('2 pointages de votre équipe attendent votre validation');
    expect(emails[0]!.text).toMatch(/Valérie .*, « Accueil téléphonique », semaine du 3 mars 2031 : 0,5 j/);
    expect(emails[0]!.text).toMatch(/Victor .*, « Accueil téléphonique », semaine du 10 mars 2031 : 1 j/);
  });

  it('leave a manager alone once everything is acknowledged', async () => {
    await db.update(checkins).set({ acknowledgedBy: manager.id, acknowledgedAt: monday });
    await askManagers(new Date('2031-03-24T08:00:00Z'));
    expect(await emailsQueuedFor(t.platform, manager.email, CHECKIN_ACKNOWLEDGE)).toHaveLength(1);
  });
});
