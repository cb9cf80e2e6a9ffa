import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import type { MediaAction } from '../calls/call-state.ts';
import { calls } from '../tables.ts';

/** What the webhooks need of a call: whose it is, the provider's id, and where it stands. */
export type WebhookCall = {
  id: string;
  lineId: string;
  externalId: string;
  ended: boolean;
  /** Events applied so far (calls.service's CallState.seq): the `n` of the addresses we handed out. */
  seq: number;
  /** The media actions last returned: what a retried request is answered with. */
  actions: MediaAction[];
};

const columns = {
  id: calls.id,
  lineId: calls.lineId,
  externalId: calls.externalId,
  endedAt: calls.endedAt,
  state: calls.state,
};

type Row = { id: string; lineId: string; externalId: string; endedAt: Date | null; state: unknown };

function toWebhookCall(row: Row): WebhookCall {
  const state = row.state as { seq?: number; actions?: MediaAction[] } | null;
  return {
    id: row.id,
    lineId: row.lineId,
    externalId: row.externalId,
    ended: row.endedAt !== null,
    seq: state?.seq ?? 0,
    actions: state?.actions ?? [],
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A call that came through the webhooks, by our id (anything that is not one of ours: undefined). */
export async function findWebhookCall(db: Db, id: string): Promise<WebhookCall | undefined> {
  if (!UUID.test(id)) return undefined;
  const [row] = await db
    .select(columns)
    .from(calls)
    .where(and(eq(calls.id, id), eq(calls.channel, 'webhook')))
    .limit(1);
  return row ? toWebhookCall(row) : undefined;
}

/** A line's call by the provider's id (CallSid). */
export async function findWebhookCallBySid(
  db: Db,
  lineId: string,
  callSid: string,
): Promise<WebhookCall | undefined> {
  const [row] = await db
    .select(columns)
    .from(calls)
    .where(and(eq(calls.channel, 'webhook'), eq(calls.externalId, callSid), eq(calls.lineId, lineId)))
    .limit(1);
  return row ? toWebhookCall(row) : undefined;
}
