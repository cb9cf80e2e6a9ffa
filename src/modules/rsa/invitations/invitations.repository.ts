import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { AuditActor, AuditEvent } from '../../../platform/audit/audit.ts';
import { auditEvents } from '../../../platform/audit/tables.ts';
import type { Db } from '../../../platform/db/client.ts';
import {
  appointmentParticipants,
  appointments,
  appointmentTypes,
  citizenReferents,
  citizens,
} from '../../../platform/scheduling/tables.ts';
import { organisations, territories } from '../../../platform/tenancy/tables.ts';
import { ORIENTATION_CATEGORY } from '../appointment-sync.ts';
import type { BeneficiaryStatus, StatusChangedBy } from '../status.ts';
import { beneficiaries, beneficiaryStatusChanges, invitations, rsaSettings } from '../tables.ts';

/**
 * The SQL of invitations and convocations (rsa_invitations), and the few reads of the booking engine's
 * rows they need (the person's appointment, the orientation types). No rule lives here: who may invite
 * whom is decided by the services, with policy.ts.
 */

export type Invitation = typeof invitations.$inferSelect;
export type BeneficiaryRow = typeof beneficiaries.$inferSelect;

export type InvitationSettings = { validityDays: number; reminderDays: number[] };
export const DEFAULT_SETTINGS: InvitationSettings = { validityDays: 10, reminderDays: [3, 7] };

export async function beneficiariesByIds(db: Db, ids: string[]): Promise<BeneficiaryRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(beneficiaries).where(inArray(beneficiaries.id, ids));
}

/** Each organisation's invitation settings; the defaults for an organisation without a row. */
export async function invitationSettingsOf(
  db: Db,
  organisationIds: string[],
): Promise<Map<string, InvitationSettings>> {
  const found = new Map<string, InvitationSettings>();
  if (organisationIds.length > 0) {
    const rows = await db
      .select({
        organisationId: rsaSettings.organisationId,
        validityDays: rsaSettings.invitationValidityDays,
        reminderDays: rsaSettings.reminderDays,
      })
      .from(rsaSettings)
      .where(inArray(rsaSettings.organisationId, organisationIds));
    for (const row of rows) {
      found.set(row.organisationId, { validityDays: row.validityDays, reminderDays: row.reminderDays });
    }
  }
  for (const id of organisationIds) if (!found.has(id)) found.set(id, DEFAULT_SETTINGS);
  return found;
}

export type OrganisationInfo = {
  id: string;
  name: string;
  slug: string;
  territoryId: string | null;
  territoryName: string | null;
};

export async function organisationsByIds(db: Db, ids: string[]): Promise<Map<string, OrganisationInfo>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      slug: organisations.slug,
      territoryId: organisations.territoryId,
      territoryName: territories.name,
    })
    .from(organisations)
    .leftJoin(territories, eq(territories.id, organisations.territoryId))
    .where(inArray(organisations.id, ids));
  return new Map(rows.map((row) => [row.id, row]));
}

/** The booking-engine records already made for these beneficiaries (external ref 'rsa:<id>'), by ref. */
export async function citizensByRefs(
  db: Db,
  organisationIds: string[],
  refs: string[],
): Promise<Map<string, typeof citizens.$inferSelect>> {
  if (refs.length === 0) return new Map();
  const rows = await db
    .select()
    .from(citizens)
    .where(and(inArray(citizens.organisationId, organisationIds), inArray(citizens.externalRef, refs)));
  return new Map(rows.map((row) => [`${row.organisationId}|${row.externalRef}`, row]));
}

