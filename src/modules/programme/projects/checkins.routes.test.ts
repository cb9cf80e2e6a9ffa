import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { textOf } from '../../../platform/scheduling/public/testing.ts';
import { auditTrail, get } from '../../../platform/tenancy/testing.ts';
import { submitForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { checkins } from '../tables.ts';
import { type ProgrammeWorld, programmeWorld } from '../testing.ts';
import { newManager, newMember, newProject, postWithToken, projectsOnly } from './testing.ts';
import { addWeeks, weekOf } from './weeks.ts';

const PAGE = '/programme/espace/pointage';

describe('the weekly check-in: « ai-je eu ma journée ? »', () => {
  let t: TestContext;
  let db: Db;
  let w: ProgrammeWorld;
  let manager: Awaited<ReturnType<typeof newManager>>;
  let member: Awaited<ReturnType<typeof newMember>>;
  let colleague: Awaited<ReturnType<typeof newMember>>;
  const thisWeek = weekOf(new Date());
  const lastWeek = addWeeks(thisWeek, -1);

  beforeAll(async () => {
    t = await startTestApp({}, [projectsOnly]);
    db = t.platform.database.db;
    w = await programmeWorld(db);
    manager = await newManager(db, w);
    const project = await newProject(db, w, { title: 'Accueil téléphonique', coachAgentId: w.coach.id });
    member = await newMember(db, {
      projectId: project.id,
      agentId: w.varAgent.id,
      managerAgentId: manager.id,
      joinedOn: lastWeek,
    });
    colleague = await newMember(db, {
      projectId: project.id,
      agentId: w.varSameService.id,
      managerAgentId: manager.id,
      joinedOn: lastWeek,
    });
  });
  afterAll(() => t.close());

  const answer = (fields: Record<string, string>, cookie = w.varAgent.cookie) =>
    submitForm(t.app, {
      page: PAGE,
      fields: {
        membre: member.id,
        semaine: thisWeek,
        journee: 'oui',
        jours: '1',
        commentaire: '',
        ...fields,
      },
      cookie,
    });
  const rowOf = async (memberId: string, week: string) =>
    (await db.select().from(checkins).where(eq(checkins.teamMemberId, memberId))).find(
      (c) => c.weekStart === week,
    );

  it('asks a member for this week and the past weeks since they joined', async () => {
    const page = await get(t, PAGE, w.varAgent.cookie);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Accueil téléphonique');
    expect(text.match(/Enregistrer ma réponse/g)).toHaveLength(2);
    expect(text).toContain('Responsable qui valide : Martine');
  });

  it('records an answer, then lets the member change it', async () => {
    const { response } = await answer({ jours: '1', commentaire: 'Journée complète' });
    expect(response.statusCode).toBe(303);
    expect(await rowOf(member.id, thisWeek)).toMatchObject({
      hadDay: true,
      days: '1.0',
      comment: 'Journée complète',
    });

    expect(
      (await answer({ journee: 'non', jours: '0.5', commentaire: 'Réunion d’équipe' })).response.statusCode,
    ).toBe(303);
    expect(await rowOf(member.id, thisWeek)).toMatchObject({
      hadDay: false,
      days: '0.5',
      comment: 'Réunion d’équipe',
    });
    expect(textOf((await get(t, PAGE, w.varAgent.cookie)).body)).toContain('Modifier ma réponse');
    expect(await auditTrail(db, { resourceType: 'programme_checkin', actorId: w.varAgent.id })).toHaveLength(
      2,
    );
  });

  it('refuses an incomplete answer, a week outside the detachment, and someone else’s membership', async () => {
    const missing = await answer({ journee: '', semaine: lastWeek });
    expect(missing.response.statusCode).toBe(400);
    expect(textOf(missing.response.body)).toContain('Répondez oui ou non.');

    const zero = await answer({ journee: 'oui', jours: '0', semaine: lastWeek });
    expect(zero.response.statusCode).toBe(400);
    expect(textOf(zero.response.body)).toContain('au moins une demi-journée');

    const early = await answer({ semaine: addWeeks(lastWeek, -1) });
    expect(early.response.statusCode).toBe(400);
    expect(textOf(early.response.body)).toContain('ne fait pas partie de votre détachement');

    const future = await answer({ semaine: addWeeks(thisWeek, 1) });
    expect(future.response.statusCode).toBe(400);

    const notMine = await answer({ membre: colleague.id }, w.varAgent.cookie);
    expect(notMine.response.statusCode).toBe(404);
    expect(await rowOf(colleague.id, thisWeek)).toBeUndefined();
    expect(await rowOf(member.id, lastWeek)).toBeUndefined();
  });

  it('shows the manager the answers of the agents they manage, with their team and days', async () => {
    await answer({ membre: colleague.id, jours: '1.5' }, w.varSameService.cookie);
    const text = textOf((await get(t, PAGE, manager.cookie)).body);
    expect(text).toContain('Pointages des agents que j’encadre');
    expect(text).toMatch(/Valérie .* Accueil téléphonique Non 0,5 j Réunion d’équipe/);
    expect(text).toMatch(/Sabine .* Accueil téléphonique Oui 1,5 j/);
    expect(text).toContain('Valider les 2 pointages de la semaine');
    expect(
      await auditTrail(db, { action: 'list', resourceType: 'programme_checkin', actorId: manager.id }),
    ).toHaveLength(1);
  });

  it('lets only the member’s manager acknowledge: 403 for the staff, the coach and the member, 404 for others', async () => {
    const checkin = (await rowOf(member.id, thisWeek))!;
    const acknowledgeAs = (cookie: string) =>
      postWithToken(t.app, {
        tokenPage: PAGE,
        action: `${PAGE}/valider`,
        fields: { pointage: checkin.id },
        cookie,
      });
    expect((await acknowledgeAs(w.incubatorAdmin.cookie)).statusCode).toBe(403);
    expect((await acknowledgeAs(w.coach.cookie)).statusCode).toBe(403);
    expect((await acknowledgeAs(w.varAgent.cookie)).statusCode).toBe(403);
    expect((await acknowledgeAs(w.outsider.cookie)).statusCode).toBe(404);
    expect((await rowOf(member.id, thisWeek))!.acknowledgedAt).toBeNull();

    const response = await acknowledgeAs(manager.cookie);
    expect(response.statusCode).toBe(303);
    expect(await rowOf(member.id, thisWeek)).toMatchObject({
      acknowledgedBy: manager.id,
      acknowledgedAt: expect.any(Date),
    });
  });

  it('closes an acknowledged week to changes (409)', async () => {
    const { response } = await answer({ jours: '2' });
    expect(response.statusCode).toBe(409);
    expect(textOf(response.body)).toContain('Votre responsable a déjà validé cette semaine');
    expect((await rowOf(member.id, thisWeek))!.days).toBe('0.5');
    const text = textOf((await get(t, PAGE, w.varAgent.cookie)).body);
    expect(text).toContain('Semaines validées');
    expect(text.match(/Enregistrer ma réponse/g)).toHaveLength(1);
  });

  it('acknowledges a whole week at once', async () => {
    await answer({ semaine: lastWeek, jours: '1' });
    await answer({ membre: colleague.id, semaine: lastWeek, jours: '1' }, w.varSameService.cookie);
    const response = await postWithToken(t.app, {
      tokenPage: PAGE,
      action: `${PAGE}/valider-semaine`,
      fields: { semaine: lastWeek },
      cookie: manager.cookie,
    });
    expect(response.statusCode).toBe(303);
    expect((await rowOf(member.id, lastWeek))!.acknowledgedBy).toBe(manager.id);
    expect((await rowOf(colleague.id, lastWeek))!.acknowledgedBy).toBe(manager.id);
    // The colleague’s answer of this week waits: it is another week.
    expect((await rowOf(colleague.id, thisWeek))!.acknowledgedAt).toBeNull();
  });
});
