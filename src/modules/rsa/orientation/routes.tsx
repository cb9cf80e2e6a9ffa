import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../../platform/audit/audit.ts';
import { AppError, unauthenticated } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { localDayOf } from '../../../platform/scheduling/agenda/week-grid.ts';
import { PUBLIC_BOOKING_LIMIT } from '../../../platform/scheduling/public/routes.tsx';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { emptyForm, type FormState } from '../../../platform/web/components.tsx';
import { parseForm } from '../../../platform/web/forms.ts';
import type { Beneficiary } from '../access.ts';
import { openBeneficiary } from '../access.ts';
import {
  answerQuestionnaireFromInvitation,
  answerQuestionnaireWithPerson,
  decideOrientation,
  isLinkProblem,
  type LinkProblem,
  openOrientation,
  openQuestionnaireLink,
  previousAnswerDate,
  viewQuestionnaire,
} from './orientation.service.ts';
import { answersAsFormValues, parseAnswers } from './questionnaire.ts';
import { beneficiaryParams, decisionForm, tokenParams } from './schemas.ts';
import { DecisionPage } from './views/decision.tsx';
import {
  AgentQuestionnairePage,
  PublicQuestionnairePage,
  QuestionnaireLinkProblem,
  ThanksPage,
} from './views/questionnaire.tsx';

function callerOf(request: FastifyRequest): Caller {
  if (!request.auth) throw unauthenticated();
  return { actor: request.auth.actor, audit: actorOf(request) };
}

/** The posted values as the form shows them again (repeated checkbox values joined by commas). */
function postedValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (key !== '_csrf')
        values[key] = Array.isArray(value) ? value.map(String).join(',') : String(value ?? '');
    }
  }
  return values;
}

/**
 * The orientation questionnaire (the person from their invitation link, or an agent with them) and
 * the référent's decision. Public pages: no account, no JavaScript, the POST rate-limited like the
 * booking engine's. Agent pages: 404 for a person of another territory, every read and change audited.
 */
