import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { findLine } from '../lines.repository.ts';
import { type AccueilAction, canAccueil } from '../policy.ts';
import type { Line } from '../tables.ts';

export const LINE_NOT_FOUND = 'Cette ligne n’existe pas ou vous n’y avez pas accès.';

/**
 * The line a prompts page is about. Outside its organisation the line does not exist (404, and the
 * attempt is audited as denied); a member who may not do `action` (a read-only member, an agent on
 * the admin's pages) is refused with 403.
 */
export async function openLine(db: Db, caller: Caller, lineId: string, action: AccueilAction): Promise<Line> {
  const line = isUuid(lineId) ? await findLine(db, lineId) : undefined;
  if (!line || !canAccueil(caller.actor, 'accueil.stats', line)) {
    if (line) await denied(db, caller, line, action);
    throw notFound(LINE_NOT_FOUND);
  }
  if (!canAccueil(caller.actor, action, line)) {
    await denied(db, caller, line, action);
    throw forbidden(
      action === 'accueil.configure'
        ? 'Seuls les administrateurs de la ligne modifient ses annonces.'
        : 'Seuls les agents de la ligne écoutent ses annonces.',
    );
  }
  return line;
}

async function denied(db: Db, caller: Caller, line: Line, action: AccueilAction): Promise<void> {
  await recordAudit(db, caller.audit, {
    action: 'denied',
    resourceType: 'accueil_line',
    resourceId: line.id,
    organisationId: line.organisationId,
    details: { wanted: action },
  });
}
