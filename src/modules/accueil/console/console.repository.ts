import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { agents, memberships, organisations } from '../../../platform/tenancy/tables.ts';
import { type Line, lines } from '../tables.ts';

/** A line as the console needs it: with its organisation's slug (booking links) and territory (audit). */
export type ConsoleLine = Omit<Line, 'webhookSecret'> & {
  organisationSlug: string;
  organisationName: string;
  territoryId: string | null;
};

export async function findConsoleLine(db: Db, lineId: string): Promise<ConsoleLine | undefined> {
  const [row] = await db
    .select({
      id: lines.id,
      organisationId: lines.organisationId,
      name: lines.name,
      number: lines.number,
      flow: lines.flow,
      audioRetentionDays: lines.audioRetentionDays,
      numberRetentionDays: lines.numberRetentionDays,
      callbackDueHours: lines.callbackDueHours,
      createdAt: lines.createdAt,
      updatedAt: lines.updatedAt,
      organisationSlug: organisations.slug,
      organisationName: organisations.name,
      territoryId: organisations.territoryId,
    })
    .from(lines)
    .innerJoin(organisations, eq(organisations.id, lines.organisationId))
    .where(eq(lines.id, lineId))
    .limit(1);
  return row;
}

export type AgentChoice = { id: string; firstName: string; lastName: string };

/** Who may be handed a ticket: the organisation's active admins and agents (not read-only members). */
export async function consoleAgentsOf(db: Db, organisationId: string): Promise<AgentChoice[]> {
  return db
    .select({ id: agents.id, firstName: agents.firstName, lastName: agents.lastName })
    .from(memberships)
    .innerJoin(agents, eq(agents.id, memberships.agentId))
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        inArray(memberships.role, ['admin', 'agent']),
        isNull(agents.deactivatedAt),
      ),
    )
    .orderBy(asc(agents.firstName), asc(agents.lastName));
}
