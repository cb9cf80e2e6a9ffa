import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Messaging } from '../../../platform/messaging/messaging.ts';
import { queueMessage } from '../../../platform/messaging/outbox.service.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { SPACE } from '../part.ts';
import type { CallAccess } from './access.ts';
import { decisionsToNotify, markNotified, meTooAgents } from './decision.repository.ts';
import type { Decision } from './selection.repository.ts';
import { DECISION_ME_TOO, type DecisionMessage, decisionTemplateOf, type MeTooMessage } from './templates.ts';

/**
 * « Notifier les décisions »: every decided problem of the call not yet notified gets its email (to
 * its proposer; for a retained one, also to the agents who said « moi aussi ») and its notified_at,
 * in one transaction. The problems are locked and each message carries an idempotency key naming the
 * problem, so a second click — or two staff clicking at once — sends nothing new. Once notified, a
 * decision no longer changes (decision.service.ts).
 */
export async function notifyDecisions(
  db: Db,
  messaging: Messaging,
  caller: Caller,
  access: CallAccess,
  now: Date,
): Promise<{ problems: number; emails: number }> {
  const { call } = access;
  return db.transaction(async (tx) => {
    const decided = await decisionsToNotify(tx, call.id);
    let emails = 0;
    for (const problem of decided) {
      const decision = problem.status as Decision;
      const projectPath = problem.projectSlug ? `${SPACE}/projets/${problem.projectSlug}` : null;
      const data: DecisionMessage = {
        firstName: problem.submitterFirstName,
        lastName: problem.submitterLastName,
        problemTitle: problem.title,
        callTitle: call.title,
        cohortName: call.cohortName,
        note: problem.decisionNote,
        redirectTo: problem.redirectTo,
        problemPath: `${SPACE}/problemes/${problem.id}`,
        projectPath: decision === 'retenu' ? projectPath : null,
      };
      const place = { organisationId: problem.organisationId, territoryId: problem.territoryId };
      await queueMessage(
        tx,
        messaging,
        {
          channel: 'email',
          template: decisionTemplateOf[decision],
          recipient: problem.submitterEmail,
          recipientName: `${problem.submitterFirstName} ${problem.submitterLastName}`,
          data,
          idempotencyKey: `programme:decision:${problem.id}`,
          ...place,
        },
        now,
      );
      emails++;
      if (decision !== 'retenu') continue;
      for (const agent of await meTooAgents(tx, problem.id)) {
        const meToo: MeTooMessage = {
          firstName: agent.firstName,
          lastName: agent.lastName,
          problemTitle: problem.title,
          cohortName: call.cohortName,
          projectPath,
        };
        await queueMessage(
          tx,
          messaging,
          {
            channel: 'email',
            template: DECISION_ME_TOO,
            recipient: agent.email,
            recipientName: `${agent.firstName} ${agent.lastName}`,
            data: meToo,
            idempotencyKey: `programme:decision-me-too:${problem.id}:${agent.agentId}`,
            ...place,
          },
          now,
        );
        emails++;
      }
    }
    await markNotified(
      tx,
      decided.map((p) => p.id),
      now,
    );
    if (decided.length > 0) {
      await recordAudit(tx, caller.audit, {
        action: 'update',
        resourceType: 'programme_call_decisions',
        resourceId: call.id,
        details: { notified: decided.map((p) => ({ problemId: p.id, decision: p.status })), emails },
      });
    }
    return { problems: decided.length, emails };
  });
}
