import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { beneficiaries, rsaSettings } from '../tables.ts';

/** An organisation's RSA settings; what rsaSettingsOf answers when it never saved any. */
export type RsaSettings = {
  invitationValidityDays: number;
  /** Days after sending, ascending, when a reminder goes out while nothing is booked. */
  reminderDays: number[];
  retentionMonths: number;
  nirEnabled: boolean;
};

/** The defaults of migration 0006 (rsa_settings' column defaults), for organisations without a row. */
export const DEFAULT_RSA_SETTINGS: RsaSettings = {
  invitationValidityDays: 10,
  reminderDays: [3, 7],
  retentionMonths: 24,
  nirEnabled: false,
};

/** The organisation's RSA settings, or the defaults when it has no row (a missing row means the defaults). */
export async function rsaSettingsOf(db: Db, organisationId: string): Promise<RsaSettings> {
  const [row] = await db
    .select({
      invitationValidityDays: rsaSettings.invitationValidityDays,
      reminderDays: rsaSettings.reminderDays,
      retentionMonths: rsaSettings.retentionMonths,
      nirEnabled: rsaSettings.nirEnabled,
    })
    .from(rsaSettings)
    .where(eq(rsaSettings.organisationId, organisationId));
  if (!row) return { ...DEFAULT_RSA_SETTINGS, reminderDays: [...DEFAULT_RSA_SETTINGS.reminderDays] };
  return { ...row, reminderDays: [...row.reminderDays].sort((a, b) => a - b) };
}

export async function saveRsaSettings(
  db: Db,
  organisationId: string,
  settings: RsaSettings,
  now: Date,
): Promise<void> {
  const values = { ...settings, updatedAt: now };
  await db
    .insert(rsaSettings)
    .values({ organisationId, ...values })
    .onConflictDoUpdate({ target: rsaSettings.organisationId, set: values });
}

/** How many of the organisation's beneficiaries have a NIR stored (shown before erasing them). */
export async function countStoredNirs(db: Db, organisationId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(beneficiaries)
    .where(and(eq(beneficiaries.organisationId, organisationId), isNotNull(beneficiaries.nir)));
  return Number(row?.count ?? 0);
}

/** Erases every NIR stored for the organisation's beneficiaries; returns how many were erased. */
export async function eraseStoredNirs(db: Db, organisationId: string, now: Date): Promise<number> {
  const rows = await db
    .update(beneficiaries)
    .set({ nir: null, updatedAt: now })
    .where(and(eq(beneficiaries.organisationId, organisationId), isNotNull(beneficiaries.nir)))
    .returning({ id: beneficiaries.id });
  return rows.length;
}
