import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SignedIn } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { invalid, unauthenticated } from '../errors.ts';
import { parseForm } from '../web/forms.ts';
import { actorOf } from './audit.ts';
import { browseJournal, exportJournal, openJournal } from './journal.service.ts';
import { journalFilterSchema, toJournalFilter } from './journal-filter.ts';
import { JOURNAL_PATH, JournalPage } from './views/journal.tsx';

function signedIn(request: FastifyRequest): SignedIn {
  if (!request.auth) throw unauthenticated();
  return request.auth;
}

/** The journal pages: the form's filters are in the query string, so a filtered view is a link one can share. */
export async function registerJournalPages(app: FastifyInstance, db: Db): Promise<void> {
  app.get(JOURNAL_PATH, async (request, reply) => {
    const { actor } = signedIn(request);
    const auditActor = actorOf(request);
    await openJournal(db, actor, auditActor);
    const parsed = parseForm(journalFilterSchema, request.query);
    if (!parsed.ok) {
      return reply.page(
        'Journal d’audit',
        <JournalPage form={parsed.form} filter={null} events={[]} nextBeforeId={null} isFirstPage />,
        400,
      );
    }
    const filter = toJournalFilter(parsed.data);
    const { events, nextBeforeId } = await browseJournal(db, actor, auditActor, filter, parsed.data.avant);
    // The form shows the filter as understood: dates as yyyy-mm-dd, which is what a date field expects.
    const values = {
      acteur: filter.actor,
      action: filter.action,
      ressource: filter.resourceType,
      identifiant: filter.resourceId,
      du: filter.from,
      au: filter.to,
    };
    return reply.page(
      'Journal d’audit',
      <JournalPage
        form={{ values, errors: {} }}
        filter={filter}
        events={events}
        nextBeforeId={nextBeforeId}
        isFirstPage={parsed.data.avant === undefined}
      />,
    );
  });

  app.get(`${JOURNAL_PATH}/export.csv`, async (request, reply) => {
    const { actor } = signedIn(request);
    const auditActor = actorOf(request);
    await openJournal(db, actor, auditActor);
    const parsed = parseForm(journalFilterSchema, request.query);
    if (!parsed.ok) throw invalid(parsed.form.errors, 'Les filtres de l’export ne sont pas valides.');
    const lines = await exportJournal(db, actor, auditActor, toJournalFilter(parsed.data));
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="journal-audit-${stamp}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(lines));
  });
}
