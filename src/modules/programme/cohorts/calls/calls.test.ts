import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../../platform/db/client.ts';
import { fieldError, get } from '../../../../platform/tenancy/testing.ts';
import { submitForm } from '../../../../platform/testing/forms.ts';
import type { TestContext } from '../../../../platform/testing/harness.ts';
import { DEFAULT_CRITERIA } from '../../rubric.ts';
import { calls, criteria } from '../../tables.ts';
import type { ProgrammeWorld } from '../../testing.ts';
import { paths } from '../paths.ts';
import { locationOf, startProgramme, submittedProblem } from '../testing.ts';

describe('calls for problems', () => {
  let t: TestContext;
  let w: ProgrammeWorld;
  let db: Db;
  const fields = {
    titre: 'Appel à problèmes 2027',
    introduction: 'Racontez-nous ce qui vous empêche de bien servir les usagers.',
    ouverture_jour: '2027-02-01',
    ouverture_heure: '09:00',
    cloture_jour: '2027-03-31',
    cloture_heure: '23:59',
  };

  beforeAll(async () => {
    ({ t, w, db } = await startProgramme());
  });
  afterAll(async () => t?.close());

  it('is opened by an incubator admin, in Paris time, with the default rubric written alongside', async () => {
    const newCall = paths.newCall(w.cohort.slug);
    const bad = await submitForm(t.app, {
      page: newCall,
      cookie: w.incubatorAdmin.cookie,
      fields: { ...fields, titre: '', cloture_jour: '2027-01-15', ouverture_heure: '25:00' },
    });
    expect(bad.response.statusCode).toBe(400);
    expect(fieldError(bad.response.body, 'titre')).toContain('Donnez un titre');
    expect(fieldError(bad.response.body, 'ouverture_heure')).toContain('09:00');
    const order = await submitForm(t.app, {
      page: newCall,
      cookie: w.incubatorAdmin.cookie,
      fields: { ...fields, cloture_jour: '2027-01-15' },
    });
    expect(fieldError(order.response.body, 'cloture_jour')).toBe('La clôture doit venir après l’ouverture.');
    expect(order.response.body).toContain('Racontez-nous ce qui vous empêche');

    const { response } = await submitForm(t.app, { page: newCall, cookie: w.incubatorAdmin.cookie, fields });
    expect(response.statusCode).toBe(303);
    const callId = locationOf(response).split('/').at(-1)!;
    const [call] = await db.select().from(calls).where(eq(calls.id, callId));
    expect(call?.opensAt.toISOString()).toBe('2027-02-01T08:00:00.000Z');
    expect(call?.closesAt.toISOString()).toBe('2027-03-31T21:59:00.000Z');
    const rubric = await db
      .select()
      .from(criteria)
      .where(eq(criteria.callId, callId))
      .orderBy(asc(criteria.position));
    expect(rubric.map((c) => [c.key, c.weight])).toEqual(DEFAULT_CRITERIA.map((c) => [c.key, c.weight]));

    const page = await get(t, paths.call(callId), w.varAgent.cookie);
    expect(page.body).toContain('À venir');
    expect(page.body).toContain('Ouvre le 1er février 2027 à 09:00');
    expect(page.body).not.toContain('Proposer un problème');

    // Changed, and shown again in Paris time.
    const edit = await get(t, paths.editCall(callId), w.incubatorAdmin.cookie);
    expect(edit.body).toMatch(/name="cloture_heure"[^>]* value="23:59"/);
    const changed = await submitForm(t.app, {
      page: paths.editCall(callId),
      cookie: w.incubatorAdmin.cookie,
      fields: { ...fields, cloture_jour: '2027-04-15' },
    });
    expect(changed.response.statusCode).toBe(303);
    const [after] = await db.select().from(calls).where(eq(calls.id, callId));
    expect(after?.closesAt.toISOString()).toBe('2027-04-15T21:59:00.000Z');
  });

  it('is configured by the incubator’s admins only', async () => {
    const newCall = paths.newCall(w.cohort.slug);
    expect((await get(t, newCall, w.incubatorAgent.cookie)).statusCode).toBe(403);
    expect((await get(t, newCall, w.varAgent.cookie)).statusCode).toBe(403);
    expect((await get(t, newCall, w.outsider.cookie)).statusCode).toBe(404);
    expect((await get(t, paths.editCall(w.call.id), w.coach.cookie)).statusCode).toBe(403);
    const before = await db.select().from(calls);
    const posted = await submitForm(t.app, {
      page: paths.call(w.call.id),
      action: newCall,
      cookie: w.coach.cookie,
      fields,
    });
    expect(posted.response.statusCode).toBe(403);
    expect(await db.select().from(calls)).toHaveLength(before.length);
  });

  it('lists the submitted problems; the staff also count them per status and territory, and filter', async () => {
    const varProblem = await submittedProblem(db, {
      callId: w.call.id,
      agentId: w.varAgent.id,
      organisationId: w.utsLaSeyne.id,
      territoryId: w.varTerritory.id,
      title: 'Les dossiers APA restent en attente',
    });
    await submittedProblem(db, {
      callId: w.call.id,
      agentId: w.pauAgent.id,
      organisationId: w.pauCcas.id,
      territoryId: w.pauTerritory.id,
      title: 'Les composteurs débordent',
    });
    const partner = await get(t, paths.call(w.call.id), w.pauAgent.cookie);
    expect(partner.body).toContain('Ouvert');
    expect(partner.body).toContain(`href="${paths.newProblem(w.call.id)}"`);
    expect(partner.body).toContain('Les dossiers APA restent en attente');
    expect(partner.body).toContain('Les composteurs débordent');
    expect(partner.body).not.toContain('Suivi de l’appel');

    const staff = await get(t, paths.call(w.call.id), w.coach.cookie);
    expect(staff.body).toContain('Suivi de l’appel');
    expect(staff.body).toMatch(/<td>Soumis<\/td><td>2<\/td>/);
    expect(staff.body).toMatch(/<td>Département du Var<\/td><td>1<\/td>/);
    expect(staff.body).not.toContain(`href="${paths.newProblem(w.call.id)}"`);
    const filtered = await get(t, `${paths.call(w.call.id)}?territoire=${w.pauTerritory.id}`, w.coach.cookie);
    expect(filtered.body).toContain('Les composteurs débordent');
    expect(filtered.body).not.toContain('Les dossiers APA restent en attente');
    // Partners cannot filter (the filter is the staff's) and an outsider does not see the call.
    const unfiltered = await get(
      t,
      `${paths.call(w.call.id)}?territoire=${w.pauTerritory.id}`,
      w.pauAgent.cookie,
    );
    expect(unfiltered.body).toContain('Les dossiers APA restent en attente');
    expect((await get(t, paths.call(w.call.id), w.outsider.cookie)).statusCode).toBe(404);
    expect((await get(t, paths.problem(varProblem.id), w.outsider.cookie)).statusCode).toBe(404);
    expect((await get(t, paths.call('pas-un-uuid'), w.varAgent.cookie)).statusCode).toBe(404);
  });
});
