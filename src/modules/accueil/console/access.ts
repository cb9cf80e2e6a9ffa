import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { type AccueilAction, canAccueil } from '../policy.ts';
import { type ConsoleLine, findConsoleLine } from './console.repository.ts';

export const LINE_NOT_FOUND = 'Cette ligne n’existe pas ou vous n’y avez pas accès.';

/**
 * The line a console page is about. Read-only members, other organisations and unknown ids all get
 * the same 404, so nothing tells a line exists; an existing line refused is audited as denied.
 */
export async function openLine(
  db: Db,
  caller: Caller,
  lineId: string,
  action: AccueilAction = 'accueil.console',
): Promise<ConsoleLine> {
  const line = isUuid(lineId) ? await findConsoleLine(db, lineId) : undefined;
  if (!line) throw notFound(LINE_NOT_FOUND);
  if (!canAccueil(caller.actor, action, line)) {
    await recordAudit(db, caller.audit, {
      action: 'denied',
      resourceType: 'accueil_line',
      resourceId: line.id,
      organisationId: line.organisationId,
      territoryId: line.territoryId,
      details: { wanted: action },
    });
    throw notFound(LINE_NOT_FOUND);
  }
  return line;
}
