import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/audit/audit.ts';
import { AppError, notFound, unauthenticated } from '../../../platform/errors.ts';
import {
  isQuestionType,
  newQuestionValues,
  parseQuestionForm,
  postedBuilderValues,
  questionAsValues,
} from '../../../platform/forms/builder.ts';
import type { FormQuestion, QuestionType } from '../../../platform/forms/definition.ts';
import {
  closeForm,
  countResponses,
  openForm,
  publicFormPath,
  updateFormTexts,
} from '../../../platform/forms/forms.service.ts';
import {
  addQuestion,
  deleteQuestion,
  moveQuestion,
  replaceQuestion,
} from '../../../platform/forms/questions.service.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { emptyForm, type FormState } from '../../../platform/web/components.tsx';
import { type OpenedSurvey, openSurvey, openSurveys } from './access.ts';
import { SURVEY_ROUTE, SURVEYS_ROUTE, surveyPath } from './paths.ts';
import { createProjectSurvey, surveysOfProject } from './surveys.service.ts';
import { QuestionPage, SurveyBuilderPage } from './views/builder.tsx';
import { SurveysPage } from './views/list.tsx';

export function callerOf(request: FastifyRequest): Caller {
  if (!request.auth) throw unauthenticated();
  return { actor: request.auth.actor, audit: actorOf(request) };
}

/** A refusal the agent can act on (a field, or a reason such as « already answered »): shown on the page. */
export function isRefusal(error: unknown): error is AppError {
  return error instanceof AppError && (error.code === 'validation' || error.code === 'conflict');
}

export function refusalState(error: AppError, values: FormState['values']): FormState {
  const errors = { ...error.fields };
  if (Object.keys(errors).length === 0) errors._ = error.message;
  return { values, errors };
}

export const surveyParams = z.object({ projectSlug: z.string().max(200), formId: z.string().max(100) });
const projectParams = z.object({ projectSlug: z.string().max(200) });
const questionParams = surveyParams.extend({ questionId: z.string().max(60) });
const typeQuery = z.object({ type: z.string().max(40).optional() });

/**
 * A project's surveys and their builder: the list and creation, then one survey's page (sharing,
 * questions, texts), its question forms, and the buttons that move, delete, open and close. Every
 * change posts and redirects; a refusal (« already answered ») comes back as a message.
 */
