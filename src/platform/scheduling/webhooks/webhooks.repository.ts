import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { webhookDeliveries, webhookEndpoints } from '../tables.ts';

/** An organisation's webhook endpoints and the deliveries made to them. */

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

export async function listActiveEndpointsOf(db: Db, organisationId: string): Promise<WebhookEndpoint[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.organisationId, organisationId), eq(webhookEndpoints.active, true)));
}

export async function listEndpointsOf(db: Db, organisationId: string): Promise<WebhookEndpoint[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.organisationId, organisationId))
    .orderBy(desc(webhookEndpoints.active), desc(webhookEndpoints.createdAt));
}

export async function findEndpointOf(
  db: Db,
  organisationId: string,
  endpointId: string,
): Promise<WebhookEndpoint | undefined> {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.organisationId, organisationId), eq(webhookEndpoints.id, endpointId)));
  return row;
}

export async function insertEndpoint(
  db: Db,
  values: { organisationId: string; url: string; secret: string },
): Promise<WebhookEndpoint> {
  const [row] = await db.insert(webhookEndpoints).values(values).returning();
  return row!;
}

export async function setEndpointActive(db: Db, endpointId: string, active: boolean): Promise<void> {
  await db.update(webhookEndpoints).set({ active }).where(eq(webhookEndpoints.id, endpointId));
}

export async function insertDeliveries(
  db: Db,
  rows: { endpointId: string; event: string; payload: unknown }[],
): Promise<{ id: string }[]> {
  if (!rows.length) return [];
  return db.insert(webhookDeliveries).values(rows).returning({ id: webhookDeliveries.id });
}

/** A delivery with what sending it needs: its endpoint's address, secret and state. */
export async function findDeliveryToSend(db: Db, deliveryId: string) {
  const [row] = await db
    .select({
      id: webhookDeliveries.id,
      event: webhookDeliveries.event,
      payload: webhookDeliveries.payload,
      status: webhookDeliveries.status,
      url: webhookEndpoints.url,
      secret: webhookEndpoints.secret,
      active: webhookEndpoints.active,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, deliveryId));
  return row;
}

export async function markDelivered(db: Db, deliveryId: string, statusCode: number, at: Date): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      status: 'delivered',
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastStatusCode: statusCode,
      lastError: null,
      deliveredAt: at,
    })
    .where(eq(webhookDeliveries.id, deliveryId));
}

/** One more failed attempt; the delivery stays 'pending' (a retry follows) unless `final`. */
export async function markAttemptFailed(
  db: Db,
  deliveryId: string,
  failure: { statusCode: number | null; error: string; final: boolean },
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastStatusCode: failure.statusCode,
      lastError: failure.error.slice(0, 500),
      ...(failure.final ? { status: 'failed' } : {}),
    })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'pending')));
}

/** Gives up on a delivery whose retries are all spent (dead-letter queue). */
export async function markFailed(db: Db, deliveryId: string): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status: 'failed' })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'pending')));
}

export async function listRecentDeliveriesOf(db: Db, organisationId: string, limit = 50) {
  return db
    .select({
      id: webhookDeliveries.id,
      endpointId: webhookDeliveries.endpointId,
      url: webhookEndpoints.url,
      event: webhookDeliveries.event,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      createdAt: webhookDeliveries.createdAt,
      deliveredAt: webhookDeliveries.deliveredAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookEndpoints.organisationId, organisationId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit);
}
