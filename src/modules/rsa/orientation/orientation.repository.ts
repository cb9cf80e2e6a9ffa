import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { organisations } from '../../../platform/tenancy/tables.ts';
import { beneficiaries, invitations, orientationDecisions, questionnaireAnswers } from '../tables.ts';
import type { Answers, Orientation } from './questionnaire.ts';

/** The invitation behind a personal link, with the little the questionnaire pages need of its person. */
export async function findInvitationForLink(db: Db, invitationId: string) {
  const [row] = await db
    .select({
      invitationId: invitations.id,
      expiresAt: invitations.expiresAt,
      closedAt: invitations.closedAt,
      beneficiaryId: beneficiaries.id,
      organisationId: beneficiaries.organisationId,
      territoryId: beneficiaries.territoryId,
      status: beneficiaries.status,
      anonymisedAt: beneficiaries.anonymisedAt,
      organisationName: organisations.name,
    })
    .from(invitations)
    .innerJoin(beneficiaries, eq(beneficiaries.id, invitations.beneficiaryId))
    .innerJoin(organisations, eq(organisations.id, beneficiaries.organisationId))
    .where(eq(invitations.id, invitationId));
  return row ?? null;
}

/** Saves the answers (replacing earlier ones: one questionnaire per person) and counts it as activity. */
export async function saveAnswers(
  db: Db,
  values: {
    beneficiaryId: string;
    answers: Answers;
    suggestedOrientation: Orientation;
    filledBy: 'usager' | 'agent';
    now: Date;
  },
): Promise<void> {
  const row = {
    answers: values.answers,
    suggestedOrientation: values.suggestedOrientation,
    filledBy: values.filledBy,
    submittedAt: values.now,
  };
  await db
    .insert(questionnaireAnswers)
    .values({ beneficiaryId: values.beneficiaryId, ...row })
    .onConflictDoUpdate({ target: questionnaireAnswers.beneficiaryId, set: row });
  await touchActivity(db, values.beneficiaryId, values.now);
}

export async function touchActivity(db: Db, beneficiaryId: string, now: Date): Promise<void> {
  await db
    .update(beneficiaries)
    .set({ lastActivityAt: now, updatedAt: now })
    .where(and(eq(beneficiaries.id, beneficiaryId), isNull(beneficiaries.anonymisedAt)));
}

export async function insertDecision(
  db: Db,
  values: {
    beneficiaryId: string;
    orientation: Orientation;
    decidedOn: string;
    structureName: string;
    decidedByAgentId: string;
    comment: string | null;
    now: Date;
  },
) {
  const { now, ...decision } = values;
  const [row] = await db
    .insert(orientationDecisions)
    .values({ ...decision, createdAt: now })
    .returning();
  return row!;
}

/** The names of the territory's organisations, offered as structures (beside France Travail). */
export async function organisationNamesOf(db: Db, territoryId: string): Promise<string[]> {
  const rows = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.territoryId, territoryId))
    .orderBy(asc(organisations.name));
  return rows.map((r) => r.name);
}
