import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { isUuid } from '../../../platform/tenancy/caller.ts';
import { emptyForm, type FormState } from '../../../platform/web/components.tsx';
import { parseForm } from '../../../platform/web/forms.ts';
import { SPACE } from '../part.ts';
import { type CallAccess, openCallAsStaff } from './access.ts';
import { addJuror, JUROR_NOT_FOUND, removeJuror, reweighRubric, rubricOf, viewJury } from './jury.service.ts';
import { callerOf, refusedForm } from './request.ts';
import { callParams, jurorForm, jurorParams, rubricForm } from './schemas.ts';
import { JuryPage, rubricValues } from './views/jury.tsx';
import { juryPath, personName } from './views/parts.tsx';

/** /programme/espace/appels/:callId/jury — the jury's members and the rubric (staff of the cohort). */
export async function registerJury(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();
  const path = `${SPACE}/appels/:callId/jury`;

  const page = async (
    reply: FastifyReply,
    access: CallAccess,
    forms: { juror?: FormState; rubric?: FormState },
    status = 200,
  ) => {
    const view = await viewJury(db, access);
    return reply.page(
      `Jury – ${access.call.title}`,
      <JuryPage
        call={access.call}
        view={view}
        jurorForm={forms.juror ?? emptyForm()}
        rubricForm={forms.rubric ?? emptyForm(rubricValues(view))}
        csrfToken={reply.csrfToken()}
      />,
      status,
    );
  };

  web.get(path, { schema: { params: callParams } }, async (request, reply) => {
    const access = await openCallAsStaff(db, callerOf(request), request.params.callId);
    return page(reply, access, {});
  });

  web.post(path, { schema: { params: callParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const access = await openCallAsStaff(db, caller, request.params.callId);
    const parsed = parseForm(jurorForm, request.body);
    if (!parsed.ok) return page(reply, access, { juror: parsed.form }, 400);
    try {
      const agent = await addJuror(db, caller, access, parsed.data.email, new Date());
      reply.flash('success', `${personName(agent)} fait maintenant partie du jury.`);
    } catch (error) {
      return page(reply, access, { juror: refusedForm(error, request.body) }, 400);
    }
    return reply.redirect(juryPath(access.call.id), 303);
  });

  web.post(`${path}/:agentId/retirer`, { schema: { params: jurorParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const access = await openCallAsStaff(db, caller, request.params.callId);
    const { agentId } = request.params;
    if (!isUuid(agentId)) throw notFound(JUROR_NOT_FOUND);
    await removeJuror(db, caller, access, agentId);
    reply.flash('success', 'Le membre a été retiré du jury ; ses évaluations ne comptent plus.');
    return reply.redirect(juryPath(access.call.id), 303);
  });

  web.post(`${path}/grille`, { schema: { params: callParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const access = await openCallAsStaff(db, caller, request.params.callId);
    const parsed = parseForm(rubricForm(await rubricOf(db, access)), request.body);
    if (!parsed.ok) return page(reply, access, { rubric: parsed.form }, 400);
    await reweighRubric(db, caller, access, parsed.data);
    reply.flash('success', 'La grille d’évaluation est enregistrée.');
    return reply.redirect(juryPath(access.call.id), 303);
  });
}
