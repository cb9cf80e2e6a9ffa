import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client.ts';
import { openTestDatabase } from '../testing/harness.ts';
import { recordAudit, systemActor } from './audit.ts';
import { auditEvents } from './tables.ts';

describe('audit_events is append-only', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let db: Db;
  let id: number;
  beforeAll(async () => {
    database = await openTestDatabase();
    db = database.database.db;
    await recordAudit(db, systemActor, { action: 'read', resourceType: 'beneficiary', resourceId: 'b-1' });
    [{ id }] = (await db.select({ id: auditEvents.id }).from(auditEvents)) as [{ id: number }];
  });
  afterAll(() => database.drop());

  it('refuses UPDATE', async () => {
    await expect(
      db.update(auditEvents).set({ actorLabel: 'quelqu’un d’autre' }).where(eq(auditEvents.id, id)),
    ).rejects.toThrow();
  });

  it('refuses DELETE', async () => {
    await expect(db.delete(auditEvents).where(eq(auditEvents.id, id))).rejects.toThrow();
  });

  it('refuses TRUNCATE', async () => {
    await expect(db.execute(sql`truncate audit_events`)).rejects.toThrow();
  });

  it('still holds the event unchanged', async () => {
    const rows = await db.select().from(auditEvents);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id, actorLabel: 'système', resourceId: 'b-1' });
  });
});
