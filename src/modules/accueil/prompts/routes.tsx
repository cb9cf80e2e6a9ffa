import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../../platform/audit/audit.ts';
import { requireSignedIn } from '../../../platform/auth/require.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { emptyForm, type FormState } from '../../../platform/web/components.tsx';
import { parseForm } from '../../../platform/web/forms.ts';
import { acceptUploads, uploadedFile } from '../../../platform/web/uploads.ts';
import type { Line } from '../tables.ts';
import { openLine } from './access.ts';
import { promptWav, UnknownPromptError } from './audio.ts';
import { type AudioKind, acceptedKinds, listKinds, MAX_RECORDING_BYTES } from './convert.ts';
import {
  changePromptText,
  linePrompt,
  listLinePrompts,
  recordPrompt,
  revertPromptToSynthesis,
} from './prompts.service.ts';
import { verifyPromptSignature } from './public-link.ts';
import { lineParams, previewQuery, promptParams, promptTextForm, publicQuery } from './schemas.ts';
import { sendWav } from './serve-audio.ts';
import { PromptsPage } from './views/list.tsx';
import { promptPath } from './views/parts.tsx';
import { PromptPage } from './views/prompt.tsx';

function callerOf(request: FastifyRequest): Caller {
  return { actor: requireSignedIn(request).actor, audit: actorOf(request) };
}

const acceptTypes: Record<AudioKind, string> = {
  wav: '.wav,audio/wav',
  ogg: '.ogg,.oga,audio/ogg',
  flac: '.flac,audio/flac',
  mp3: '.mp3,audio/mpeg',
};

/** A flow naming a prompt that has no text anywhere is a missing page here, not a server error. */
function unknownAsNotFound(error: unknown): never {
  if (error instanceof UnknownPromptError) throw notFound('Cette annonce n’a pas encore de texte.');
  throw error;
}

/**
 * The line's prompts (issue 7 §4), for its admins: list with previews, one page per prompt to change its
 * text, upload a recording or go back to synthesis (every change audited as « accueil_prompt »).
 * Previews are for the line's agents too. GET /accueil/annonces/:lineId/:key.wav is public and signed,
 * for hosted providers' <Play> (public-link.ts explains why signed rather than rate-limited).
 */
