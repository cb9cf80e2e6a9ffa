import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/tables.ts';
import { emailsQueuedFor } from '../../../platform/messaging/testing.ts';
import { addDays, localDay, localInstant } from '../../../platform/scheduling/slots/calendar.ts';
import { submitMultipartForm, type TestFile } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { testJob } from '../../../platform/testing/jobs.ts';
import { programmeModule } from '../index.ts';
import { committeeItems, teamMembers } from '../tables.ts';
import { itemPath, materialsFilePath } from './paths.ts';
import { MATERIALS_REMINDERS_QUEUE, materialsRemindersJob } from './reminders.job.ts';
import { MATERIALS_DUE } from './templates.ts';
import { type CommitteeWorld, committeeWorld, newCommittee } from './testing.ts';

const pdf = (text = 'Présentation'): TestFile => ({
  filename: 'presentation.pdf',
  type: 'application/pdf',
  data: Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`),
});

describe('committee materials: deposit before D-7, late deposits flagged, downloads for members, staff and team', () => {
  let t: TestContext;
  let w: CommitteeWorld;
  const db = () => t.platform.database.db;
  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  /** A committee on `day` (Paris) with both projects; Nina is its member. Returns the items' ids. */
  const committeeOn = async (day: string, title: string) => {
    const committee = await newCommittee(db(), {
      cohortId: w.cohort.id,
      meetsAt: new Date(localInstant(day, 9 * 60 + 30)),
      memberIds: [w.nina.id],
      projectIds: [w.accueil.id, w.partage.id],
      title,
    });
    const items = await db()
      .select()
      .from(committeeItems)
      .where(eq(committeeItems.committeeId, committee.id));
    return {
      id: committee.id,
      accueil: items.find((i) => i.projectId === w.accueil.id)!.id,
      partage: items.find((i) => i.projectId === w.partage.id)!.id,
    };
  };
  const deposit = (
    committeeId: string,
    itemId: string,
    cookie: string,
    fields: Record<string, string>,
    files: Record<string, TestFile> = {},
  ) =>
    submitMultipartForm(t.app, {
      page: itemPath(committeeId, itemId),
      action: `${itemPath(committeeId, itemId)}/documents`,
      fields,
      files,
      cookie,
    });

  beforeAll(async () => {
    t = await startTestApp({}, [programmeModule]);
    w = await committeeWorld(db());
  });
  afterAll(() => t.close());

  it('takes the team’s deposit on time, refuses wrong files, and lets only those concerned download it', async () => {
    const c = await committeeOn(addDays(localDay(new Date()), 20), 'Comité de juin');

    const wrongType = await deposit(
      c.id,
      c.accueil,
      w.varAgent.cookie,
      { resume: 'Notre synthèse' },
      {
        fichier: { filename: 'notes.txt', type: 'text/plain', data: Buffer.from('bonjour') },
      },
    );
    expect(wrongType.response.statusCode).toBe(400);
    expect(wrongType.response.body).toContain('Déposez un fichier PDF, ODP, PPTX, ODT ou DOCX.');
    expect(wrongType.response.body).toContain('Notre synthèse');
    const fakePdf = await deposit(
      c.id,
      c.accueil,
      w.varAgent.cookie,
      {},
      {
        fichier: { filename: 'faux.pdf', type: 'application/pdf', data: Buffer.from('<html>') },
      },
    );
    expect(fakePdf.response.statusCode).toBe(400);
    expect(fakePdf.response.body).toContain('n’est pas un PDF lisible');
    const tooLarge = await deposit(
      c.id,
      c.accueil,
      w.varAgent.cookie,
      {},
      {
        fichier: { ...pdf(), data: Buffer.concat([pdf().data, Buffer.alloc(10 * 1024 * 1024)]) },
      },
    );
    expect(tooLarge.response.statusCode).toBe(400);
    expect(tooLarge.response.body).toContain('Ce fichier dépasse 10 Mo');
    const nothing = await deposit(c.id, c.accueil, w.varAgent.cookie, { resume: ' ', lien: '' });
    expect(nothing.response.statusCode).toBe(400);
    expect(nothing.response.body).toContain('Déposez au moins un résumé, un lien ou un fichier.');
    const badLink = await deposit(c.id, c.accueil, w.varAgent.cookie, { lien: 'javascript:alert(1)' });
    expect(badLink.response.statusCode).toBe(400);

    // A member who is not on the team sees the item but does not deposit.
    expect((await deposit(c.id, c.accueil, w.nina.cookie, { resume: 'x' })).response.statusCode).toBe(403);

    const ok = await deposit(
      c.id,
      c.accueil,
      w.varAgent.cookie,
      { resume: '70 % des appels perdus.', lien: 'https://pad.exemple.fr/accueil' },
      { fichier: pdf() },
    );
    expect(ok.response.statusCode).toBe(303);
    const page = await get(itemPath(c.id, c.accueil), w.nina.cookie);
    expect(page.body).toContain('Déposés le');
    expect(page.body).not.toContain('En retard');
    expect(page.body).toContain('70 % des appels perdus.');

    // Downloads: the member, the staff, the team and the coach; not the other team, not outsiders.
    for (const person of [w.nina, w.incubatorAdmin, w.varColleague, w.coach]) {
      const file = await get(materialsFilePath(c.id, c.accueil), person.cookie);
      expect(file.statusCode, person.firstName).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toContain('presentation.pdf');
      expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    for (const person of [w.bruno, w.outsider, w.pauAgent])
      expect(
        (await get(materialsFilePath(c.id, c.accueil), person.cookie)).statusCode,
        person.firstName,
      ).toBe(404);
    const reads = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceType, 'programme_committee_item'), eq(auditEvents.action, 'read')));
    expect(reads).toHaveLength(4);

    // A new deposit without a file keeps the file.
    await deposit(c.id, c.accueil, w.varAgent.cookie, { resume: 'Synthèse revue', lien: '' });
    expect((await get(materialsFilePath(c.id, c.accueil), w.nina.cookie)).statusCode).toBe(200);
  });

  it('flags a deposit after D-7 as late and missing materials as overdue', async () => {
    const c = await committeeOn(addDays(localDay(new Date()), 3), 'Comité imminent');
    const before = await get(itemPath(c.id, c.partage), w.nina.cookie);
    expect(before.body).toContain('Manquants (attendus le');
    const late = await deposit(c.id, c.partage, w.bruno.cookie, { resume: 'Un peu tard' });
    expect(late.response.statusCode).toBe(303);
    const after = await get(itemPath(c.id, c.partage), w.nina.cookie);
    expect(after.body).toContain('En retard : déposés le');
  });

  it('reminds the teams without materials three days before D-7 and on D-7, once each', async () => {
    // A committee on Tuesday 4 June 2030 at 09:30: materials due Tuesday 28 May.
    const c = await committeeOn('2030-06-04', 'Comité de 2030');
    await deposit(c.id, c.partage, w.bruno.cookie, { resume: 'Déjà prêts' });
    // Valérie left the team before the reminders: she gets none.
    await db()
      .update(teamMembers)
      .set({ leftOn: '2030-05-01' })
      .where(eq(teamMembers.agentId, w.varAgent.id));
    const run = (now: string) =>
      materialsRemindersJob.handler([testJob(MATERIALS_REMINDERS_QUEUE, { now })], {
        platform: t.platform,
        boss: t.platform.messaging.boss,
      });
    const remindersTo = (email: string) => emailsQueuedFor(t.platform, email, MATERIALS_DUE);

    await run('2030-05-24T06:00:00Z'); // four days before: nothing yet
    expect(await remindersTo(w.varColleague.email)).toHaveLength(0);

    await run('2030-05-25T06:00:00Z'); // D-7 minus 3
    await run('2030-05-25T06:30:00Z'); // a second run the same day
    await run('2030-05-26T06:00:00Z'); // and the next day
    const first = await remindersTo(w.varColleague.email);
    expect(first).toHaveLength(1);
    expect(first[0]!.subject).toContain('avant le mardi 28 mai 2030');
    expect(first[0]!.text).toContain('Accueil téléphonique');
    expect(first[0]!.text).toContain(`http://localhost:3000${itemPath(c.id, c.accueil)}`);

    await run('2030-05-28T06:00:00Z'); // D-7
    const both = await remindersTo(w.varColleague.email);
    expect(both).toHaveLength(2);
    expect(both[0]!.subject).toContain('Dernier jour');

    await run('2030-05-29T06:00:00Z'); // after D-7: no more reminders
    expect(await remindersTo(w.varColleague.email)).toHaveLength(2);
    expect(await remindersTo(w.varAgent.email)).toHaveLength(0);
    // Pau Partage deposited: Bruno is not reminded.
    expect(await remindersTo(w.bruno.email)).toHaveLength(0);
  });
});
