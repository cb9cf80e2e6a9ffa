import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Membership } from '../../../../platform/auth/actor.ts';
import type { Platform } from '../../../../platform/platform.ts';
import { emptyForm, type FormState } from '../../../../platform/web/components.tsx';
import { parseForm } from '../../../../platform/web/forms.ts';
import { submittingOrganisations } from '../../policy.ts';
import { paths } from '../paths.ts';
import { callerOf, callParams, problemParams, refusedForm } from '../route-parts.ts';
import { openForMeToo, sayMeToo, withdrawMeToo } from './me-too.service.ts';
import { viewProblem } from './problem.service.ts';
import { mergeForm, meTooForm, prescreenForm, problemForm, problemFormValues } from './schemas.ts';
import {
  changeProblem,
  openProblemToEdit,
  openSubmission,
  proposeProblem,
  withdrawDraft,
} from './submission.service.ts';
import { mergeDuplicate, prescreenProblem } from './triage.service.ts';
import { ProblemFormPage } from './views/form.tsx';
import { type ProblemForms, ProblemPage } from './views/problem.tsx';

/** The service an agent most likely names: their first partner organisation. */
const defaultService = (organisations: Membership[]) =>
  organisations.length === 1 ? organisations[0]!.organisationName : '';

/** Proposing, editing and withdrawing problems; « moi aussi »; merging and pre-screening. */
export async function registerProblems(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const { messaging } = platform;
  const web = app.withTypeProvider<ZodTypeProvider>();

  // Proposing a problem

  const renderNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    callId: string,
    form: FormState | null,
    status: number,
  ) => {
    const open = await openSubmission(db, callerOf(request).actor, callId, new Date());
    return reply.page(
      'Proposer un problème',
      <ProblemFormPage
        call={open.call}
        season={open.cohort}
        organisations={open.organisations}
        form={form ?? emptyForm({ service: defaultService(open.organisations) })}
        csrfToken={reply.csrfToken()}
      />,
      status,
    );
  };

  web.get(paths.newProblem(':callId'), { schema: { params: callParams } }, async (request, reply) =>
    renderNew(request, reply, request.params.callId, null, 200),
  );

  web.post(paths.newProblem(':callId'), { schema: { params: callParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const { callId } = request.params;
    const parsed = parseForm(problemForm, request.body);
    if (!parsed.ok) return renderNew(request, reply, callId, parsed.form, 400);
    try {
      const { id, submitted } = await proposeProblem(db, messaging, caller, callId, parsed.data, new Date());
      reply.flash(
        'success',
        submitted
          ? 'Problème soumis. Un accusé de réception vous a été envoyé par courriel.'
          : 'Brouillon enregistré. Il n’est visible que par vous.',
      );
      return reply.redirect(paths.problem(id), 303);
    } catch (error) {
      return renderNew(request, reply, callId, refusedForm(error, request.body), 400);
    }
  });

  // A problem's page

  const renderProblem = async (
    request: FastifyRequest,
    reply: FastifyReply,
    problemId: string,
    forms: Partial<ProblemForms> = {},
    status = 200,
  ) => {
    const { actor } = callerOf(request);
    const page = await viewProblem(db, actor, problemId, new Date());
    const { problem } = page;
    const screened = problem.status === 'recevable' || problem.status === 'irrecevable';
    return reply.page(
      problem.title || 'Brouillon sans titre',
      <ProblemPage
        page={page}
        csrfToken={reply.csrfToken()}
        forms={{
          meToo:
            forms.meToo ?? emptyForm({ service: defaultService(submittingOrganisations(actor, page.facts)) }),
          merge: forms.merge ?? emptyForm(),
          prescreen:
            forms.prescreen ??
            emptyForm(screened ? { decision: problem.status, note: problem.prescreenNote } : {}),
        }}
      />,
      status,
    );
  };

  web.get(paths.problem(':problemId'), { schema: { params: problemParams } }, async (request, reply) =>
    renderProblem(request, reply, request.params.problemId),
  );

  // Editing and withdrawing

  const renderEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    problemId: string,
    form: FormState | null,
    status: number,
  ) => {
    const open = await openProblemToEdit(db, callerOf(request).actor, problemId, new Date());
    return reply.page(
      `Modifier ${open.problem.title || 'le brouillon'}`,
      <ProblemFormPage
        call={open.call}
        season={open.cohort}
        organisations={open.organisations}
        problem={open.problem}
        form={form ?? emptyForm(problemFormValues(open.problem))}
        csrfToken={reply.csrfToken()}
      />,
      status,
    );
  };

  web.get(paths.editProblem(':problemId'), { schema: { params: problemParams } }, async (request, reply) =>
    renderEdit(request, reply, request.params.problemId, null, 200),
  );

  web.post(paths.editProblem(':problemId'), { schema: { params: problemParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const { problemId } = request.params;
    const parsed = parseForm(problemForm, request.body);
    if (!parsed.ok) return renderEdit(request, reply, problemId, parsed.form, 400);
    try {
      const { submitted, newlySubmitted } = await changeProblem(
        db,
        messaging,
        caller,
        problemId,
        parsed.data,
        new Date(),
      );
      reply.flash(
        'success',
        newlySubmitted
          ? 'Problème soumis. Un accusé de réception vous a été envoyé par courriel.'
          : submitted
            ? 'Modifications enregistrées.'
            : 'Brouillon enregistré. Il n’est visible que par vous.',
      );
      return reply.redirect(paths.problem(problemId), 303);
    } catch (error) {
      return renderEdit(request, reply, problemId, refusedForm(error, request.body), 400);
    }
  });

  web.post(
    `${paths.problem(':problemId')}/suppression`,
    { schema: { params: problemParams } },
    async (request, reply) => {
      const { call } = await withdrawDraft(db, callerOf(request), request.params.problemId);
      reply.flash('success', 'Brouillon supprimé.');
      return reply.redirect(paths.call(call.id), 303);
    },
  );

  // « Moi aussi »

  web.post(
    `${paths.problem(':problemId')}/moi-aussi`,
    { schema: { params: problemParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const { problemId } = request.params;
      const parsed = parseForm(meTooForm, request.body);
      if (!parsed.ok) {
        await openForMeToo(db, caller, problemId); // a refusal comes before the form's messages
        return renderProblem(request, reply, problemId, { meToo: parsed.form }, 400);
      }
      const added = await sayMeToo(db, caller, problemId, parsed.data);
      reply.flash(
        added ? 'success' : 'info',
        added ? 'Merci : votre « moi aussi » est enregistré.' : 'Vous aviez déjà dit « moi aussi ».',
      );
      return reply.redirect(`${paths.problem(problemId)}#moi-aussi`, 303);
    },
  );

  web.post(
    `${paths.problem(':problemId')}/moi-aussi/retrait`,
    { schema: { params: problemParams } },
    async (request, reply) => {
      const { problemId } = request.params;
      const removed = await withdrawMeToo(db, callerOf(request), problemId);
      reply.flash(
        'info',
        removed ? 'Votre « moi aussi » est retiré.' : 'Vous n’aviez pas dit « moi aussi ».',
      );
      return reply.redirect(`${paths.problem(problemId)}#moi-aussi`, 303);
    },
  );

  // The staff's triage

  web.post(
    `${paths.problem(':problemId')}/fusion`,
    { schema: { params: problemParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const { problemId } = request.params;
      const parsed = parseForm(mergeForm, request.body);
      if (!parsed.ok) return renderProblem(request, reply, problemId, { merge: parsed.form }, 400);
      try {
        const keptId = await mergeDuplicate(db, caller, problemId, parsed.data.dans, new Date());
        reply.flash('success', 'Problèmes fusionnés : voici le problème gardé.');
        return reply.redirect(paths.problem(keptId), 303);
      } catch (error) {
        return renderProblem(request, reply, problemId, { merge: refusedForm(error, request.body) }, 400);
      }
    },
  );

  web.post(
    `${paths.problem(':problemId')}/preexamen`,
    { schema: { params: problemParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const { problemId } = request.params;
      const parsed = parseForm(prescreenForm, request.body);
      if (!parsed.ok) return renderProblem(request, reply, problemId, { prescreen: parsed.form }, 400);
      await prescreenProblem(db, caller, problemId, parsed.data, new Date());
      reply.flash(
        'success',
        parsed.data.decision === 'recevable'
          ? 'Problème déclaré recevable.'
          : 'Problème déclaré irrecevable.',
      );
      return reply.redirect(paths.problem(problemId), 303);
    },
  );
}