export async function registerPrompts(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();

  const renderPrompt = async (
    reply: FastifyReply,
    line: Line,
    key: string,
    form?: FormState,
    status = 200,
  ) => {
    const prompt = await linePrompt(db, line, key);
    const kinds = await acceptedKinds();
    return reply.page(
      `Annonce « ${prompt.key} » — ${line.name}`,
      <PromptPage
        line={line}
        prompt={prompt}
        formats={listKinds(kinds)}
        accept={kinds.map((k) => acceptTypes[k]).join(',')}
        csrfToken={reply.csrfToken()}
        form={form ?? emptyForm({ texte: prompt.text })}
      />,
      status,
    );
  };

  const validationErrors = (error: unknown): Record<string, string> => {
    if (error instanceof AppError && error.code === 'validation') return error.fields;
    throw error;
  };

  web.get('/accueil/lignes/:lineId/annonces', { schema: { params: lineParams } }, async (request, reply) => {
    const line = await openLine(db, callerOf(request), request.params.lineId, 'accueil.configure');
    return reply.page(
      `Annonces — ${line.name}`,
      <PromptsPage line={line} prompts={await listLinePrompts(db, line)} />,
    );
  });

  // Declared before /:key so that « accueil.wav » is the preview of « accueil », not a prompt named so.
  web.get(
    '/accueil/lignes/:lineId/annonces/:key.wav',
    { schema: { params: promptParams, querystring: previewQuery } },
    async (request, reply) => {
      const { lineId, key } = request.params;
      const line = await openLine(db, callerOf(request), lineId, 'accueil.console');
      const prompt = await linePrompt(db, line, key);
      const wav = await promptWav(platform, line.id, { prompt: prompt.key }).catch(unknownAsNotFound);
      return sendWav(request, reply, wav, {
        filename: `${key}.wav`,
        // The page's address carries the version (?v=): a given address always sounds the same.
        cacheControl: request.query.v === prompt.version ? 'private, max-age=86400' : 'private, no-cache',
      });
    },
  );

  web.get(
    '/accueil/lignes/:lineId/annonces/:key',
    { schema: { params: promptParams } },
    async (request, reply) => {
      const line = await openLine(db, callerOf(request), request.params.lineId, 'accueil.configure');
      return renderPrompt(reply, line, request.params.key);
    },
  );

  web.post(
    '/accueil/lignes/:lineId/annonces/:key/texte',
    { schema: { params: promptParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const line = await openLine(db, caller, request.params.lineId, 'accueil.configure');
      const { key } = request.params;
      const parsed = parseForm(promptTextForm, request.body);
      if (!parsed.ok) return renderPrompt(reply, line, key, parsed.form, 400);
      try {
        await changePromptText(db, caller, line, key, parsed.data.texte);
      } catch (error) {
        const errors = validationErrors(error);
        return renderPrompt(reply, line, key, { values: { texte: parsed.data.texte }, errors }, 400);
      }
      reply.flash('success', 'Texte enregistré : écoutez l’annonce pour la vérifier.');
      return reply.redirect(promptPath(line.id, key), 303);
    },
  );

  web.post(
    '/accueil/lignes/:lineId/annonces/:key/synthese',
    { schema: { params: promptParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const line = await openLine(db, caller, request.params.lineId, 'accueil.configure');
      await revertPromptToSynthesis(db, caller, line, request.params.key);
      reply.flash(
        'success',
        'Enregistrement supprimé : l’annonce est de nouveau dite par la voix de synthèse.',
      );
      return reply.redirect(promptPath(line.id, request.params.key), 303);
    },
  );

  // Only this scope parses multipart/form-data (platform/web/uploads.ts); the CSRF check runs before.
  await app.register(async (scope) => {
    await acceptUploads(scope, {
      maxFileBytes: MAX_RECORDING_BYTES,
      maxRequestBytes: MAX_RECORDING_BYTES + 65_536,
    });
    scope
      .withTypeProvider<ZodTypeProvider>()
      .post(
        '/accueil/lignes/:lineId/annonces/:key/enregistrement',
        { schema: { params: promptParams } },
        async (request, reply) => {
          const caller = callerOf(request);
          const line = await openLine(db, caller, request.params.lineId, 'accueil.configure');
          const { key } = request.params;
          const current = await linePrompt(db, line, key);
          const refuse = (message: string) =>
            renderPrompt(
              reply,
              line,
              key,
              { values: { texte: current.text }, errors: { fichier: message } },
              400,
            );
          const file = uploadedFile(request.body, 'fichier');
          if (!file || file.data.length === 0) return refuse('Choisissez le fichier de l’enregistrement.');
          if (file.tooLarge) {
            return refuse(
              'Ce fichier dépasse 5 Mo : raccourcissez l’enregistrement ou enregistrez-le en qualité plus basse.',
            );
          }
          try {
            await recordPrompt(db, caller, line, key, { data: file.data, filename: file.filename });
          } catch (error) {
            const errors = validationErrors(error);
            return refuse(errors.fichier ?? Object.values(errors)[0] ?? 'Ce fichier n’a pas pu être lu.');
          }
          reply.flash('success', 'Enregistrement déposé : il est diffusé à la place de la voix de synthèse.');
          return reply.redirect(promptPath(line.id, key), 303);
        },
      );
  });

  web.get(
    '/accueil/annonces/:lineId/:key.wav',
    { schema: { params: promptParams, querystring: publicQuery } },
    async (request, reply) => {
      const { lineId, key } = request.params;
      // The signature first: nothing is looked up or synthesised for an address this instance did not give.
      if (
        !isUuid(lineId) ||
        !verifyPromptSignature(platform.config.secretKey, lineId, key, request.query.s)
      ) {
        throw notFound('Cette annonce n’existe pas.');
      }
      const wav = await promptWav(platform, lineId, { prompt: key }).catch(unknownAsNotFound);
      return sendWav(request, reply, wav, {
        filename: `${key}.wav`,
        cacheControl: request.query.v ? 'public, max-age=86400' : 'public, max-age=300',
      });
    },
  );
}
