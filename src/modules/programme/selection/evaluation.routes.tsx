import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/platform.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { emptyForm } from '../../../platform/web/components.tsx';
import { parseForm } from '../../../platform/web/forms.ts';
import { SPACE } from '../part.ts';
import { openProblemForJury, type ProblemAccess } from './access.ts';
import {
  addDiscussionNote,
  declareConflict,
  evaluationCriteria,
  reviewProblem,
  viewEvaluation,
} from './evaluation.service.ts';
import { callerOf } from './request.ts';
import { conflictForm, noteForm, problemParams, reviewForm } from './schemas.ts';
import { type EvaluationForms, EvaluationPage, reviewValues } from './views/evaluation.tsx';
import { evaluationPath } from './views/parts.tsx';

/**
 * /programme/espace/problemes/:problemId/evaluation — a problem before the jury: the juror's review,
 * a declared conflict, the private discussion. Jurors of the call and staff; others get 404.
 */
export async function registerEvaluation(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();
  const path = `${SPACE}/problemes/:problemId/evaluation`;

  const page = async (
    reply: FastifyReply,
    caller: Caller,
    access: ProblemAccess,
    forms: Partial<EvaluationForms>,
    status = 200,
  ) => {
    const view = await viewEvaluation(db, caller, access);
    return reply.page(
      `Évaluation – ${access.problem.title}`,
      <EvaluationPage
        access={access}
        view={view}
        forms={{
          review: forms.review ?? emptyForm(reviewValues(view)),
          conflict: forms.conflict ?? emptyForm(),
          note: forms.note ?? emptyForm(),
        }}
        csrfToken={reply.csrfToken()}
      />,
      status,
    );
  };

  web.get(path, { schema: { params: problemParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const access = await openProblemForJury(db, caller, request.params.problemId);
    return page(reply, caller, access, {});
  });

  web.post(path, { schema: { params: problemParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const access = await openProblemForJury(db, caller, request.params.problemId);
    const parsed = parseForm(reviewForm(await evaluationCriteria(db, access)), request.body);
    if (!parsed.ok) return page(reply, caller, access, { review: parsed.form }, 400);
    const outcome = await reviewProblem(db, caller, access, parsed.data, new Date());
    reply.flash(
      'success',
      outcome === 'created' ? 'Votre évaluation est enregistrée.' : 'Votre évaluation est modifiée.',
    );
    return reply.redirect(evaluationPath(access.problem.id), 303);
  });

  web.post(`${path}/conflit`, { schema: { params: problemParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const access = await openProblemForJury(db, caller, request.params.problemId);
    const parsed = parseForm(conflictForm, request.body);
    if (!parsed.ok) return page(reply, caller, access, { conflict: parsed.form }, 400);
    await declareConflict(db, caller, access, parsed.data.motif, new Date());
    reply.flash('info', 'Votre conflit d’intérêts est enregistré : vous n’évaluez plus ce problème.');
    return reply.redirect(evaluationPath(access.problem.id), 303);
  });

  web.post(`${path}/notes`, { schema: { params: problemParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const access = await openProblemForJury(db, caller, request.params.problemId);
    const parsed = parseForm(noteForm, request.body);
    if (!parsed.ok) return page(reply, caller, access, { note: parsed.form }, 400);
    await addDiscussionNote(db, caller, access, parsed.data.texte, new Date());
    reply.flash('success', 'Votre note est publiée.');
    return reply.redirect(`${evaluationPath(access.problem.id)}#discussion`, 303);
  });
}
