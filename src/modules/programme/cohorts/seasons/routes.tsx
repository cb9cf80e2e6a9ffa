import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { forbidden } from '../../../../platform/errors.ts';
import type { Platform } from '../../../../platform/platform.ts';
import { emptyForm, type FormState } from '../../../../platform/web/components.tsx';
import type { CohortRow } from '../access.repository.ts';
import { openSeasonToConfigure } from '../access.ts';
import { parseFormWithLists } from '../form-values.ts';
import { paths } from '../paths.ts';
import { callerOf, refusedForm, slugParams } from '../route-parts.ts';
import { normaliseSeasonBody, SEASON_LISTS, seasonForm } from './schemas.ts';
import { viewSeason } from './season.service.ts';
import {
  createSeason,
  editSeason,
  mayCreateSeasons,
  seasonChoices,
  seasonFormValues,
} from './seasons.service.ts';
import { SeasonFormPage } from './views/form.tsx';
import { SeasonPage } from './views/season.tsx';

/** The season pages: create, read, change. */
export async function registerSeasons(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();

  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    status: number,
    cohort?: CohortRow,
  ) => {
    const { actor } = callerOf(request);
    const choices = await seasonChoices(db, actor, cohort);
    return reply.page(
      cohort ? `Modifier la saison ${cohort.name}` : 'Nouvelle saison',
      <SeasonFormPage
        choices={choices}
        form={form}
        csrfToken={reply.csrfToken()}
        season={cohort && { name: cohort.name, slug: cohort.slug }}
      />,
      status,
    );
  };

  const newSeasonDefaults = (incubators: { id: string }[]) =>
    emptyForm({
      jours_par_semaine: '1',
      semaines: '12',
      incubateur: incubators.length === 1 ? incubators[0]!.id : '',
    });

  web.get(paths.newSeason, async (request, reply) => {
    const { actor } = callerOf(request);
    if (!mayCreateSeasons(actor))
      throw forbidden('Seuls les administrateurs d’un incubateur ouvrent une saison.');
    const { incubators } = await seasonChoices(db, actor);
    return renderForm(request, reply, newSeasonDefaults(incubators), 200);
  });

  web.post(paths.newSeason, async (request, reply) => {
    const caller = callerOf(request);
    if (!mayCreateSeasons(caller.actor))
      throw forbidden('Seuls les administrateurs d’un incubateur ouvrent une saison.');
    const parsed = parseFormWithLists(seasonForm, normaliseSeasonBody(request.body), SEASON_LISTS);
    if (!parsed.ok) return renderForm(request, reply, parsed.form, 400);
    try {
      const slug = await createSeason(db, caller, parsed.data);
      reply.flash('success', 'Saison créée. Ouvrez maintenant son appel à problèmes.');
      return reply.redirect(paths.season(slug), 303);
    } catch (error) {
      return renderForm(request, reply, refusedForm(error, request.body), 400);
    }
  });

  web.get(paths.season(':cohortSlug'), { schema: { params: slugParams } }, async (request, reply) => {
    const { actor } = callerOf(request);
    const page = await viewSeason(db, actor, request.params.cohortSlug, new Date());
    return reply.page(page.cohort.name, <SeasonPage page={page} />);
  });

  web.get(paths.editSeason(':cohortSlug'), { schema: { params: slugParams } }, async (request, reply) => {
    const { actor } = callerOf(request);
    const { cohort } = await openSeasonToConfigure(db, actor, request.params.cohortSlug);
    return renderForm(request, reply, emptyForm(await seasonFormValues(db, cohort)), 200, cohort);
  });

  web.post(paths.editSeason(':cohortSlug'), { schema: { params: slugParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const { cohort } = await openSeasonToConfigure(db, caller.actor, request.params.cohortSlug);
    const parsed = parseFormWithLists(seasonForm, normaliseSeasonBody(request.body), SEASON_LISTS);
    if (!parsed.ok) return renderForm(request, reply, parsed.form, 400, cohort);
    try {
      const slug = await editSeason(db, caller, cohort.slug, parsed.data);
      reply.flash('success', 'Saison enregistrée.');
      return reply.redirect(paths.season(slug), 303);
    } catch (error) {
      return renderForm(request, reply, refusedForm(error, request.body), 400, cohort);
    }
  });
}
