import type { Db } from '../../../../platform/db/client.ts';
import { forbidden } from '../../../../platform/errors.ts';
import type { Caller } from '../../../../platform/tenancy/caller.ts';
import { openProblem } from '../access.ts';
import { deleteMeToo, insertMeToo } from './problems.repository.ts';

/**
 * « Moi aussi » (issue 6 §2): another partner agent meets the same problem. It is the recurrence
 * signal the jury reads, so it is said once per agent, never by the author, and only on a problem
 * still in the running (submitted or found admissible).
 */
export const ME_TOO_STATUSES = ['soumis', 'recevable'] as const;

/** The problem an agent says « moi aussi » to: 403 for its author, non-partners, or a problem out of the running. */
export async function openForMeToo(db: Db, caller: Caller, problemId: string) {
  const open = await openProblem(db, caller.actor, problemId);
  if (open.author)
    throw forbidden('Vous avez proposé ce problème : d’autres agents peuvent dire « moi aussi ».');
  if (!open.roles.partner)
    throw forbidden(
      'Seuls les agents des collectivités partenaires disent « moi aussi » (pas les membres en lecture seule).',
    );
  if (!(ME_TOO_STATUSES as readonly string[]).includes(open.problem.status))
    throw forbidden('Ce problème n’est plus ouvert aux « moi aussi ».');
  return open;
}

/** Says « moi aussi »: false when the agent had already said it (nothing changes). */
export async function sayMeToo(
  db: Db,
  caller: Caller,
  problemId: string,
  input: { service: string; commentaire: string },
): Promise<boolean> {
  const { problem } = await openForMeToo(db, caller, problemId);
  return insertMeToo(db, {
    problemId: problem.id,
    agentId: caller.actor.agentId,
    service: input.service,
    comment: input.commentaire,
  });
}

export async function withdrawMeToo(db: Db, caller: Caller, problemId: string): Promise<boolean> {
  const { problem } = await openProblem(db, caller.actor, problemId);
  return deleteMeToo(db, problem.id, caller.actor.agentId);
}
