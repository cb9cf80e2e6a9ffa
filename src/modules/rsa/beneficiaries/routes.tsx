import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../../platform/audit/audit.ts';
import { AppError, invalid, unauthenticated } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { localDayOf } from '../../../platform/scheduling/agenda/week-grid.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { emptyForm, type FormState } from '../../../platform/web/components.tsx';
import { parseForm } from '../../../platform/web/forms.ts';
import { openBeneficiary } from '../access.ts';
import { statusLabels } from '../status.ts';
import { editBeneficiary, editChoicesFor, formValuesOf } from './edit.service.ts';
import { csvLines, xlsxFile } from './export.ts';
import { browseBeneficiaries, exportBeneficiaries, nonInvitedOf } from './list.service.ts';
import { addNote, changeFileStatus, viewBeneficiary } from './record.service.ts';
import {
  editForm,
  idParams,
  type ListQuery,
  listQuery,
  listSearch,
  noteForm,
  statusForm,
} from './schemas.ts';
import { BulkInvitePage } from './views/bulk.tsx';
import { EditPage } from './views/edit.tsx';
import { ListPage } from './views/list.tsx';
import { beneficiaryPath, LIST_PATH, personName } from './views/parts.tsx';
import { PersonPage } from './views/person.tsx';

function callerOf(request: FastifyRequest): Caller {
  if (!request.auth) throw unauthenticated();
  return { actor: request.auth.actor, audit: actorOf(request) };
}

/** The filter of an export or a bulk invitation: the list's, already checked on the list page. */
function checkedQuery(query: unknown): ListQuery {
  const parsed = parseForm(listQuery, query);
  if (!parsed.ok) throw invalid(parsed.form.errors, 'Les filtres de la liste ne sont pas valides.');
  return parsed.data;
}

const stamp = (now: Date) => localDayOf(now).replaceAll('-', '');

/**
 * The agents' pages about beneficiaries: the list by status with its filters, exports and bulk
 * invitation; a person's page with their timeline; editing, notes, closing and reopening the file.
 */
