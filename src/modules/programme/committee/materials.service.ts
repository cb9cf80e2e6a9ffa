import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { conflict, forbidden, invalid } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import type { UploadedFile } from '../../../platform/web/uploads.ts';
import { canWorkOnProject } from '../policy.ts';
import type { CommitteeDossier, ItemView } from './access.ts';
import { materialsFileOf, setMaterials } from './committee.repository.ts';

/**
 * The team's materials for the committee: a summary, a link and/or one file. Due on D-7; a later
 * deposit is accepted and shown « en retard » (the deposit time is the last submission's, since the
 * members read what was there on D-7). Members, staff and the team download the file.
 */

export const MAX_MATERIALS_BYTES = 10 * 1024 * 1024;

/**
 * The formats a committee reads without special software. The type stored (and served) comes from
 * the extension, checked against the file's first bytes, never from what the browser announced.
 */
const formats: Record<string, { contentType: string; magic: string }> = {
  pdf: { contentType: 'application/pdf', magic: '%PDF-' },
  odp: { contentType: 'application/vnd.oasis.opendocument.presentation', magic: 'PK\u0003\u0004' },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', magic: 'PK\u0003\u0004' },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    magic: 'PK\u0003\u0004',
  },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: 'PK\u0003\u0004',
  },
};

export const ACCEPTED_EXTENSIONS = Object.keys(formats).map((e) => `.${e}`);

/** The file as stored, or the message for the file field. */
export function checkMaterialsFile(
  file: UploadedFile,
): { ok: true; name: string; contentType: string } | { ok: false; error: string } {
  if (file.tooLarge) return { ok: false, error: 'Ce fichier dépasse 10 Mo : allégez-le ou déposez un lien.' };
  const extension = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase() ?? '';
  const format = formats[extension];
  if (!format) return { ok: false, error: 'Déposez un fichier PDF, ODP, PPTX, ODT ou DOCX.' };
  if (file.data.subarray(0, format.magic.length).toString('latin1') !== format.magic)
    return {
      ok: false,
      error: `Ce fichier n’est pas un ${extension.toUpperCase()} lisible : exportez-le à nouveau.`,
    };
  // Keep the name readable in a download header: no path, no control characters.
  const name = [...file.filename.replace(/^.*[\\/]/, '')]
    .filter((c) => c.charCodeAt(0) >= 32 && c !== '"')
    .join('')
    .slice(-200);
  return { ok: true, name, contentType: format.contentType };
}

export type MaterialsInput = {
  summary: string;
  link: string;
  file: { data: Buffer; name: string; contentType: string } | null;
};

export async function submitMaterials(
  db: Db,
  caller: Caller,
  dossier: CommitteeDossier,
  item: ItemView,
  input: MaterialsInput,
  now: Date,
): Promise<void> {
  if (!canWorkOnProject(caller.actor, item.facts))
    throw forbidden('Seule l’équipe du projet (et son coach) dépose ses documents.');
  if (dossier.committee.minutesPublishedAt || item.decision)
    throw conflict('La décision est prise : les documents ne peuvent plus être changés.');
  if (!input.summary && !input.link && !input.file && !item.materialsFileName)
    throw invalid({ resume: 'Déposez au moins un résumé, un lien ou un fichier.' });
  await db.transaction(async (tx) => {
    await setMaterials(tx, item.id, { ...input, by: caller.actor.agentId, at: now });
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'programme_committee_item',
      resourceId: item.id,
      organisationId: dossier.facts.incubatorOrganisationId,
      territoryId: item.project.territoryId,
      details: { materials: true, file: input.file?.name ?? null },
    });
  });
}

/** The file, for whoever sees the item (the dossier has already left out other teams' items). */
export async function downloadMaterials(db: Db, caller: Caller, dossier: CommitteeDossier, item: ItemView) {
  const file = await materialsFileOf(db, item.id);
  if (!file) return null;
  await recordAudit(db, caller.audit, {
    action: 'read',
    resourceType: 'programme_committee_item',
    resourceId: item.id,
    organisationId: dossier.facts.incubatorOrganisationId,
    territoryId: item.project.territoryId,
    details: { download: file.name },
  });
  return file;
}
