import { recordAudit } from '../../audit/audit.ts';
import { hashToken, randomToken } from '../../auth/tokens.ts';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import type { Caller } from '../../tenancy/caller.ts';
import { isUuid } from '../../tenancy/caller.ts';
import { agentFeed, type FeedEntry } from '../notifications/ics.ts';
import { locationLabels } from '../types.ts';
import {
  type CalendarFeedRow,
  type FeedAppointmentRow,
  findFeedAgent,
  findFeedAppointments,
  insertCalendarFeed,
  listCalendarFeeds,
  revokeCalendarFeeds,
} from './calendar-feed.repository.ts';

/**
 * An agent's private calendar feed: a secret URL (/agenda/<token>.ics) their calendar application
 * subscribes to. Only the token's SHA-256 is stored, so the URL is shown once, at creation. Each agent
 * has at most one active feed: creating a new one revokes the previous, which is also how a leaked URL
 * is cut off. The feed holds the agent's own appointments, from 30 days back to 6 months ahead.
 */
export const FEED_DAYS_BACK = 30;
export const FEED_MONTHS_AHEAD = 6;

export const feedUrl = (baseUrl: string, token: string) => `${baseUrl}/agenda/${token}.ics`;

export async function showCalendarFeeds(db: Db, caller: Caller): Promise<CalendarFeedRow[]> {
  return listCalendarFeeds(db, caller.actor.agentId);
}

export async function createCalendarFeed(
  db: Db,
  caller: Caller,
  now = new Date(),
): Promise<{ token: string; feed: CalendarFeedRow }> {
  const token = randomToken();
  return db.transaction(async (tx) => {
    const revoked = await revokeCalendarFeeds(tx, caller.actor.agentId, now);
    const feed = await insertCalendarFeed(tx, caller.actor.agentId, hashToken(token));
    await recordAudit(tx, caller.audit, {
      action: 'create',
      resourceType: 'calendar_feed',
      resourceId: feed.id,
      details: { revoked },
    });
    return { token, feed };
  });
}

export async function revokeCalendarFeed(
  db: Db,
  caller: Caller,
  feedId: string,
  now = new Date(),
): Promise<void> {
  if (!isUuid(feedId)) throw notFound();
  await db.transaction(async (tx) => {
    const revoked = await revokeCalendarFeeds(tx, caller.actor.agentId, now, feedId);
    if (revoked.length === 0) throw notFound();
    await recordAudit(tx, caller.audit, {
      action: 'delete',
      resourceType: 'calendar_feed',
      resourceId: feedId,
    });
  });
}

/**
 * The feed's iCalendar text, or null for an unknown or revoked token (the route answers 404 alike,
 * so nobody learns whether a token ever existed).
 */
export async function calendarFeedIcs(
  db: Db,
  token: string,
  baseUrl: string,
  now = new Date(),
): Promise<string | null> {
  if (token.length < 20 || token.length > 100) return null;
  const agent = await findFeedAgent(db, hashToken(token));
  if (!agent) return null;
  const from = new Date(now.getTime() - FEED_DAYS_BACK * 86_400_000);
  const to = new Date(now);
  to.setUTCMonth(to.getUTCMonth() + FEED_MONTHS_AHEAD);
  const rows = await findFeedAppointments(db, agent.agentId, { from, to });
  return agentFeed(
    `Rendez-vous Tremplin – ${agent.firstName} ${agent.lastName}`,
    rows.map(feedEntry),
    baseUrl,
  );
}

/** « D. M. », from « Dominique Martin » (« J.-P. D. » for « Jean-Pierre Dupont »). */
export function initials(firstName: string, lastName: string): string {
  const of = (name: string) =>
    name
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((word) =>
        word
          .split('-')
          .filter(Boolean)
          .map((part) => `${part[0]!.toLocaleUpperCase('fr')}.`)
          .join('-'),
      )
      .join(' ');
  return [of(firstName), of(lastName)].filter(Boolean).join(' ');
}

/**
 * One appointment as the agent's calendar shows it. A feed ends up in third-party calendars (Google,
 * Microsoft, a phone) outside our control, where anyone with access to the agent's calendar reads it:
 * so it carries the person's initials and the type only — no full name, phone, email or notes. The
 * agent opens Tremplin for the rest.
 */
export function feedEntry(row: FeedAppointmentRow): FeedEntry {
  const active = row.participants.filter((p) => p.status !== 'annule');
  const who = row.collective
    ? `${active.length}/${row.capacity} inscrits`
    : row.participants.map((p) => initials(p.firstName, p.lastName)).join(', ');
  const where =
    row.location === 'sur_place'
      ? row.placeName
        ? `${row.placeName}, ${row.placeAddress}`
        : null
      : locationLabels[row.location];
  // An individual appointment whose person cancelled is cancelled, even if the row still stands.
  const cancelled =
    row.cancelledAt !== null || (!row.collective && row.participants.length > 0 && active.length === 0);
  return {
    appointmentId: row.appointmentId,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    createdAt: row.createdAt,
    updatedAt: row.cancelledAt && row.cancelledAt > row.updatedAt ? row.cancelledAt : row.updatedAt,
    summary: who ? `${who} – ${row.typeName}` : row.typeName,
    location: where,
    description: `${row.typeName} (${row.organisationName}). Détails dans Tremplin.`,
    cancelled,
  };
}
