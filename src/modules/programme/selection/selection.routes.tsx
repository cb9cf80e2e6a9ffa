import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/platform.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { emptyForm, type FormState } from '../../../platform/web/components.tsx';
import { parseForm } from '../../../platform/web/forms.ts';
import { SPACE } from '../part.ts';
import {
  openCallAsStaff,
  openCallForSelection,
  openProblemForDecision,
  type ProblemAccess,
} from './access.ts';
import { decideOnProblem, withdrawDecision } from './decision.service.ts';
import { notifyDecisions } from './notify.service.ts';
import { problemSummary, viewSelection } from './ranking.service.ts';
import { callerOf, refusedForm } from './request.ts';
import { callParams, decisionForm, decisionLabels, problemParams, rankingQuery } from './schemas.ts';
import { DecisionPage, decisionValues } from './views/decision.tsx';
import { decisionPath, selectionPath } from './views/parts.tsx';
import { SelectionPage } from './views/selection.tsx';

/**
 * /programme/espace/appels/:callId/selection — the ranking and « Notifier les décisions » (staff), a
 * juror's progress; /programme/espace/problemes/:problemId/decision — staff decide on one problem.
 */
export async function registerSelection(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();
  const path = `${SPACE}/appels/:callId/selection`;

  web.get(path, { schema: { params: callParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const access = await openCallForSelection(db, caller, request.params.callId);
    const parsed = parseForm(rankingQuery, request.query);
    const order = parsed.ok ? parsed.data.tri : 'score';
    const view = await viewSelection(db, caller, access, order);
    return reply.page(
      `Sélection – ${access.call.title}`,
      <SelectionPage access={access} view={view} order={order} csrfToken={reply.csrfToken()} />,
    );
  });

  web.post(`${path}/notifier`, { schema: { params: callParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const access = await openCallAsStaff(db, caller, request.params.callId);
    const sent = await notifyDecisions(db, platform.messaging, caller, access, new Date());
    if (sent.problems === 0) reply.flash('info', 'Aucune nouvelle décision à notifier.');
    else
      reply.flash(
        'success',
        `${sent.problems} décision${sent.problems > 1 ? 's' : ''} notifiée${sent.problems > 1 ? 's' : ''} (${sent.emails} courriel${sent.emails > 1 ? 's' : ''} envoyé${sent.emails > 1 ? 's' : ''}).`,
      );
    return reply.redirect(selectionPath(access.call.id), 303);
  });

  const decisionPage = async (reply: FastifyReply, access: ProblemAccess, form: FormState, status = 200) =>
    reply.page(
      `Décision – ${access.problem.title}`,
      <DecisionPage
        access={access}
        summary={await problemSummary(db, access)}
        form={form}
        csrfToken={reply.csrfToken()}
      />,
      status,
    );

  const decisionRoute = `${SPACE}/problemes/:problemId/decision`;

  web.get(decisionRoute, { schema: { params: problemParams } }, async (request, reply) => {
    const access = await openProblemForDecision(db, callerOf(request), request.params.problemId);
    return decisionPage(reply, access, emptyForm(decisionValues(access)));
  });

  web.post(decisionRoute, { schema: { params: problemParams } }, async (request, reply) => {
    const caller: Caller = callerOf(request);
    const access = await openProblemForDecision(db, caller, request.params.problemId);
    const parsed = parseForm(decisionForm, request.body);
    if (!parsed.ok) return decisionPage(reply, access, parsed.form, 400);
    try {
      const outcome = await decideOnProblem(db, caller, access, parsed.data, new Date());
      const label = decisionLabels[parsed.data.decision].toLowerCase();
      reply.flash(
        'success',
        outcome.projectSlug && parsed.data.decision === 'retenu'
          ? `Décision enregistrée : retenu. Le projet est créé ; la personne sera prévenue à la notification des décisions.`
          : `Décision enregistrée : ${label}${outcome.removedProjectSlug ? ' ; le projet créé pour ce problème est supprimé' : ''}.`,
      );
    } catch (error) {
      return decisionPage(reply, access, refusedForm(error, request.body), 400);
    }
    return reply.redirect(selectionPath(access.call.id), 303);
  });

  web.post(`${decisionRoute}/retirer`, { schema: { params: problemParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const access = await openProblemForDecision(db, caller, request.params.problemId);
    const outcome = await withdrawDecision(db, caller, access, new Date());
    reply.flash(
      'success',
      `La décision est retirée : le problème attend de nouveau une décision${outcome.removedProjectSlug ? ', et son projet est supprimé' : ''}.`,
    );
    return reply.redirect(decisionPath(access.problem.id), 303);
  });
}