export async function registerSurveyBuilder(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();

  const listPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    state: FormState,
    status = 200,
  ) => {
    const project = await openSurveys(db, callerOf(request), slug, 'read');
    const surveys = await surveysOfProject(db, project);
    return reply.page(
      `Enquêtes – ${project.title}`,
      <SurveysPage project={project} surveys={surveys} state={state} csrfToken={reply.csrfToken()} />,
      status,
    );
  };

  web.get(SURVEYS_ROUTE, { schema: { params: projectParams } }, async (request, reply) =>
    listPage(request, reply, request.params.projectSlug, emptyForm()),
  );

  web.post(SURVEYS_ROUTE, { schema: { params: projectParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const project = await openSurveys(db, caller, request.params.projectSlug, 'write');
    const title = String((request.body as { title?: unknown } | undefined)?.title ?? '');
    try {
      const form = await createProjectSurvey(db, caller, project, title);
      reply.flash('success', 'Enquête créée. Ajoutez ses questions, puis ouvrez-la.');
      return reply.redirect(surveyPath(project.slug, form.id), 303);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return listPage(request, reply, project.slug, refusalState(error, { title }), 400);
    }
  });

  const builderPage = async (reply: FastifyReply, survey: OpenedSurvey, texts: FormState, status = 200) => {
    const counts = await countResponses(db, survey.form.id);
    return reply.page(
      survey.form.title,
      <SurveyBuilderPage
        project={survey.project}
        form={survey.form}
        counts={counts}
        publicUrl={`${platform.config.baseUrl}${publicFormPath(survey.form)}`}
        texts={texts}
        csrfToken={reply.csrfToken()}
      />,
      status,
    );
  };
  const textsOf = (survey: OpenedSurvey) =>
    emptyForm({ title: survey.form.title, intro: survey.form.intro, thanks: survey.form.thanks });

  web.get(SURVEY_ROUTE, { schema: { params: surveyParams } }, async (request, reply) => {
    const { projectSlug, formId } = request.params;
    const survey = await openSurvey(db, callerOf(request), projectSlug, formId, 'read');
    return builderPage(reply, survey, textsOf(survey));
  });

  web.post(`${SURVEY_ROUTE}/textes`, { schema: { params: surveyParams } }, async (request, reply) => {
    const { projectSlug, formId } = request.params;
    const survey = await openSurvey(db, callerOf(request), projectSlug, formId, 'write');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const texts = {
      title: String(body.title ?? ''),
      intro: String(body.intro ?? ''),
      thanks: String(body.thanks ?? ''),
    };
    try {
      await updateFormTexts(db, formId, texts, new Date());
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return builderPage(reply, survey, refusalState(error, texts), 400);
    }
    reply.flash('success', 'Textes enregistrés.');
    return reply.redirect(surveyPath(projectSlug, formId), 303);
  });

  /** Runs a button's change; a refusal comes back as an error message on the survey's page. */
  const button = (
    path: string,
    change: (survey: OpenedSurvey, questionId: string) => Promise<void>,
    done: string,
  ) =>
    web.post(
      path,
      { schema: { params: questionParams.partial({ questionId: true }) } },
      async (request, reply) => {
        const { projectSlug, formId, questionId } = request.params;
        const survey = await openSurvey(db, callerOf(request), projectSlug, formId, 'write');
        try {
          await change(survey, questionId ?? '');
          reply.flash('success', done);
        } catch (error) {
          if (!isRefusal(error)) throw error;
          reply.flash('error', error.fields._ ?? error.message);
        }
        return reply.redirect(surveyPath(projectSlug, formId), 303);
      },
    );

  button(
    `${SURVEY_ROUTE}/ouvrir`,
    (s) => openForm(db, s.form.id, new Date()),
    'Le questionnaire est ouvert : son lien public reçoit des réponses.',
  );
  button(
    `${SURVEY_ROUTE}/clore`,
    (s) => closeForm(db, s.form.id, new Date()),
    'Le questionnaire est clos : son lien public ne reçoit plus de réponses.',
  );
  button(
    `${SURVEY_ROUTE}/questions/:questionId/monter`,
    (s, id) => moveQuestion(db, s.form.id, id, 'up', new Date()),
    'Question déplacée.',
  );
  button(
    `${SURVEY_ROUTE}/questions/:questionId/descendre`,
    (s, id) => moveQuestion(db, s.form.id, id, 'down', new Date()),
    'Question déplacée.',
  );
  button(
    `${SURVEY_ROUTE}/questions/:questionId/supprimer`,
    (s, id) => deleteQuestion(db, s.form.id, id, new Date()),
    'Question supprimée.',
  );

  const questionPage = (
    reply: FastifyReply,
    survey: OpenedSurvey,
    context: { type: QuestionType; question?: FormQuestion },
    state: FormState,
    status = 200,
  ) => {
    const { questions } = survey.form;
    const index = context.question
      ? questions.findIndex((q) => q.id === context.question!.id)
      : questions.length;
    return reply.page(
      context.question ? 'Modifier la question' : 'Nouvelle question',
      <QuestionPage
        project={survey.project}
        form={survey.form}
        type={context.type}
        question={context.question}
        earlier={questions.slice(0, index)}
        state={state}
        csrfToken={reply.csrfToken()}
      />,
      status,
    );
  };

  web.get(
    `${SURVEY_ROUTE}/questions/nouvelle`,
    { schema: { params: surveyParams, querystring: typeQuery } },
    async (request, reply) => {
      const { projectSlug, formId } = request.params;
      const survey = await openSurvey(db, callerOf(request), projectSlug, formId, 'write');
      const type = request.query.type;
      if (!isQuestionType(type)) return reply.redirect(surveyPath(projectSlug, formId), 303);
      return questionPage(reply, survey, { type }, emptyForm(newQuestionValues(type)));
    },
  );

  web.post(`${SURVEY_ROUTE}/questions`, { schema: { params: surveyParams } }, async (request, reply) => {
    const { projectSlug, formId } = request.params;
    const survey = await openSurvey(db, callerOf(request), projectSlug, formId, 'write');
    const type = (request.body as { type?: unknown } | undefined)?.type;
    if (!isQuestionType(type)) return reply.redirect(surveyPath(projectSlug, formId), 303);
    const parsed = parseQuestionForm(request.body, { type, earlier: survey.form.questions });
    if (!parsed.ok) return questionPage(reply, survey, { type }, parsed.form, 400);
    try {
      await addQuestion(db, formId, parsed.question, new Date());
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return questionPage(
        reply,
        survey,
        { type },
        refusalState(error, postedBuilderValues(request.body)),
        400,
      );
    }
    reply.flash('success', 'Question ajoutée.');
    return reply.redirect(`${surveyPath(projectSlug, formId)}#question-${parsed.question.id}`, 303);
  });

  const findQuestion = (survey: OpenedSurvey, id: string) => {
    const question = survey.form.questions.find((q) => q.id === id);
    if (!question) throw notFound('Cette question n’existe pas ou plus.');
    return question;
  };

  web.get(
    `${SURVEY_ROUTE}/questions/:questionId`,
    { schema: { params: questionParams } },
    async (request, reply) => {
      const { projectSlug, formId, questionId } = request.params;
      const survey = await openSurvey(db, callerOf(request), projectSlug, formId, 'write');
      const question = findQuestion(survey, questionId);
      return questionPage(
        reply,
        survey,
        { type: question.type, question },
        emptyForm(questionAsValues(question)),
      );
    },
  );

  web.post(
    `${SURVEY_ROUTE}/questions/:questionId`,
    { schema: { params: questionParams } },
    async (request, reply) => {
      const { projectSlug, formId, questionId } = request.params;
      const survey = await openSurvey(db, callerOf(request), projectSlug, formId, 'write');
      const question = findQuestion(survey, questionId);
      const { questions } = survey.form;
      const earlier = questions.slice(0, questions.indexOf(question));
      const context = { type: question.type, question };
      const parsed = parseQuestionForm(request.body, { type: question.type, existing: question, earlier });
      if (!parsed.ok) return questionPage(reply, survey, context, parsed.form, 400);
      try {
        await replaceQuestion(db, formId, parsed.question, new Date());
      } catch (error) {
        if (!isRefusal(error)) throw error;
        // The posted values, so nothing typed is lost (the emptied option's field included).
        return questionPage(
          reply,
          survey,
          context,
          refusalState(error, postedBuilderValues(request.body)),
          400,
        );
      }
      reply.flash('success', 'Question enregistrée.');
      return reply.redirect(`${surveyPath(projectSlug, formId)}#question-${questionId}`, 303);
    },
  );
}
