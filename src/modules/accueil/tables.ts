import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/db/columns.ts';
import { agents, organisations } from '../../platform/tenancy/tables.ts';
import type { CallState } from './calls/call-state.ts';
import type { FlowDefinition, Outcome } from './flow/types.ts';

/**
 * Phone reception (README.md beside this file). An organisation (a UTS) has a line: the number people
 * call, its call flow (menus, services with opening hours and transfer numbers, what happens when
 * nobody answers) and its prompts. Every call is recorded with its path through the menus and ends
 * with exactly one outcome; a call that ended without one is a lost call.
 */

/** How the call reached us: the SIP adapter or a hosted provider's webhooks (the admin's simulator records nothing). */
export const callChannel = pgEnum('accueil_call_channel', ['sip', 'webhook']);

/** The outcomes of flow/types.ts, in the database. */
export const callOutcome = pgEnum('accueil_call_outcome', [
  'transfere_repondu',
  'rappel_demande',
  'message_vocal',
  'sms_envoye',
  'raccroche_ticket',
  'hors_service',
]);

/** A callback ticket's state; « injoignable » after three attempts without reaching the person. */
export const ticketStatus = pgEnum('accueil_ticket_status', [
  'a_rappeler',
  'en_cours',
  'fait',
  'injoignable',
]);

/** Why a ticket exists: the caller asked to be called back, or hung up before being helped. */
export const ticketReason = pgEnum('accueil_ticket_reason', ['rappel_demande', 'raccroche']);

/** What happened on a ticket: a call attempt (with its result), a note, an assignment. */
export const ticketEventKind = pgEnum('accueil_ticket_event_kind', [
  'tentative',
  'note',
  'assignation',
  'statut',
]);

export const attemptResult = pgEnum('accueil_attempt_result', [
  'joint',
  'pas_de_reponse',
  'messagerie',
  'mauvais_numero',
]);

export const promptSource = pgEnum('accueil_prompt_source', ['synthese', 'enregistrement']);

export const lines = pgTable(
  'accueil_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    /** The number people dial, E.164 (+33494…): the SIP adapter and the webhooks find the line by it. */
    number: text('number').notNull(),
    flow: jsonb('flow').$type<FlowDefinition>().notNull(),
    /** Secret shared with a hosted voice provider to sign its webhook requests (null: webhooks refused). */
    webhookSecret: text('webhook_secret'),
    /** Days voicemail audio is kept before the retention job deletes it. */
    audioRetentionDays: smallint('audio_retention_days').notNull().default(30),
    /** Days callers' numbers are kept on calls, tickets and voicemails once they are closed. */
    numberRetentionDays: smallint('number_retention_days').notNull().default(90),
    /** Working hours within which a callback ticket is due. */
    callbackDueHours: smallint('callback_due_hours').notNull().default(4),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('accueil_lines_number').on(t.number),
    index('accueil_lines_organisation').on(t.organisationId),
    check('accueil_lines_audio_retention', sql`${t.audioRetentionDays} between 1 and 365`),
    check('accueil_lines_number_retention', sql`${t.numberRetentionDays} between 1 and 730`),
    check('accueil_lines_callback_due', sql`${t.callbackDueHours} between 1 and 40`),
  ],
);

/**
 * The prompts a line's flow names (« accueil », « menu-principal », « aspi-ferme »…) and the system
 * prompts it overrides. Text is synthesised when there is no recording; a recording is stored
 * converted to 8 kHz G.711 in both laws so that any trunk plays it without conversion.
 */
export const prompts = pgTable(
  'accueil_prompts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lineId: uuid('line_id')
      .notNull()
      .references(() => lines.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    text: text('text').notNull(),
    source: promptSource('source').notNull().default('synthese'),
    /** Raw 8 kHz mono G.711 µ-law / A-law of the recording (null for synthesis). */
    ulaw: bytea('ulaw'),
    alaw: bytea('alaw'),
    durationMs: integer('duration_ms'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('accueil_prompts_line_key').on(t.lineId, t.key)],
);

export type CallStep = {
  at: string;
  /** 'debut', 'menu', 'touche', 'sans-reponse', 'transfert', 'ferme', 'messagerie', 'rappel', 'sms', 'raccroche', 'fin'… */
  kind: string;
  detail?: string;
};

export const calls = pgTable(
  'accueil_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lineId: uuid('line_id')
      .notNull()
      .references(() => lines.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    channel: callChannel('channel').notNull(),
    /** SIP Call-ID or the provider's call id: the same call reported twice is one row. */
    externalId: text('external_id').notNull(),
    /** E.164 when the network gave it, null when withheld (or erased by the retention job). */
    callerNumber: text('caller_number'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** The service the caller chose (a key of the flow's services), once chosen. */
    serviceKey: text('service_key'),
    /** Digits pressed and menus crossed, e.g. {principal,1,aspi}. */
    menuPath: text('menu_path').array().notNull().default(sql`'{}'::text[]`),
    outcome: callOutcome('outcome'),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    /** Between two events (webhook requests, SIP media events): see calls/call-state.ts. */
    state: jsonb('state').$type<CallState>(),
    steps: jsonb('steps').$type<CallStep[]>().notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [
    uniqueIndex('accueil_calls_external').on(t.channel, t.externalId),
    index('accueil_calls_line_started').on(t.lineId, t.startedAt),
    index('accueil_calls_caller').on(t.callerNumber),
    // The quarter-hourly sweep of calls left open (stats/stale-calls.job.ts) reads only these.
    index('accueil_calls_open').on(t.startedAt).where(sql`${t.endedAt} is null`),
  ],
);

export const tickets = pgTable(
  'accueil_tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lineId: uuid('line_id')
      .notNull()
      .references(() => lines.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    callId: uuid('call_id').references(() => calls.id),
    serviceKey: text('service_key'),
    reason: ticketReason('reason').notNull(),
    callerNumber: text('caller_number'),
    status: ticketStatus('status').notNull().default('a_rappeler'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    assignedAgentId: uuid('assigned_agent_id').references(() => agents.id),
    attempts: smallint('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('accueil_tickets_call').on(t.callId),
    index('accueil_tickets_organisation_status').on(t.organisationId, t.status, t.dueAt),
    index('accueil_tickets_caller').on(t.callerNumber),
  ],
);

export const ticketEvents = pgTable(
  'accueil_ticket_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    kind: ticketEventKind('kind').notNull(),
    agentId: uuid('agent_id').references(() => agents.id),
    result: attemptResult('result'),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('accueil_ticket_events_ticket').on(t.ticketId, t.at)],
);

export const voicemails = pgTable(
  'accueil_voicemails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lineId: uuid('line_id')
      .notNull()
      .references(() => lines.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    serviceKey: text('service_key'),
    callerNumber: text('caller_number'),
    /** The message as a WAV file (G.711 as received, format 7 µ-law or 6 A-law); null once deleted. */
    audio: bytea('audio'),
    durationMs: integer('duration_ms').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    handledBy: uuid('handled_by').references(() => agents.id),
    audioDeletedAt: timestamp('audio_deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('accueil_voicemails_call').on(t.callId),
    index('accueil_voicemails_organisation').on(t.organisationId, t.recordedAt),
  ],
);

export type Line = typeof lines.$inferSelect;
export type Call = typeof calls.$inferSelect;
export type Ticket = typeof tickets.$inferSelect;
export type Voicemail = typeof voicemails.$inferSelect;
export type { Outcome };
