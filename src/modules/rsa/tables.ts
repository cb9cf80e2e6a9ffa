import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
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
import { appointments, citizens } from '../../platform/scheduling/tables.ts';
import { agents, organisations, territories } from '../../platform/tenancy/tables.ts';

/**
 * The RSA orientation records (see README.md beside this file). A beneficiary belongs to a territory
 * (the département that pays the RSA) and is followed by one of its organisations, chosen by the
 * sectorisation of their commune. Duplicates are found per territory: on numéro allocataire + rôle,
 * then on name + birth date.
 */

/** Where a beneficiary is on the way from the opening of rights to orientation. */
export const beneficiaryStatus = pgEnum('rsa_beneficiary_status', [
  'non_invite',
  'invitation_envoyee',
  'invitation_expiree',
  'rdv_pris',
  'rdv_a_statuer',
  'absent',
  'excuse',
  'annule',
  'rdv_honore',
  'oriente',
  'clos',
]);
export const householdRole = pgEnum('rsa_household_role', ['demandeur', 'conjoint']);
export const orientationKind = pgEnum('rsa_orientation', [
  'sociale',
  'professionnelle',
  'socio_professionnelle',
]);
/** An invitation asks the person to choose a time; a convocation gives them one an agent booked. */
export const invitationKind = pgEnum('rsa_invitation_kind', ['invitation', 'convocation']);
export const invitationChannel = pgEnum('rsa_invitation_channel', ['sms', 'email', 'letter']);
/** Who changed a beneficiary's status: an agent, the person (from their link), or the system. */
export const statusChangedBy = pgEnum('rsa_status_changed_by', ['agent', 'usager', 'systeme']);
export const importState = pgEnum('rsa_import_state', ['preview', 'applying', 'done', 'failed', 'abandoned']);

/** Per organisation: how invitations and personal data are handled. A missing row means the defaults. */
export const rsaSettings = pgTable(
  'rsa_settings',
  {
    organisationId: uuid('organisation_id')
      .primaryKey()
      .references(() => organisations.id),
    invitationValidityDays: smallint('invitation_validity_days').notNull().default(10),
    /** Days after sending when a reminder goes out while nothing is booked. */
    reminderDays: smallint('reminder_days').array().notNull().default(sql`'{3,7}'::smallint[]`),
    /** Months without activity after which a record is anonymised. */
    retentionMonths: smallint('retention_months').notNull().default(24),
    /** Whether the NIR (numéro de sécurité sociale) may be stored; off unless the département decides. */
    nirEnabled: boolean('nir_enabled').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('rsa_settings_validity', sql`${t.invitationValidityDays} between 1 and 60`),
    check('rsa_settings_retention', sql`${t.retentionMonths} between 1 and 120`),
  ],
);

