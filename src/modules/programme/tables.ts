import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/db/columns.ts';
import { forms } from '../../platform/forms/tables.ts';
import { agents, organisations, territories } from '../../platform/tenancy/tables.ts';

/**
 * The pre-incubation programme (README.md beside this file). An incubator (an organisation of kind
 * « incubateur ») runs a cohort with partner territories: a call for problems, a jury that selects
 * some, teams of agents that investigate each selected problem as a project, committees that decide
 * which projects go on, and a public portfolio of the projects and their impact.
 */

/** Where a submitted problem is, from the draft to the jury's decision. */
export const problemStatus = pgEnum('programme_problem_status', [
  'brouillon',
  'soumis',
  'recevable',
  'irrecevable',
  'retenu',
  'non_retenu',
  'reoriente',
  'fusionne',
]);
/** The phases of a beta.gouv.fr startup (their names in the national catalogue). */
export const projectPhase = pgEnum('programme_phase', [
  'investigation',
  'construction',
  'acceleration',
  'consolidation',
  'transfer',
  'alumni',
  'abandon',
]);
export const hypothesisState = pgEnum('programme_hypothesis_state', [
  'a_tester',
  'en_test',
  'invalidee',
  'confirmee',
]);
export const evidenceKind = pgEnum('programme_evidence_kind', [
  'entretien',
  'enquete',
  'donnees',
  'observation',
  'document',
]);
/** What a piece of evidence supports: the two questions of the first step, and the solution. */
export const evidenceClaim = pgEnum('programme_evidence_claim', [
  'recurrence',
  'consequences_usagers',
  'consequences_collectivite',
  'solution',
]);
export const confidenceLevel = pgEnum('programme_confidence', ['faible', 'moyenne', 'forte']);
export const milestoneKind = pgEnum('programme_milestone_kind', [
  'lancement',
  'mi_parcours',
  'restitution',
  'comite',
  'autre',
]);
export const committeeDecision = pgEnum('programme_committee_decision', ['go', 'provisoire', 'stop']);

/** A season of the programme, run by an incubator. Detachment defaults apply to its teams. */
export const cohorts = pgTable(
  'programme_cohorts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    incubatorOrganisationId: uuid('incubator_organisation_id')
      .notNull()
      .references(() => organisations.id),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    detachmentDaysPerWeek: numeric('detachment_days_per_week', { precision: 3, scale: 1 })
      .notNull()
      .default('1'),
    detachmentWeeks: smallint('detachment_weeks').notNull().default(12),
    /** When the interview notes of the cohort were anonymised (the job runs once the cohort has ended). */
    interviewsAnonymisedAt: timestamp('interviews_anonymised_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('programme_cohorts_dates', sql`${t.endsOn} >= ${t.startsOn}`)],
);

/** The collectivités whose agents take part (submit problems, join teams). */
export const cohortTerritories = pgTable(
  'programme_cohort_territories',
  {
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.territoryId] })],
);

export const coaches = pgTable(
  'programme_coaches',
  {
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.agentId] })],
);

/** A call for problems: open between two instants (submissions and edits end at closes_at). */
export const calls = pgTable(
  'programme_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    intro: text('intro').notNull().default(''),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('programme_calls_cohort_idx').on(t.cohortId),
    check('programme_calls_dates', sql`${t.closesAt} > ${t.opensAt}`),
  ],
);

/**
 * A problem an agent submits to a call. Text fields are empty in a draft; submitting checks they are
 * filled. The organisation and territory are the submitter's at submission (conflicts of interest and
 * the funnel per territory read them). A duplicate is merged into another problem (merged_into_id).
 */
