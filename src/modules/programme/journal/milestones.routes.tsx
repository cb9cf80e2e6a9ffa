import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Platform } from '../../../platform/platform.ts';
import { emptyForm, type FormState } from '../../../platform/web/components.tsx';
import { parseForm } from '../../../platform/web/forms.ts';
import {
  addDefaultCohortMilestones,
  addMilestone,
  cohortMilestonesPage,
  editMilestone,
  type MilestonesOf,
  markMilestone,
  milestoneFormValues,
  milestoneToEdit,
  openMilestoneOwner,
  removeMilestone,
} from './milestones.service.ts';
import { COHORT_MILESTONES_ROUTE, cohortMilestonesPath, JOURNAL_ROUTE } from './paths.ts';
import { callerOf, today } from './routes-kit.ts';
import {
  cohortItemParams,
  cohortParams,
  doneForm,
  itemParams,
  milestoneForm,
  slugParams,
} from './schemas.ts';
import { CohortMilestonesPage, MilestoneFormPage } from './views/milestones.tsx';

/**
 * Milestones: the cohort's page (staff keep it, teams read it), and the same forms for a project's
 * milestones (under its journal) and for the cohort's (under its page).
 */
export async function registerMilestones(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();

  web.get(COHORT_MILESTONES_ROUTE, { schema: { params: cohortParams } }, async (request, reply) => {
    const day = today();
    const page = await cohortMilestonesPage(db, callerOf(request), request.params.cohortSlug);
    return reply.page(
      `Jalons – ${page.cohort.name}`,
      <CohortMilestonesPage {...page} today={day} csrfToken={reply.csrfToken()} />,
    );
  });

  web.post(
    `${COHORT_MILESTONES_ROUTE}/par-defaut`,
    { schema: { params: cohortParams } },
    async (request, reply) => {
      const slug = request.params.cohortSlug;
      const added = await addDefaultCohortMilestones(db, callerOf(request), slug);
      reply.flash(
        added ? 'success' : 'info',
        added
          ? `${added} jalon${added > 1 ? 's' : ''} ajouté${added > 1 ? 's' : ''}.`
          : 'Ces jalons existent déjà.',
      );
      return reply.redirect(cohortMilestonesPath(slug), 303);
    },
  );

  registerMilestoneForms(web, db, {
    route: `${JOURNAL_ROUTE}/jalons`,
    params: slugParams,
    itemParams,
    of: (params) => ({ projectSlug: params.projectSlug! }),
  });
  registerMilestoneForms(web, db, {
    route: COHORT_MILESTONES_ROUTE,
    params: cohortParams,
    itemParams: cohortItemParams,
    of: (params) => ({ cohortSlug: params.cohortSlug! }),
  });
}

type Params = Record<string, string | undefined>;

function registerMilestoneForms(
  web: FastifyInstance,
  db: Platform['database']['db'],
  where: { route: string; params: z.ZodType; itemParams: z.ZodType; of: (params: Params) => MilestonesOf },
) {
  const ofRequest = (request: FastifyRequest) => where.of(request.params as Params);
  const idOf = (request: FastifyRequest) => (request.params as Params).id!;

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string | undefined,
    forms: { form?: FormState; done?: FormState } = {},
  ) => {
    const caller = callerOf(request);
    const { owner, milestone } =
      id === undefined
        ? { owner: await openMilestoneOwner(db, caller, ofRequest(request), 'write'), milestone: null }
        : await milestoneToEdit(db, caller, ofRequest(request), id);
    return reply.page(
      milestone ? 'Modifier le jalon' : 'Nouveau jalon',
      <MilestoneFormPage
        owner={owner}
        milestoneId={milestone?.id}
        form={forms.form ?? emptyForm(milestone ? milestoneFormValues(milestone) : { type: 'autre' })}
        doneForm={forms.done ?? emptyForm({ faitLe: milestone?.doneOn ?? today() })}
        csrfToken={reply.csrfToken()}
      />,
      forms.form || forms.done ? 400 : 200,
    );
  };

  web.get(`${where.route}/nouveau`, { schema: { params: where.params } }, async (request, reply) =>
    render(request, reply, undefined),
  );

  web.post(`${where.route}/nouveau`, { schema: { params: where.params } }, async (request, reply) => {
    await openMilestoneOwner(db, callerOf(request), ofRequest(request), 'write');
    const parsed = parseForm(milestoneForm, request.body);
    if (!parsed.ok) return render(request, reply, undefined, { form: parsed.form });
    const owner = await addMilestone(db, callerOf(request), ofRequest(request), parsed.data);
    reply.flash('success', 'Jalon ajouté.');
    return reply.redirect(owner.listPath, 303);
  });

  web.get(`${where.route}/:id`, { schema: { params: where.itemParams } }, async (request, reply) =>
    render(request, reply, idOf(request)),
  );

  web.post(`${where.route}/:id`, { schema: { params: where.itemParams } }, async (request, reply) => {
    await milestoneToEdit(db, callerOf(request), ofRequest(request), idOf(request));
    const parsed = parseForm(milestoneForm, request.body);
    if (!parsed.ok) return render(request, reply, idOf(request), { form: parsed.form });
    const owner = await editMilestone(db, callerOf(request), ofRequest(request), idOf(request), parsed.data);
    reply.flash('success', 'Jalon enregistré.');
    return reply.redirect(owner.listPath, 303);
  });

  web.post(`${where.route}/:id/fait`, { schema: { params: where.itemParams } }, async (request, reply) => {
    await milestoneToEdit(db, callerOf(request), ofRequest(request), idOf(request));
    const parsed = parseForm(doneForm, request.body);
    if (!parsed.ok) return render(request, reply, idOf(request), { done: parsed.form });
    const owner = await markMilestone(
      db,
      callerOf(request),
      ofRequest(request),
      idOf(request),
      parsed.data.faitLe,
    );
    reply.flash('success', 'Jalon marqué comme fait.');
    return reply.redirect(owner.listPath, 303);
  });

  web.post(`${where.route}/:id/rouvrir`, { schema: { params: where.itemParams } }, async (request, reply) => {
    const owner = await markMilestone(db, callerOf(request), ofRequest(request), idOf(request), null);
    reply.flash('success', 'Jalon rouvert.');
    return reply.redirect(owner.listPath, 303);
  });

  web.post(
    `${where.route}/:id/supprimer`,
    { schema: { params: where.itemParams } },
    async (request, reply) => {
      const owner = await removeMilestone(db, callerOf(request), ofRequest(request), idOf(request));
      reply.flash('success', 'Jalon supprimé.');
      return reply.redirect(owner.listPath, 303);
    },
  );
}
