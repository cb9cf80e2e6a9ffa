import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { localDayOf } from '../../../platform/scheduling/agenda/week-grid.ts';
import { textOf } from '../../../platform/scheduling/public/testing.ts';
import { auditTrail, fieldError, get } from '../../../platform/tenancy/testing.ts';
import { submitForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { projects, teamMembers } from '../tables.ts';
import { type ProgrammeWorld, programmeWorld } from '../testing.ts';
import { newManager, newProject, projectsOnly } from './testing.ts';

describe('composing a team', () => {
  let t: TestContext;
  let db: Db;
  let w: ProgrammeWorld;
  let project: Awaited<ReturnType<typeof newProject>>;
  let manager: Awaited<ReturnType<typeof newManager>>;
  const today = localDayOf(new Date());

  beforeAll(async () => {
    t = await startTestApp({}, [projectsOnly]);
    db = t.platform.database.db;
    w = await programmeWorld(db);
    manager = await newManager(db, w);
    project = await newProject(db, w, { coachAgentId: w.coach.id });
  });
  afterAll(() => t.close());

  const team = () => `/programme/espace/projets/${project.slug}/equipe`;
  const add = (fields: Record<string, string>, cookie = w.coach.cookie) =>
    submitForm(t.app, { page: team(), fields: { arrivee: today, ...fields }, cookie });
  const membersNow = () => db.select().from(teamMembers).where(eq(teamMembers.projectId, project.id));

  it('adds an agent of a partner territory, with their role and manager; the cohort’s plan by default', async () => {
    const { response } = await add({
      email: w.varAgent.email.toUpperCase(),
      role: 'Porteuse du problème',
      responsable: manager.email,
    });
    expect(response.statusCode).toBe(303);
    const [member] = await membersNow();
    expect(member).toMatchObject({
      agentId: w.varAgent.id,
      role: 'Porteuse du problème',
      managerAgentId: manager.id,
      daysPerWeek: null,
      weeks: null,
      joinedOn: today,
      leftOn: null,
    });
    const home = textOf((await get(t, `/programme/espace/projets/${project.slug}`, w.varAgent.cookie)).body);
    expect(home).toMatch(/1 × 12 sem\. 12 j/);
    const audit = await auditTrail(db, { action: 'create', resourceType: 'programme_team_member' });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ agentId: w.varAgent.id, projectId: project.id });
  });

  it('refuses an agent of a territory outside the cohort, and says why', async () => {
    const { response } = await add({ email: w.outsider.email });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'email')).toBe(
      'Cet agent n’est membre d’aucune organisation des collectivités partenaires de la saison : seuls leurs agents rejoignent une équipe.',
    );
    expect(response.body).toContain(`value="${w.outsider.email}"`);
    // Nor an incubator agent, whose organisation belongs to no territory.
    expect((await add({ email: w.incubatorAgent.email })).response.statusCode).toBe(400);
    expect(await membersNow()).toHaveLength(1);
  });

  it('refuses unknown addresses, an agent already in the team, and a manager unknown to Tremplin', async () => {
    const unknown = await add({ email: 'personne@var.fr' });
    expect(unknown.response.statusCode).toBe(400);
    expect(fieldError(unknown.response.body, 'email')).toContain('Aucun agent actif n’a cette adresse');

    const twice = await add({ email: w.varAgent.email });
    expect(twice.response.statusCode).toBe(409);
    expect(fieldError(twice.response.body, 'email')).toContain('fait déjà partie de l’équipe');

    const noManager = await add({ email: w.pauAgent.email, responsable: 'chef@pau.fr' });
    expect(noManager.response.statusCode).toBe(400);
    expect(fieldError(noManager.response.body, 'responsable')).toContain(
      'le responsable doit y avoir un compte',
    );

    const badPlan = await add({ email: w.pauAgent.email, jours: '9', semaines: '0', arrivee: '31/02/2031' });
    expect(badPlan.response.statusCode).toBe(400);
    expect(fieldError(badPlan.response.body, 'jours')).toContain('entre 0,5 et 5');
    expect(fieldError(badPlan.response.body, 'semaines')).toContain('entre 1 et 52');
    expect(fieldError(badPlan.response.body, 'arrivee')).toContain('date valide');
    expect(await membersNow()).toHaveLength(1);
  });

  it('takes a member’s own plan, and the project’s plan set by the staff', async () => {
    const { response } = await add({ email: w.pauAgent.email, jours: '0.5', semaines: '6' });
    expect(response.statusCode).toBe(303);
    const plan = await submitForm(t.app, {
      page: team(),
      action: `${team()}/plan`,
      fields: { jours: '1.5', semaines: '10', debut: project.startsOn },
      cookie: w.incubatorAdmin.cookie,
    });
    expect(plan.response.statusCode).toBe(303);
    const [row] = await db.select().from(projects).where(eq(projects.id, project.id));
    expect(row).toMatchObject({ detachmentDaysPerWeek: '1.5', detachmentWeeks: 10 });
    const home = textOf((await get(t, `/programme/espace/projets/${project.slug}`, w.varAgent.cookie)).body);
    expect(home).toMatch(/1,5 × 10 sem\. 15 j/);
    expect(home).toMatch(/0,5 × 6 sem\. 3 j/);
  });

  it('edits a member (their manager, their days)', async () => {
    const [member] = (await membersNow()).filter((m) => m.agentId === w.pauAgent.id);
    const page = `${team()}/${member!.id}`;
    const { response } = await submitForm(t.app, {
      page,
      fields: {
        role: 'Référente CCAS',
        responsable: manager.email,
        jours: '1',
        semaines: '',
        arrivee: member!.joinedOn,
      },
      cookie: w.coach.cookie,
    });
    expect(response.statusCode).toBe(303);
    const [row] = await db.select().from(teamMembers).where(eq(teamMembers.id, member!.id));
    expect(row).toMatchObject({
      role: 'Référente CCAS',
      managerAgentId: manager.id,
      daysPerWeek: '1.0',
      weeks: null,
    });

    const self = await submitForm(t.app, {
      page,
      fields: { responsable: w.pauAgent.email, arrivee: member!.joinedOn },
      cookie: w.coach.cookie,
    });
    expect(self.response.statusCode).toBe(400);
    expect(fieldError(self.response.body, 'responsable')).toContain('propres pointages');
  });

  it('removes a member: they leave today and keep their rows; they may come back', async () => {
    const [member] = (await membersNow()).filter((m) => m.agentId === w.varAgent.id);
    const { response } = await submitForm(t.app, {
      page: team(),
      action: `${team()}/${member!.id}/retirer`,
      fields: {},
      cookie: w.coach.cookie,
    });
    expect(response.statusCode).toBe(303);
    const [row] = await db.select().from(teamMembers).where(eq(teamMembers.id, member!.id));
    expect(row!.leftOn).toBe(today);

    expect((await add({ email: w.varAgent.email, role: 'De retour' })).response.statusCode).toBe(303);
    const [back] = await db.select().from(teamMembers).where(eq(teamMembers.id, member!.id));
    expect(back).toMatchObject({ leftOn: null, role: 'De retour' });
  });

  it('is for the staff and the coach: a team member and a manager are refused (403), others see nothing (404)', async () => {
    expect((await get(t, team(), w.coach.cookie)).statusCode).toBe(200);
    expect((await get(t, team(), w.varAgent.cookie)).statusCode).toBe(403);
    expect((await get(t, team(), manager.cookie)).statusCode).toBe(403);
    expect((await get(t, team(), w.varColleague.cookie)).statusCode).toBe(404);
    // The plan is the staff's: a team member posting it anyway is refused.
    const plan = await submitForm(t.app, {
      page: `/programme/espace/projets/${project.slug}`,
      action: `${team()}/plan`,
      fields: { jours: '3', semaines: '4', debut: project.startsOn },
      cookie: w.varAgent.cookie,
    });
    expect(plan.response.statusCode).toBe(403);
  });
});
