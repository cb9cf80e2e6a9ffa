import { type AuditActor, recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { invalid } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import type { Beneficiary } from '../access.ts';
import { verifyRsaInvitationToken } from '../invitation-link.ts';
import { decisionsOf, questionnaireOf } from '../person.repository.ts';
import { setBeneficiaryStatus } from '../status.ts';
import {
  findInvitationForLink,
  insertDecision,
  organisationNamesOf,
  saveAnswers,
  touchActivity,
} from './orientation.repository.ts';
import { type Answers, type Orientation, orientationLabels, suggestOrientation } from './questionnaire.ts';

/** Structures every département works with, offered first in the decision form. */
export const COMMON_STRUCTURES = ['France Travail'];

export type QuestionnaireLink = NonNullable<Awaited<ReturnType<typeof findInvitationForLink>>>;
export type LinkProblem = { problem: 'invalid' | 'expired' | 'closed' };

export function isLinkProblem(value: QuestionnaireLink | LinkProblem): value is LinkProblem {
  return 'problem' in value;
}

/**
 * The invitation behind a personal link, if the questionnaire may be answered through it: signed by
 * this instance, not expired (by its token and by its row), not closed, and its person's file open.
 */
export async function openQuestionnaireLink(
  db: Db,
  secretKey: string,
  token: string,
  now: Date,
): Promise<QuestionnaireLink | LinkProblem> {
  const checked = verifyRsaInvitationToken(secretKey, token, now);
  if (!checked.ok) return { problem: checked.reason };
  const link = await findInvitationForLink(db, checked.invitationId);
  if (!link) return { problem: 'invalid' };
  if (link.closedAt || link.anonymisedAt || link.status === 'clos') return { problem: 'closed' };
  if (link.expiresAt.getTime() <= now.getTime()) return { problem: 'expired' };
  return link;
}

/** When the person answered before (their link shows that, never the answers themselves). */
export async function previousAnswerDate(db: Db, link: QuestionnaireLink): Promise<Date | null> {
  return (await questionnaireOf(db, link.beneficiaryId))?.submittedAt ?? null;
}

/** The person answers from their invitation link: their answers replace any earlier ones. */
export async function answerQuestionnaireFromInvitation(
  db: Db,
  audit: AuditActor,
  link: QuestionnaireLink,
  answers: Answers,
  now: Date,
): Promise<void> {
  await saveAudited(db, audit, { ...link, id: link.beneficiaryId }, answers, now, {
    filledBy: 'usager',
    invitationId: link.invitationId,
  });
}

/** The questionnaire as an agent opens it with the person (its earlier answers shown; audited). */
export async function viewQuestionnaire(db: Db, caller: Caller, beneficiary: Beneficiary) {
  const saved = await questionnaireOf(db, beneficiary.id);
  await recordAudit(db, caller.audit, {
    action: 'read',
    resourceType: 'rsa_questionnaire',
    resourceId: beneficiary.id,
    organisationId: beneficiary.organisationId,
    territoryId: beneficiary.territoryId,
  });
  return saved;
}

/** An agent fills the questionnaire with the person (at the desk, on the phone). */
export async function answerQuestionnaireWithPerson(
  db: Db,
  caller: Caller,
  beneficiary: Beneficiary,
  answers: Answers,
  now: Date,
): Promise<void> {
  await saveAudited(db, caller.audit, beneficiary, answers, now, { filledBy: 'agent' });
}

/** The answers and their suggestion replace earlier ones, with the audit line, in one transaction. */
async function saveAudited(
  db: Db,
  audit: AuditActor,
  beneficiary: { id: string; organisationId: string; territoryId: string },
  answers: Answers,
  now: Date,
  details: { filledBy: 'usager' | 'agent'; invitationId?: string },
): Promise<void> {
  const { orientation } = suggestOrientation(answers);
  await db.transaction(async (tx) => {
    await saveAnswers(tx, {
      beneficiaryId: beneficiary.id,
      answers,
      suggestedOrientation: orientation,
      filledBy: details.filledBy,
      now,
    });
    await recordAudit(tx, audit, {
      action: 'update',
      resourceType: 'rsa_questionnaire',
      resourceId: beneficiary.id,
      organisationId: beneficiary.organisationId,
      territoryId: beneficiary.territoryId,
      details,
    });
  });
}

/**
 * What the référent sees before deciding: the answers, the suggestion computed from them now (so
 * its reasons and its orientation always agree), the earlier decisions and the structures to offer.
 */
export async function openOrientation(db: Db, caller: Caller, beneficiary: Beneficiary) {
  const [saved, decisions, organisationNames] = [
    await questionnaireOf(db, beneficiary.id),
    await decisionsOf(db, beneficiary.id),
    await organisationNamesOf(db, beneficiary.territoryId),
  ];
  await recordAudit(db, caller.audit, {
    action: 'read',
    resourceType: 'rsa_beneficiary',
    resourceId: beneficiary.id,
    organisationId: beneficiary.organisationId,
    territoryId: beneficiary.territoryId,
    details: { page: 'orientation' },
  });
  return {
    saved,
    suggestion: saved ? suggestOrientation(saved.answers) : null,
    decisions,
    structures: [...new Set([...COMMON_STRUCTURES, ...organisationNames])],
  };
}

export type DecisionInput = {
  orientation: Orientation;
  decidedOn: string;
  structureName: string;
  comment: string | null;
};

/**
 * The référent records the orientation: the decision and the status « orienté » (with its line in
 * the history) in one transaction, so a person is never « orienté » without a decision. A closed
 * file must be reopened first. A later decision (re-orientation) is added beside the earlier ones.
 */
export async function decideOrientation(
  db: Db,
  caller: Caller,
  beneficiary: Beneficiary,
  input: DecisionInput,
  now: Date,
) {
  return db.transaction(async (tx) => {
    if (beneficiary.status === 'clos') {
      throw invalid(
        { _: 'Ce dossier est clos : rouvrez-le avant d’enregistrer une orientation.' },
        'Ce dossier est clos.',
      );
    }
    const decision = await insertDecision(tx, {
      beneficiaryId: beneficiary.id,
      ...input,
      decidedByAgentId: caller.actor.agentId,
      now,
    });
    await setBeneficiaryStatus(tx, beneficiary.id, 'oriente', {
      by: 'agent',
      agentId: caller.actor.agentId,
      reason: `Orientation ${orientationLabels[input.orientation].toLowerCase()} : ${input.structureName}`,
      at: now,
    });
    await touchActivity(tx, beneficiary.id, now);
    await recordAudit(tx, caller.audit, {
      action: 'create',
      resourceType: 'rsa_orientation_decision',
      resourceId: decision.id,
      organisationId: beneficiary.organisationId,
      territoryId: beneficiary.territoryId,
      details: { beneficiaryId: beneficiary.id, orientation: input.orientation },
    });
    return decision;
  });
}