export const problems = pgTable(
  'programme_problems',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    submitterAgentId: uuid('submitter_agent_id')
      .notNull()
      .references(() => agents.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    status: problemStatus('status').notNull().default('brouillon'),
    /** The problem in one sentence. */
    title: text('title').notNull().default(''),
    whoSuffers: text('who_suffers').notNull().default(''),
    howMany: text('how_many').notNull().default(''),
    frequency: text('frequency').notNull().default(''),
    consequencesCitizens: text('consequences_citizens').notNull().default(''),
    consequencesCollectivite: text('consequences_collectivite').notNull().default(''),
    evidence: text('evidence').notNull().default(''),
    workaround: text('workaround').notNull().default(''),
    sponsor: text('sponsor').notNull().default(''),
    service: text('service').notNull().default(''),
    availability: text('availability').notNull().default(''),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    mergedIntoId: uuid('merged_into_id'),
    prescreenNote: text('prescreen_note').notNull().default(''),
    prescreenedBy: uuid('prescreened_by').references(() => agents.id),
    prescreenedAt: timestamp('prescreened_at', { withTimezone: true }),
    /** The jury's message to the submitter (why, and for « réorienté » where to go: redirect_to). */
    decisionNote: text('decision_note').notNull().default(''),
    redirectTo: text('redirect_to').notNull().default(''),
    decidedBy: uuid('decided_by').references(() => agents.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('programme_problems_call_idx').on(t.callId, t.status),
    index('programme_problems_submitter_idx').on(t.submitterAgentId),
    check('programme_problems_merged', sql`(${t.status} = 'fusionne') = (${t.mergedIntoId} is not null)`),
    check('programme_problems_submitted', sql`(${t.status} = 'brouillon') = (${t.submittedAt} is null)`),
  ],
);

/** « Moi aussi » : another agent meets the same problem (a recurrence signal). */
export const meToos = pgTable(
  'programme_me_toos',
  {
    problemId: uuid('problem_id')
      .notNull()
      .references(() => problems.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id),
    service: text('service').notNull().default(''),
    comment: text('comment').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.problemId, t.agentId] })],
);

/** The jury of a call. */
export const jurors = pgTable(
  'programme_jurors',
  {
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.callId, t.agentId] })],
);

/**
 * Conflicts of interest declared by a juror on a problem or by a committee member on a project.
 * Automatic ones (the juror belongs to the submitter's organisation, the member is on the team) are
 * computed, not stored, so they follow memberships.
 */
export const conflicts = pgTable(
  'programme_conflicts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id),
    problemId: uuid('problem_id').references(() => problems.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('programme_conflicts_one_subject', sql`(${t.problemId} is null) <> (${t.projectId} is null)`),
    uniqueIndex('programme_conflicts_problem_key').on(t.agentId, t.problemId),
    uniqueIndex('programme_conflicts_project_key').on(t.agentId, t.projectId),
  ],
);

/** The rubric of a call: weighted criteria each scored 0–4 by the jurors. */
export const criteria = pgTable(
  'programme_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    label: text('label').notNull(),
    description: text('description').notNull().default(''),
    weight: smallint('weight').notNull(),
    position: smallint('position').notNull(),
  },
  (t) => [
    uniqueIndex('programme_criteria_key').on(t.callId, t.key),
    check('programme_criteria_weight', sql`${t.weight} between 1 and 10`),
  ],
);

/** A juror's review of a problem: { [criterion key]: 0..4 } and a comment. */
export const reviews = pgTable(
  'programme_reviews',
  {
    problemId: uuid('problem_id')
      .notNull()
      .references(() => problems.id, { onDelete: 'cascade' }),
    jurorAgentId: uuid('juror_agent_id')
      .notNull()
      .references(() => agents.id),
    scores: jsonb('scores').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.problemId, t.jurorAgentId] })],
);

/** The jury's private discussion on a problem (never shown to the submitter). */
export const discussionNotes = pgTable(
  'programme_discussion_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    problemId: uuid('problem_id')
      .notNull()
      .references(() => problems.id, { onDelete: 'cascade' }),
    authorAgentId: uuid('author_agent_id')
      .notNull()
      .references(() => agents.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('programme_discussion_notes_problem_idx').on(t.problemId, t.createdAt)],
);

/**
 * A selected problem becomes a project (a startup de territoire in the making). Its public fields
 * (mission, problem, solution, sponsors, usertypes…) make the portfolio page and the beta.gouv.fr
 * export. `module_name` names the Tremplin module that runs the resulting service, whose indicators
 * the portfolio shows (all of them, or `indicator_keys`).
 */
