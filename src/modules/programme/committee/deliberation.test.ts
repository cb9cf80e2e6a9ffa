import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/tables.ts';
import { emailsQueuedFor } from '../../../platform/messaging/testing.ts';
import { addDays, localDay, localInstant } from '../../../platform/scheduling/slots/calendar.ts';
import { submitForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { programmeModule } from '../index.ts';
import { committeeItems, committeeVotes, conflicts, projectPhases } from '../tables.ts';
import { committeePath, itemPath } from './paths.ts';
import { MINUTES } from './templates.ts';
import { type CommitteeWorld, committeeWorld, newCommittee } from './testing.ts';

/**
 * The committee test: members where one is on a team (automatic conflict) and one declares a
 * conflict; their votes are refused and left out of the counts; the chair's decisions are validated,
 * move the phases, can be corrected; the minutes are published once.
 */
describe('committee deliberation with conflicted members excluded', () => {
  let t: TestContext;
  let w: CommitteeWorld;
  let committeeId: string;
  let accueilItem: string;
  let partageItem: string;
  const db = () => t.platform.database.db;
  const day = addDays(localDay(new Date()), 10);
  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const post = (itemId: string, action: string, fields: Record<string, string>, cookie: string) =>
    submitForm(t.app, {
      page: itemPath(committeeId, itemId),
      action: `${itemPath(committeeId, itemId)}/${action}`,
      fields,
      cookie,
    });
  const phases = (projectId: string) =>
    db()
      .select({
        phase: projectPhases.phase,
        startsOn: projectPhases.startsOn,
        endsOn: projectPhases.endsOn,
        comment: projectPhases.comment,
      })
      .from(projectPhases)
      .where(eq(projectPhases.projectId, projectId))
      .orderBy(projectPhases.startsOn);

  beforeAll(async () => {
    t = await startTestApp({}, [programmeModule]);
    w = await committeeWorld(db());
    const committee = await newCommittee(db(), {
      cohortId: w.cohort.id,
      meetsAt: new Date(localInstant(day, 9 * 60 + 30)),
      memberIds: [w.varColleague.id, w.pauAgent.id, w.marc.id, w.nina.id, w.incubatorAgent.id],
      projectIds: [w.accueil.id, w.partage.id],
    });
    committeeId = committee.id;
    const items = await db().select().from(committeeItems).where(eq(committeeItems.committeeId, committeeId));
    accueilItem = items.find((i) => i.projectId === w.accueil.id)!.id;
    partageItem = items.find((i) => i.projectId === w.partage.id)!.id;
  });
  afterAll(() => t.close());

  it('refuses the votes of conflicted members, with the reason, and counts only the others', async () => {
    // Victor is on the team, Marc manages Valérie: both automatically conflicted.
    const victor = await post(accueilItem, 'vote', { note: '4', avis: 'go' }, w.varColleague.cookie);
    expect(victor.response.statusCode).toBe(403);
    expect(victor.response.body).toContain(
      'en conflit d’intérêts sur ce projet (membre de l’équipe du projet)',
    );
    const marc = await post(accueilItem, 'vote', { note: '4', avis: 'go' }, w.marc.cookie);
    expect(marc.response.statusCode).toBe(403);
    expect(marc.response.body).toContain('responsable hiérarchique');

    // Paul declares a conflict, then cannot vote.
    const missingReason = await post(accueilItem, 'conflit', { raison: ' ' }, w.pauAgent.cookie);
    expect(missingReason.response.statusCode).toBe(400);
    expect(missingReason.response.body).toContain('Expliquez en une phrase la raison du conflit');
    const declared = await post(accueilItem, 'conflit', { raison: 'Valérie est ma sœur' }, w.pauAgent.cookie);
    expect(declared.response.statusCode).toBe(303);
    expect(await db().select().from(conflicts).where(eq(conflicts.agentId, w.pauAgent.id))).toHaveLength(1);
    const paul = await post(accueilItem, 'vote', { note: '0', avis: 'stop' }, w.pauAgent.cookie);
    expect(paul.response.statusCode).toBe(403);
    expect(paul.response.body).toContain('conflit déclaré : Valérie est ma sœur');
    // He still votes on the other project.
    expect(
      (await post(partageItem, 'vote', { note: '3', avis: 'provisoire' }, w.pauAgent.cookie)).response
        .statusCode,
    ).toBe(303);

    // A vote Victor gave before joining the team stays in the table but is not counted.
    await db()
      .insert(committeeVotes)
      .values({ itemId: accueilItem, memberAgentId: w.varColleague.id, score: 0, vote: 'stop' });

    const badVote = await post(accueilItem, 'vote', { note: '7', commentaire: 'Très bien' }, w.nina.cookie);
    expect(badVote.response.statusCode).toBe(400);
    expect(badVote.response.body).toContain('Choisissez une note de 0 à 4.');
    expect(badVote.response.body).toContain('Très bien');
    expect(
      (await post(accueilItem, 'vote', { note: '2', avis: 'provisoire' }, w.nina.cookie)).response.statusCode,
    ).toBe(303);
    // Editable until the decision: Nina changes her mind.
    expect(
      (
        await post(
          accueilItem,
          'vote',
          { note: '4', avis: 'go', commentaire: 'Preuves solides' },
          w.nina.cookie,
        )
      ).response.statusCode,
    ).toBe(303);
    expect(
      (await post(accueilItem, 'vote', { note: '3', avis: 'go' }, w.incubatorAgent.cookie)).response
        .statusCode,
    ).toBe(303);

    // Not a member: the chair sees the committee but does not vote.
    const chair = await post(accueilItem, 'vote', { note: '4', avis: 'go' }, w.incubatorAdmin.cookie);
    expect(chair.response.statusCode).toBe(403);

    const page = await get(itemPath(committeeId, accueilItem), w.incubatorAdmin.cookie);
    expect(page.body).toContain('Note moyenne : <strong>3,5 / 4</strong> (2 votes, 0 en attente)');
    expect(page.body).toContain('go : 2, provisoire : 0, stop : 0');
    for (const name of ['Victor', 'Marc', 'Paul'])
      expect(page.body).toMatch(new RegExp(`${name} [^<]*— en conflit d’intérêts : ne vote pas`));
    const overview = await get(committeePath(committeeId), w.nina.cookie);
    expect(overview.body).toContain('3,5 / 4');
    // Paul withdraws his declaration: he could vote again.
    expect((await post(accueilItem, 'conflit/retirer', {}, w.pauAgent.cookie)).response.statusCode).toBe(303);
    expect(await db().select().from(conflicts).where(eq(conflicts.agentId, w.pauAgent.id))).toHaveLength(0);
    await post(accueilItem, 'conflit', { raison: 'Valérie est ma sœur' }, w.pauAgent.cookie);
  });

  it('shows a team only its own item, and not the votes', async () => {
    const mine = await get(committeePath(committeeId), w.bruno.cookie);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('Pau Partage');
    expect(mine.body).not.toContain('Accueil téléphonique');
    expect(mine.body).not.toContain('Note moyenne');
    expect((await get(itemPath(committeeId, accueilItem), w.bruno.cookie)).statusCode).toBe(404);
    const item = await get(itemPath(committeeId, partageItem), w.bruno.cookie);
    expect(item.statusCode).toBe(200);
    expect(item.body).not.toContain('Votes des membres');
    // The coach works on « Accueil téléphonique »: sees that item.
    expect((await get(itemPath(committeeId, accueilItem), w.coach.cookie)).statusCode).toBe(200);
  });

  it('validates the chair’s decision: provisoire needs evidence and a due date within 1–2 months, stop a post-mortem', async () => {
    const noDue = await post(
      partageItem,
      'decision',
      { decision: 'provisoire', preuves: 'Trois entretiens' },
      w.incubatorAdmin.cookie,
    );
    expect(noDue.response.statusCode).toBe(400);
    expect(noDue.response.body).toContain('Indiquez la date d’échéance.');
    const tooLate = await post(
      partageItem,
      'decision',
      { decision: 'provisoire', preuves: 'Trois entretiens', echeance: addDays(day, 95) },
      w.incubatorAdmin.cookie,
    );
    expect(tooLate.response.statusCode).toBe(400);
    expect(tooLate.response.body).toContain('entre un et deux mois après le comité');
    const stop = await post(accueilItem, 'decision', { decision: 'stop' }, w.incubatorAdmin.cookie);
    expect(stop.response.statusCode).toBe(400);
    expect(stop.response.body).toContain('Écrivez un court post-mortem');
    // Members vote; they do not decide.
    expect((await post(accueilItem, 'decision', { decision: 'go' }, w.nina.cookie)).response.statusCode).toBe(
      403,
    );
    expect(
      await db()
        .select()
        .from(committeeItems)
        .where(eq(committeeItems.id, accueilItem))
        .then((r) => r[0]!.decision),
    ).toBeNull();
  });

  it('moves the phases with the decision, closes the votes, and undoes the move when the decision is corrected', async () => {
    const start = w.cohort.startsOn;
    const go = await post(
      accueilItem,
      'decision',
      { decision: 'go', motivation: 'Unanimité' },
      w.incubatorAdmin.cookie,
    );
    expect(go.response.statusCode).toBe(303);
    expect(await phases(w.accueil.id)).toMatchObject([
      { phase: 'investigation', startsOn: start, endsOn: addDays(day, -1) },
      { phase: 'construction', startsOn: day, endsOn: null },
    ]);
    const late = await post(accueilItem, 'vote', { note: '1', avis: 'stop' }, w.nina.cookie);
    expect(late.response.statusCode).toBe(409);

    const stop = await post(
      accueilItem,
      'decision',
      { decision: 'stop', post_mortem: 'Les appels perdus venaient d’un standard en panne, réparé depuis.' },
      w.incubatorAdmin.cookie,
    );
    expect(stop.response.statusCode).toBe(303);
    expect(await phases(w.accueil.id)).toEqual([
      { phase: 'investigation', startsOn: start, endsOn: addDays(day, -1), comment: '' },
      {
        phase: 'abandon',
        startsOn: day,
        endsOn: null,
        comment: 'Les appels perdus venaient d’un standard en panne, réparé depuis.',
      },
    ]);

    // Withdrawn, the decision leaves the phases as they were and the votes open again.
    expect(
      (await post(accueilItem, 'decision/retirer', {}, w.incubatorAdmin.cookie)).response.statusCode,
    ).toBe(303);
    expect(await phases(w.accueil.id)).toEqual([
      { phase: 'investigation', startsOn: start, endsOn: null, comment: '' },
    ]);
    expect(
      (await post(accueilItem, 'vote', { note: '3', avis: 'go' }, w.nina.cookie)).response.statusCode,
    ).toBe(303);
    expect(
      (
        await post(
          accueilItem,
          'decision',
          {
            decision: 'stop',
            post_mortem: 'Les appels perdus venaient d’un standard en panne, réparé depuis.',
          },
          w.incubatorAdmin.cookie,
        )
      ).response.statusCode,
    ).toBe(303);

    const provisional = await post(
      partageItem,
      'decision',
      { decision: 'provisoire', preuves: 'Une enquête auprès de 30 foyers', echeance: addDays(day, 45) },
      w.incubatorAdmin.cookie,
    );
    expect(provisional.response.statusCode).toBe(303);
    expect(await phases(w.partage.id)).toEqual([
      { phase: 'investigation', startsOn: start, endsOn: null, comment: '' },
    ]);

    const audited = await db()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.resourceType, 'programme_committee_decision'),
          eq(auditEvents.resourceId, accueilItem),
        ),
      );
    expect(audited.map((a) => a.action).sort()).toEqual(['create', 'create', 'delete', 'update']);
  });

  it('publishes the minutes once: each team member and coach gets one email and sees the decision', async () => {
    const page = committeePath(committeeId);
    const before = await get(itemPath(committeeId, partageItem), w.bruno.cookie);
    expect(before.body).not.toContain('Décision provisoire');

    const empty = await submitForm(t.app, {
      page,
      action: `${page}/compte-rendu`,
      fields: { compte_rendu: '', action: 'publier' },
      cookie: w.incubatorAdmin.cookie,
    });
    expect(empty.response.statusCode).toBe(400);
    expect(empty.response.body).toContain('Écrivez le compte rendu avant de le publier.');

    const minutes =
      'Le comité a entendu les deux équipes.\n\nAccueil : arrêt. Pau Partage : preuves demandées.';
    const draft = await submitForm(t.app, {
      page,
      action: `${page}/compte-rendu`,
      fields: { compte_rendu: minutes, action: 'enregistrer' },
      cookie: w.incubatorAdmin.cookie,
    });
    expect(draft.response.statusCode).toBe(303);
    expect((await get(itemPath(committeeId, partageItem), w.bruno.cookie)).body).not.toContain(
      'Le comité a entendu',
    );

    for (let i = 0; i < 2; i++) {
      const published = await submitForm(t.app, {
        page,
        action: `${page}/compte-rendu`,
        fields: { compte_rendu: minutes, action: 'publier' },
        cookie: w.incubatorAdmin.cookie,
      });
      expect(published.response.statusCode).toBe(303);
    }
    for (const person of [w.varAgent, w.varColleague, w.coach, w.bruno]) {
      const emails = await emailsQueuedFor(t.platform, person.email, MINUTES);
      expect(emails, person.firstName).toHaveLength(1);
    }
    const [bruno] = await emailsQueuedFor(t.platform, w.bruno.email, MINUTES);
    expect(bruno!.text).toContain('Décision pour « Pau Partage » : Décision provisoire');
    expect(bruno!.text).toContain(`http://localhost:3000${itemPath(committeeId, partageItem)}`);
    expect(await emailsQueuedFor(t.platform, w.nina.email, MINUTES)).toHaveLength(0);

    const after = await get(itemPath(committeeId, partageItem), w.bruno.cookie);
    expect(after.body).toContain('Décision provisoire : preuves demandées');
    expect(after.body).toContain('Une enquête auprès de 30 foyers');
    expect(after.body).toContain('Le comité a entendu les deux équipes.');

    // Published: decisions are final.
    const correction = await post(accueilItem, 'decision', { decision: 'go' }, w.incubatorAdmin.cookie);
    expect(correction.response.statusCode).toBe(409);
  });
});