export async function registerBeneficiaries(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();
  const templates = platform.messaging.templates;

  web.get(LIST_PATH, async (request, reply) => {
    const caller = callerOf(request);
    const today = localDayOf(new Date());
    const parsed = parseForm(listQuery, request.query);
    const csrfToken = reply.csrfToken();
    if (!parsed.ok) {
      return reply.page(
        'Bénéficiaires du RSA',
        <ListPage
          form={parsed.form}
          query={null}
          view={null}
          today={today}
          csrfToken={csrfToken}
          here={request.url}
        />,
        400,
      );
    }
    const view = await browseBeneficiaries(db, caller, parsed.data);
    const values = Object.fromEntries(
      Object.entries({ ...parsed.data, page: undefined }).map(([k, v]) => [
        k,
        v === undefined ? undefined : String(v),
      ]),
    );
    const title = parsed.data.statut
      ? `Bénéficiaires du RSA – ${statusLabels[parsed.data.statut]}`
      : 'Bénéficiaires du RSA';
    return reply.page(
      view.pageCount > 1 ? `${title} – page ${view.page}` : title,
      <ListPage
        form={{ values, errors: {} }}
        query={parsed.data}
        view={view}
        today={today}
        csrfToken={csrfToken}
        here={`${LIST_PATH}${listSearch({ ...parsed.data, page: view.page > 1 ? view.page : undefined })}`}
      />,
    );
  });

  web.get(`${LIST_PATH}/export.csv`, async (request, reply) => {
    const caller = callerOf(request);
    const now = new Date();
    const rows = await exportBeneficiaries(db, caller, checkedQuery(request.query), 'csv');
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="beneficiaires-rsa-${stamp(now)}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(csvLines(rows, localDayOf(now))));
  });

  web.get(`${LIST_PATH}/export.xlsx`, async (request, reply) => {
    const caller = callerOf(request);
    const now = new Date();
    const rows = await exportBeneficiaries(db, caller, checkedQuery(request.query), 'xlsx');
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="beneficiaires-rsa-${stamp(now)}.xlsx"`)
      .header('cache-control', 'no-store')
      .send(xlsxFile(rows, localDayOf(now)));
  });

  web.get(`${LIST_PATH}/inviter-la-liste`, async (request, reply) => {
    const caller = callerOf(request);
    const query = checkedQuery(request.query);
    const { ids, total } = await nonInvitedOf(db, caller, query);
    return reply.page(
      'Inviter les personnes non invitées',
      <BulkInvitePage
        ids={ids}
        total={total}
        back={`${LIST_PATH}${listSearch({ ...query, page: undefined })}`}
        csrfToken={reply.csrfToken()}
      />,
    );
  });

  // One person

  const renderPerson = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    forms: { note?: FormState; status?: FormState } = {},
    status = 200,
  ) => {
    const caller = callerOf(request);
    const now = new Date();
    const page = await viewBeneficiary(db, caller, id, { now, templates });
    return reply.page(
      personName(page.beneficiary),
      <PersonPage
        page={page}
        today={localDayOf(now)}
        csrfToken={reply.csrfToken()}
        noteForm={forms.note ?? emptyForm()}
        statusForm={forms.status ?? emptyForm()}
      />,
      status,
    );
  };

  web.get('/rsa/beneficiaires/:id', { schema: { params: idParams } }, async (request, reply) =>
    renderPerson(request, reply, request.params.id),
  );

  const renderEdit = async (request: FastifyRequest, reply: FastifyReply, id: string, form?: FormState) => {
    const caller = callerOf(request);
    const beneficiary = await openBeneficiary(db, caller, id, 'rsa.manage');
    const choices = await editChoicesFor(db, caller, beneficiary);
    return reply.page(
      `Modifier le dossier de ${personName(beneficiary)}`,
      <EditPage
        beneficiary={beneficiary}
        choices={choices}
        form={form ?? emptyForm(formValuesOf(beneficiary, choices))}
        csrfToken={reply.csrfToken()}
      />,
      form ? 400 : 200,
    );
  };

  web.get('/rsa/beneficiaires/:id/modifier', { schema: { params: idParams } }, async (request, reply) =>
    renderEdit(request, reply, request.params.id),
  );

  web.post('/rsa/beneficiaires/:id/modifier', { schema: { params: idParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const { id } = request.params;
    const parsed = parseForm(editForm, request.body);
    if (!parsed.ok) {
      await openBeneficiary(db, caller, id, 'rsa.manage');
      return renderEdit(request, reply, id, parsed.form);
    }
    const now = new Date();
    try {
      const { changed } = await editBeneficiary(db, caller, id, parsed.data, { now, today: localDayOf(now) });
      reply.flash('success', changed.length ? 'Dossier enregistré.' : 'Aucune modification à enregistrer.');
      return reply.redirect(beneficiaryPath(id), 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'validation') {
        const values = Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, String(v)]));
        return renderEdit(request, reply, id, { values, errors: error.fields });
      }
      throw error;
    }
  });

  web.post('/rsa/beneficiaires/:id/notes', { schema: { params: idParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const { id } = request.params;
    const parsed = parseForm(noteForm, request.body);
    if (!parsed.ok) {
      await openBeneficiary(db, caller, id, 'rsa.manage');
      return renderPerson(request, reply, id, { note: parsed.form }, 400);
    }
    await addNote(db, caller, id, parsed.data.texte, new Date());
    reply.flash('success', 'Note ajoutée à l’historique.');
    return reply.redirect(`${beneficiaryPath(id)}#historique`, 303);
  });

  web.post('/rsa/beneficiaires/:id/statut', { schema: { params: idParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const { id } = request.params;
    const parsed = parseForm(statusForm, request.body);
    if (!parsed.ok) {
      await openBeneficiary(db, caller, id, 'rsa.manage');
      return renderPerson(request, reply, id, { status: parsed.form }, 400);
    }
    const change =
      parsed.data.action === 'clore'
        ? ({ action: 'clore', reason: parsed.data.motif } as const)
        : ({ action: 'rouvrir' } as const);
    const changed = await changeFileStatus(db, caller, id, change, new Date());
    reply.flash(
      changed ? 'success' : 'info',
      changed
        ? change.action === 'clore'
          ? 'Dossier clos. Ses invitations en cours sont arrêtées.'
          : 'Dossier rouvert : la personne est de nouveau à inviter.'
        : change.action === 'clore'
          ? 'Ce dossier était déjà clos.'
          : 'Ce dossier n’était pas clos.',
    );
    return reply.redirect(`${beneficiaryPath(id)}#statuts`, 303);
  });
}
