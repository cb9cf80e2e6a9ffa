import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../../platform/audit/audit.ts';
import { AppError, unauthenticated } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { localDayOf } from '../../../platform/scheduling/agenda/week-grid.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { emptyForm } from '../../../platform/web/components.tsx';
import { parseForm } from '../../../platform/web/forms.ts';
import { registerConsoleAssets } from './assets.ts';
import { viewConsole } from './console.service.ts';
import { viewCallerHistory } from './history.service.ts';
import { listAgentLines } from './home.service.ts';
import { phoneText } from './labels.ts';
import {
  assignForm,
  attemptForm,
  audioQuery,
  callerParams,
  consoleQuery,
  lineParams,
  noteForm,
  ticketParams,
  voicemailParams,
} from './schemas.ts';
import {
  addTicketNote,
  assignTicket,
  attemptMessage,
  recordAttempt,
  reopenTicket,
  takeTicket,
  viewTicket,
} from './tickets.service.ts';
import { CallerPageView } from './views/caller.tsx';
import { ConsolePage } from './views/console.tsx';
import { HomePage } from './views/home.tsx';
import { HOME_PATH, linePath, ticketPath } from './views/parts.tsx';
import { type TicketForms, TicketPageView } from './views/ticket.tsx';
import { listenToVoicemail, markVoicemailHandled } from './voicemails.service.ts';

function callerOf(request: FastifyRequest): Caller {
  if (!request.auth) throw unauthenticated();
  return { actor: request.auth.actor, audit: actorOf(request) };
}

const stampFormat = new Intl.DateTimeFormat('fr-FR', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});
/** message-vocal-20250312-1043.wav, Paris time. */
const wavName = (at: Date) =>
  `message-vocal-${localDayOf(at).replaceAll('-', '')}-${stampFormat.format(at).replace(':', '')}.wav`;

/** The first byte range of a Range header (bytes=a-b, bytes=a-, bytes=-n), clamped to the file. */
function byteRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'invalid' {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return header ? 'invalid' : null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start <= end && start < size ? { start, end } : 'invalid';
}

/**
 * The agents' console of phone reception (issue 7, scope 5): /accueil (the lines and what waits),
 * a line's console (tickets, voicemails, calls), a ticket's page and its actions, a caller's
 * history, voicemail audio. Pages work without JavaScript; console.client.js only refreshes.
 */
