import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { outboxMessages } from '../../../platform/messaging/tables.ts';
import { citizens } from '../../../platform/scheduling/tables.ts';
import {
  beneficiaries,
  beneficiaryStatusChanges,
  notes,
  orientationDecisions,
  questionnaireAnswers,
  rsaSettings,
} from '../tables.ts';
import { DEFAULT_RSA_SETTINGS } from './settings.repository.ts';

export type DueForAnonymisation = {
  id: string;
  organisationId: string;
  territoryId: string;
  citizenId: string | null;
  lastActivityAt: Date;
  retentionMonths: number;
};

/**
 * Beneficiaries not yet anonymised whose last activity is older than their organisation's retention
 * (rsa_settings.retention_months, 24 months when the organisation has no row), oldest first. The
 * months are counted by PostgreSQL (make_interval), so 31 March minus one month is 28 or 29 February.
 */
export async function findDueForAnonymisation(
  db: Db,
  now: Date,
  limit: number,
): Promise<DueForAnonymisation[]> {
  const retention = sql<number>`coalesce(${rsaSettings.retentionMonths}, ${DEFAULT_RSA_SETTINGS.retentionMonths})::int`;
  return db
    .select({
      id: beneficiaries.id,
      organisationId: beneficiaries.organisationId,
      territoryId: beneficiaries.territoryId,
      citizenId: beneficiaries.citizenId,
      lastActivityAt: beneficiaries.lastActivityAt,
      retentionMonths: retention,
    })
    .from(beneficiaries)
    .leftJoin(rsaSettings, eq(rsaSettings.organisationId, beneficiaries.organisationId))
    .where(
      and(
        isNull(beneficiaries.anonymisedAt),
        sql`${beneficiaries.lastActivityAt} < ${now.toISOString()}::timestamptz - make_interval(months => ${retention})`,
      ),
    )
    .orderBy(beneficiaries.lastActivityAt, beneficiaries.id)
    .limit(limit);
}

export const ANONYMISED_NAME = 'Anonymisé';
export const ERASED_NOTE = 'Note effacée lors de l’anonymisation.';

/** Messages whose delivery is over: their recipient and content may go without breaking anything. */
const FINISHED_MESSAGES = ['sent', 'delivered', 'failed', 'posted', 'dead', 'invalid'] as const;

/**
 * Erases what identifies the person, keeping what the statistics count (see jobs.ts for the list and
 * the reasons). Only touches a row not yet anonymised: running it twice changes nothing the second
 * time. Returns false when the row was already anonymised (by another worker meanwhile).
 */
export async function anonymiseBeneficiary(db: Db, person: DueForAnonymisation, now: Date): Promise<boolean> {
  const updated = await db
    .update(beneficiaries)
    .set({
      lastName: ANONYMISED_NAME,
      firstName: '',
      birthDate: null,
      nir: null,
      allocataireNumber: null,
      address: null,
      postalCode: null,
      communeCode: null,
      communeName: null,
      phone: null,
      email: null,
      tags: [],
      anonymisedAt: now,
      updatedAt: now,
    })
    .where(and(eq(beneficiaries.id, person.id), isNull(beneficiaries.anonymisedAt)))
    .returning({ id: beneficiaries.id });
  if (updated.length === 0) return false;

  await db.update(notes).set({ body: ERASED_NOTE }).where(eq(notes.beneficiaryId, person.id));
  await db.delete(questionnaireAnswers).where(eq(questionnaireAnswers.beneficiaryId, person.id));
  await db
    .update(orientationDecisions)
    .set({ comment: null })
    .where(eq(orientationDecisions.beneficiaryId, person.id));
  // Generated reasons (system, the person) say nothing about them; an agent's may be free text.
  await db
    .update(beneficiaryStatusChanges)
    .set({ reason: null })
    .where(
      and(
        eq(beneficiaryStatusChanges.beneficiaryId, person.id),
        eq(beneficiaryStatusChanges.changedBy, 'agent'),
      ),
    );

  if (person.citizenId) {
    await db
      .update(citizens)
      .set({
        lastName: ANONYMISED_NAME,
        firstName: '',
        birthDate: null,
        email: null,
        phone: null,
        address: null,
        communeCode: null,
        updatedAt: now,
      })
      .where(eq(citizens.id, person.citizenId));
  }

  // The messages sent to them (invitations, reminders, appointment notices) keep their channel, status
  // and dates; the address, the name and the content (which carries both) go.
  const about = [
    and(eq(outboxMessages.subjectType, 'rsa_beneficiary'), eq(outboxMessages.subjectId, person.id)),
  ];
  if (person.citizenId)
    about.push(
      and(eq(outboxMessages.subjectType, 'citizen'), eq(outboxMessages.subjectId, person.citizenId)),
    );
  await db
    .update(outboxMessages)
    .set({
      recipient: ANONYMISED_NAME,
      recipientNormalised: null,
      recipientName: null,
      data: {},
      updatedAt: now,
    })
    .where(and(or(...about), inArray(outboxMessages.status, [...FINISHED_MESSAGES])));
  return true;
}
