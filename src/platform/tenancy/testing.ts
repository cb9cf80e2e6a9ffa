import { and, asc, eq } from 'drizzle-orm';
import { auditEvents } from '../audit/tables.ts';
import type { MembershipRole } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { emailsQueuedFor } from '../messaging/testing.ts';
import { newAgent, newOrganisation, newTerritory, signInAs } from '../testing/factories.ts';
import type { TestContext } from '../testing/harness.ts';

/** Test helpers for the administration pages. */

/** A real 1 × 1 PNG (one transparent pixel), 68 bytes. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

export function get(t: TestContext, url: string, cookie?: string) {
  return t.app.inject({ url, headers: cookie ? { cookie } : {} });
}

/** An organisation in its own territory, with one signed-in agent per role. */
export async function organisationWithStaff(db: Db, values: { kind?: 'uts' | 'ccas' | 'service' } = {}) {
  const territory = await newTerritory(db);
  const organisation = await newOrganisation(db, {
    territoryId: territory.id,
    kind: values.kind ?? 'service',
  });
  const staff = {} as Record<MembershipRole, { id: string; email: string; cookie: string }>;
  for (const role of ['admin', 'agent', 'readonly'] as const) {
    const agent = await newAgent(db, { memberships: [{ organisationId: organisation.id, role }] });
    staff[role] = { id: agent.id, email: agent.email, cookie: await signInAs(db, agent.id) };
  }
  return { territory, organisation, ...staff };
}

export async function signedInOperator(db: Db) {
  const operator = await newAgent(db, { isOperator: true });
  return { ...operator, cookie: await signInAs(db, operator.id) };
}

export async function auditTrail(
  db: Db,
  where: { action?: string; resourceType?: string; resourceId?: string; actorId?: string },
) {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        where.action ? eq(auditEvents.action, where.action) : undefined,
        where.resourceType ? eq(auditEvents.resourceType, where.resourceType) : undefined,
        where.resourceId ? eq(auditEvents.resourceId, where.resourceId) : undefined,
        where.actorId ? eq(auditEvents.actorId, where.actorId) : undefined,
      ),
    )
    .orderBy(asc(auditEvents.id));
}

/** The emails queued for an address, newest first, rendered (subject, text) as they are sent. */
export async function emailsTo(t: TestContext, address: string) {
  return emailsQueuedFor(t.platform, address);
}

/** The text of the first per-field error message of a rendered form field. */
export function fieldError(html: string, field: string): string | undefined {
  const match = new RegExp(`id="champ-${field}-erreur">([^<]*)<`).exec(html);
  return match?.[1];
}