export const beneficiaries = pgTable(
  'rsa_beneficiaries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    /** The organisation that follows the person (by sectorisation of their commune, editable). */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Their record in the booking engine (external_ref = 'rsa:<id>'), created at the first invitation. */
    citizenId: uuid('citizen_id').references(() => citizens.id),
    referentAgentId: uuid('referent_agent_id').references(() => agents.id),
    allocataireNumber: text('allocataire_number'),
    role: householdRole('role').notNull().default('demandeur'),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    birthDate: date('birth_date'),
    nir: text('nir'),
    address: text('address'),
    postalCode: text('postal_code'),
    communeCode: text('commune_code'),
    communeName: text('commune_name'),
    /** E.164. */
    phone: text('phone'),
    email: text('email'),
    rightsOpenedOn: date('rights_opened_on'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    status: beneficiaryStatus('status').notNull().default('non_invite'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the person first met their référent (first participation marked « vu »). */
    firstMetAt: timestamp('first_met_at', { withTimezone: true }),
    /** Last import, invitation, booking, status change, note or decision: drives anonymisation. */
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rsa_beneficiaries_allocataire_key')
      .on(t.territoryId, t.allocataireNumber, t.role)
      .where(sql`${t.allocataireNumber} is not null`),
    index('rsa_beneficiaries_identity_idx').on(
      t.territoryId,
      sql`lower(${t.lastName})`,
      sql`lower(${t.firstName})`,
      t.birthDate,
    ),
    index('rsa_beneficiaries_organisation_status_idx').on(t.organisationId, t.status),
    index('rsa_beneficiaries_citizen_idx').on(t.citizenId),
    index('rsa_beneficiaries_activity_idx').on(t.lastActivityAt),
    check('rsa_beneficiaries_nir', sql`${t.nir} is null or ${t.nir} ~ '^[12][0-9]{12}([0-9]{2})?$'`),
  ],
);

/** Every status a beneficiary went through, with who and why. */
export const beneficiaryStatusChanges = pgTable(
  'rsa_status_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    beneficiaryId: uuid('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id),
    fromStatus: beneficiaryStatus('from_status'),
    toStatus: beneficiaryStatus('to_status').notNull(),
    changedBy: statusChangedBy('changed_by').notNull(),
    changedByAgentId: uuid('changed_by_agent_id').references(() => agents.id),
    reason: text('reason'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rsa_status_changes_beneficiary_idx').on(t.beneficiaryId, t.changedAt)],
);

/**
 * An invitation (by SMS, email or letter, with a personal link to book) or a convocation (an
 * appointment an agent booked, sent by letter, SMS or email). Reminders go out at `nextReminderAt`
 * while nothing is booked and the invitation has not expired or been closed.
 */
export const invitations = pgTable(
  'rsa_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    beneficiaryId: uuid('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    kind: invitationKind('kind').notNull(),
    channel: invitationChannel('channel').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    remindersSent: smallint('reminders_sent').notNull().default(0),
    nextReminderAt: timestamp('next_reminder_at', { withTimezone: true }),
    /** The appointment booked from it (by the person) or given by it (convocation). */
    appointmentId: uuid('appointment_id').references(() => appointments.id),
    bookedAt: timestamp('booked_at', { withTimezone: true }),
    /** Closed without a booking: replaced by a newer invitation, or the person's record closed. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdByAgentId: uuid('created_by_agent_id').references(() => agents.id),
  },
  (t) => [
    index('rsa_invitations_beneficiary_idx').on(t.beneficiaryId, t.sentAt),
    index('rsa_invitations_reminder_idx')
      .on(t.nextReminderAt)
      .where(sql`${t.bookedAt} is null and ${t.closedAt} is null`),
    index('rsa_invitations_appointment_idx').on(t.appointmentId),
  ],
);

/** A référent's or an agent's note on a person's timeline. */
export const notes = pgTable(
  'rsa_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    beneficiaryId: uuid('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('rsa_notes_beneficiary_idx').on(t.beneficiaryId, t.createdAt),
    check('rsa_notes_body', sql`length(${t.body}) between 1 and 5000`),
  ],
);

/** The person's answers to the orientation questionnaire (filled from their invitation link or by an agent). */
export const questionnaireAnswers = pgTable('rsa_questionnaire_answers', {
  beneficiaryId: uuid('beneficiary_id')
    .primaryKey()
    .references(() => beneficiaries.id),
  answers: jsonb('answers').$type<Record<string, string | string[]>>().notNull(),
  suggestedOrientation: orientationKind('suggested_orientation').notNull(),
  filledBy: statusChangedBy('filled_by').notNull(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The référent's orientation decision: which path, from when, and which structure follows the person. */
export const orientationDecisions = pgTable(
  'rsa_orientation_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    beneficiaryId: uuid('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id),
    orientation: orientationKind('orientation').notNull(),
    decidedOn: date('decided_on').notNull(),
    /** The structure that takes the person on (France Travail, a service of the département…). */
    structureName: text('structure_name').notNull(),
    decidedByAgentId: uuid('decided_by_agent_id')
      .notNull()
      .references(() => agents.id),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rsa_orientation_decisions_beneficiary_idx').on(t.beneficiaryId, t.decidedOn)],
);

/** How an organisation's files name their columns: field → header, kept from one import to the next. */
export const columnMappings = pgTable('rsa_column_mappings', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One imported file: kept from the preview to the agent's confirmation, then applied in the background
 * with its progress; the counts and rejections stay as the import's report.
 */
export const imports = pgTable(
  'rsa_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    agentId: uuid('agent_id').references(() => agents.id),
    fileName: text('file_name').notNull(),
    /** The file itself until it is applied (then emptied). */
    content: bytea('content'),
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
    state: importState('state').notNull().default('preview'),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    rejections: jsonb('rejections').$type<{ line: number; reason: string }[]>().notNull().default([]),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('rsa_imports_organisation_idx').on(t.organisationId, t.createdAt)],
);

export const invitationRunState = pgEnum('rsa_invitation_run_state', ['queued', 'running', 'done', 'failed']);

/**
 * A bulk invitation too large to wait for in the web request (more than ~50 people), sent by a
 * background job chunk by chunk. `doneIds` are the people already handled (invited, or left out with a
 * reason): each batch adds its own in the transaction that writes its invitations, so a retried job
 * goes on with the others and nobody is invited twice. Counts, reasons and no-slot warnings are the
 * summary the agent reads on the run's page.
 */
export const invitationRuns = pgTable(
  'rsa_invitation_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Whose scope the run is in (the agent's organisation): who may see its page. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id),
    beneficiaryIds: uuid('beneficiary_ids').array().notNull(),
    channel: text('channel').$type<'auto' | 'sms' | 'email' | 'letter'>().notNull(),
    state: invitationRunState('state').notNull().default('queued'),
    total: integer('total').notNull(),
    processed: integer('processed').notNull().default(0),
    doneIds: uuid('done_ids').array().notNull().default(sql`'{}'::uuid[]`),
    invited: integer('invited').notNull().default(0),
    invitedSms: integer('invited_sms').notNull().default(0),
    invitedEmail: integer('invited_email').notNull().default(0),
    invitedLetter: integer('invited_letter').notNull().default(0),
    skipped: jsonb('skipped').$type<{ beneficiaryId: string; reason: string }[]>().notNull().default([]),
    noSlot: jsonb('no_slot')
      .$type<
        {
          organisationId: string;
          organisationName: string;
          lastDay: string;
          communes: string[];
          held: number;
        }[]
      >()
      .notNull()
      .default([]),
    /** The last error of the job (it is retried), or why the run failed. */
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('rsa_invitation_runs_organisation_idx').on(t.organisationId, t.createdAt),
    check('rsa_invitation_runs_channel', sql`${t.channel} in ('auto', 'sms', 'email', 'letter')`),
  ],
);
