import { recordAudit } from '../../../../platform/audit/audit.ts';
import type { Actor, Membership } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/client.ts';
import { forbidden, invalid } from '../../../../platform/errors.ts';
import type { Messaging } from '../../../../platform/messaging/messaging.ts';
import { queueMessage } from '../../../../platform/messaging/outbox.service.ts';
import type { Caller } from '../../../../platform/tenancy/caller.ts';
import { submittingOrganisations } from '../../policy.ts';
import { type OpenCall, type OpenProblem, openCall, openProblem } from '../access.ts';
import { callStateAt } from '../calls/call-state.ts';
import { formatInstant } from '../parts.tsx';
import { paths } from '../paths.ts';
import { missingFields } from './fields.ts';
import { deleteDraft, insertProblem, updateProblemText } from './problems.repository.ts';
import type { ProblemInput } from './schemas.ts';
import { PROBLEM_SUBMITTED, type ProblemSubmittedMessage } from './templates.ts';

/**
 * Proposing a problem to a call: a draft keeps whatever is filled; submitting checks the required
 * fields and sends the receipt once. Only partner agents, only while the call is open; the author
 * edits until the deadline and may withdraw a draft.
 */

const PARTNERS_ONLY =
  'Seuls les agents des collectivités partenaires de la saison proposent des problèmes (les membres en lecture seule consultent).';

function refuseUnlessOpen(call: OpenCall['call'], now: Date, doing: string): void {
  const state = callStateAt(call, now);
  if (state === 'a_venir')
    throw forbidden(`L’appel ouvre le ${formatInstant(call.opensAt)} : vous ne pouvez pas encore ${doing}.`);
  if (state === 'clos')
    throw forbidden(
      `L’appel est clos depuis le ${formatInstant(call.closesAt)} : vous ne pouvez plus ${doing}.`,
    );
}

/** The call an agent proposes a problem to, and the organisations they may propose it for. */
export async function openSubmission(db: Db, actor: Actor, callId: string, now: Date) {
  const open = await openCall(db, actor, callId);
  if (!open.roles.partner) throw forbidden(PARTNERS_ONLY);
  refuseUnlessOpen(open.call, now, 'proposer de problème');
  return { ...open, organisations: submittingOrganisations(actor, open.facts) };
}

/** The author's problem, to change it: only theirs, only a draft or a submitted one, only before the deadline. */
export async function openProblemToEdit(db: Db, actor: Actor, problemId: string, now: Date) {
  const open = await openProblem(db, actor, problemId);
  if (!open.author) throw forbidden('Seul l’agent qui a proposé ce problème le modifie.');
  if (open.problem.status !== 'brouillon' && open.problem.status !== 'soumis')
    throw forbidden('Ce problème a déjà été examiné : il ne peut plus être modifié.');
  refuseUnlessOpen(open.call, now, 'modifier ce problème');
  if (!open.roles.partner) throw forbidden(PARTNERS_ONLY);
  return { ...open, organisations: submittingOrganisations(actor, open.facts) };
}

/** The organisation the problem is proposed for: the only one, or the one chosen among several. */
function chosenOrganisation(organisations: Membership[], wanted: string | undefined, current?: string) {
  const only = organisations.length === 1 ? organisations[0] : undefined;
  const chosen = only ?? organisations.find((m) => m.organisationId === (wanted ?? current));
  if (!chosen?.territoryId)
    throw invalid({ organisation: 'Choisissez le service au nom duquel vous proposez ce problème.' });
  return { organisationId: chosen.organisationId, territoryId: chosen.territoryId };
}

