import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../audit/audit.ts';
import { requireSignedIn } from '../../auth/require.ts';
import type { Platform } from '../../platform.ts';
import type { Caller } from '../../tenancy/caller.ts';
import {
  batchLettersToPrint,
  markLetterBatchPosted,
  openLetterDesk,
  printLetter,
  printLetterBatch,
  showLetterBatch,
  showLettersToPrint,
} from './letters.service.ts';
import {
  batchPath,
  LETTERS_PATH,
  LetterBatchPage,
  LetterDeskPage,
  lettersPath,
  NoOrganisationPage,
} from './letters.view.tsx';

const deskQuery = z.object({ organisation: z.string().min(1).max(200).optional().catch(undefined) });
// Loose: the CSRF check (a preHandler, after validation) reads _csrf from the same body.
const batchForm = z.looseObject({ organisation: z.string().min(1).max(200) });
// Any string: an id that is not a UUID is answered "not found" by the service, like an unknown one.
const idParams = z.object({ id: z.string().min(1).max(100) });
const pdfQuery = z.object({ 'recto-verso': z.literal('1').optional().catch(undefined) });

function callerOf(request: FastifyRequest): Caller {
  return { actor: requireSignedIn(request).actor, audit: actorOf(request) };
}

function sendPdf(reply: FastifyReply, file: { filename: string; pdf: Buffer }) {
  // Names and addresses: never kept by a cache; the browser saves the file instead of showing it.
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .send(file.pdf);
}

/**
 * /messages/lettres: an organisation's letters to print, its batches, their PDF and « marquer comme
 * posté ». Thin: parse, call one use-case (letters.service.ts), render or redirect.
 */
export async function registerLetters(app: FastifyInstance, platform: Platform): Promise<void> {
  const web = app.withTypeProvider<ZodTypeProvider>();
  const db = platform.database.db;
  const deps = { db, messaging: platform.messaging };

  web.get(LETTERS_PATH, { schema: { querystring: deskQuery } }, async (request, reply) => {
    const caller = callerOf(request);
    const current = request.auth!.currentOrganisation;
    const slug = request.query.organisation ?? current?.organisationSlug;
    if (!slug) return reply.page('Lettres à imprimer', <NoOrganisationPage />);
    const organisation = await openLetterDesk(db, caller, slug);
    const desk = await showLettersToPrint(db, caller, organisation);
    const otherOrganisations = caller.actor.memberships
      .filter((m) => m.organisationId !== organisation.id)
      .map((m) => ({ slug: m.organisationSlug, name: m.organisationName }));
    return reply.page(
      `Lettres de ${organisation.name}`,
      <LetterDeskPage
        organisation={organisation}
        otherOrganisations={otherOrganisations}
        {...desk}
        csrfToken={reply.csrfToken()}
      />,
    );
  });

  web.post(`${LETTERS_PATH}/lots`, { schema: { body: batchForm } }, async (request, reply) => {
    const caller = callerOf(request);
    const organisation = await openLetterDesk(db, caller, request.body.organisation);
    const batch = await batchLettersToPrint(db, caller, organisation);
    if (!batch) {
      reply.flash('info', 'Aucune lettre n’attendait d’être imprimée : aucun lot n’a été préparé.');
      return reply.redirect(lettersPath(organisation.slug), 303);
    }
    reply.flash(
      'success',
      `Lot préparé : ${batch.letters} lettre${batch.letters > 1 ? 's' : ''}. Téléchargez le PDF et imprimez-le.`,
    );
    return reply.redirect(batchPath(batch.id), 303);
  });

  web.get(
    `${LETTERS_PATH}/lots/:id.pdf`,
    { schema: { params: idParams, querystring: pdfQuery } },
    async (request, reply) => {
      const file = await printLetterBatch(deps, callerOf(request), request.params.id, {
        duplex: request.query['recto-verso'] === '1',
      });
      return sendPdf(reply, file);
    },
  );

  web.get(`${LETTERS_PATH}/lots/:id`, { schema: { params: idParams } }, async (request, reply) => {
    const { batch, letters, mayPrint } = await showLetterBatch(db, callerOf(request), request.params.id);
    return reply.page(
      `Lot de lettres – ${batch.organisation.name}`,
      <LetterBatchPage batch={batch} letters={letters} mayPrint={mayPrint} csrfToken={reply.csrfToken()} />,
    );
  });

  web.post(`${LETTERS_PATH}/lots/:id/poste`, { schema: { params: idParams } }, async (request, reply) => {
    const result = await markLetterBatchPosted(db, callerOf(request), request.params.id);
    if (result === 'already_posted') reply.flash('info', 'Ce lot était déjà marqué comme posté.');
    else
      reply.flash(
        'success',
        `Lot marqué comme posté : ${result.letters} lettre${result.letters > 1 ? 's' : ''} envoyée${result.letters > 1 ? 's' : ''}.`,
      );
    return reply.redirect(batchPath(request.params.id), 303);
  });

  web.get(`${LETTERS_PATH}/:id.pdf`, { schema: { params: idParams } }, async (request, reply) => {
    return sendPdf(reply, await printLetter(deps, callerOf(request), request.params.id));
  });
}
