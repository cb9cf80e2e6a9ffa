import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { textOf } from '../../../platform/scheduling/public/testing.ts';
import { auditTrail, get } from '../../../platform/tenancy/testing.ts';
import { submitForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { projects } from '../tables.ts';
import { type ProgrammeWorld, programmeWorld } from '../testing.ts';
import { indicatorModule, newCheckin, newManager, newMember, newProject, projectsOnly } from './testing.ts';
import { addWeeks, weekOf } from './weeks.ts';

describe('the cohort’s projects and a project’s workspace', () => {
  let t: TestContext;
  let db: Db;
  let w: ProgrammeWorld;
  let manager: Awaited<ReturnType<typeof newManager>>;
  let project: Awaited<ReturnType<typeof newProject>>;
  let other: Awaited<ReturnType<typeof newProject>>;
  const thisWeek = weekOf(new Date());
  const joined = addWeeks(thisWeek, -3);

  beforeAll(async () => {
    t = await startTestApp({}, [projectsOnly, indicatorModule]);
    db = t.platform.database.db;
    w = await programmeWorld(db);
    manager = await newManager(db, w);
    project = await newProject(db, w, { title: 'Accueil téléphonique de l’UTS', coachAgentId: w.coach.id });
    other = await newProject(db, w, { title: 'Trajectoire Enfance' });
    const member = await newMember(db, {
      projectId: project.id,
      agentId: w.varAgent.id,
      role: 'Porteuse du problème',
      managerAgentId: manager.id,
      joinedOn: joined,
    });
    await newMember(db, {
      projectId: project.id,
      agentId: w.pauAgent.id,
      daysPerWeek: '0.5',
      weeks: 6,
      joinedOn: joined,
    });
    // Valérie answered the first and third weeks: 1 + 0.5 days; the second is missing.
    await newCheckin(db, { teamMemberId: member.id, weekStart: joined, hadDay: true, days: '1' });
    await newCheckin(db, {
      teamMemberId: member.id,
      weekStart: addWeeks(joined, 2),
      hadDay: false,
      days: '0.5',
    });
  });
  afterAll(() => t.close());

  const home = () => `/programme/espace/projets/${project.slug}`;
  const list = () => `/programme/espace/saisons/${w.cohort.slug}/projets`;

  describe('who sees what', () => {
    it('answers 404 to an agent outside the cohort, for the project, its pages and the cohort’s list', async () => {
      for (const url of [home(), `${home()}/modifier`, `${home()}/equipe`, list()]) {
        expect((await get(t, url, w.outsider.cookie)).statusCode, url).toBe(404);
      }
      expect(
        (await get(t, '/programme/espace/projets/nexiste-pas', w.incubatorAdmin.cookie)).statusCode,
      ).toBe(404);
    });

    it('answers 404 to a partner agent who is not on the team', async () => {
      expect((await get(t, home(), w.varColleague.cookie)).statusCode).toBe(404);
    });

    it('lets a member’s manager see the workspace but not change the project (403, audited)', async () => {
      expect((await get(t, home(), manager.cookie)).statusCode).toBe(200);
      expect((await get(t, `${home()}/modifier`, manager.cookie)).statusCode).toBe(403);
      expect((await get(t, `${home()}/equipe`, manager.cookie)).statusCode).toBe(403);
      const denied = await auditTrail(db, { action: 'denied', resourceId: project.id, actorId: manager.id });
      expect(denied.map((d) => d.details)).toEqual([{ wanted: 'work' }, { wanted: 'team' }]);
    });

    it('lets the staff see every project of the cohort, and others only theirs', async () => {
      const staffList = textOf((await get(t, list(), w.incubatorAgent.cookie)).body);
      expect(staffList).toContain('Accueil téléphonique de l’UTS');
      expect(staffList).toContain('Trajectoire Enfance');

      const memberList = textOf((await get(t, list(), w.varAgent.cookie)).body);
      expect(memberList).toContain('Accueil téléphonique de l’UTS');
      expect(memberList).not.toContain('Trajectoire Enfance');

      // A partner agent sees the cohort, and no project of it.
      const partner = await get(t, list(), w.varColleague.cookie);
      expect(partner.statusCode).toBe(200);
      expect(textOf(partner.body)).toContain('Aucun projet pour le moment');
      expect((await get(t, `/programme/espace/projets/${other.slug}`, w.varAgent.cookie)).statusCode).toBe(
        404,
      );
    });
  });

  describe('the workspace home', () => {
    it('shows the phase, the coach, the team and planned vs actual days with the weeks without check-in', async () => {
      const response = await get(t, home(), w.varAgent.cookie);
      expect(response.statusCode).toBe(200);
      const text = textOf(response.body);
      expect(text).toContain('Accueil téléphonique de l’UTS');
      expect(text).toContain('Investigation');
      expect(text).toContain('Coline');
      expect(text).toContain('Porteuse du problème');
      expect(text).toContain('UTS La Seyne');
      expect(text).toContain('CCAS de Pau');
      expect(text).toContain('Martine');
      // Valérie: 1 × 12 = 12 days planned, 1.5 done; Paul: 0.5 × 6 = 3 days planned, none done.
      expect(text).toContain('Jours réalisés : 1,5 j sur 15 j prévus (10 %)');
      expect(text).toMatch(/1 × 12 sem\. 12 j 1,5 j 1 /);
      expect(text).toMatch(/0,5 × 6 sem\. 3 j 0 j 3 /);
      expect(text).toContain('Total de l’équipe 15 j 1,5 j 4');
      for (const link of ['/journal', '/enquetes', '/modifier'])
        expect(response.body).toContain(`${home()}${link}`);
      expect(response.body).toContain(`/programme/espace/saisons/${w.cohort.slug}/comites`);
      expect(response.body).not.toContain(`${home()}/equipe"`);
      expect(
        await auditTrail(db, { action: 'read', resourceId: project.id, actorId: w.varAgent.id }),
      ).toHaveLength(1);
    });

    it('shows the totals on the cohort’s list', async () => {
      const text = textOf((await get(t, list(), w.incubatorAgent.cookie)).body);
      expect(text).toMatch(
        /Accueil téléphonique de l’UTS Investigation 2 agents Coline .* 15 j 1,5 j 4 semaines sans pointage/,
      );
    });
  });

  describe('the coach', () => {
    it('is chosen by the staff among the cohort’s coaches', async () => {
      const { response } = await submitForm(t.app, {
        page: `/programme/espace/projets/${other.slug}`,
        action: `/programme/espace/projets/${other.slug}/coach`,
        fields: { coach: w.coach.id },
        cookie: w.incubatorAdmin.cookie,
      });
      expect(response.statusCode).toBe(303);
      const [row] = await db.select().from(projects).where(eq(projects.id, other.id));
      expect(row!.coachAgentId).toBe(w.coach.id);
    });

    it('cannot be someone who is not a coach of the cohort', async () => {
      const { response } = await submitForm(t.app, {
        page: home(),
        action: `${home()}/coach`,
        fields: { coach: w.incubatorAgent.id },
        cookie: w.incubatorAdmin.cookie,
      });
      expect(response.statusCode).toBe(400);
      expect(textOf(response.body)).toContain('Choisissez un des coachs de la saison.');
    });

    it('is not the team’s choice (403)', async () => {
      const { response } = await submitForm(t.app, {
        page: home(),
        action: `${home()}/coach`,
        fields: { coach: '' },
        cookie: w.varAgent.cookie,
      });
      expect(response.statusCode).toBe(403);
      const [row] = await db.select().from(projects).where(eq(projects.id, project.id));
      expect(row!.coachAgentId).toBe(w.coach.id);
    });
  });
});