async function sendReceipt(
  tx: Db,
  messaging: Messaging,
  caller: Caller,
  open: OpenCall,
  problem: { id: string; organisationId: string; territoryId: string },
  input: ProblemInput,
  now: Date,
) {
  const data: ProblemSubmittedMessage = {
    firstName: caller.actor.firstName,
    callTitle: open.call.title,
    title: input.text.title,
    whoSuffers: input.text.whoSuffers,
    howMany: input.text.howMany,
    frequency: input.text.frequency,
    service: input.text.service,
    closesAt: open.call.closesAt.toISOString(),
    path: paths.problem(problem.id),
  };
  await queueMessage(
    tx,
    messaging,
    {
      channel: 'email',
      template: PROBLEM_SUBMITTED,
      recipient: caller.actor.email,
      recipientName: `${caller.actor.firstName} ${caller.actor.lastName}`,
      data,
      // One receipt per problem, whatever the edits after.
      idempotencyKey: `programme:problem-submitted:${problem.id}`,
      organisationId: problem.organisationId,
      territoryId: problem.territoryId,
    },
    now,
  );
}

function checkedForSubmission(input: ProblemInput) {
  if (input.intent !== 'soumettre') return;
  const missing = missingFields(input.text);
  if (Object.keys(missing).length)
    throw invalid(missing, 'Pour soumettre le problème, remplissez les champs obligatoires.');
}

/** A new problem, kept as a draft or submitted. Returns its id and whether it was submitted. */
export async function proposeProblem(
  db: Db,
  messaging: Messaging,
  caller: Caller,
  callId: string,
  input: ProblemInput,
  now: Date,
): Promise<{ id: string; submitted: boolean }> {
  const open = await openSubmission(db, caller.actor, callId, now);
  const organisation = chosenOrganisation(open.organisations, input.organisationId);
  checkedForSubmission(input);
  const submitted = input.intent === 'soumettre';
  return db.transaction(async (tx) => {
    const problem = await insertProblem(tx, {
      ...input.text,
      ...organisation,
      callId: open.call.id,
      submitterAgentId: caller.actor.agentId,
      status: submitted ? 'soumis' : 'brouillon',
      submittedAt: submitted ? now : null,
    });
    if (submitted) {
      await sendReceipt(tx, messaging, caller, open, problem, input, now);
      await recordAudit(tx, caller.audit, {
        action: 'create',
        resourceType: 'programme_problem',
        resourceId: problem.id,
        ...organisation,
      });
    }
    return { id: problem.id, submitted };
  });
}

/**
 * Saves the author's changes. A draft stays a draft or is submitted; a submitted problem stays
 * submitted, so its required fields must stay filled (« Enregistrer le brouillon » is not offered).
 */
export async function changeProblem(
  db: Db,
  messaging: Messaging,
  caller: Caller,
  problemId: string,
  input: ProblemInput,
  now: Date,
): Promise<{ submitted: boolean; newlySubmitted: boolean }> {
  const open = await openProblemToEdit(db, caller.actor, problemId, now);
  const wasSubmitted = open.problem.status === 'soumis';
  const effective: ProblemInput = wasSubmitted ? { ...input, intent: 'soumettre' } : input;
  const organisation = chosenOrganisation(
    open.organisations,
    input.organisationId,
    open.problem.organisationId,
  );
  checkedForSubmission(effective);
  const submitted = effective.intent === 'soumettre';
  await db.transaction(async (tx) => {
    await updateProblemText(tx, problemId, {
      ...effective.text,
      ...organisation,
      status: submitted ? 'soumis' : 'brouillon',
      submittedAt: wasSubmitted ? open.problem.submittedAt : submitted ? now : null,
      updatedAt: now,
    });
    if (submitted && !wasSubmitted)
      await sendReceipt(tx, messaging, caller, open, { id: problemId, ...organisation }, effective, now);
    if (submitted)
      await recordAudit(tx, caller.audit, {
        action: wasSubmitted ? 'update' : 'create',
        resourceType: 'programme_problem',
        resourceId: problemId,
        ...organisation,
      });
  });
  return { submitted, newlySubmitted: submitted && !wasSubmitted };
}

/** The author withdraws a draft: it is deleted (a submitted problem is never deleted). */
export async function withdrawDraft(db: Db, caller: Caller, problemId: string): Promise<OpenProblem> {
  const open = await openProblem(db, caller.actor, problemId);
  if (!open.author || open.problem.status !== 'brouillon')
    throw forbidden('Seul un brouillon peut être retiré, par l’agent qui l’a écrit.');
  await deleteDraft(db, problemId);
  return open;
}
