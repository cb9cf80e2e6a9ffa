import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/platform.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { emptyForm, type FormState } from '../../../platform/web/components.tsx';
import { parseForm } from '../../../platform/web/forms.ts';
import { SPACE } from '../part.ts';
import { type OpenedProject, openProject } from './access.ts';
import { callerOf, clock, refusedForm } from './http.ts';
import { listCohortProjects } from './list.service.ts';
import { projectPath } from './paths.ts';
import { coachForm, cohortParams, slugParams } from './schemas.ts';
import { CohortProjectsPage } from './views/list.tsx';
import { WorkspacePage } from './views/workspace.tsx';
import { assignCoach, viewProjectWorkspace } from './workspace.service.ts';

/** The cohort's projects and a project's workspace home (with the staff's choice of coach). */
export async function registerWorkspace(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();

  web.get(
    `${SPACE}/saisons/:cohortSlug/projets`,
    { schema: { params: cohortParams } },
    async (request, reply) => {
      const list = await listCohortProjects(db, callerOf(request), request.params.cohortSlug, clock().today);
      return reply.page(`Projets – ${list.cohort.name}`, <CohortProjectsPage {...list} />);
    },
  );

  const workspacePage = async (
    reply: FastifyReply,
    caller: Caller,
    opened: OpenedProject,
    form: FormState,
    status = 200,
  ) => {
    const workspace = await viewProjectWorkspace(db, caller, opened, clock().today);
    return reply.page(
      opened.project.title,
      <WorkspacePage opened={opened} workspace={workspace} coachForm={form} csrfToken={reply.csrfToken()} />,
      status,
    );
  };

  web.get(`${SPACE}/projets/:projectSlug`, { schema: { params: slugParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const opened = await openProject(db, caller, request.params.projectSlug);
    return workspacePage(reply, caller, opened, emptyForm({ coach: opened.project.coachAgentId ?? '' }));
  });

  web.post(
    `${SPACE}/projets/:projectSlug/coach`,
    { schema: { params: slugParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const opened = await openProject(db, caller, request.params.projectSlug, 'staff');
      const parsed = parseForm(coachForm, request.body);
      if (!parsed.ok) return workspacePage(reply, caller, opened, parsed.form, 400);
      try {
        await assignCoach(db, caller.audit, opened, parsed.data.coach, clock().now);
      } catch (error) {
        const { form, status } = refusedForm(error, request.body);
        return workspacePage(reply, caller, opened, form, status);
      }
      reply.flash(
        'success',
        parsed.data.coach ? 'Le coach du projet est enregistré.' : 'Le projet n’a plus de coach.',
      );
      return reply.redirect(projectPath(opened.project.slug), 303);
    },
  );
}
