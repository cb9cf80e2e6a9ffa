import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/platform.ts';
import { emptyForm, type FormState } from '../../../platform/web/components.tsx';
import { parseForm } from '../../../platform/web/forms.ts';
import { openJournal } from './access.ts';
import {
  addKeyFigure,
  editKeyFigure,
  keyFigureFormValues,
  keyFigureToEdit,
  moveKeyFigure,
  removeKeyFigure,
} from './key-figures.service.ts';
import { JOURNAL_ROUTE, journalPath } from './paths.ts';
import { callerOf, directionOf } from './routes-kit.ts';
import { itemParams, keyFigureForm, moveForm, slugParams } from './schemas.ts';
import { KeyFigureFormPage } from './views/key-figure.tsx';

/** Key figures: add, correct, reorder, delete. */
export async function registerKeyFigures(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();
  const route = `${JOURNAL_ROUTE}/chiffres`;
  const back = (slug: string) => `${journalPath(slug)}#chiffres`;

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    id: string | undefined,
    form?: FormState,
  ) => {
    const caller = callerOf(request);
    const { project, figure } =
      id === undefined
        ? { project: await openJournal(db, caller, slug, 'write'), figure: null }
        : await keyFigureToEdit(db, caller, slug, id);
    return reply.page(
      figure ? 'Modifier le chiffre clé' : 'Nouveau chiffre clé',
      <KeyFigureFormPage
        project={project}
        figureId={figure?.id}
        form={form ?? emptyForm(figure ? keyFigureFormValues(figure) : { public: 'on' })}
        csrfToken={reply.csrfToken()}
      />,
      form ? 400 : 200,
    );
  };

  web.get(`${route}/nouveau`, { schema: { params: slugParams } }, async (request, reply) =>
    render(request, reply, request.params.projectSlug, undefined),
  );

  web.post(`${route}/nouveau`, { schema: { params: slugParams } }, async (request, reply) => {
    const slug = request.params.projectSlug;
    await openJournal(db, callerOf(request), slug, 'write');
    const parsed = parseForm(keyFigureForm, request.body);
    if (!parsed.ok) return render(request, reply, slug, undefined, parsed.form);
    await addKeyFigure(db, callerOf(request), slug, parsed.data);
    reply.flash('success', 'Chiffre clé ajouté.');
    return reply.redirect(back(slug), 303);
  });

  web.get(`${route}/:id`, { schema: { params: itemParams } }, async (request, reply) =>
    render(request, reply, request.params.projectSlug, request.params.id),
  );

  web.post(`${route}/:id`, { schema: { params: itemParams } }, async (request, reply) => {
    const { projectSlug, id } = request.params;
    await keyFigureToEdit(db, callerOf(request), projectSlug, id);
    const parsed = parseForm(keyFigureForm, request.body);
    if (!parsed.ok) return render(request, reply, projectSlug, id, parsed.form);
    await editKeyFigure(db, callerOf(request), projectSlug, id, parsed.data);
    reply.flash('success', 'Chiffre clé enregistré.');
    return reply.redirect(back(projectSlug), 303);
  });

  web.post(`${route}/:id/ordre`, { schema: { params: itemParams } }, async (request, reply) => {
    const { projectSlug, id } = request.params;
    await keyFigureToEdit(db, callerOf(request), projectSlug, id);
    const parsed = parseForm(moveForm, request.body);
    if (parsed.ok) await moveKeyFigure(db, callerOf(request), projectSlug, id, directionOf(parsed.data.sens));
    return reply.redirect(back(projectSlug), 303);
  });

  web.post(`${route}/:id/supprimer`, { schema: { params: itemParams } }, async (request, reply) => {
    const { projectSlug, id } = request.params;
    await removeKeyFigure(db, callerOf(request), projectSlug, id);
    reply.flash('success', 'Chiffre clé supprimé.');
    return reply.redirect(back(projectSlug), 303);
  });
}
