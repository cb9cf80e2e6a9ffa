import { recordAudit } from '../../../../platform/audit/audit.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/client.ts';
import { forbidden } from '../../../../platform/errors.ts';
import type { Caller } from '../../../../platform/tenancy/caller.ts';
import { DEFAULT_CRITERIA } from '../../rubric.ts';
import type { CallRow } from '../access.repository.ts';
import { openCall, openSeasonToConfigure } from '../access.ts';
import { callStateAt, parisDayAndTime } from './call-state.ts';
import {
  countsByStatus,
  countsByTerritory,
  insertCall,
  insertCriteria,
  problemsOfSubmitter,
  submittedProblems,
  updateCall,
} from './calls.repository.ts';
import type { CallInput, CallQuery } from './schemas.ts';

/** Opening a call for problems, changing it, and its page. */

/**
 * A call starts with the default rubric (rubric.ts), written in the same transaction, so the jury
 * never meets a call without criteria.
 */
export async function openCallForProblems(
  db: Db,
  caller: Caller,
  cohortSlug: string,
  input: CallInput,
): Promise<string> {
  const { cohort } = await openSeasonToConfigure(db, caller.actor, cohortSlug);
  return db.transaction(async (tx) => {
    const call = await insertCall(tx, cohort.id, input);
    await insertCriteria(tx, call.id, DEFAULT_CRITERIA);
    await recordAudit(tx, caller.audit, {
      action: 'create',
      resourceType: 'programme_call',
      resourceId: call.id,
      organisationId: cohort.incubatorOrganisationId,
      details: { cohort: cohort.slug },
    });
    return call.id;
  });
}

/** The call's settings, for those who configure its season. */
export async function openCallToConfigure(db: Db, actor: Actor, callId: string) {
  const open = await openCall(db, actor, callId);
  if (!open.roles.configure)
    throw forbidden('Seuls les administrateurs de l’incubateur modifient l’appel à problèmes.');
  return open;
}

export async function changeCall(db: Db, caller: Caller, callId: string, input: CallInput): Promise<void> {
  const { call, cohort } = await openCallToConfigure(db, caller.actor, callId);
  await db.transaction(async (tx) => {
    await updateCall(tx, call.id, input);
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'programme_call',
      resourceId: call.id,
      organisationId: cohort.incubatorOrganisationId,
    });
  });
}

export function callFormValues(call: CallRow): Record<string, string> {
  const opens = parisDayAndTime(call.opensAt);
  const closes = parisDayAndTime(call.closesAt);
  return {
    titre: call.title,
    introduction: call.intro,
    ouverture_jour: opens.day,
    ouverture_heure: opens.time,
    cloture_jour: closes.day,
    cloture_heure: closes.time,
  };
}

/**
 * A call's page. Everyone who sees it reads the submitted problems (the recurrence signal works
 * across services and territories); the staff also get the counts per status and per territory and
 * may filter. Drafts never show here except the actor's own, in « Mes problèmes ».
 */
export async function viewCall(db: Db, actor: Actor, callId: string, query: CallQuery, now: Date) {
  const open = await openCall(db, actor, callId);
  const { call, roles } = open;
  const state = callStateAt(call, now);
  const filters = roles.staff ? { status: query.statut, territoryId: query.territoire } : {};
  const [problems, mine, byStatus, byTerritory] = await Promise.all([
    submittedProblems(db, call.id, filters),
    problemsOfSubmitter(db, call.id, actor.agentId),
    roles.staff ? countsByStatus(db, call.id) : Promise.resolve([]),
    roles.staff ? countsByTerritory(db, call.id) : Promise.resolve([]),
  ]);
  return {
    ...open,
    state,
    mayPropose: roles.partner && state === 'ouvert',
    problems,
    mine,
    byStatus,
    byTerritory,
    filters: roles.staff ? query : {},
  };
}

export type CallPage = Awaited<ReturnType<typeof viewCall>>;
