import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../../platform/db/client.ts';
import { get } from '../../../../platform/tenancy/testing.ts';
import type { TestContext } from '../../../../platform/testing/harness.ts';
import { committeeMembers, committees, jurors, problems, projects, teamMembers } from '../../tables.ts';
import type { ProgrammeWorld } from '../../testing.ts';
import { paths } from '../paths.ts';
import { startProgramme, submittedProblem } from '../testing.ts';

describe('the agent’s home in the programme', () => {
  let t: TestContext;
  let w: ProgrammeWorld;
  let db: Db;
  let projectSlug: string;
  let committeeId: string;
  const home = async (cookie: string) => {
    const response = await get(t, paths.home, cookie);
    expect(response.statusCode).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    ({ t, w, db } = await startProgramme());
    await submittedProblem(db, {
      callId: w.call.id,
      agentId: w.varAgent.id,
      organisationId: w.utsLaSeyne.id,
      territoryId: w.varTerritory.id,
      title: 'Les rendez-vous RSA tardent',
    });
    await db.insert(problems).values({
      callId: w.call.id,
      submitterAgentId: w.varAgent.id,
      organisationId: w.utsLaSeyne.id,
      territoryId: w.varTerritory.id,
      title: '',
    });
    await db.insert(jurors).values({ callId: w.call.id, agentId: w.varColleague.id });
    const [project] = await db
      .insert(projects)
      .values({
        slug: 'accueil-telephonique',
        cohortId: w.cohort.id,
        territoryId: w.varTerritory.id,
        title: 'Accueil téléphonique de l’UTS',
        startsOn: w.cohort.startsOn,
      })
      .returning();
    projectSlug = project!.slug;
    await db.insert(teamMembers).values({
      projectId: project!.id,
      agentId: w.pauAgent.id,
      managerAgentId: w.varSameService.id,
      joinedOn: w.cohort.startsOn,
    });
    const [committee] = await db
      .insert(committees)
      .values({
        cohortId: w.cohort.id,
        title: 'Comité de mi-parcours',
        meetsAt: new Date('2027-04-10T08:00:00Z'),
      })
      .returning();
    committeeId = committee!.id;
    await db.insert(committeeMembers).values({ committeeId, agentId: w.varColleague.id });
  });
  afterAll(async () => t?.close());

  it('a partner agent: the open call to answer, their problems (drafts too), the season', async () => {
    const body = await home(w.varAgent.cookie);
    expect(body).toContain('Appels à problèmes ouverts');
    expect(body).toContain(`href="${paths.newProblem(w.call.id)}"`);
    expect(body).toContain('Proposer un problème');
    expect(body).toContain('Les rendez-vous RSA tardent');
    expect(body).toContain('Brouillon sans titre');
    expect(body).toContain(`href="${paths.season(w.cohort.slug)}"`);
    expect(body).toContain('Vous ne faites partie d’aucun jury.');
    expect(body).toContain('Vous ne faites partie d’aucune équipe projet.');
    expect(body).toContain('Vous ne siégez dans aucun comité.');
    expect(body).not.toContain('Mon pointage hebdomadaire');
    expect(body).not.toContain(paths.newSeason);
  });

  it('a juror and committee member: their selection and their committee', async () => {
    const body = await home(w.varColleague.cookie);
    expect(body).toContain(`href="${paths.selection(w.call.id)}"`);
    expect(body).toContain(`href="${paths.committee(committeeId)}"`);
    expect(body).toContain('Vous n’avez proposé aucun problème pour l’instant.');
  });

  it('a team member: their project and the weekly check-in; their manager the check-ins to acknowledge', async () => {
    const member = await home(w.pauAgent.cookie);
    expect(member).toContain(`href="${paths.project(projectSlug)}"`);
    expect(member).toContain(`href="${paths.checkins}"`);
    const manager = await home(w.varSameService.cookie);
    expect(manager).toContain(`href="${paths.checkins}"`);
    expect(manager).toContain('Validez les pointages');
    expect(manager).not.toContain(`href="${paths.project(projectSlug)}"`);
  });

  it('the staff: « Nouvelle saison » for the incubator’s admin, juries and projects of their cohort', async () => {
    const admin = await home(w.incubatorAdmin.cookie);
    expect(admin).toContain(`href="${paths.newSeason}"`);
    expect(admin).toContain(`href="${paths.selection(w.call.id)}"`);
    expect(admin).toContain(`href="${paths.project(projectSlug)}"`);
    // Staff do not submit: no open call to answer.
    expect(admin).toContain('Aucun appel à problèmes n’est ouvert pour vous en ce moment.');
    const coach = await home(w.coach.cookie);
    expect(coach).not.toContain(`href="${paths.newSeason}"`);
    expect(coach).toContain(`href="${paths.selection(w.call.id)}"`);
  });

  it('an outsider and a read-only member: plain empty states, nothing to submit', async () => {
    const outsider = await home(w.outsider.cookie);
    expect(outsider).toContain(
      'Votre collectivité ne participe à aucune saison du programme pour l’instant.',
    );
    expect(outsider).toContain('Aucun appel à problèmes n’est ouvert pour vous en ce moment.');
    expect(outsider).not.toContain(w.cohort.slug);
    const reader = await home(w.varReadonly.cookie);
    expect(reader).toContain(`href="${paths.season(w.cohort.slug)}"`);
    expect(reader).not.toContain(`href="${paths.newProblem(w.call.id)}"`);
  });

  it('asks visitors to sign in', async () => {
    const response = await get(t, paths.home);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toContain('/connexion');
  });
});
