import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { parseAnswers } from '../../../platform/forms/answers.ts';
import { responseCsvLines } from '../../../platform/forms/csv.ts';
import { countResponses } from '../../../platform/forms/forms.service.ts';
import { PAPER_REF_MAX, resultsOf } from '../../../platform/forms/responses.service.ts';
import { SUBMISSION_KEY_FIELD } from '../../../platform/forms/views/public.tsx';
import type { Platform } from '../../../platform/platform.ts';
import { emptyForm, type FormState } from '../../../platform/web/components.tsx';
import { type OpenedSurvey, openSurvey } from './access.ts';
import { SURVEY_ROUTE, surveyPath } from './paths.ts';
import { callerOf, isRefusal, surveyParams } from './routes.tsx';
import { enterPaperResponse, exportSurveyResponses } from './surveys.service.ts';
import { EntryPage, PAPER_REF_FIELD, PaperPage, PreviewPage, ResultsPage } from './views/pages.tsx';

const keyPattern = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * What a survey collects: the preview and the printable version, typing in paper answers, the
 * results with their charts, and the CSV export (audited). Managers who see the project read the
 * results; typing answers in is the team's.
 */
export async function registerSurveyResponses(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();

  web.get(`${SURVEY_ROUTE}/apercu`, { schema: { params: surveyParams } }, async (request, reply) => {
    const { projectSlug, formId } = request.params;
    const survey = await openSurvey(db, callerOf(request), projectSlug, formId, 'read');
    return reply.page(`Aperçu – ${survey.form.title}`, <PreviewPage {...survey} />);
  });

  web.get(`${SURVEY_ROUTE}/papier`, { schema: { params: surveyParams } }, async (request, reply) => {
    const { projectSlug, formId } = request.params;
    const survey = await openSurvey(db, callerOf(request), projectSlug, formId, 'read');
    return reply.page(`Version papier – ${survey.form.title}`, <PaperPage {...survey} />);
  });

  const entryPage = async (
    reply: FastifyReply,
    survey: OpenedSurvey,
    state: FormState,
    submissionKey: string,
    status = 200,
  ) => {
    const counts = await countResponses(db, survey.form.id);
    return reply.page(
      `Saisie papier – ${survey.form.title}`,
      <EntryPage
        {...survey}
        state={state}
        submissionKey={submissionKey}
        entered={counts.papier}
        csrfToken={reply.csrfToken()}
      />,
      status,
    );
  };

  web.get(`${SURVEY_ROUTE}/saisie`, { schema: { params: surveyParams } }, async (request, reply) => {
    const { projectSlug, formId } = request.params;
    const survey = await openSurvey(db, callerOf(request), projectSlug, formId, 'write');
    return entryPage(reply, survey, emptyForm(), randomUUID());
  });

  web.post(`${SURVEY_ROUTE}/saisie`, { schema: { params: surveyParams } }, async (request, reply) => {
    const { projectSlug, formId } = request.params;
    const caller = callerOf(request);
    const survey = await openSurvey(db, caller, projectSlug, formId, 'write');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const key = String(body[SUBMISSION_KEY_FIELD] ?? '');
    const submissionKey = keyPattern.test(key) ? key : randomUUID();
    const paperRef = String(body[PAPER_REF_FIELD] ?? '').trim();
    // On paper a required question may have been left blank: what is written is what is typed in.
    const parsed = parseAnswers(survey.form.questions, body, { enforceRequired: false });
    const errors: Record<string, string> = {};
    if (!paperRef) errors[PAPER_REF_FIELD] = 'Saisissez le numéro écrit sur le questionnaire papier.';
    else if (paperRef.length > PAPER_REF_MAX)
      errors[PAPER_REF_FIELD] = `Le numéro fait ${PAPER_REF_MAX} caractères au plus.`;
    if (!parsed.ok) Object.assign(errors, parsed.errors);
    const values = { ...parsed.values, [PAPER_REF_FIELD]: paperRef };
    if (Object.keys(errors).length > 0 || !parsed.ok)
      return entryPage(reply, survey, { values, errors }, submissionKey, 400);
    try {
      const outcome = await enterPaperResponse(
        db,
        caller,
        survey,
        { answers: parsed.answers, paperRef, submissionKey },
        new Date(),
      );
      if (outcome.recorded === 'new')
        reply.flash('success', `Questionnaire papier n° ${paperRef} enregistré.`);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      const fieldErrors = { ...error.fields };
      if (Object.keys(fieldErrors).length === 0) fieldErrors[PAPER_REF_FIELD] = error.message;
      return entryPage(reply, survey, { values, errors: fieldErrors }, randomUUID(), 409);
    }
    return reply.redirect(surveyPath(projectSlug, formId, '/saisie'), 303);
  });

  web.get(`${SURVEY_ROUTE}/resultats`, { schema: { params: surveyParams } }, async (request, reply) => {
    const { projectSlug, formId } = request.params;
    const survey = await openSurvey(db, callerOf(request), projectSlug, formId, 'read');
    const results = await resultsOf(db, survey.form);
    return reply.page(`Résultats – ${survey.form.title}`, <ResultsPage {...survey} results={results} />);
  });

  web.get(`${SURVEY_ROUTE}/export.csv`, { schema: { params: surveyParams } }, async (request, reply) => {
    const { projectSlug, formId } = request.params;
    const caller = callerOf(request);
    const survey = await openSurvey(db, caller, projectSlug, formId, 'read');
    const responses = await exportSurveyResponses(db, caller, survey);
    const stamp = new Date().toISOString().slice(0, 10);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="enquete-${projectSlug}-${stamp}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(responseCsvLines(survey.form.questions, responses)));
  });
}
