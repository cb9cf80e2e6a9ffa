import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../../platform/db/client.ts';
import { auditTrail, fieldError, get } from '../../../../platform/tenancy/testing.ts';
import { submitForm } from '../../../../platform/testing/forms.ts';
import type { TestContext } from '../../../../platform/testing/harness.ts';
import { calls, meToos, problems } from '../../tables.ts';
import type { ProgrammeWorld } from '../../testing.ts';
import { paths } from '../paths.ts';
import { locationOf, startProgramme, submittedProblem } from '../testing.ts';

describe('the staff’s triage: merging duplicates and pre-screening', () => {
  let t: TestContext;
  let w: ProgrammeWorld;
  let db: Db;
  const problem = (title: string, who: 'varAgent' | 'pauAgent' | 'varColleague') => {
    const agent = w[who];
    const organisationId =
      who === 'pauAgent' ? w.pauCcas.id : who === 'varAgent' ? w.utsLaSeyne.id : w.varInsertion.id;
    const territoryId = who === 'pauAgent' ? w.pauTerritory.id : w.varTerritory.id;
    return submittedProblem(db, { callId: w.call.id, agentId: agent.id, organisationId, territoryId, title });
  };
  const rowOf = async (id: string) => (await db.select().from(problems).where(eq(problems.id, id)))[0]!;
  const post = (cookie: string, id: string, what: string, fields: Record<string, string>) =>
    submitForm(t.app, { page: paths.problem(id), action: `${paths.problem(id)}/${what}`, cookie, fields });

  beforeAll(async () => {
    ({ t, w, db } = await startProgramme());
  });
  afterAll(async () => t?.close());

  it('merges a duplicate: the kept problem gets its « moi aussi » and its submitter, once; the duplicate points to it', async () => {
    const kept = await problem('Le standard perd 70 % des appels', 'varAgent');
    const duplicate = await problem('On n’arrive pas à joindre l’accueil social', 'pauAgent');
    await db.insert(meToos).values([
      { problemId: duplicate.id, agentId: w.varColleague.id, service: 'Insertion', comment: 'idem' },
      // Already a « moi aussi » of the kept one: not twice.
      { problemId: duplicate.id, agentId: w.varSameService.id, service: 'UTS', comment: '' },
      { problemId: kept.id, agentId: w.varSameService.id, service: 'UTS La Seyne', comment: '' },
      // The kept problem's own author never says « moi aussi » to it.
      { problemId: duplicate.id, agentId: w.varAgent.id, service: 'UTS', comment: '' },
    ]);
    const form = await get(t, paths.problem(duplicate.id), w.coach.cookie);
    expect(form.body).toContain('Fusionner ce problème dans');

    const { response } = await post(w.coach.cookie, duplicate.id, 'fusion', { dans: kept.id });
    expect(response.statusCode).toBe(303);
    expect(locationOf(response)).toBe(paths.problem(kept.id));
    expect(await rowOf(duplicate.id)).toMatchObject({ status: 'fusionne', mergedIntoId: kept.id });
    const keptMeToos = await db.select().from(meToos).where(eq(meToos.problemId, kept.id));
    expect(keptMeToos.map((m) => m.agentId).sort()).toEqual(
      [w.pauAgent.id, w.varColleague.id, w.varSameService.id].sort(),
    );
    expect(keptMeToos.find((m) => m.agentId === w.varSameService.id)?.service).toBe('UTS La Seyne');

    const mergedPage = await get(t, paths.problem(duplicate.id), w.pauAgent.cookie);
    expect(mergedPage.body).toContain('Ce problème a été fusionné avec un problème semblable');
    expect(mergedPage.body).toContain(`href="${paths.problem(kept.id)}"`);
    const keptPage = await get(t, paths.problem(kept.id), w.varAgent.cookie);
    expect(keptPage.body).toContain('3 autres agents rencontrent ce problème.');
    expect(keptPage.body).toContain('y a été fusionné le');
    // Merged duplicates leave the call's list.
    const callPage = await get(t, paths.call(w.call.id), w.varAgent.cookie);
    expect(callPage.body).toContain('Le standard perd 70 % des appels');
    expect(callPage.body).not.toContain('On n’arrive pas à joindre l’accueil social');
    const [audit] = await auditTrail(db, { resourceType: 'programme_problem', resourceId: duplicate.id });
    expect(audit).toMatchObject({
      action: 'update',
      actorId: w.coach.id,
      details: { change: 'fusion', mergedInto: kept.id },
    });

    // Once merged, it cannot be merged again.
    const again = await post(w.coach.cookie, duplicate.id, 'fusion', { dans: kept.id });
    expect(again.response.statusCode).toBe(403);
  });

  it('merges only into another submitted problem of the same call, and only by the staff', async () => {
    const one = await problem('Les dossiers APA arrivent incomplets', 'varAgent');
    const [otherCall] = await db
      .insert(calls)
      .values({
        cohortId: w.cohort.id,
        title: 'Autre appel',
        opensAt: new Date(Date.now() - 1e6),
        closesAt: new Date(Date.now() + 1e9),
      })
      .returning();
    const elsewhere = await submittedProblem(db, {
      callId: otherCall!.id,
      agentId: w.pauAgent.id,
      organisationId: w.pauCcas.id,
      territoryId: w.pauTerritory.id,
      title: 'Ailleurs',
    });
    const refused = await post(w.incubatorAgent.cookie, one.id, 'fusion', { dans: elsewhere.id });
    expect(refused.response.statusCode).toBe(400);
    expect(fieldError(refused.response.body, 'dans')).toContain('même appel');
    const self = await post(w.incubatorAgent.cookie, one.id, 'fusion', { dans: one.id });
    expect(self.response.statusCode).toBe(400);
    const other = await problem('Autre', 'pauAgent');
    const partner = await post(w.pauAgent.cookie, one.id, 'fusion', { dans: other.id });
    expect(partner.response.statusCode).toBe(403);
    expect((await rowOf(one.id)).status).toBe('soumis');
    expect((await get(t, paths.problem(one.id), w.pauAgent.cookie)).body).not.toContain(
      'Fusionner ce problème dans',
    );
  });

  it('pre-screens a submitted problem: recevable, or irrecevable with a note the author reads', async () => {
    const one = await problem('Les usagers ne trouvent pas les horaires', 'varColleague');
    const noNote = await post(w.incubatorAdmin.cookie, one.id, 'preexamen', {
      decision: 'irrecevable',
      note: '',
    });
    expect(noNote.response.statusCode).toBe(400);
    expect(fieldError(noNote.response.body, 'note')).toContain('Expliquez');
    expect((await rowOf(one.id)).status).toBe('soumis');

    const { response } = await post(w.incubatorAdmin.cookie, one.id, 'preexamen', {
      decision: 'irrecevable',
      note: 'Déjà traité par le nouveau site.',
    });
    expect(response.statusCode).toBe(303);
    expect(await rowOf(one.id)).toMatchObject({
      status: 'irrecevable',
      prescreenNote: 'Déjà traité par le nouveau site.',
      prescreenedBy: w.incubatorAdmin.id,
    });
    const authorPage = await get(t, paths.problem(one.id), w.varColleague.cookie);
    expect(authorPage.body).toContain('irrecevable. Note : « Déjà traité par le nouveau site. »');
    const otherPage = await get(t, paths.problem(one.id), w.pauAgent.cookie);
    expect(otherPage.body).not.toContain('Déjà traité par le nouveau site.');

    // The staff may change their mind before the jury decides.
    await post(w.incubatorAdmin.cookie, one.id, 'preexamen', { decision: 'recevable', note: '' });
    expect((await rowOf(one.id)).status).toBe('recevable');
    const trail = await auditTrail(db, { resourceType: 'programme_problem', resourceId: one.id });
    expect(trail.map((a) => (a.details as { decision: string }).decision)).toEqual([
      'irrecevable',
      'recevable',
    ]);
  });

  it('is refused to non-staff (403), and drafts cannot be pre-screened (404 for the staff)', async () => {
    const one = await problem('Un problème', 'pauAgent');
    const partner = await post(w.varAgent.cookie, one.id, 'preexamen', { decision: 'recevable', note: '' });
    expect(partner.response.statusCode).toBe(403);
    await db.update(problems).set({ status: 'brouillon', submittedAt: null }).where(eq(problems.id, one.id));
    const draft = await t.app.inject({
      method: 'GET',
      url: paths.problem(one.id),
      headers: { cookie: w.coach.cookie },
    });
    expect(draft.statusCode).toBe(404);
  });
});
