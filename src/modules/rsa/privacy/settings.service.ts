import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Membership } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { canRsa } from '../policy.ts';
import {
  countStoredNirs,
  eraseStoredNirs,
  type RsaSettings,
  rsaSettingsOf,
  saveRsaSettings,
} from './settings.repository.ts';

export type SettingsOrganisation = { id: string; name: string; territoryId: string | null };

/**
 * The organisation whose RSA settings the caller opens: the one they work in now. Null when they
 * belong to none; 404 (the attempt audited) when they may not configure it (admins only).
 */
export async function openRsaSettings(
  db: Db,
  caller: Caller,
  current: Membership | null,
): Promise<{ organisation: SettingsOrganisation; settings: RsaSettings; storedNirs: number } | null> {
  if (!current) return null;
  const organisation = {
    id: current.organisationId,
    name: current.organisationName,
    territoryId: current.territoryId,
  };
  if (
    !canRsa(caller.actor, 'rsa.configure', {
      organisationId: organisation.id,
      territoryId: organisation.territoryId,
    })
  ) {
    await recordAudit(db, caller.audit, {
      action: 'denied',
      resourceType: 'rsa_settings',
      resourceId: organisation.id,
      organisationId: organisation.id,
      territoryId: organisation.territoryId,
    });
    throw notFound();
  }
  const settings = await rsaSettingsOf(db, organisation.id);
  const storedNirs = settings.nirEnabled ? await countStoredNirs(db, organisation.id) : 0;
  return { organisation, settings, storedNirs };
}

export type SettingsOutcome =
  | { kind: 'saved'; erasedNirs: number }
  /** Switching the NIR off would erase stored numbers: the admin must confirm first. */
  | { kind: 'confirm'; storedNirs: number };

/**
 * Saves the organisation's RSA settings. Switching the NIR off erases every NIR stored for the
 * organisation's beneficiaries, in the same transaction — once the admin confirmed, having been told
 * how many. The change (before, after, numbers erased) goes to the audit trail.
 */
export async function changeRsaSettings(
  db: Db,
  caller: Caller,
  organisation: SettingsOrganisation,
  wanted: RsaSettings,
  confirmed: boolean,
  now: Date,
): Promise<SettingsOutcome> {
  const before = await rsaSettingsOf(db, organisation.id);
  const switchingNirOff = before.nirEnabled && !wanted.nirEnabled;
  if (switchingNirOff && !confirmed) {
    const storedNirs = await countStoredNirs(db, organisation.id);
    if (storedNirs > 0) return { kind: 'confirm', storedNirs };
  }
  return db.transaction(async (tx) => {
    await saveRsaSettings(tx, organisation.id, wanted, now);
    const erasedNirs = switchingNirOff ? await eraseStoredNirs(tx, organisation.id, now) : 0;
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'rsa_settings',
      resourceId: organisation.id,
      organisationId: organisation.id,
      territoryId: organisation.territoryId,
      details: { before, after: wanted, erasedNirs },
    });
    return { kind: 'saved' as const, erasedNirs };
  });
}
