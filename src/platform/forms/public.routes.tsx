import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../errors.ts';
import type { Platform } from '../platform.ts';
import { emptyForm, type FormState } from '../web/components.tsx';
import type { RateLimit } from '../web/rate-limit.ts';
import { parseAnswers } from './answers.ts';
import { registerFormAssets } from './assets.ts';
import { type Form, formByToken } from './forms.service.ts';
import { recordResponse } from './responses.service.ts';
import { AnswerPage, FormUnavailable, SUBMISSION_KEY_FIELD, ThanksPage } from './views/public.tsx';

/**
 * Sending answers: a field survey is often answered in one place (a waiting room, a market, a town
 * hall) where many phones share one public address, so the limit is twice the booking engine's, still
 * far from what a script would send.
 */
export const PUBLIC_ANSWER_LIMIT: RateLimit = { max: 60, windowSeconds: 600 };
const PUBLIC_PAGE_LIMIT: RateLimit = { max: 120, windowSeconds: 600 };

const tokenParams = z.object({ token: z.string().max(100) });
const keyPattern = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Public answering of any open form: /questionnaire/:token, no account, anonymous (nothing about the
 * person is stored with the answers), phone first, working without JavaScript. CSRF as every form of
 * the platform (the token comes with the page). Unknown link: 404; a draft or closed form: a plain
 * message instead of the questions.
 */
export async function registerPublicForms(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();
  registerFormAssets(app);

  const unavailable = (reply: FastifyReply, form: Form) =>
    reply.page(
      form.status === 'clos' ? 'Questionnaire clos' : 'Questionnaire pas encore ouvert',
      <FormUnavailable status={form.status === 'clos' ? 'clos' : 'brouillon'} title={form.title} />,
      form.status === 'clos' ? 410 : 200,
    );

  const answerPage = (reply: FastifyReply, form: Form, state: FormState, key: string, status = 200) =>
    reply.page(
      form.title,
      <AnswerPage form={form} state={state} submissionKey={key} csrfToken={reply.csrfToken()} />,
      status,
    );

  web.get(
    '/questionnaire/:token',
    { schema: { params: tokenParams }, config: { rateLimit: PUBLIC_PAGE_LIMIT } },
    async (request, reply) => {
      const form = await formByToken(db, request.params.token);
      if (!form) throw notFound('Ce questionnaire n’existe pas. Vérifiez le lien.');
      if (form.status !== 'ouvert') return unavailable(reply, form);
      return answerPage(reply, form, emptyForm(), randomUUID());
    },
  );

  web.post(
    '/questionnaire/:token',
    { schema: { params: tokenParams }, config: { rateLimit: PUBLIC_ANSWER_LIMIT } },
    async (request, reply) => {
      const form = await formByToken(db, request.params.token);
      if (!form) throw notFound('Ce questionnaire n’existe pas. Vérifiez le lien.');
      if (form.status !== 'ouvert') return unavailable(reply, form);
      const posted = (request.body ?? {}) as Record<string, unknown>;
      const key = String(posted[SUBMISSION_KEY_FIELD] ?? '');
      const submissionKey = keyPattern.test(key) ? key : randomUUID();
      const parsed = parseAnswers(form.questions, posted);
      if (!parsed.ok) {
        return answerPage(reply, form, { values: parsed.values, errors: parsed.errors }, submissionKey, 400);
      }
      try {
        await recordResponse(
          db,
          form.id,
          { source: 'en_ligne', answers: parsed.answers, submissionKey },
          new Date(),
        );
      } catch (error) {
        // Closed between the page and the answer.
        if (error instanceof AppError && error.code === 'conflict') {
          return unavailable(reply, { ...form, status: 'clos' });
        }
        throw error;
      }
      return reply.redirect(`/questionnaire/${form.publicToken}/merci`, 303);
    },
  );

  web.get(
    '/questionnaire/:token/merci',
    { schema: { params: tokenParams }, config: { rateLimit: PUBLIC_PAGE_LIMIT } },
    async (request, reply) => {
      const form = await formByToken(db, request.params.token);
      if (!form || form.status === 'brouillon')
        throw notFound('Ce questionnaire n’existe pas. Vérifiez le lien.');
      return reply.page('Merci', <ThanksPage form={form} />);
    },
  );
}
