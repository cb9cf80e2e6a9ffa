import { sql } from 'drizzle-orm';
import {
  check,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agents } from '../tenancy/tables.ts';

/**
 * Questionnaires built by agents (field surveys of the programme, later binômes and concertation)
 * and their answers. A form belongs to a module and to something in it (`owner_ref`, e.g.
 * 'project:<uuid>'): the module decides who may edit it and read its results; the platform renders,
 * validates and counts. Questions are a JSON definition (definition.ts), so a form is one row and its
 * answers are read against the definition they were given with.
 */
export const formStatus = pgEnum('form_status', ['brouillon', 'ouvert', 'clos']);
/** Answered online through the public link, or typed in by an agent from a paper questionnaire. */
export const formResponseSource = pgEnum('form_response_source', ['en_ligne', 'papier']);

export const forms = pgTable(
  'forms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    module: text('module').notNull(),
    ownerRef: text('owner_ref').notNull(),
    title: text('title').notNull(),
    intro: text('intro').notNull().default(''),
    /** Shown once the person has answered. */
    thanks: text('thanks').notNull().default(''),
    /** The questions (FormQuestion[] of definition.ts). */
    questions: jsonb('questions').notNull().default(sql`'[]'::jsonb`),
    status: formStatus('status').notNull().default('brouillon'),
    /** The public link is /questionnaire/<public_token>: random, so links cannot be guessed. */
    publicToken: text('public_token').notNull(),
    createdBy: uuid('created_by').references(() => agents.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('forms_public_token_key').on(t.publicToken),
    index('forms_owner_idx').on(t.module, t.ownerRef),
    check('forms_title_not_blank', sql`length(trim(${t.title})) > 0`),
  ],
);

export const formResponses = pgTable(
  'form_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    formId: uuid('form_id')
      .notNull()
      .references(() => forms.id, { onDelete: 'cascade' }),
    /** { [questionId]: string | string[] | number } for the questions that were shown and answered. */
    answers: jsonb('answers').notNull(),
    source: formResponseSource('source').notNull(),
    /** The agent who typed a paper questionnaire in; null online (answers are anonymous). */
    enteredBy: uuid('entered_by').references(() => agents.id),
    /** The number written on the paper questionnaire, so it is not typed twice. */
    paperRef: text('paper_ref'),
    /** Sent with the page (hidden field): a double click or a resent form records one response. */
    submissionKey: text('submission_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('form_responses_form_idx').on(t.formId, t.createdAt),
    uniqueIndex('form_responses_submission_key').on(t.formId, t.submissionKey),
    uniqueIndex('form_responses_paper_ref_key').on(t.formId, t.paperRef),
  ],
);