export async function registerConsole(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();
  registerConsoleAssets(app);

  web.get(HOME_PATH, async (request, reply) => {
    const lines = await listAgentLines(db, callerOf(request), new Date());
    return reply.page('Accueil téléphonique', <HomePage lines={lines} />);
  });

  web.get(
    '/accueil/lignes/:lineId',
    { schema: { params: lineParams, querystring: consoleQuery } },
    async (request, reply) => {
      const filter = request.query.rappels ?? 'ouverts';
      const view = await viewConsole(db, callerOf(request), request.params.lineId, filter, new Date());
      return reply.page(
        `Console – ${view.line.name}`,
        <ConsolePage view={view} csrfToken={reply.csrfToken()} />,
      );
    },
  );

  // One ticket

  const renderTicket = async (
    request: FastifyRequest,
    reply: FastifyReply,
    params: { lineId: string; ticketId: string },
    forms: Partial<TicketForms> = {},
    status = 200,
  ) => {
    const page = await viewTicket(db, callerOf(request), params.lineId, params.ticketId);
    return reply.page(
      `Rappel du ${phoneText(page.ticket.callerNumber)} – ${page.line.name}`,
      <TicketPageView
        page={page}
        forms={{
          attempt: forms.attempt ?? emptyForm(),
          note: forms.note ?? emptyForm(),
          assign: forms.assign ?? emptyForm(),
        }}
        csrfToken={reply.csrfToken()}
        now={new Date()}
      />,
      status,
    );
  };

  /** Runs a ticket action, then back to the ticket: its message on success, the conflict's otherwise. */
  const act = async (
    reply: FastifyReply,
    params: { lineId: string; ticketId: string },
    action: () => Promise<string>,
    anchor = '',
  ) => {
    try {
      reply.flash('success', await action());
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
      reply.flash('error', error.message);
    }
    return reply.redirect(`${ticketPath(params.lineId, params.ticketId)}${anchor}`, 303);
  };

  const ticketRoute = '/accueil/lignes/:lineId/rappels/:ticketId';

  web.get(ticketRoute, { schema: { params: ticketParams } }, async (request, reply) =>
    renderTicket(request, reply, request.params),
  );

  web.post(`${ticketRoute}/prendre`, { schema: { params: ticketParams } }, async (request, reply) => {
    const { lineId, ticketId } = request.params;
    return act(reply, request.params, async () => {
      await takeTicket(db, callerOf(request), lineId, ticketId, new Date());
      return 'Ce rappel est à vous : il est « en cours ».';
    });
  });

  web.post(`${ticketRoute}/attribuer`, { schema: { params: ticketParams } }, async (request, reply) => {
    const { lineId, ticketId } = request.params;
    const parsed = parseForm(assignForm, request.body);
    if (!parsed.ok) return renderTicket(request, reply, request.params, { assign: parsed.form }, 400);
    try {
      return await act(reply, request.params, async () => {
        const { assignee } = await assignTicket(
          db,
          callerOf(request),
          lineId,
          ticketId,
          parsed.data.agent,
          new Date(),
        );
        return `Rappel attribué à ${assignee.firstName} ${assignee.lastName}.`;
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'validation') {
        return renderTicket(
          request,
          reply,
          request.params,
          { assign: { values: parsed.data, errors: error.fields } },
          400,
        );
      }
      throw error;
    }
  });

  web.post(`${ticketRoute}/tentatives`, { schema: { params: ticketParams } }, async (request, reply) => {
    const { lineId, ticketId } = request.params;
    const parsed = parseForm(attemptForm, request.body);
    if (!parsed.ok) return renderTicket(request, reply, request.params, { attempt: parsed.form }, 400);
    return act(reply, request.params, async () => {
      const attempt = { result: parsed.data.resultat, note: parsed.data.note };
      const row = await recordAttempt(db, callerOf(request), lineId, ticketId, attempt, new Date());
      return attemptMessage(attempt.result, row);
    });
  });

  web.post(`${ticketRoute}/notes`, { schema: { params: ticketParams } }, async (request, reply) => {
    const { lineId, ticketId } = request.params;
    const parsed = parseForm(noteForm, request.body);
    if (!parsed.ok) return renderTicket(request, reply, request.params, { note: parsed.form }, 400);
    return act(
      reply,
      request.params,
      async () => {
        await addTicketNote(db, callerOf(request), lineId, ticketId, parsed.data.texte, new Date());
        return 'Note ajoutée au suivi du rappel.';
      },
      '#suivi-titre',
    );
  });

  web.post(`${ticketRoute}/rouvrir`, { schema: { params: ticketParams } }, async (request, reply) => {
    const { lineId, ticketId } = request.params;
    return act(reply, request.params, async () => {
      await reopenTicket(db, callerOf(request), lineId, ticketId, new Date());
      return 'Rappel rouvert : il est de nouveau « à rappeler ».';
    });
  });

  // Callers and voicemails

  web.get(
    '/accueil/lignes/:lineId/appelants/:number',
    { schema: { params: callerParams } },
    async (request, reply) => {
      const page = await viewCallerHistory(
        db,
        callerOf(request),
        request.params.lineId,
        request.params.number,
      );
      return reply.page(
        `Appelant ${phoneText(page.number)} – ${page.line.name}`,
        <CallerPageView page={page} />,
      );
    },
  );

  web.get(
    '/accueil/lignes/:lineId/messages/:voicemailId.wav',
    { schema: { params: voicemailParams, querystring: audioQuery } },
    async (request, reply) => {
      const download = request.query.telecharger !== undefined;
      const rangeHeader = download ? undefined : request.headers.range;
      // A browser playing a message asks for bytes=0- first, then for further ranges when seeking:
      // one playback is one line of the audit trail.
      const audited = !rangeHeader || /^bytes=0-/.test(rangeHeader.trim());
      const { voicemail, wav } = await listenToVoicemail(
        db,
        callerOf(request),
        request.params.lineId,
        request.params.voicemailId,
        {
          mode: download ? 'telechargement' : 'ecoute',
          audited,
        },
      );
      reply
        .header('content-type', 'audio/wav')
        .header('cache-control', 'private, no-store')
        .header('accept-ranges', 'bytes')
        .header(
          'content-disposition',
          `${download ? 'attachment' : 'inline'}; filename="${wavName(voicemail.recordedAt)}"`,
        );
      const range = byteRange(rangeHeader, wav.length);
      if (range === 'invalid')
        return reply.status(416).header('content-range', `bytes */${wav.length}`).send();
      if (range) {
        return reply
          .status(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${wav.length}`)
          .send(wav.subarray(range.start, range.end + 1));
      }
      return reply.send(wav);
    },
  );

  web.post(
    '/accueil/lignes/:lineId/messages/:voicemailId/traite',
    { schema: { params: voicemailParams } },
    async (request, reply) => {
      const { lineId, voicemailId } = request.params;
      try {
        await markVoicemailHandled(db, callerOf(request), lineId, voicemailId, new Date());
        reply.flash('success', 'Message marqué comme traité.');
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
        reply.flash('info', error.message);
      }
      return reply.redirect(`${linePath(lineId)}#messages`, 303);
    },
  );
}
