import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../../platform/platform.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { parseForm } from '../../../platform/web/forms.ts';
import {
  acknowledgeCheckin,
  acknowledgeWeek,
  answerCheckin,
  viewManagedCheckins,
  viewMyCheckins,
} from './checkins.service.ts';
import { callerOf, clock, refusedForm } from './http.ts';
import { CHECKINS } from './paths.ts';
import { checkinForm } from './schemas.ts';
import { CheckinsPage, type FailedCheckin } from './views/checkins.tsx';
import { isLocalDay, weekLabel } from './weeks.ts';

const acknowledgeForm = z.object({ pointage: z.string().trim().min(1) });
const weekForm = z.object({ semaine: z.string().trim().refine(isLocalDay) });

/** « Ai-je eu ma journée ? »: my weekly answers, and the ones I acknowledge as a manager. */
export async function registerCheckins(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();

  const checkinsPage = async (
    reply: FastifyReply,
    caller: Caller,
    failed: FailedCheckin | null,
    status = 200,
  ) => {
    const { today } = clock();
    const [teams, managed] = [
      await viewMyCheckins(db, caller, today),
      await viewManagedCheckins(db, caller, today),
    ];
    return reply.page(
      'Pointage hebdomadaire',
      <CheckinsPage teams={teams} managed={managed} failed={failed} csrfToken={reply.csrfToken()} />,
      status,
    );
  };

  web.get(CHECKINS, async (request, reply) => checkinsPage(reply, callerOf(request), null));

  web.post(CHECKINS, async (request, reply) => {
    const caller = callerOf(request);
    const parsed = parseForm(checkinForm, request.body);
    const posted = request.body as Record<string, unknown> | undefined;
    const which = { memberId: String(posted?.membre ?? ''), week: String(posted?.semaine ?? '') };
    if (!parsed.ok) return checkinsPage(reply, caller, { ...which, form: parsed.form }, 400);
    const { now, today } = clock();
    try {
      const { projectTitle } = await answerCheckin(
        db,
        caller,
        {
          memberId: parsed.data.membre,
          week: parsed.data.semaine,
          answer: {
            hadDay: parsed.data.journee === 'oui',
            days: parsed.data.jours,
            comment: parsed.data.commentaire,
          },
        },
        now,
        today,
      );
      reply.flash(
        'success',
        `Réponse enregistrée pour « ${projectTitle} », ${weekLabel(parsed.data.semaine)}.`,
      );
    } catch (error) {
      const { form, status } = refusedForm(error, request.body);
      return checkinsPage(reply, caller, { ...which, form }, status);
    }
    return reply.redirect(CHECKINS, 303);
  });

  web.post(`${CHECKINS}/valider`, async (request, reply) => {
    const caller = callerOf(request);
    const parsed = parseForm(acknowledgeForm, request.body);
    if (!parsed.ok) return checkinsPage(reply, caller, null, 400);
    await acknowledgeCheckin(db, caller, parsed.data.pointage, clock().now);
    reply.flash('success', 'Pointage validé.');
    return reply.redirect(CHECKINS, 303);
  });

  web.post(`${CHECKINS}/valider-semaine`, async (request, reply) => {
    const caller = callerOf(request);
    const parsed = parseForm(weekForm, request.body);
    if (!parsed.ok) return checkinsPage(reply, caller, null, 400);
    const { now, today } = clock();
    const count = await acknowledgeWeek(db, caller, parsed.data.semaine, now, today);
    reply.flash(
      count === 0 ? 'info' : 'success',
      count === 0
        ? 'Aucun pointage de cette semaine n’attendait votre validation.'
        : `${count} pointage${count > 1 ? 's' : ''} de la ${weekLabel(parsed.data.semaine)} validé${count > 1 ? 's' : ''}.`,
    );
    return reply.redirect(CHECKINS, 303);
  });
}
