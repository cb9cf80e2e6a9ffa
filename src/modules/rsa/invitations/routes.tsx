import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, recordAudit } from '../../../platform/audit/audit.ts';
import { safeLocalPath } from '../../../platform/auth/local-path.ts';
import { requireSignedIn } from '../../../platform/auth/require.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { formatWhen } from '../../../platform/scheduling/notifications/message.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { emptyForm, type FormState } from '../../../platform/web/components.tsx';
import { fieldErrors } from '../../../platform/web/forms.ts';
import type { RateLimit } from '../../../platform/web/rate-limit.ts';
import { beneficiaryFor } from '../access.ts';
import {
  beneficiaryToConvoke,
  type ConvocationSlot,
  convocationBlocker,
  convocationSlots,
  convokeBeneficiary,
} from './convocation.service.ts';
import { inviteBeneficiaries } from './invite.service.ts';
import { openInvitationLink } from './landing.service.ts';
import { invitationLetterPdf } from './letter.service.ts';
import { channelLabels } from './reach.ts';
import { invitationRunFor, RUN_THRESHOLD, startInvitationRun } from './run.service.ts';
import {
  beneficiaryParams,
  bulkInviteBody,
  convocationForm,
  invitationParams,
  inviteOneBody,
  runQuery,
  tokenParams,
} from './schemas.ts';
import { summariseInvitations } from './summary.ts';
import { ConvocationPage } from './views/convocation.tsx';
import { LandingPage } from './views/landing.tsx';
import { RunPage, runPath } from './views/run.tsx';

/**
 * The person's link opens a page and reads a row: a few a minute from one address is plenty (a family
 * sharing a connection), hundreds is someone trying links. Same order as the booking engine's public
 * forms (scheduling/public/routes.tsx PUBLIC_BOOKING_LIMIT).
 */
export const INVITATION_LANDING_LIMIT: RateLimit = { max: 60, windowSeconds: 600 };

function callerOf(request: FastifyRequest): Caller {
  const { actor } = requireSignedIn(request);
  return { actor, audit: actorOf(request) };
}

/**
 * Invitations and convocations (routes map in the RSA brief): bulk and single invitations (POST, then
 * back with a summary), the convocation page, the letter's PDF, and the person's public landing page.
 */
