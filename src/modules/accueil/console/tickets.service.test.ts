import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../platform/audit/audit.ts';
import { findActiveActor } from '../../../platform/auth/actor.repository.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { accueilModule } from '../index.ts';
import { ticketEvents, tickets } from '../tables.ts';
import { type AccueilWorld, accueilWorld } from '../testing.ts';
import { newTicket } from './testing.ts';
import { recordAttempt, takeTicket } from './tickets.service.ts';

/**
 * The ticket changes called at the same moment, straight through the services (no page load in
 * between), so that on PostgreSQL the two updates really meet on the row.
 */
describe('tickets changed by two agents at once', () => {
  let t: TestContext;
  let w: AccueilWorld;
  let agent: Caller;
  let admin: Caller;
  const db = () => t.platform.database.db;

  beforeAll(async () => {
    t = await startTestApp({}, [accueilModule]);
    w = await accueilWorld(db());
    agent = { actor: (await findActiveActor(db(), w.agent.id))!, audit: systemActor };
    admin = { actor: (await findActiveActor(db(), w.admin.id))!, audit: systemActor };
  });

  afterAll(async () => {
    await t?.close();
  });

  it('« je prends »: one gets the ticket, the other a conflict naming who has it', async () => {
    for (let round = 0; round < 5; round++) {
      const ticket = await newTicket(db(), w.line);
      const now = new Date();
      const results = await Promise.allSettled([
        takeTicket(db(), agent, w.line.id, ticket.id, now),
        takeTicket(db(), admin, w.line.id, ticket.id, now),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
      expect((lost[0] as PromiseRejectedResult).reason.message).toMatch(
        /^(Karim|Sabine) .* a déjà pris ce rappel/,
      );
      const events = await db().select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id));
      expect(events).toHaveLength(1);
    }
  });

  it('three failed attempts recorded at once all count, and the ticket ends unreachable', async () => {
    const ticket = await newTicket(db(), w.line);
    const now = new Date();
    await Promise.all([
      recordAttempt(db(), agent, w.line.id, ticket.id, { result: 'pas_de_reponse' }, now),
      recordAttempt(db(), admin, w.line.id, ticket.id, { result: 'messagerie' }, now),
      recordAttempt(db(), agent, w.line.id, ticket.id, { result: 'pas_de_reponse' }, now),
    ]);
    const [row] = await db().select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row).toMatchObject({ attempts: 3, status: 'injoignable' });
    const events = await db().select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id));
    expect(events.filter((e) => e.kind === 'tentative')).toHaveLength(3);
    expect(events.filter((e) => e.kind === 'statut')).toHaveLength(1);
  });
});
