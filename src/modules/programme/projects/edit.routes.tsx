import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { emptyForm, type FormState } from '../../../platform/web/components.tsx';
import { parseForm } from '../../../platform/web/forms.ts';
import { phaseLabels } from '../labels.ts';
import { type OpenedProject, openProject } from './access.ts';
import { editProjectPublicFields, indicatorModules } from './edit.service.ts';
import { callerOf, clock, refusedForm } from './http.ts';
import { editPath, projectPath } from './paths.ts';
import { addProjectPhase, deleteProjectPhase, editProjectPhase, projectPhases } from './phases.service.ts';
import { joinRepeated, phaseForm, phaseParams, publicFieldsForm, slugParams } from './schemas.ts';
import { EditPage, PhaseEditPage, publicFieldsValues } from './views/edit.tsx';

const toPhaseInput = (data: { phase: string; debut: string; fin: string | null; commentaire: string }) => ({
  phase: data.phase as keyof typeof phaseLabels,
  startsOn: data.debut,
  endsOn: data.fin,
  comment: data.commentaire,
});

/**
 * The public fields of a project (its team, coach and staff) and its phases (the staff): one page,
 * two forms, each posting to its own URL and coming back to the page.
 */
export async function registerEdit(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();
  const indicators = () => indicatorModules(platform.indicators);

  const editPage = async (
    reply: FastifyReply,
    opened: OpenedProject,
    forms: { form?: FormState; phaseForm?: FormState },
    status = 200,
  ) =>
    reply.page(
      `Modifier – ${opened.project.title}`,
      <EditPage
        opened={opened}
        phases={await projectPhases(db, opened)}
        indicators={indicators()}
        form={forms.form ?? emptyForm(publicFieldsValues(opened.project))}
        phaseForm={forms.phaseForm ?? emptyForm({ debut: clock().today })}
        csrfToken={reply.csrfToken()}
      />,
      status,
    );

  web.get(editPath(':projectSlug'), { schema: { params: slugParams } }, async (request, reply) => {
    const opened = await openProject(db, callerOf(request), request.params.projectSlug, 'work');
    return editPage(reply, opened, {});
  });

  web.post(editPath(':projectSlug'), { schema: { params: slugParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const opened = await openProject(db, caller, request.params.projectSlug, 'work');
    const modules = new Map([...indicators()].map(([m, list]) => [m, list.map((i) => i.key)]));
    const parsed = parseForm(publicFieldsForm(modules), joinRepeated(request.body));
    if (!parsed.ok) return editPage(reply, opened, { form: parsed.form }, 400);
    const d = parsed.data;
    await editProjectPublicFields(
      db,
      caller,
      opened,
      {
        title: d.titre,
        mission: d.mission,
        problem: d.probleme,
        solution: d.solution,
        sponsors: d.sponsors,
        usertypes: d.usertypes,
        thematiques: d.thematiques,
        contact: d.contact,
        link: d.lien,
        repository: d.depot,
        isPublic: d.public,
        moduleName: d.module || null,
        indicatorKeys: d.module ? d.indicateurs : [],
      },
      clock().now,
    );
    reply.flash('success', 'La fiche du projet est enregistrée.');
    return reply.redirect(projectPath(opened.project.slug), 303);
  });

  web.post(
    `${editPath(':projectSlug')}/phases`,
    { schema: { params: slugParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const opened = await openProject(db, caller, request.params.projectSlug, 'staff');
      const parsed = parseForm(phaseForm, request.body);
      if (!parsed.ok) return editPage(reply, opened, { phaseForm: parsed.form }, 400);
      try {
        await addProjectPhase(db, caller, opened, toPhaseInput(parsed.data));
      } catch (error) {
        const { form, status } = refusedForm(error, request.body);
        return editPage(reply, opened, { phaseForm: form }, status);
      }
      reply.flash('success', `Phase « ${phaseLabels[parsed.data.phase]} » ajoutée.`);
      return reply.redirect(`${editPath(opened.project.slug)}#phases`, 303);
    },
  );

  const phasePage = (
    reply: FastifyReply,
    opened: OpenedProject,
    phaseId: string,
    form: FormState,
    status = 200,
  ) =>
    reply.page(
      `Modifier une phase – ${opened.project.title}`,
      <PhaseEditPage opened={opened} phaseId={phaseId} form={form} csrfToken={reply.csrfToken()} />,
      status,
    );

  const phaseOf = async (opened: OpenedProject, phaseId: string) => {
    const row = (await projectPhases(db, opened)).find((p) => p.id === phaseId);
    if (!row) throw notFound('Cette phase n’existe pas.');
    return row;
  };

  web.get(
    `${editPath(':projectSlug')}/phases/:phaseId`,
    { schema: { params: phaseParams } },
    async (request, reply) => {
      const opened = await openProject(db, callerOf(request), request.params.projectSlug, 'staff');
      const row = await phaseOf(opened, request.params.phaseId);
      return phasePage(
        reply,
        opened,
        row.id,
        emptyForm({ phase: row.phase, debut: row.startsOn, fin: row.endsOn ?? '', commentaire: row.comment }),
      );
    },
  );

  web.post(
    `${editPath(':projectSlug')}/phases/:phaseId`,
    { schema: { params: phaseParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const opened = await openProject(db, caller, request.params.projectSlug, 'staff');
      const row = await phaseOf(opened, request.params.phaseId);
      const parsed = parseForm(phaseForm, request.body);
      if (!parsed.ok) return phasePage(reply, opened, row.id, parsed.form, 400);
      try {
        await editProjectPhase(db, caller, opened, row.id, toPhaseInput(parsed.data));
      } catch (error) {
        const { form, status } = refusedForm(error, request.body);
        return phasePage(reply, opened, row.id, form, status);
      }
      reply.flash('success', 'La phase est modifiée.');
      return reply.redirect(`${editPath(opened.project.slug)}#phases`, 303);
    },
  );

  web.post(
    `${editPath(':projectSlug')}/phases/:phaseId/supprimer`,
    { schema: { params: phaseParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const opened = await openProject(db, caller, request.params.projectSlug, 'staff');
      const row = await phaseOf(opened, request.params.phaseId);
      try {
        await deleteProjectPhase(db, caller, opened, row.id);
      } catch (error) {
        const { form, status } = refusedForm(error, {});
        return editPage(reply, opened, { phaseForm: { ...form, values: { debut: clock().today } } }, status);
      }
      reply.flash('success', `Phase « ${phaseLabels[row.phase]} » supprimée.`);
      return reply.redirect(`${editPath(opened.project.slug)}#phases`, 303);
    },
  );
}