export async function registerInvitations(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();

  const flashAll = (reply: FastifyReply, lines: ReturnType<typeof summariseInvitations>) => {
    for (const line of lines) reply.flash(line.type, line.message);
    return reply;
  };

  // Up to RUN_THRESHOLD people: invited during the request, back to the list with a summary. More: a
  // run sent in the background, and its page (progress, then summary) instead of a long wait.
  web.post('/rsa/invitations', async (request, reply) => {
    const caller = callerOf(request);
    const parsed = bulkInviteBody.safeParse(request.body ?? {});
    if (!parsed.success) {
      const back = safeLocalPath((request.body as { retour?: unknown } | undefined)?.retour) ?? '/rsa';
      reply.flash('error', parsed.error.issues[0]?.message ?? 'Sélection invalide.');
      return reply.redirect(back, 303);
    }
    const body = parsed.data;
    const retour = safeLocalPath(body.retour) ?? '/rsa';
    if (new Set(body.ids).size > RUN_THRESHOLD) {
      const runId = await startInvitationRun(platform, caller, {
        ids: body.ids,
        channel: body.channel,
        organisationId: request.auth?.currentOrganisation?.organisationId ?? null,
      });
      if (runId) return reply.redirect(runPath(runId, retour), 303);
    }
    const result = await inviteBeneficiaries(platform, caller, body.ids, { channel: body.channel });
    return flashAll(reply, summariseInvitations(result)).redirect(retour, 303);
  });

  web.get(
    '/rsa/invitations/envois/:id',
    { schema: { params: invitationParams, querystring: runQuery } },
    async (request, reply) => {
      const { run, organisation } = await invitationRunFor(db, callerOf(request), request.params.id);
      const retour = safeLocalPath(request.query.retour) ?? '/rsa';
      // While the job sends, the browser asks again every 2 s (no JavaScript needed). The page shows
      // counts and reasons, no one's details: its readings are not audited, only refusals.
      if (run.state === 'queued' || run.state === 'running') {
        reply.header('refresh', `2; url=${runPath(run.id, retour)}`);
      }
      return reply
        .header('cache-control', 'no-store')
        .page('Envoi des invitations', <RunPage run={run} organisation={organisation} retour={retour} />);
    },
  );

  web.post(
    '/rsa/beneficiaires/:id/inviter',
    { schema: { params: beneficiaryParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const body = inviteOneBody.parse(request.body ?? {});
      const beneficiary = await beneficiaryFor(db, caller.actor, request.params.id, 'rsa.manage');
      if (!beneficiary) {
        await recordAudit(db, caller.audit, {
          action: 'denied',
          resourceType: 'rsa_beneficiary',
          resourceId: request.params.id,
          details: { action: 'invite' },
        });
        throw notFound('Cette personne n’existe pas ou vous n’y avez pas accès.');
      }
      const result = await inviteBeneficiaries(platform, caller, [beneficiary.id], { channel: body.channel });
      return flashAll(reply, summariseInvitations(result)).redirect(
        safeLocalPath(body.retour) ?? `/rsa/beneficiaires/${beneficiary.id}`,
        303,
      );
    },
  );

  const showConvocation = async (
    reply: FastifyReply,
    caller: Caller,
    id: string,
    options: { form?: FormState; status?: number; taken?: ConvocationSlot[] } = {},
  ) => {
    const beneficiary = await beneficiaryToConvoke(db, caller, id);
    const blocker = convocationBlocker(beneficiary);
    const slots = options.taken ?? (blocker ? [] : await convocationSlots(db, beneficiary, new Date()));
    await recordAudit(db, caller.audit, {
      action: 'read',
      resourceType: 'rsa_beneficiary',
      resourceId: beneficiary.id,
      organisationId: beneficiary.organisationId,
      territoryId: beneficiary.territoryId,
      details: { page: 'convoquer' },
    });
    return reply.page(
      `Convoquer ${beneficiary.firstName} ${beneficiary.lastName}`,
      <ConvocationPage
        beneficiary={beneficiary}
        slots={slots}
        blocker={blocker}
        form={options.form ?? emptyForm({ canal: 'auto' })}
        csrfToken={reply.csrfToken()}
        taken={options.taken !== undefined}
      />,
      options.status,
    );
  };

  web.get(
    '/rsa/beneficiaires/:id/convoquer',
    { schema: { params: beneficiaryParams } },
    async (request, reply) => showConvocation(reply, callerOf(request), request.params.id),
  );

  web.post(
    '/rsa/beneficiaires/:id/convoquer',
    { schema: { params: beneficiaryParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const raw = (request.body ?? {}) as Record<string, unknown>;
      const values = { creneau: String(raw.creneau ?? ''), canal: String(raw.canal ?? 'auto') };
      const parsed = convocationForm.safeParse(values);
      if (!parsed.success) {
        return showConvocation(reply, caller, request.params.id, {
          form: { values, errors: fieldErrors(parsed.error) },
          status: 400,
        });
      }
      let result: Awaited<ReturnType<typeof convokeBeneficiary>>;
      try {
        result = await convokeBeneficiary(platform, caller, request.params.id, {
          ...parsed.data.creneau,
          channel: parsed.data.canal,
        });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'validation') throw error;
        const errors = Object.fromEntries(
          Object.entries(error.fields).map(([key, message]) => [
            key === 'canal' ? 'canal' : 'creneau',
            message,
          ]),
        );
        return showConvocation(reply, caller, request.params.id, {
          form: { values, errors: Object.keys(errors).length ? errors : { creneau: error.message } },
          status: 400,
        });
      }
      if (!result.ok) {
        return showConvocation(reply, caller, request.params.id, {
          form: { values: { canal: values.canal }, errors: {} },
          status: 409,
          taken: result.next,
        });
      }
      return reply
        .flash(
          'success',
          `Rendez-vous réservé le ${formatWhen(result.startsAt)} ; convocation envoyée par ${channelLabels[result.channel]}.${
            result.channel === 'letter' ? ' La lettre est à imprimer.' : ''
          }`,
        )
        .redirect(`/rsa/beneficiaires/${request.params.id}`, 303);
    },
  );

  web.get(
    '/rsa/invitations/:id/lettre.pdf',
    { schema: { params: invitationParams } },
    async (request, reply) => {
      const { filename, pdf } = await invitationLetterPdf(platform, callerOf(request), request.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  web.get(
    '/rsa/i/:token',
    { schema: { params: tokenParams }, config: { rateLimit: INVITATION_LANDING_LIMIT } },
    async (request, reply) => {
      const landing = await openInvitationLink(
        db,
        platform.config.secretKey,
        request.params.token,
        new Date(),
      );
      const status = landing.kind === 'invalid' ? 404 : landing.kind === 'expired' ? 410 : 200;
      const titles = {
        invalid: 'Lien invalide',
        expired: 'Invitation expirée',
        closed: 'Invitation remplacée',
        booked: 'Votre rendez-vous',
        open: 'Prenez rendez-vous pour votre premier entretien RSA',
      } as const;
      return reply
        .header('cache-control', 'no-store')
        .page(titles[landing.kind], <LandingPage landing={landing} />, status);
    },
  );
}
