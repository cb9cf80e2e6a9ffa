import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { organisations } from '../../tenancy/tables.ts';
import { appointmentParticipants, appointments } from '../tables.ts';
import type { ParticipationStatus } from '../types.ts';

/** Counts for the statistics page: participations of an organisation's appointments in a window. */
export type StatsCounts = {
  byStatus: { status: ParticipationStatus; count: number }[];
  byChannel: { channel: 'agent' | 'public' | 'invitation' | 'api'; count: number }[];
  /** Median days between booking and start, over participations not cancelled and booked before the start; null without any. */
  medianLeadDays: number | null;
};

/**
 * A participation whose appointment was cancelled counts as « annulé » whatever its own status says.
 * Window on the appointment's start: [from, to).
 */
export async function countParticipations(
  db: Db,
  organisationId: string,
  window: { from: Date; to: Date },
): Promise<StatsCounts> {
  const status = sql<ParticipationStatus>`case when ${appointments.cancelledAt} is not null then 'annule'::participation_status else ${appointmentParticipants.status} end`;
  const scope = and(
    eq(appointments.organisationId, organisationId),
    gte(appointments.startsAt, window.from),
    lt(appointments.startsAt, window.to),
  );
  const byStatus = await db
    .select({ status, count: sql<number>`count(*)::int` })
    .from(appointmentParticipants)
    .innerJoin(appointments, eq(appointments.id, appointmentParticipants.appointmentId))
    .where(scope)
    .groupBy(status);
  const byChannel = await db
    .select({ channel: appointmentParticipants.bookedVia, count: sql<number>`count(*)::int` })
    .from(appointmentParticipants)
    .innerJoin(appointments, eq(appointments.id, appointmentParticipants.appointmentId))
    .where(scope)
    .groupBy(appointmentParticipants.bookedVia);
  // percentile_cont is an ordered-set aggregate: PostgreSQL and PGlite (the same engine) both have it.
  const [lead] = await db
    .select({
      median: sql<
        number | null
      >`percentile_cont(0.5) within group (order by extract(epoch from (${appointments.startsAt} - ${appointmentParticipants.createdAt})) / 86400.0)`,
    })
    .from(appointmentParticipants)
    .innerJoin(appointments, eq(appointments.id, appointmentParticipants.appointmentId))
    .where(
      and(
        scope,
        sql`${appointments.cancelledAt} is null`,
        sql`${appointmentParticipants.status} <> 'annule'`,
        // An appointment recorded after it took place (an agent catching up) has no booking delay.
        sql`${appointmentParticipants.createdAt} <= ${appointments.startsAt}`,
      ),
    );
  return {
    byStatus,
    byChannel,
    medianLeadDays: lead?.median === null || lead?.median === undefined ? null : Number(lead.median),
  };
}

export async function findOrganisationBySlug(
  db: Db,
  slug: string,
): Promise<{ id: string; slug: string; name: string } | null> {
  const [row] = await db
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.slug, slug));
  return row ?? null;
}
