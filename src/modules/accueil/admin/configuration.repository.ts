import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import type { FlowDefinition } from '../flow/types.ts';
import { type Line, lines, prompts } from '../tables.ts';

export type RetentionSettings = Pick<Line, 'audioRetentionDays' | 'numberRetentionDays' | 'callbackDueHours'>;

/**
 * The line as the admin last saw it: its updated_at within a millisecond of the version their form
 * carries (the database keeps microseconds, a JavaScript date milliseconds).
 */
const unchangedSince = (version: Date) =>
  sql`abs(extract(epoch from (${lines.updatedAt} - ${version.toISOString()}::timestamptz))) < 0.001`;

/** Saves the flow unless the line changed since `version`; false when it did (nothing written). */
export async function updateLineFlow(
  db: Db,
  lineId: string,
  version: Date,
  flow: FlowDefinition,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(lines)
    .set({ flow, updatedAt: now })
    .where(and(eq(lines.id, lineId), unchangedSince(version)))
    .returning({ id: lines.id });
  return rows.length === 1;
}

export async function updateLineRetention(
  db: Db,
  lineId: string,
  version: Date,
  settings: RetentionSettings,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(lines)
    .set({ ...settings, updatedAt: now })
    .where(and(eq(lines.id, lineId), unchangedSince(version)))
    .returning({ id: lines.id });
  return rows.length === 1;
}

/** The texts of the line's prompts by key (recorded ones keep the text they were described with). */
export async function promptTextsOf(
  db: Db,
  lineId: string,
): Promise<Record<string, { text: string; recorded: boolean }>> {
  const rows = await db
    .select({ key: prompts.key, text: prompts.text, source: prompts.source })
    .from(prompts)
    .where(eq(prompts.lineId, lineId));
  return Object.fromEntries(
    rows.map((r) => [r.key, { text: r.text, recorded: r.source === 'enregistrement' }]),
  );
}
