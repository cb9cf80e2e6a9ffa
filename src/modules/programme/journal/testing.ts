import type { Db } from '../../../platform/db/client.ts';
import { forms } from '../../../platform/forms/tables.ts';
import type { TremplinModule } from '../../../platform/modules.ts';
import { get } from '../../../platform/tenancy/testing.ts';
import { submitForm } from '../../../platform/testing/forms.ts';
import type { TestContext } from '../../../platform/testing/harness.ts';
import { projects, teamMembers } from '../tables.ts';
import type { ProgrammeWorld } from '../testing.ts';
import { programmeWorld } from '../testing.ts';
import { journalPart } from './part.ts';
import { surveyOwnerRef } from './surveys.repository.ts';

/**
 * The journal alone as a module, so its tests do not depend on the other parts of the programme
 * (they register their own routes in their own tests).
 */
export const journalModule: TremplinModule = {
  name: 'programme',
  title: 'Programme d’incubation',
  register: (app, platform) => journalPart.register!(app, platform),
  jobs: journalPart.jobs,
};

let counter = 0;

/** A project of the world's cohort, inserted directly, with its team (and the members' managers). */
export async function newProject(
  db: Db,
  w: ProgrammeWorld,
  options: { members?: { agentId: string; managerAgentId?: string }[]; title?: string } = {},
) {
  counter++;
  const [project] = await db
    .insert(projects)
    .values({
      slug: `projet-${counter}-${Math.random().toString(36).slice(2, 8)}`,
      cohortId: w.cohort.id,
      territoryId: w.varTerritory.id,
      title: options.title ?? `Accueil téléphonique ${counter}`,
      startsOn: w.cohort.startsOn,
    })
    .returning();
  for (const member of options.members ?? []) {
    await db.insert(teamMembers).values({
      projectId: project!.id,
      agentId: member.agentId,
      managerAgentId: member.managerAgentId ?? null,
      joinedOn: w.cohort.startsOn,
    });
  }
  return project!;
}

/** A survey of the project as the surveys part makes them (a platform form owned by the project). */
export async function newSurvey(db: Db, projectId: string, title = 'Enquête auprès des appelants') {
  const [form] = await db
    .insert(forms)
    .values({
      module: 'programme',
      ownerRef: surveyOwnerRef(projectId),
      title,
      publicToken: `jeton-${Math.random().toString(36).slice(2)}`,
    })
    .returning();
  return form!;
}

/**
 * The world with a project: Valérie (Var) on the team, Sabine her manager, Coline the cohort's coach,
 * and a second project of the same cohort whose ids must never be accepted by the first one's forms.
 */
export async function journalWorld(db: Db) {
  const w = await programmeWorld(db);
  const project = await newProject(db, w, {
    members: [{ agentId: w.varAgent.id, managerAgentId: w.varSameService.id }],
    title: 'Accueil téléphonique de l’UTS',
  });
  const other = await newProject(db, w, { members: [{ agentId: w.pauAgent.id }], title: 'Pau Partage' });
  return { ...w, project, other };
}

export type JournalWorld = Awaited<ReturnType<typeof journalWorld>>;

/** Posts a form from its page and follows the redirect, returning the page shown after it. */
export async function postAndFollow(
  t: TestContext,
  options: { page: string; action?: string; fields: Record<string, string>; cookie: string },
) {
  const { response, cookie } = await submitForm(t.app, options);
  if (response.statusCode !== 303) return { response, next: null };
  const next = await get(t, response.headers.location as string, cookie);
  return { response, next };
}
