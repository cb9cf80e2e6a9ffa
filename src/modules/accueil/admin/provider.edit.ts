import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { membershipIn } from '../../../platform/auth/permissions.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { type Line, lines } from '../tables.ts';
import type { FormValues } from './form-reading.ts';

/**
 * The secret a hosted voice provider signs its webhooks with (its account's auth token): set it to let
 * the provider drive the line's calls, clear it to refuse them. The value is never shown again nor
 * written to the audit trail; the trail only says it was set or cleared.
 */
export type ProviderResult = { ok: true; cleared: boolean } | { ok: false; errors: Record<string, string> };

export async function changeProviderSecret(
  db: Db,
  caller: Caller,
  line: Line,
  values: FormValues,
  now: Date,
): Promise<ProviderResult> {
  const clear = values.effacer === 'oui';
  const secret = values.secret?.trim() ?? '';
  if (!clear && (secret.length < 16 || secret.length > 200 || /\s/.test(secret))) {
    return {
      ok: false,
      errors: {
        secret:
          'Collez le jeton d’authentification du compte chez le fournisseur : de 16 à 200 caractères, sans espace.',
      },
    };
  }
  await db.transaction(async (tx) => {
    await tx
      .update(lines)
      .set({ webhookSecret: clear ? null : secret, updatedAt: now })
      .where(eq(lines.id, line.id));
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'accueil_line',
      resourceId: line.id,
      organisationId: line.organisationId,
      territoryId: membershipIn(caller.actor, line.organisationId)?.territoryId ?? null,
      details: { change: clear ? 'secret du fournisseur effacé' : 'secret du fournisseur enregistré' },
    });
  });
  return { ok: true, cleared: clear };
}