/** Which of these beneficiaries have an invitation still open (to close before a new one). */
export async function withOpenInvitations(db: Db, beneficiaryIds: string[]): Promise<Set<string>> {
  if (beneficiaryIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ id: invitations.beneficiaryId })
    .from(invitations)
    .where(
      and(
        inArray(invitations.beneficiaryId, beneficiaryIds),
        eq(invitations.kind, 'invitation'),
        isNull(invitations.closedAt),
        isNull(invitations.bookedAt),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

export async function insertInvitation(tx: Db, values: typeof invitations.$inferInsert): Promise<Invitation> {
  const [row] = await tx.insert(invitations).values(values).returning();
  return row!;
}

/**
 * Bulk writes of an invitation batch, one statement each instead of one per person (each round trip
 * costs more than the work on PGlite and on a busy PostgreSQL).
 */
/**
 * Earlier invitations still open are closed (no more reminders; their link says a newer one exists):
 * when a new invitation or a convocation replaces them, or the file is closed. Gives how many.
 */
export async function closeOpenInvitations(tx: Db, beneficiaryIds: string[], now: Date): Promise<number> {
  if (beneficiaryIds.length === 0) return 0;
  const closed = await tx
    .update(invitations)
    .set({ closedAt: now, nextReminderAt: null })
    .where(
      and(
        inArray(invitations.beneficiaryId, beneficiaryIds),
        eq(invitations.kind, 'invitation'),
        isNull(invitations.closedAt),
        isNull(invitations.bookedAt),
      ),
    )
    .returning({ id: invitations.id });
  return closed.length;
}

export async function insertInvitations(tx: Db, rows: (typeof invitations.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await tx.insert(invitations).values(rows);
}

/**
 * People of a batch given a status, as setBeneficiaryStatus does one by one (same history rows, same
 * « no change, no row » rule), and their booking-engine record attached; every one counts as activity.
 * Two statements for the batch: the current statuses, locked, then the update and the history together.
 */
export async function setStatusesAndCitizens(
  tx: Db,
  people: { beneficiaryId: string; citizenId: string; reason: string | null }[],
  to: BeneficiaryStatus,
  change: { by: StatusChangedBy; agentId: string | null; at: Date },
): Promise<void> {
  if (people.length === 0) return;
  const ids = people.map((p) => p.beneficiaryId);
  const current = await tx
    .select({ id: beneficiaries.id, status: beneficiaries.status })
    .from(beneficiaries)
    .where(inArray(beneficiaries.id, ids))
    .for('update');
  const before = new Map(current.map((row) => [row.id, row.status]));
  const changed = people.filter((p) => before.has(p.beneficiaryId) && before.get(p.beneficiaryId) !== to);
  const at = change.at.toISOString();
  const array = (values: (string | null)[]) => pgArray(values);
  await tx.execute(sql`
    update rsa_beneficiaries as b set
      citizen_id = v.citizen_id::uuid,
      status = ${to}::rsa_beneficiary_status,
      status_changed_at = case when b.status = ${to}::rsa_beneficiary_status then b.status_changed_at
        else ${at}::timestamptz end,
      last_activity_at = ${at}::timestamptz,
      updated_at = ${at}::timestamptz
    from unnest(${array(ids)}::text[], ${array(people.map((p) => p.citizenId))}::text[]) as v(id, citizen_id)
    where b.id = v.id::uuid`);
  if (changed.length > 0) {
    await tx.insert(beneficiaryStatusChanges).values(
      changed.map((p) => ({
        beneficiaryId: p.beneficiaryId,
        fromStatus: before.get(p.beneficiaryId)!,
        toStatus: to,
        changedBy: change.by,
        changedByAgentId: change.agentId,
        reason: p.reason,
        changedAt: change.at,
      })),
    );
  }
}

/** Several lines of the audit trail in one insert (recordAudit writes one). */
export async function recordAuditLines(tx: Db, actor: AuditActor, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(auditEvents).values(
    events.map((event) => ({
      ...actor,
      action: event.action,
      resourceType: event.resourceType,
      resourceId: event.resourceId ?? null,
      organisationId: event.organisationId ?? null,
      territoryId: event.territoryId ?? null,
      details: event.details ?? null,
    })),
  );
}

/**
 * Whether a booking-engine record could be taken for someone of the batch by its contact (same last
 * name and phone or email, as findCitizenByContact matches): the keys `<organisation>|<lower last name>`
 * of the records that share a phone or an email with one of them. Who has none gets a new record
 * directly, without the per-person search.
 */
export async function contactCandidates(
  db: Db,
  organisationIds: string[],
  contacts: { lastName: string; phone: string | null; email: string | null }[],
): Promise<Set<string>> {
  const phones = contacts.flatMap((c) => (c.phone ? [c.phone] : []));
  const emails = contacts.flatMap((c) => (c.email ? [c.email.toLowerCase()] : []));
  const names = [...new Set(contacts.map((c) => c.lastName.toLowerCase()))];
  if (names.length === 0 || phones.length + emails.length === 0) return new Set();
  const rows = await db
    .select({ organisationId: citizens.organisationId, lastName: citizens.lastName })
    .from(citizens)
    .where(
      and(
        inArray(citizens.organisationId, organisationIds),
        inArray(sql`lower(${citizens.lastName})`, names),
        or(
          phones.length ? inArray(citizens.phone, phones) : undefined,
          emails.length ? inArray(sql`lower(${citizens.email})`, emails) : undefined,
        ),
      ),
    );
  return new Set(rows.map((r) => `${r.organisationId}|${r.lastName.toLowerCase()}`));
}

export async function insertCitizens(
  tx: Db,
  rows: (typeof citizens.$inferInsert)[],
): Promise<(typeof citizens.$inferSelect)[]> {
  if (rows.length === 0) return [];
  return tx.insert(citizens).values(rows).returning();
}

export async function insertCitizenReferents(
  tx: Db,
  rows: { citizenId: string; agentId: string }[],
): Promise<void> {
  if (rows.length > 0) await tx.insert(citizenReferents).values(rows);
}

/** A Postgres array literal of text values (one parameter for a whole column). */
function pgArray(values: (string | null)[]): string {
  const element = (v: string | null) =>
    v === null ? 'NULL' : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return `{${values.map(element).join(',')}}`;
}

/** The person's booking-engine record is theirs from now on; any invitation counts as activity. */
export async function attachCitizen(tx: Db, beneficiaryId: string, citizenId: string, now: Date) {
  await tx
    .update(beneficiaries)
    .set({ citizenId, lastActivityAt: now, updatedAt: now })
    .where(eq(beneficiaries.id, beneficiaryId));
}

/**
 * The booking engine's copy of the person follows the RSA record (the import and agents keep the
 * latter up to date): names, phone, email, address and commune, which the invited journey reads.
 */
export async function syncCitizen(
  tx: Db,
  citizenId: string,
  values: Pick<
    typeof citizens.$inferInsert,
    'firstName' | 'lastName' | 'phone' | 'email' | 'address' | 'communeCode' | 'birthDate'
  >,
): Promise<void> {
  await tx
    .update(citizens)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(citizens.id, citizenId));
}

export type InvitationWithPerson = {
  invitation: Invitation;
  beneficiary: BeneficiaryRow;
  organisation: OrganisationInfo;
};

export async function findInvitation(db: Db, invitationId: string): Promise<InvitationWithPerson | null> {
  const [row] = await db
    .select({
      invitation: invitations,
      beneficiary: beneficiaries,
      organisation: {
        id: organisations.id,
        name: organisations.name,
        slug: organisations.slug,
        territoryId: organisations.territoryId,
        territoryName: territories.name,
      },
    })
    .from(invitations)
    .innerJoin(beneficiaries, eq(beneficiaries.id, invitations.beneficiaryId))
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .leftJoin(territories, eq(territories.id, organisations.territoryId))
    .where(eq(invitations.id, invitationId));
  return row ?? null;
}

/** The person's participation in an appointment (to give them their link to manage it). */
export async function participantIdOf(db: Db, appointmentId: string, citizenId: string) {
  const [row] = await db
    .select({ id: appointmentParticipants.id })
    .from(appointmentParticipants)
    .where(
      and(
        eq(appointmentParticipants.appointmentId, appointmentId),
        eq(appointmentParticipants.citizenId, citizenId),
      ),
    );
  return row?.id ?? null;
}

/** The participation of an appointment whose citizen is this beneficiary's (any organisation). */
export async function participantOfBeneficiary(db: Db, appointmentId: string, beneficiaryId: string) {
  const [row] = await db
    .select({ id: appointmentParticipants.id })
    .from(appointmentParticipants)
    .innerJoin(citizens, eq(citizens.id, appointmentParticipants.citizenId))
    .where(
      and(
        eq(appointmentParticipants.appointmentId, appointmentId),
        eq(citizens.externalRef, `rsa:${beneficiaryId}`),
      ),
    );
  return row?.id ?? null;
}

/** The organisation's orientation types (any audience), not archived: what an agent convokes to. */
export async function orientationTypesOf(db: Db, organisationId: string) {
  return db
    .select({
      id: appointmentTypes.id,
      name: appointmentTypes.name,
      bookableBy: appointmentTypes.bookableBy,
      followUpOnly: appointmentTypes.followUpOnly,
    })
    .from(appointmentTypes)
    .where(
      and(
        eq(appointmentTypes.organisationId, organisationId),
        eq(appointmentTypes.category, ORIENTATION_CATEGORY),
        isNull(appointmentTypes.archivedAt),
      ),
    )
    .orderBy(asc(appointmentTypes.name));
}

/** Invitations whose reminder is due: not booked, not closed, not expired, the person still waiting. */
export async function dueReminders(db: Db, now: Date, limit: number) {
  return db
    .select({ invitation: invitations, beneficiary: beneficiaries })
    .from(invitations)
    .innerJoin(beneficiaries, eq(beneficiaries.id, invitations.beneficiaryId))
    .where(
      and(
        lte(invitations.nextReminderAt, now),
        isNull(invitations.bookedAt),
        isNull(invitations.closedAt),
        gt(invitations.expiresAt, now),
        eq(invitations.kind, 'invitation'),
        eq(beneficiaries.status, 'invitation_envoyee'),
        isNull(beneficiaries.anonymisedAt),
      ),
    )
    .orderBy(asc(invitations.nextReminderAt), asc(invitations.id))
    .limit(limit);
}

/** After a reminder: one more sent, the next one (or none). Only if nothing changed in between. */
export async function recordReminder(
  tx: Db,
  invitationId: string,
  values: { remindersSent: number; nextReminderAt: Date | null },
): Promise<boolean> {
  const rows = await tx
    .update(invitations)
    .set(values)
    .where(
      and(
        eq(invitations.id, invitationId),
        eq(invitations.remindersSent, values.remindersSent - 1),
        isNull(invitations.bookedAt),
        isNull(invitations.closedAt),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length === 1;
}

/** Open invitations past their expiry whose person is still « invitation envoyée ». */
export async function expiredInvitations(db: Db, now: Date, limit: number) {
  return db
    .select({ invitationId: invitations.id, beneficiaryId: invitations.beneficiaryId })
    .from(invitations)
    .innerJoin(beneficiaries, eq(beneficiaries.id, invitations.beneficiaryId))
    .where(
      and(
        lte(invitations.expiresAt, now),
        isNull(invitations.bookedAt),
        isNull(invitations.closedAt),
        eq(invitations.kind, 'invitation'),
        eq(beneficiaries.status, 'invitation_envoyee'),
      ),
    )
    .orderBy(asc(invitations.expiresAt), asc(invitations.id))
    .limit(limit);
}

export async function stopReminders(tx: Db, invitationId: string): Promise<void> {
  await tx.update(invitations).set({ nextReminderAt: null }).where(eq(invitations.id, invitationId));
}

/**
 * People « RDV pris » whose orientation appointment ended before `endedBefore` with nobody saying how
 * it went (still « à venir »), and who have no other orientation appointment to come.
 */
export async function awaitingDecision(db: Db, endedBefore: Date, limit: number) {
  const ref = sql`'rsa:' || ${beneficiaries.id}::text`;
  const orientationOf = (condition: ReturnType<typeof sql>) => sql`exists (
    select 1 from ${appointmentParticipants}
    join ${citizens} on ${citizens.id} = ${appointmentParticipants.citizenId}
    join ${appointments} on ${appointments.id} = ${appointmentParticipants.appointmentId}
    join ${appointmentTypes} on ${appointmentTypes.id} = ${appointments.appointmentTypeId}
    where ${citizens.externalRef} = ${ref}
      and ${appointmentTypes.category} = ${ORIENTATION_CATEGORY}
      and ${appointmentParticipants.status} = 'a_venir'
      and ${appointments.cancelledAt} is null
      and ${condition})`;
  return db
    .select({ id: beneficiaries.id })
    .from(beneficiaries)
    .where(
      and(
        eq(beneficiaries.status, 'rdv_pris'),
        orientationOf(sql`${appointments.endsAt} <= ${endedBefore.toISOString()}::timestamptz`),
        sql`not ${orientationOf(sql`${appointments.endsAt} > ${endedBefore.toISOString()}::timestamptz`)}`,
      ),
    )
    .orderBy(asc(beneficiaries.id))
    .limit(limit);
}

/** A person's invitations and convocations, newest first (the person's page may list them). */
export async function invitationsOf(db: Db, beneficiaryId: string): Promise<Invitation[]> {
  return db
    .select()
    .from(invitations)
    .where(eq(invitations.beneficiaryId, beneficiaryId))
    .orderBy(desc(invitations.sentAt));
}
