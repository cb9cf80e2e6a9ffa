import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, recordAudit } from '../../../platform/audit/audit.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { requireSignedIn } from '../../../platform/auth/require.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { emptyForm, type FormState } from '../../../platform/web/components.tsx';
import { acceptUploads, uploadedFile } from '../../../platform/web/uploads.ts';
import { canRsa } from '../policy.ts';
import { nirEnabledFor } from './import.repository.ts';
import {
  abandonImport,
  confirmImport,
  describeFile,
  type ImportCaller,
  importableOrganisations,
  importFor,
  MAX_IMPORT_BYTES,
  recentImports,
  remapImport,
  startImport,
} from './import.service.ts';
import { ImportPage } from './views/import.tsx';
import { importPath } from './views/parts.tsx';
import { UploadPage } from './views/upload.tsx';

const idParams = z.object({ id: z.string().min(1).max(100) });
const mappingBody = z.record(z.string(), z.union([z.string().max(300), z.array(z.string().max(300))]));

function callerOf(request: FastifyRequest): ImportCaller & { actor: Actor } {
  return { actor: requireSignedIn(request).actor, audit: actorOf(request) };
}

/** One line per rejection, `;`-separated with a BOM so that Excel opens it in French. */
function rejectionsCsv(rejections: { line: number; reason: string }[]): string {
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  return `\uFEFFligne;motif\r\n${rejections.map((r) => `${r.line};${quote(r.reason)}`).join('\r\n')}\r\n`;
}

/**
 * /rsa/import: drop a list, check its preview, fix its columns, confirm (a background job applies it,
 * the page shows the progress), read the report. Thin: each route calls one use-case.
 */
export async function registerImport(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();

  const renderUpload = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    status = 200,
  ) => {
    const { actor } = callerOf(request);
    const organisations = await importableOrganisations(db, actor);
    const current = request.auth?.currentOrganisation?.organisationSlug;
    const values = { organisation: organisations.some((o) => o.slug === current) ? current : undefined };
    return reply.page(
      'Importer une liste d’allocataires',
      <UploadPage
        organisations={organisations}
        form={{ values: { ...values, ...form.values }, errors: form.errors }}
        csrfToken={reply.csrfToken()}
        imports={await recentImports(db, actor)}
      />,
      status,
    );
  };

  web.get('/rsa/import', async (request, reply) => renderUpload(request, reply, emptyForm()));

  // Only this scope parses multipart/form-data (platform/web/uploads.ts); the CSRF check runs before.
  await app.register(async (scope) => {
    await acceptUploads(scope, {
      maxFileBytes: MAX_IMPORT_BYTES,
      maxRequestBytes: MAX_IMPORT_BYTES + 65_536,
    });
    scope.withTypeProvider<ZodTypeProvider>().post('/rsa/import', async (request, reply) => {
      const caller = callerOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const slug = typeof body.organisation === 'string' ? body.organisation : '';
      const values = { organisation: slug };
      const refuse = (errors: Record<string, string>) =>
        renderUpload(request, reply, { values, errors }, 400);
      const organisation = (await importableOrganisations(db, caller.actor)).find((o) => o.slug === slug);
      if (!organisation) return refuse({ organisation: 'Choisissez l’organisation qui importe la liste.' });
      const file = uploadedFile(request.body, 'fichier');
      if (!file || file.data.length === 0) return refuse({ fichier: 'Choisissez le fichier à importer.' });
      if (file.tooLarge)
        return refuse({ fichier: 'Ce fichier dépasse 20 Mo : découpez-le en plusieurs fichiers.' });
      try {
        const created = await startImport(db, caller, {
          organisation,
          fileName: file.filename || 'fichier',
          content: file.data,
          now: new Date(),
        });
        return reply.redirect(importPath(created.id), 303);
      } catch (error) {
        if (error instanceof AppError && error.code === 'validation') return refuse(error.fields);
        throw error;
      }
    });
  });

  const renderImport = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: FormState = emptyForm(),
    status = 200,
  ) => {
    const caller = callerOf(request);
    const { item, organisation } = await importFor(db, caller, id, 'rsa.view');
    // The rejections quote personal data: each reading is audited, except the progress page's
    // automatic refreshes, which show only counts.
    if (item.state !== 'applying') {
      await recordAudit(db, caller.audit, {
        action: 'read',
        resourceType: 'rsa_import',
        resourceId: id,
        organisationId: organisation.id,
        territoryId: organisation.territoryId,
      });
    }
    // While the job applies the file, the browser asks again every 2 s (no JavaScript needed).
    if (item.state === 'applying') reply.header('refresh', `2; url=${importPath(id)}`);
    return reply.page(
      `Import de « ${item.fileName} »`,
      <ImportPage
        item={item}
        organisation={organisation}
        file={item.state === 'preview' ? await describeFile(db, id) : null}
        nirEnabled={await nirEnabledFor(db, organisation.id)}
        mayManage={canRsa(caller.actor, 'rsa.manage', {
          organisationId: organisation.id,
          territoryId: organisation.territoryId,
        })}
        csrfToken={reply.csrfToken()}
        form={form}
      />,
      status,
    );
  };

  web.get('/rsa/import/:id', { schema: { params: idParams } }, async (request, reply) =>
    renderImport(request, reply, request.params.id),
  );

  web.post(
    '/rsa/import/:id/colonnes',
    { schema: { params: idParams, body: mappingBody } },
    async (request, reply) => {
      const choice: Record<string, string> = {};
      for (const [key, value] of Object.entries(request.body)) {
        choice[key] = Array.isArray(value) ? (value.at(-1) ?? '') : value;
      }
      await remapImport(db, callerOf(request), request.params.id, choice, new Date());
      reply.flash('success', 'Colonnes enregistrées : voici le nouvel aperçu.');
      return reply.redirect(importPath(request.params.id), 303);
    },
  );

  web.post('/rsa/import/:id/confirmer', { schema: { params: idParams } }, async (request, reply) => {
    const { id } = request.params;
    try {
      await confirmImport(platform, callerOf(request), id, new Date());
    } catch (error) {
      if (error instanceof AppError && error.code === 'validation')
        return renderImport(request, reply, id, { values: {}, errors: error.fields }, 400);
      throw error;
    }
    return reply.redirect(importPath(id), 303);
  });

  web.post('/rsa/import/:id/abandonner', { schema: { params: idParams } }, async (request, reply) => {
    await abandonImport(db, callerOf(request), request.params.id);
    reply.flash('info', 'Import abandonné : rien n’a été enregistré.');
    return reply.redirect('/rsa/import', 303);
  });

  web.get('/rsa/import/:id/rejets.csv', { schema: { params: idParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const { item, organisation } = await importFor(db, caller, request.params.id, 'rsa.view');
    await recordAudit(db, caller.audit, {
      action: 'export',
      resourceType: 'rsa_import',
      resourceId: item.id,
      organisationId: organisation.id,
      territoryId: organisation.territoryId,
      details: { rejections: item.rejections.length },
    });
    const name = `lignes-ecartees-${item.fileName.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]+/g, '-')}.csv`;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(rejectionsCsv(item.rejections));
  });
}
