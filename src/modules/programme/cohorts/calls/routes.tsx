import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../../platform/platform.ts';
import { emptyForm, type FormState } from '../../../../platform/web/components.tsx';
import { parseForm } from '../../../../platform/web/forms.ts';
import { openSeasonToConfigure } from '../access.ts';
import { paths } from '../paths.ts';
import { callerOf, callParams, refusedForm, slugParams } from '../route-parts.ts';
import {
  callFormValues,
  changeCall,
  openCallForProblems,
  openCallToConfigure,
  viewCall,
} from './calls.service.ts';
import { callForm, callQuery } from './schemas.ts';
import { CallPage } from './views/call.tsx';
import { CallFormPage } from './views/form.tsx';

/** The call pages: open one in a season, read it, change it. */
export async function registerCalls(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();

  const renderNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    form: FormState,
    status: number,
  ) => {
    const { cohort } = await openSeasonToConfigure(db, callerOf(request).actor, slug);
    return reply.page(
      'Nouvel appel à problèmes',
      <CallFormPage season={cohort} form={form} csrfToken={reply.csrfToken()} />,
      status,
    );
  };

  web.get(paths.newCall(':cohortSlug'), { schema: { params: slugParams } }, async (request, reply) =>
    renderNew(
      request,
      reply,
      request.params.cohortSlug,
      emptyForm({ ouverture_heure: '09:00', cloture_heure: '23:59' }),
      200,
    ),
  );

  web.post(paths.newCall(':cohortSlug'), { schema: { params: slugParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const { cohortSlug } = request.params;
    const parsed = parseForm(callForm, request.body);
    if (!parsed.ok) return renderNew(request, reply, cohortSlug, parsed.form, 400);
    const callId = await openCallForProblems(db, caller, cohortSlug, parsed.data);
    reply.flash('success', 'Appel à problèmes créé, avec la grille d’évaluation par défaut.');
    return reply.redirect(paths.call(callId), 303);
  });

  web.get(paths.call(':callId'), { schema: { params: callParams } }, async (request, reply) => {
    const { actor } = callerOf(request);
    const query = callQuery.parse(request.query ?? {});
    const page = await viewCall(db, actor, request.params.callId, query, new Date());
    return reply.page(page.call.title, <CallPage page={page} />);
  });

  const renderEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    callId: string,
    form: FormState | null,
    status: number,
  ) => {
    const { call, cohort } = await openCallToConfigure(db, callerOf(request).actor, callId);
    return reply.page(
      `Modifier l’appel ${call.title}`,
      <CallFormPage
        season={cohort}
        call={call}
        form={form ?? emptyForm(callFormValues(call))}
        csrfToken={reply.csrfToken()}
      />,
      status,
    );
  };

  web.get(paths.editCall(':callId'), { schema: { params: callParams } }, async (request, reply) =>
    renderEdit(request, reply, request.params.callId, null, 200),
  );

  web.post(paths.editCall(':callId'), { schema: { params: callParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const { callId } = request.params;
    const parsed = parseForm(callForm, request.body);
    if (!parsed.ok) return renderEdit(request, reply, callId, parsed.form, 400);
    try {
      await changeCall(db, caller, callId, parsed.data);
    } catch (error) {
      return renderEdit(request, reply, callId, refusedForm(error, request.body), 400);
    }
    reply.flash('success', 'Appel enregistré.');
    return reply.redirect(paths.call(callId), 303);
  });
}
