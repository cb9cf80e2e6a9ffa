import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../platform/db/client.ts';
import type { TremplinModule } from '../../../platform/modules.ts';
import { organisations } from '../../../platform/tenancy/tables.ts';
import { newAgent, signInAs } from '../../../platform/testing/factories.ts';
import { mergeCookies } from '../../../platform/testing/forms.ts';
import { checkins, projectPhases, projects, teamMembers } from '../tables.ts';
import type { ProgrammeWorld } from '../testing.ts';
import { projectsPart } from './part.ts';

/**
 * The programme with only this part, so that these tests exercise this part's routes, templates and
 * jobs whatever state the other parts are in.
 */
export const projectsOnly: TremplinModule = {
  name: 'programme',
  title: 'Programme d’incubation',
  register: (app, platform) => projectsPart.register!(app, platform),
  templates: projectsPart.templates,
  jobs: projectsPart.jobs,
};

/**
 * A module that publishes one indicator, a real count of organisations: the edit page offers its
 * module and key for a project's portfolio (as it would the rsa module's).
 */
export const indicatorModule: TremplinModule = {
  name: 'essai',
  title: 'Module d’essai',
  register: async () => {},
  indicators: [
    {
      key: 'essai.organisations',
      module: 'essai',
      title: 'Nombre d’organisations',
      unit: 'organisations',
      description: 'Les organisations enregistrées.',
      async compute(db: Db, scope) {
        const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(organisations);
        return { value: row!.n, asOf: scope.now ?? new Date(), sample: row!.n };
      },
    },
  ],
};

/** A project of the world's cohort (in the Var), in investigation since `startsOn`. */
export async function newProject(
  db: Db,
  world: ProgrammeWorld,
  values: Partial<typeof projects.$inferInsert> = {},
) {
  const id = randomBytes(4).toString('hex');
  const startsOn = values.startsOn ?? world.cohort.startsOn;
  const [row] = await db
    .insert(projects)
    .values({
      slug: `projet-${id}`,
      cohortId: world.cohort.id,
      territoryId: world.varTerritory.id,
      title: `Accueil téléphonique ${id}`,
      mission: 'Qu’aucun appel à l’UTS ne reste sans réponse.',
      startsOn,
      ...values,
    })
    .returning();
  await db.insert(projectPhases).values({ projectId: row!.id, phase: 'investigation', startsOn });
  return row!;
}

/** A member written directly (no rules applied). */
export async function newMember(db: Db, values: typeof teamMembers.$inferInsert) {
  const [row] = await db.insert(teamMembers).values(values).returning();
  return row!;
}

export async function newCheckin(db: Db, values: typeof checkins.$inferInsert) {
  const [row] = await db.insert(checkins).values(values).returning();
  return row!;
}

/** A signed-in manager in the Var's UTS (who manages nobody until a member names them). */
export async function newManager(db: Db, world: ProgrammeWorld) {
  const row = await newAgent(db, {
    firstName: 'Martine',
    memberships: [{ organisationId: world.utsLaSeyne.id, role: 'agent' }],
  });
  return { ...row, cookie: await signInAs(db, row.id) };
}

/**
 * Posts a form whose fields may repeat (checkboxes) the way a browser does: the page first, for the
 * CSRF cookie and token, then the fields url-encoded in order.
 */
export async function postFields(
  app: FastifyInstance,
  options: { page: string; action?: string; fields: [string, string][]; cookie: string },
) {
  const page = await app.inject({ url: options.page, headers: { cookie: options.cookie } });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`no CSRF token on ${options.page} (status ${page.statusCode})`);
  const cookie = mergeCookies(options.cookie, page.headers['set-cookie']);
  return app.inject({
    method: 'POST',
    url: options.action ?? options.page,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([['_csrf', token], ...options.fields]).toString(),
  });
}

/**
 * Posts to a URL with a valid CSRF token taken from a page the poster may open (their own check-in
 * page), to check what the action itself answers someone who may not use it.
 */
export async function postWithToken(
  app: FastifyInstance,
  options: { tokenPage: string; action: string; fields: Record<string, string>; cookie: string },
) {
  return postFields(app, {
    page: options.tokenPage,
    action: options.action,
    fields: Object.entries(options.fields),
    cookie: options.cookie,
  });
}
