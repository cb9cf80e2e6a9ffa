import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/platform.ts';
import { emptyForm, type FormState } from '../../../platform/web/components.tsx';
import { parseForm } from '../../../platform/web/forms.ts';
import {
  editEvidence,
  evidenceFormPage,
  evidenceFormValues,
  recordEvidence,
  removeEvidence,
} from './evidence.service.ts';
import { JOURNAL_ROUTE, journalPath } from './paths.ts';
import { callerOf, refusedForm, today } from './routes-kit.ts';
import { evidenceForm, itemParams, slugParams } from './schemas.ts';
import { EvidenceFormPage } from './views/evidence.tsx';

/** The evidence ledger's forms: a new piece, correcting one, removing one. */
export async function registerEvidence(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();
  const route = `${JOURNAL_ROUTE}/preuves`;

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    id: string | undefined,
    form?: FormState,
  ) => {
    const page = await evidenceFormPage(db, callerOf(request), slug, id);
    const initial = page.evidence ? evidenceFormValues(page.evidence) : { date: today() };
    return reply.page(
      page.evidence ? 'Modifier la preuve' : 'Nouvelle preuve',
      <EvidenceFormPage
        project={page.project}
        choices={page.choices}
        evidenceId={page.evidence?.id}
        form={form ?? emptyForm(initial)}
        csrfToken={reply.csrfToken()}
      />,
      form ? 400 : 200,
    );
  };

  web.get(`${route}/nouvelle`, { schema: { params: slugParams } }, async (request, reply) =>
    render(request, reply, request.params.projectSlug, undefined),
  );

  web.post(`${route}/nouvelle`, { schema: { params: slugParams } }, async (request, reply) => {
    const slug = request.params.projectSlug;
    await evidenceFormPage(db, callerOf(request), slug);
    const parsed = parseForm(evidenceForm, request.body);
    if (!parsed.ok) return render(request, reply, slug, undefined, parsed.form);
    try {
      await recordEvidence(db, callerOf(request), slug, parsed.data);
    } catch (error) {
      return render(request, reply, slug, undefined, refusedForm(error, request.body));
    }
    reply.flash('success', 'Preuve ajoutée au registre.');
    return reply.redirect(`${journalPath(slug)}#preuves`, 303);
  });

  web.get(`${route}/:id`, { schema: { params: itemParams } }, async (request, reply) =>
    render(request, reply, request.params.projectSlug, request.params.id),
  );

  web.post(`${route}/:id`, { schema: { params: itemParams } }, async (request, reply) => {
    const { projectSlug, id } = request.params;
    await evidenceFormPage(db, callerOf(request), projectSlug, id);
    const parsed = parseForm(evidenceForm, request.body);
    if (!parsed.ok) return render(request, reply, projectSlug, id, parsed.form);
    try {
      await editEvidence(db, callerOf(request), projectSlug, id, parsed.data);
    } catch (error) {
      return render(request, reply, projectSlug, id, refusedForm(error, request.body));
    }
    reply.flash('success', 'Preuve enregistrée.');
    return reply.redirect(`${journalPath(projectSlug)}#preuves`, 303);
  });

  web.post(`${route}/:id/supprimer`, { schema: { params: itemParams } }, async (request, reply) => {
    const { projectSlug, id } = request.params;
    await removeEvidence(db, callerOf(request), projectSlug, id);
    reply.flash('success', 'Preuve retirée du registre.');
    return reply.redirect(`${journalPath(projectSlug)}#preuves`, 303);
  });
}