export const projects = pgTable(
  'programme_projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    problemId: uuid('problem_id').references(() => problems.id),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    title: text('title').notNull(),
    mission: text('mission').notNull().default(''),
    problem: text('problem').notNull().default(''),
    solution: text('solution').notNull().default(''),
    coachAgentId: uuid('coach_agent_id').references(() => agents.id),
    /** beta.gouv.fr organisation ids, e.g. 'departement-var'. */
    sponsors: text('sponsors').array().notNull().default(sql`'{}'::text[]`),
    /** beta.gouv.fr user types, e.g. 'particulier', 'collectivite-territoriale'. */
    usertypes: text('usertypes').array().notNull().default(sql`'{}'::text[]`),
    thematiques: text('thematiques').array().notNull().default(sql`'{}'::text[]`),
    contact: text('contact').notNull().default(''),
    link: text('link').notNull().default(''),
    repository: text('repository').notNull().default(''),
    moduleName: text('module_name'),
    indicatorKeys: text('indicator_keys').array().notNull().default(sql`'{}'::text[]`),
    /** Detachment plan of the team: null = the cohort's defaults. */
    detachmentDaysPerWeek: numeric('detachment_days_per_week', { precision: 3, scale: 1 }),
    detachmentWeeks: smallint('detachment_weeks'),
    startsOn: date('starts_on').notNull(),
    isPublic: boolean('is_public').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('programme_projects_problem_key').on(t.problemId),
    index('programme_projects_cohort_idx').on(t.cohortId),
  ],
);

/** The phase timeline of a project; the current phase is the one without an end (or the latest). */
export const projectPhases = pgTable(
  'programme_project_phases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    phase: projectPhase('phase').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    comment: text('comment').notNull().default(''),
  },
  (t) => [
    uniqueIndex('programme_project_phases_key').on(t.projectId, t.phase, t.startsOn),
    check('programme_project_phases_dates', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/**
 * An agent on a project's team, detached part of the week. Their manager acknowledges the weekly
 * check-ins. Days per week and weeks: null = the project's plan.
 */
export const teamMembers = pgTable(
  'programme_team_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id),
    /** What they do in the team, in their words (« porteuse du problème », « secrétaire ASE »…). */
    role: text('role').notNull().default(''),
    managerAgentId: uuid('manager_agent_id').references(() => agents.id),
    daysPerWeek: numeric('days_per_week', { precision: 3, scale: 1 }),
    weeks: smallint('weeks'),
    joinedOn: date('joined_on').notNull(),
    leftOn: date('left_on'),
  },
  (t) => [uniqueIndex('programme_team_members_key').on(t.projectId, t.agentId)],
);

/** « Ai-je eu ma journée ? » — one answer per member and week (week_start is a Monday). */
export const checkins = pgTable(
  'programme_checkins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamMemberId: uuid('team_member_id')
      .notNull()
      .references(() => teamMembers.id, { onDelete: 'cascade' }),
    weekStart: date('week_start').notNull(),
    hadDay: boolean('had_day').notNull(),
    /** Days actually spent on the project that week (0, 0.5, 1, 1.5…). */
    days: numeric('days', { precision: 3, scale: 1 }).notNull(),
    comment: text('comment').notNull().default(''),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedBy: uuid('acknowledged_by').references(() => agents.id),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('programme_checkins_key').on(t.teamMemberId, t.weekStart),
    check('programme_checkins_days', sql`${t.days} >= 0 and ${t.days} <= 7`),
  ],
);

/** Hypotheses the team tries to invalidate. */
export const hypotheses = pgTable(
  'programme_hypotheses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    statement: text('statement').notNull(),
    state: hypothesisState('state').notNull().default('a_tester'),
    conclusion: text('conclusion').notNull().default(''),
    position: integer('position').notNull().default(0),
    createdBy: uuid('created_by').references(() => agents.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('programme_hypotheses_project_idx').on(t.projectId)],
);

/** Interviews: notes with the interviewee's recorded consent; names erased when the cohort ends. */
export const interviews = pgTable(
  'programme_interviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** Who was met: personal data, erased at anonymisation (the role stays). */
    intervieweeName: text('interviewee_name'),
    intervieweeContact: text('interviewee_contact'),
    intervieweeRole: text('interviewee_role').notNull().default(''),
    interviewedOn: date('interviewed_on').notNull(),
    consentRecorded: boolean('consent_recorded').notNull(),
    /** How consent was given (« oral, enregistré par l’agent », « formulaire signé »…). */
    consentMode: text('consent_mode').notNull().default(''),
    notes: text('notes').notNull().default(''),
    createdBy: uuid('created_by').references(() => agents.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
  },
  (t) => [index('programme_interviews_project_idx').on(t.projectId)],
);

