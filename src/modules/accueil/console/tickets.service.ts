import { displayName } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { openLine } from './access.ts';
import { type AgentChoice, type ConsoleLine, consoleAgentsOf } from './console.repository.ts';
import { auditCallerRead, callerHistoryOf } from './history.service.ts';
import type { HistoryEntry } from './history.ts';
import { type AttemptResult, attemptResultLabels, MAX_ATTEMPTS, type TicketStatus } from './labels.ts';
import {
  assignTicketRow,
  eventsOfTicket,
  findTicket,
  insertTicketEvent,
  recordAttemptRow,
  reopenTicketRow,
  type TicketEventRow,
  type TicketRow,
  takeTicketRow,
  touchTicket,
} from './tickets.repository.ts';

/**
 * A callback ticket's page and what agents do with it: take it, hand it over, record call attempts,
 * add notes, reopen it. Each change writes one accueil_ticket_events row in the same transaction;
 * a change that lost a race with another agent's changes nothing and says why (Conflict).
 */

export const TICKET_NOT_FOUND = 'Ce rappel n’existe pas ou vous n’y avez pas accès.';

async function openTicket(db: Db, caller: Caller, lineId: string, ticketId: string) {
  const line = await openLine(db, caller, lineId);
  const ticket = isUuid(ticketId) ? await findTicket(db, line.id, ticketId) : undefined;
  if (!ticket) throw notFound(TICKET_NOT_FOUND);
  return { line, ticket };
}

const nameOf = (t: Pick<TicketRow, 'assignedFirstName' | 'assignedLastName'>) =>
  displayName({ firstName: t.assignedFirstName ?? '', lastName: t.assignedLastName ?? '' });

export type TicketPage = {
  line: ConsoleLine;
  ticket: TicketRow;
  events: TicketEventRow[];
  history: HistoryEntry[];
  agents: AgentChoice[];
  agentId: string;
};

/** The ticket with its events, the agents it may go to, and the caller's history (an audited read). */
export async function viewTicket(
  db: Db,
  caller: Caller,
  lineId: string,
  ticketId: string,
): Promise<TicketPage> {
  const { line, ticket } = await openTicket(db, caller, lineId, ticketId);
  const [events, history, agents] = await Promise.all([
    eventsOfTicket(db, ticket.id),
    ticket.callerNumber ? callerHistoryOf(db, line.id, ticket.callerNumber) : Promise.resolve([]),
    consoleAgentsOf(db, line.organisationId),
  ]);
  if (ticket.callerNumber)
    await auditCallerRead(db, caller, line, ticket.callerNumber, { ticketId: ticket.id });
  return { line, ticket, events, history, agents, agentId: caller.actor.agentId };
}

const closedMessage = (status: TicketStatus) =>
  status === 'fait'
    ? 'Ce rappel est déjà fait : rouvrez-le pour le traiter de nouveau.'
    : 'Ce rappel est clos (injoignable) : rouvrez-le pour le traiter de nouveau.';

/**
 * « Je prends »: the ticket becomes the agent's and « en cours ». Only one of two agents clicking at
 * once gets it (takeTicketRow); the other is told who has it.
 */
export async function takeTicket(db: Db, caller: Caller, lineId: string, ticketId: string, now: Date) {
  const { line, ticket } = await openTicket(db, caller, lineId, ticketId);
  const agentId = caller.actor.agentId;
  const taken = await db.transaction(async (tx) => {
    const row = await takeTicketRow(tx, line.id, ticket.id, agentId, now);
    if (row)
      await insertTicketEvent(tx, {
        ticketId: ticket.id,
        kind: 'assignation',
        agentId,
        note: 'Pris en charge',
        at: now,
      });
    return row;
  });
  if (taken) return taken;
  const current = (await findTicket(db, line.id, ticket.id))!;
  if (current.status === 'fait' || current.status === 'injoignable')
    throw conflict(closedMessage(current.status));
  if (current.assignedAgentId === agentId) throw conflict('Vous aviez déjà pris ce rappel.');
  throw conflict(`${nameOf(current)} a déjà pris ce rappel : voyez avec elle ou lui avant de rappeler.`);
}