export async function registerOrientation(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const { secretKey } = platform.config;
  const web = app.withTypeProvider<ZodTypeProvider>();

  const problemPage = (reply: FastifyReply, { problem }: LinkProblem) =>
    reply.page(
      problem === 'invalid' ? 'Lien invalide' : 'Invitation plus valable',
      <QuestionnaireLinkProblem problem={problem} />,
      problem === 'invalid' ? 404 : 410,
    );

  web.get('/rsa/i/:token/questionnaire', { schema: { params: tokenParams } }, async (request, reply) => {
    const link = await openQuestionnaireLink(db, secretKey, request.params.token, new Date());
    if (isLinkProblem(link)) return problemPage(reply, link);
    return reply.page(
      'Questionnaire avant votre rendez-vous',
      <PublicQuestionnairePage
        token={request.params.token}
        organisationName={link.organisationName}
        answeredOn={await previousAnswerDate(db, link)}
        form={emptyForm()}
        csrfToken={reply.csrfToken()}
      />,
    );
  });

  web.post(
    '/rsa/i/:token/questionnaire',
    { schema: { params: tokenParams }, config: { rateLimit: PUBLIC_BOOKING_LIMIT } },
    async (request, reply) => {
      const now = new Date();
      const { token } = request.params;
      const link = await openQuestionnaireLink(db, secretKey, token, now);
      if (isLinkProblem(link)) return problemPage(reply, link);
      const parsed = parseAnswers(request.body);
      if (!parsed.ok) {
        return reply.page(
          'Questionnaire avant votre rendez-vous',
          <PublicQuestionnairePage
            token={token}
            organisationName={link.organisationName}
            answeredOn={null}
            form={{ values: postedValues(request.body), errors: parsed.errors }}
            csrfToken={reply.csrfToken()}
          />,
          400,
        );
      }
      await answerQuestionnaireFromInvitation(db, actorOf(request), link, parsed.answers, now);
      return reply.redirect(`/rsa/i/${token}/questionnaire/merci`, 303);
    },
  );

  web.get(
    '/rsa/i/:token/questionnaire/merci',
    { schema: { params: tokenParams } },
    async (request, reply) => {
      const link = await openQuestionnaireLink(db, secretKey, request.params.token, new Date());
      if (isLinkProblem(link)) return problemPage(reply, link);
      return reply.page('Merci', <ThanksPage token={request.params.token} />);
    },
  );

  // The agent fills it with the person.
  const questionnairePage = (
    reply: FastifyReply,
    beneficiary: Beneficiary,
    saved: Awaited<ReturnType<typeof viewQuestionnaire>>,
    form: FormState,
    status = 200,
  ) =>
    reply.page(
      `Questionnaire – ${beneficiary.firstName} ${beneficiary.lastName}`,
      <AgentQuestionnairePage
        beneficiary={beneficiary}
        saved={saved}
        form={form}
        csrfToken={reply.csrfToken()}
      />,
      status,
    );

  web.get(
    '/rsa/beneficiaires/:id/questionnaire',
    { schema: { params: beneficiaryParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const beneficiary = await openBeneficiary(db, caller, request.params.id, 'rsa.manage');
      const saved = await viewQuestionnaire(db, caller, beneficiary);
      return questionnairePage(
        reply,
        beneficiary,
        saved,
        emptyForm(saved ? answersAsFormValues(saved.answers) : {}),
      );
    },
  );

  web.post(
    '/rsa/beneficiaires/:id/questionnaire',
    { schema: { params: beneficiaryParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const beneficiary = await openBeneficiary(db, caller, request.params.id, 'rsa.manage');
      const parsed = parseAnswers(request.body);
      if (!parsed.ok) {
        return questionnairePage(
          reply,
          beneficiary,
          null,
          { values: postedValues(request.body), errors: parsed.errors },
          400,
        );
      }
      await answerQuestionnaireWithPerson(db, caller, beneficiary, parsed.answers, new Date());
      reply.flash('success', 'Réponses au questionnaire enregistrées.');
      return reply.redirect(`/rsa/beneficiaires/${beneficiary.id}/orientation`, 303);
    },
  );

  // The référent's decision.
  const decisionPage = async (
    reply: FastifyReply,
    caller: Caller,
    beneficiary: Beneficiary,
    form: FormState,
    status = 200,
  ) => {
    const view = await openOrientation(db, caller, beneficiary);
    return reply.page(
      `Orientation – ${beneficiary.firstName} ${beneficiary.lastName}`,
      <DecisionPage beneficiary={beneficiary} {...view} form={form} csrfToken={reply.csrfToken()} />,
      status,
    );
  };

  web.get(
    '/rsa/beneficiaires/:id/orientation',
    { schema: { params: beneficiaryParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const beneficiary = await openBeneficiary(db, caller, request.params.id, 'rsa.manage');
      return decisionPage(reply, caller, beneficiary, emptyForm({ date: localDayOf(new Date()) }));
    },
  );

  web.post(
    '/rsa/beneficiaires/:id/orientation',
    { schema: { params: beneficiaryParams } },
    async (request, reply) => {
      const now = new Date();
      const caller = callerOf(request);
      const beneficiary = await openBeneficiary(db, caller, request.params.id, 'rsa.manage');
      const parsed = parseForm(decisionForm(localDayOf(now)), request.body);
      if (!parsed.ok) return decisionPage(reply, caller, beneficiary, parsed.form, 400);
      try {
        await decideOrientation(
          db,
          caller,
          beneficiary,
          {
            orientation: parsed.data.orientation,
            decidedOn: parsed.data.date,
            structureName: parsed.data.structure,
            comment: parsed.data.commentaire,
          },
          now,
        );
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'validation') throw error;
        return decisionPage(
          reply,
          caller,
          beneficiary,
          { values: postedValues(request.body), errors: error.fields },
          400,
        );
      }
      reply.flash('success', `${beneficiary.firstName} ${beneficiary.lastName} est orienté·e.`);
      return reply.redirect(`/rsa/beneficiaires/${beneficiary.id}`, 303);
    },
  );
}
