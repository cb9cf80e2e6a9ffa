import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { emptyForm, type FormState } from '../../../platform/web/components.tsx';
import { parseForm } from '../../../platform/web/forms.ts';
import { openJournal } from './access.ts';
import {
  addHypothesis,
  changeHypothesisState,
  deleteHypothesis,
  hypothesisToEdit,
  moveHypothesis,
  rewordHypothesis,
} from './hypotheses.service.ts';
import { JOURNAL_ROUTE, journalPath } from './paths.ts';
import { callerOf, directionOf, refusedForm } from './routes-kit.ts';
import { hypothesisForm, itemParams, moveForm, slugParams, stateForm } from './schemas.ts';
import { EditHypothesisPage, NewHypothesisPage } from './views/hypothesis.tsx';

/** Adding, rewording, concluding, reordering and deleting hypotheses. */
export async function registerHypotheses(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();
  const route = `${JOURNAL_ROUTE}/hypotheses`;

  const renderNew = async (request: FastifyRequest, reply: FastifyReply, slug: string, form?: FormState) => {
    const project = await openJournal(db, callerOf(request), slug, 'write');
    return reply.page(
      'Nouvelle hypothèse',
      <NewHypothesisPage project={project} form={form ?? emptyForm()} csrfToken={reply.csrfToken()} />,
      form ? 400 : 200,
    );
  };

  web.get(`${route}/nouvelle`, { schema: { params: slugParams } }, async (request, reply) =>
    renderNew(request, reply, request.params.projectSlug),
  );

  web.post(`${route}/nouvelle`, { schema: { params: slugParams } }, async (request, reply) => {
    const slug = request.params.projectSlug;
    await openJournal(db, callerOf(request), slug, 'write');
    const parsed = parseForm(hypothesisForm, request.body);
    if (!parsed.ok) return renderNew(request, reply, slug, parsed.form);
    await addHypothesis(db, callerOf(request), slug, parsed.data.enonce);
    reply.flash('success', 'Hypothèse ajoutée, à tester.');
    return reply.redirect(`${journalPath(slug)}#hypotheses`, 303);
  });

  const renderEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    params: { projectSlug: string; id: string },
    forms: { statement?: FormState; state?: FormState } = {},
  ) => {
    const { project, hypothesis, citedBy } = await hypothesisToEdit(
      db,
      callerOf(request),
      params.projectSlug,
      params.id,
    );
    return reply.page(
      'Modifier l’hypothèse',
      <EditHypothesisPage
        project={project}
        hypothesis={hypothesis}
        citedBy={citedBy}
        statementForm={forms.statement ?? emptyForm({ enonce: hypothesis.statement })}
        stateForm={forms.state ?? emptyForm({ conclusion: hypothesis.conclusion })}
        csrfToken={reply.csrfToken()}
      />,
      forms.statement || forms.state ? 400 : 200,
    );
  };

  web.get(`${route}/:id`, { schema: { params: itemParams } }, async (request, reply) =>
    renderEdit(request, reply, request.params),
  );

  web.post(`${route}/:id`, { schema: { params: itemParams } }, async (request, reply) => {
    const { projectSlug, id } = request.params;
    await hypothesisToEdit(db, callerOf(request), projectSlug, id);
    const parsed = parseForm(hypothesisForm, request.body);
    if (!parsed.ok) return renderEdit(request, reply, request.params, { statement: parsed.form });
    await rewordHypothesis(db, callerOf(request), projectSlug, id, parsed.data.enonce, new Date());
    reply.flash('success', 'Hypothèse reformulée.');
    return reply.redirect(`${journalPath(projectSlug)}#hypotheses`, 303);
  });

  web.post(`${route}/:id/etat`, { schema: { params: itemParams } }, async (request, reply) => {
    const { projectSlug, id } = request.params;
    await hypothesisToEdit(db, callerOf(request), projectSlug, id);
    const parsed = parseForm(stateForm, request.body);
    if (!parsed.ok) return renderEdit(request, reply, request.params, { state: parsed.form });
    try {
      await changeHypothesisState(
        db,
        callerOf(request),
        projectSlug,
        id,
        { state: parsed.data.etat, conclusion: parsed.data.conclusion },
        new Date(),
      );
    } catch (error) {
      return renderEdit(request, reply, request.params, { state: refusedForm(error, request.body) });
    }
    reply.flash('success', 'État de l’hypothèse changé.');
    return reply.redirect(`${journalPath(projectSlug)}#hypotheses`, 303);
  });

  web.post(`${route}/:id/ordre`, { schema: { params: itemParams } }, async (request, reply) => {
    const { projectSlug, id } = request.params;
    await hypothesisToEdit(db, callerOf(request), projectSlug, id);
    const parsed = parseForm(moveForm, request.body);
    if (parsed.ok)
      await moveHypothesis(db, callerOf(request), projectSlug, id, directionOf(parsed.data.sens));
    return reply.redirect(`${journalPath(projectSlug)}#hypotheses`, 303);
  });

  web.post(`${route}/:id/supprimer`, { schema: { params: itemParams } }, async (request, reply) => {
    const { projectSlug, id } = request.params;
    try {
      await deleteHypothesis(db, callerOf(request), projectSlug, id);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
      reply.flash('error', error.message);
      return reply.redirect(journalPath(projectSlug, `/hypotheses/${id}`), 303);
    }
    reply.flash('success', 'Hypothèse supprimée.');
    return reply.redirect(`${journalPath(projectSlug)}#hypotheses`, 303);
  });
}