/** Hands an open ticket to an agent of the line's organisation (or to oneself). */
export async function assignTicket(
  db: Db,
  caller: Caller,
  lineId: string,
  ticketId: string,
  assigneeId: string,
  now: Date,
) {
  const { line, ticket } = await openTicket(db, caller, lineId, ticketId);
  const assignee = (await consoleAgentsOf(db, line.organisationId)).find((a) => a.id === assigneeId);
  if (!assignee) throw invalid({ agent: 'Choisissez un agent de l’organisation dans la liste.' });
  if (ticket.assignedAgentId === assignee.id)
    throw conflict(`Ce rappel est déjà attribué à ${displayName(assignee)}.`);
  const row = await db.transaction(async (tx) => {
    const changed = await assignTicketRow(tx, line.id, ticket.id, assignee.id, now);
    if (changed) {
      await insertTicketEvent(tx, {
        ticketId: ticket.id,
        kind: 'assignation',
        agentId: caller.actor.agentId,
        note: assignee.id === caller.actor.agentId ? 'Pris en charge' : `Attribué à ${displayName(assignee)}`,
        at: now,
      });
    }
    return changed;
  });
  if (!row) throw conflict(closedMessage(ticket.status));
  return { assignee };
}

/**
 * One call attempt and its result: reached → « fait »; otherwise one more attempt, and « injoignable »
 * at the third. The count is kept by the database (recordAttemptRow), so attempts recorded at the
 * same moment by two agents both count.
 */
export async function recordAttempt(
  db: Db,
  caller: Caller,
  lineId: string,
  ticketId: string,
  attempt: { result: AttemptResult; note?: string },
  now: Date,
) {
  const { line, ticket } = await openTicket(db, caller, lineId, ticketId);
  const agentId = caller.actor.agentId;
  const row = await db.transaction(async (tx) => {
    const changed = await recordAttemptRow(tx, line.id, ticket.id, agentId, attempt.result, now);
    if (!changed) return undefined;
    await insertTicketEvent(tx, {
      ticketId: ticket.id,
      kind: 'tentative',
      agentId,
      result: attempt.result,
      note: attempt.note,
      at: now,
    });
    if (changed.status === 'injoignable') {
      await insertTicketEvent(tx, {
        ticketId: ticket.id,
        kind: 'statut',
        agentId,
        note: `Injoignable après ${MAX_ATTEMPTS} tentatives`,
        at: now,
      });
    }
    return changed;
  });
  if (!row) throw conflict(closedMessage(ticket.status === 'fait' ? 'fait' : 'injoignable'));
  return row;
}

/** The message shown after an attempt. */
export function attemptMessage(
  result: AttemptResult,
  row: { status: TicketStatus; attempts: number },
): string {
  if (row.status === 'fait') return 'Tentative enregistrée : la personne a été jointe, le rappel est fait.';
  if (row.status === 'injoignable')
    return `Tentative enregistrée (${attemptResultLabels[result].toLowerCase()}) : ${MAX_ATTEMPTS} tentatives sans joindre la personne, le rappel passe en « injoignable ».`;
  return `Tentative enregistrée (${attemptResultLabels[result].toLowerCase()}) : ${row.attempts} sur ${MAX_ATTEMPTS}.`;
}

export async function addTicketNote(
  db: Db,
  caller: Caller,
  lineId: string,
  ticketId: string,
  note: string,
  now: Date,
) {
  const { line, ticket } = await openTicket(db, caller, lineId, ticketId);
  await db.transaction(async (tx) => {
    await touchTicket(tx, line.id, ticket.id, now);
    await insertTicketEvent(tx, {
      ticketId: ticket.id,
      kind: 'note',
      agentId: caller.actor.agentId,
      note,
      at: now,
    });
  });
}

/** A done or unreachable ticket back to « à rappeler », nobody's, with its attempts counted anew. */
export async function reopenTicket(db: Db, caller: Caller, lineId: string, ticketId: string, now: Date) {
  const { line, ticket } = await openTicket(db, caller, lineId, ticketId);
  const row = await db.transaction(async (tx) => {
    const changed = await reopenTicketRow(tx, line.id, ticket.id, now);
    if (changed) {
      await insertTicketEvent(tx, {
        ticketId: ticket.id,
        kind: 'statut',
        agentId: caller.actor.agentId,
        note: 'Rouvert',
        at: now,
      });
    }
    return changed;
  });
  if (!row) throw conflict('Ce rappel est encore ouvert : il n’y a rien à rouvrir.');
}
