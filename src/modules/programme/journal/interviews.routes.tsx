import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/platform.ts';
import { emptyForm, type FormState } from '../../../platform/web/components.tsx';
import { parseForm } from '../../../platform/web/forms.ts';
import {
  editInterview,
  interviewFormValues,
  interviewsPage,
  newInterviewPage,
  openInterview,
  recordInterview,
  removeInterview,
} from './interviews.service.ts';
import { JOURNAL_ROUTE, journalPath } from './paths.ts';
import { callerOf, refusedForm, today } from './routes-kit.ts';
import { interviewForm, itemParams, slugParams } from './schemas.ts';
import { InterviewFormPage, InterviewListPage, InterviewPage } from './views/interview.tsx';

/**
 * Interviews: the list (no names), one interview (its name read is audited), the forms. The name and
 * contact are only accepted with recorded consent, until the cohort's anonymisation.
 */
export async function registerInterviews(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();
  const route = `${JOURNAL_ROUTE}/entretiens`;

  web.get(route, { schema: { params: slugParams } }, async (request, reply) => {
    const page = await interviewsPage(db, callerOf(request), request.params.projectSlug);
    return reply.page(`Entretiens – ${page.project.title}`, <InterviewListPage {...page} />);
  });

  const renderNew = async (request: FastifyRequest, reply: FastifyReply, slug: string, form?: FormState) => {
    const { project, namesLocked } = await newInterviewPage(db, callerOf(request), slug);
    return reply.page(
      'Nouvel entretien',
      <InterviewFormPage
        project={project}
        namesLocked={namesLocked}
        form={form ?? emptyForm({ date: today() })}
        csrfToken={reply.csrfToken()}
      />,
      form ? 400 : 200,
    );
  };

  web.get(`${route}/nouveau`, { schema: { params: slugParams } }, async (request, reply) =>
    renderNew(request, reply, request.params.projectSlug),
  );

  web.post(`${route}/nouveau`, { schema: { params: slugParams } }, async (request, reply) => {
    const slug = request.params.projectSlug;
    await newInterviewPage(db, callerOf(request), slug);
    const parsed = parseForm(interviewForm, request.body);
    if (!parsed.ok) return renderNew(request, reply, slug, parsed.form);
    let id: string;
    try {
      ({ id } = await recordInterview(db, callerOf(request), slug, parsed.data));
    } catch (error) {
      return renderNew(request, reply, slug, refusedForm(error, request.body));
    }
    reply.flash('success', 'Entretien ajouté.');
    return reply.redirect(journalPath(slug, `/entretiens/${id}`), 303);
  });

  web.get(`${route}/:id`, { schema: { params: itemParams } }, async (request, reply) => {
    const { projectSlug, id } = request.params;
    const { project, interview } = await openInterview(db, callerOf(request), projectSlug, id, 'read');
    return reply.page(
      `Entretien – ${project.title}`,
      <InterviewPage project={project} interview={interview} />,
    );
  });

  /** The edit form shows the stored name: opening it is audited like a read. */
  const renderEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    params: { projectSlug: string; id: string },
    form?: FormState,
  ) => {
    const { project, interview, namesLocked } = await openInterview(
      db,
      callerOf(request),
      params.projectSlug,
      params.id,
      'write',
    );
    return reply.page(
      'Modifier l’entretien',
      <InterviewFormPage
        project={project}
        interviewId={interview.id}
        namesLocked={namesLocked}
        form={form ?? emptyForm(interviewFormValues(interview))}
        csrfToken={reply.csrfToken()}
      />,
      form ? 400 : 200,
    );
  };

  web.get(`${route}/:id/modifier`, { schema: { params: itemParams } }, async (request, reply) =>
    renderEdit(request, reply, request.params),
  );

  web.post(`${route}/:id/modifier`, { schema: { params: itemParams } }, async (request, reply) => {
    const { projectSlug, id } = request.params;
    const parsed = parseForm(interviewForm, request.body);
    if (!parsed.ok) return renderEdit(request, reply, request.params, parsed.form);
    try {
      const { changed } = await editInterview(db, callerOf(request), projectSlug, id, parsed.data);
      reply.flash('success', changed.length ? 'Entretien enregistré.' : 'Aucune modification à enregistrer.');
    } catch (error) {
      return renderEdit(request, reply, request.params, refusedForm(error, request.body));
    }
    return reply.redirect(journalPath(projectSlug, `/entretiens/${id}`), 303);
  });

  web.post(`${route}/:id/supprimer`, { schema: { params: itemParams } }, async (request, reply) => {
    const { projectSlug, id } = request.params;
    await removeInterview(db, callerOf(request), projectSlug, id);
    reply.flash('success', 'Entretien supprimé.');
    return reply.redirect(`${journalPath(projectSlug)}#entretiens`, 303);
  });
}