/** The evidence ledger: what supports which claim, how strongly. */
export const evidence = pgTable(
  'programme_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    kind: evidenceKind('kind').notNull(),
    claim: evidenceClaim('claim').notNull(),
    confidence: confidenceLevel('confidence').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    source: text('source').notNull().default(''),
    collectedOn: date('collected_on').notNull(),
    hypothesisId: uuid('hypothesis_id').references(() => hypotheses.id, { onDelete: 'set null' }),
    interviewId: uuid('interview_id').references(() => interviews.id, { onDelete: 'set null' }),
    formId: uuid('form_id').references(() => forms.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => agents.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('programme_evidence_project_idx').on(t.projectId)],
);

/** Key figures (« 70 % des appels perdus »), shown on the portfolio when public. */
export const keyFigures = pgTable(
  'programme_key_figures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    value: text('value').notNull(),
    label: text('label').notNull(),
    source: text('source').notNull().default(''),
    position: integer('position').notNull().default(0),
    isPublic: boolean('is_public').notNull().default(true),
  },
  (t) => [index('programme_key_figures_project_idx').on(t.projectId)],
);

/** Milestones of a cohort (project_id null: for every team) or of one project. */
export const milestones = pgTable(
  'programme_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    kind: milestoneKind('kind').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on').notNull(),
    doneOn: date('done_on'),
  },
  (t) => [index('programme_milestones_cohort_idx').on(t.cohortId, t.dueOn)],
);

/** A deliberation committee of a cohort. Materials are due 7 days before it meets. */
export const committees = pgTable(
  'programme_committees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    meetsAt: timestamp('meets_at', { withTimezone: true }).notNull(),
    place: text('place').notNull().default(''),
    minutes: text('minutes').notNull().default(''),
    minutesPublishedAt: timestamp('minutes_published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('programme_committees_cohort_idx').on(t.cohortId, t.meetsAt)],
);

export const committeeMembers = pgTable(
  'programme_committee_members',
  {
    committeeId: uuid('committee_id')
      .notNull()
      .references(() => committees.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id),
  },
  (t) => [primaryKey({ columns: [t.committeeId, t.agentId] })],
);

/**
 * A project on a committee's agenda: the team's materials, then the decision. « provisoire » asks for
 * evidence by a due date; « stop » carries a short post-mortem.
 */
export const committeeItems = pgTable(
  'programme_committee_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    committeeId: uuid('committee_id')
      .notNull()
      .references(() => committees.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    materialsSummary: text('materials_summary').notNull().default(''),
    materialsLink: text('materials_link').notNull().default(''),
    materialsFile: bytea('materials_file'),
    materialsFileName: text('materials_file_name'),
    materialsContentType: text('materials_content_type'),
    materialsSubmittedAt: timestamp('materials_submitted_at', { withTimezone: true }),
    materialsSubmittedBy: uuid('materials_submitted_by').references(() => agents.id),
    decision: committeeDecision('decision'),
    decisionNote: text('decision_note').notNull().default(''),
    evidenceRequest: text('evidence_request').notNull().default(''),
    dueOn: date('due_on'),
    postMortem: text('post_mortem').notNull().default(''),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => agents.id),
  },
  (t) => [
    uniqueIndex('programme_committee_items_key').on(t.committeeId, t.projectId),
    check(
      'programme_committee_items_provisional',
      sql`${t.decision} is distinct from 'provisoire' or (${t.dueOn} is not null and length(trim(${t.evidenceRequest})) > 0)`,
    ),
    check(
      'programme_committee_items_stop',
      sql`${t.decision} is distinct from 'stop' or length(trim(${t.postMortem})) > 0`,
    ),
    check(
      'programme_committee_items_file',
      sql`(${t.materialsFile} is null) = (${t.materialsFileName} is null) and (${t.materialsFile} is null) = (${t.materialsContentType} is null)`,
    ),
  ],
);

/** A member's vote on an item: a score 0–4 and the decision they favour. Conflicted members cannot vote. */
export const committeeVotes = pgTable(
  'programme_committee_votes',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => committeeItems.id, { onDelete: 'cascade' }),
    memberAgentId: uuid('member_agent_id')
      .notNull()
      .references(() => agents.id),
    score: smallint('score').notNull(),
    vote: committeeDecision('vote').notNull(),
    comment: text('comment').notNull().default(''),
    votedAt: timestamp('voted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.memberAgentId] }),
    check('programme_committee_votes_score', sql`${t.score} between 0 and 4`),
  ],
);
