CREATE TYPE "public"."form_response_source" AS ENUM('en_ligne', 'papier');--> statement-breakpoint
CREATE TYPE "public"."form_status" AS ENUM('brouillon', 'ouvert', 'clos');--> statement-breakpoint
CREATE TYPE "public"."programme_committee_decision" AS ENUM('go', 'provisoire', 'stop');--> statement-breakpoint
CREATE TYPE "public"."programme_confidence" AS ENUM('faible', 'moyenne', 'forte');--> statement-breakpoint
CREATE TYPE "public"."programme_evidence_claim" AS ENUM('recurrence', 'consequences_usagers', 'consequences_collectivite', 'solution');--> statement-breakpoint
CREATE TYPE "public"."programme_evidence_kind" AS ENUM('entretien', 'enquete', 'donnees', 'observation', 'document');--> statement-breakpoint
CREATE TYPE "public"."programme_hypothesis_state" AS ENUM('a_tester', 'en_test', 'invalidee', 'confirmee');--> statement-breakpoint
CREATE TYPE "public"."programme_milestone_kind" AS ENUM('lancement', 'mi_parcours', 'restitution', 'comite', 'autre');--> statement-breakpoint
CREATE TYPE "public"."programme_problem_status" AS ENUM('brouillon', 'soumis', 'recevable', 'irrecevable', 'retenu', 'non_retenu', 'reoriente', 'fusionne');--> statement-breakpoint
CREATE TYPE "public"."programme_phase" AS ENUM('investigation', 'construction', 'acceleration', 'consolidation', 'transfer', 'alumni', 'abandon');--> statement-breakpoint
CREATE TABLE "form_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"form_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"source" "form_response_source" NOT NULL,
	"entered_by" uuid,
	"paper_ref" text,
	"submission_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"module" text NOT NULL,
	"owner_ref" text NOT NULL,
	"title" text NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"thanks" text DEFAULT '' NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "form_status" DEFAULT 'brouillon' NOT NULL,
	"public_token" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "forms_title_not_blank" CHECK (length(trim("forms"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "programme_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"title" text NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_calls_dates" CHECK ("programme_calls"."closes_at" > "programme_calls"."opens_at")
);
--> statement-breakpoint
CREATE TABLE "programme_checkins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_member_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"had_day" boolean NOT NULL,
	"days" numeric(3, 1) NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	CONSTRAINT "programme_checkins_days" CHECK ("programme_checkins"."days" >= 0 and "programme_checkins"."days" <= 7)
);
--> statement-breakpoint
CREATE TABLE "programme_coaches" (
	"cohort_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	CONSTRAINT "programme_coaches_cohort_id_agent_id_pk" PRIMARY KEY("cohort_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "programme_cohort_territories" (
	"cohort_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	CONSTRAINT "programme_cohort_territories_cohort_id_territory_id_pk" PRIMARY KEY("cohort_id","territory_id")
);
--> statement-breakpoint
CREATE TABLE "programme_cohorts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"incubator_organisation_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"detachment_days_per_week" numeric(3, 1) DEFAULT '1' NOT NULL,
	"detachment_weeks" smallint DEFAULT 12 NOT NULL,
	"interviews_anonymised_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_cohorts_slug_unique" UNIQUE("slug"),
	CONSTRAINT "programme_cohorts_dates" CHECK ("programme_cohorts"."ends_on" >= "programme_cohorts"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "programme_committee_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"committee_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"materials_summary" text DEFAULT '' NOT NULL,
	"materials_link" text DEFAULT '' NOT NULL,
	"materials_file" "bytea",
	"materials_file_name" text,
	"materials_content_type" text,
	"materials_submitted_at" timestamp with time zone,
	"materials_submitted_by" uuid,
	"decision" "programme_committee_decision",
	"decision_note" text DEFAULT '' NOT NULL,
	"evidence_request" text DEFAULT '' NOT NULL,
	"due_on" date,
	"post_mortem" text DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	CONSTRAINT "programme_committee_items_provisional" CHECK ("programme_committee_items"."decision" is distinct from 'provisoire' or ("programme_committee_items"."due_on" is not null and length(trim("programme_committee_items"."evidence_request")) > 0)),
	CONSTRAINT "programme_committee_items_stop" CHECK ("programme_committee_items"."decision" is distinct from 'stop' or length(trim("programme_committee_items"."post_mortem")) > 0),
	CONSTRAINT "programme_committee_items_file" CHECK (("programme_committee_items"."materials_file" is null) = ("programme_committee_items"."materials_file_name" is null) and ("programme_committee_items"."materials_file" is null) = ("programme_committee_items"."materials_content_type" is null))
);
--> statement-breakpoint
CREATE TABLE "programme_committee_members" (
	"committee_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	CONSTRAINT "programme_committee_members_committee_id_agent_id_pk" PRIMARY KEY("committee_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "programme_committee_votes" (
	"item_id" uuid NOT NULL,
	"member_agent_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	"vote" "programme_committee_decision" NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"voted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_committee_votes_item_id_member_agent_id_pk" PRIMARY KEY("item_id","member_agent_id"),
	CONSTRAINT "programme_committee_votes_score" CHECK ("programme_committee_votes"."score" between 0 and 4)
);
--> statement-breakpoint
CREATE TABLE "programme_committees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"title" text NOT NULL,
	"meets_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"minutes_published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agent_id" uuid NOT NULL,
	"problem_id" uuid,
	"project_id" uuid,
	"reason" text NOT NULL,
	"declared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_conflicts_one_subject" CHECK (("programme_conflicts"."problem_id" is null) <> ("programme_conflicts"."project_id" is null))
);
--> statement-breakpoint
CREATE TABLE "programme_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"weight" smallint NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "programme_criteria_weight" CHECK ("programme_criteria"."weight" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "programme_discussion_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"problem_id" uuid NOT NULL,
	"author_agent_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" "programme_evidence_kind" NOT NULL,
	"claim" "programme_evidence_claim" NOT NULL,
	"confidence" "programme_confidence" NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"collected_on" date NOT NULL,
	"hypothesis_id" uuid,
	"interview_id" uuid,
	"form_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_hypotheses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"statement" text NOT NULL,
	"state" "programme_hypothesis_state" DEFAULT 'a_tester' NOT NULL,
	"conclusion" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_interviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"interviewee_name" text,
	"interviewee_contact" text,
	"interviewee_role" text DEFAULT '' NOT NULL,
	"interviewed_on" date NOT NULL,
	"consent_recorded" boolean NOT NULL,
	"consent_mode" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"anonymised_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "programme_jurors" (
	"call_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_jurors_call_id_agent_id_pk" PRIMARY KEY("call_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "programme_key_figures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"value" text NOT NULL,
	"label" text NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"is_public" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_me_toos" (
	"problem_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"service" text DEFAULT '' NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_me_toos_problem_id_agent_id_pk" PRIMARY KEY("problem_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "programme_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"project_id" uuid,
	"kind" "programme_milestone_kind" NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date
);
--> statement-breakpoint
CREATE TABLE "programme_problems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"submitter_agent_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	"status" "programme_problem_status" DEFAULT 'brouillon' NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"who_suffers" text DEFAULT '' NOT NULL,
	"how_many" text DEFAULT '' NOT NULL,
	"frequency" text DEFAULT '' NOT NULL,
	"consequences_citizens" text DEFAULT '' NOT NULL,
	"consequences_collectivite" text DEFAULT '' NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"workaround" text DEFAULT '' NOT NULL,
	"sponsor" text DEFAULT '' NOT NULL,
	"service" text DEFAULT '' NOT NULL,
	"availability" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"merged_into_id" uuid,
	"prescreen_note" text DEFAULT '' NOT NULL,
	"prescreened_by" uuid,
	"prescreened_at" timestamp with time zone,
	"decision_note" text DEFAULT '' NOT NULL,
	"redirect_to" text DEFAULT '' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"notified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_problems_merged" CHECK (("programme_problems"."status" = 'fusionne') = ("programme_problems"."merged_into_id" is not null)),
	CONSTRAINT "programme_problems_submitted" CHECK (("programme_problems"."status" = 'brouillon') = ("programme_problems"."submitted_at" is null))
);
--> statement-breakpoint
CREATE TABLE "programme_project_phases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"phase" "programme_phase" NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "programme_project_phases_dates" CHECK ("programme_project_phases"."ends_on" is null or "programme_project_phases"."ends_on" >= "programme_project_phases"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "programme_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"cohort_id" uuid NOT NULL,
	"problem_id" uuid,
	"territory_id" uuid NOT NULL,
	"title" text NOT NULL,
	"mission" text DEFAULT '' NOT NULL,
	"problem" text DEFAULT '' NOT NULL,
	"solution" text DEFAULT '' NOT NULL,
	"coach_agent_id" uuid,
	"sponsors" text[] DEFAULT '{}'::text[] NOT NULL,
	"usertypes" text[] DEFAULT '{}'::text[] NOT NULL,
	"thematiques" text[] DEFAULT '{}'::text[] NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"link" text DEFAULT '' NOT NULL,
	"repository" text DEFAULT '' NOT NULL,
	"module_name" text,
	"indicator_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"detachment_days_per_week" numeric(3, 1),
	"detachment_weeks" smallint,
	"starts_on" date NOT NULL,
	"is_public" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_projects_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "programme_reviews" (
	"problem_id" uuid NOT NULL,
	"juror_agent_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_reviews_problem_id_juror_agent_id_pk" PRIMARY KEY("problem_id","juror_agent_id")
);
--> statement-breakpoint
CREATE TABLE "programme_team_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"role" text DEFAULT '' NOT NULL,
	"manager_agent_id" uuid,
	"days_per_week" numeric(3, 1),
	"weeks" smallint,
	"joined_on" date NOT NULL,
	"left_on" date
);
--> statement-breakpoint
ALTER TABLE "form_responses" ADD CONSTRAINT "form_responses_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."forms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_responses" ADD CONSTRAINT "form_responses_entered_by_agents_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forms" ADD CONSTRAINT "forms_created_by_agents_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_calls" ADD CONSTRAINT "programme_calls_cohort_id_programme_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."programme_cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_checkins" ADD CONSTRAINT "programme_checkins_team_member_id_programme_team_members_id_fk" FOREIGN KEY ("team_member_id") REFERENCES "public"."programme_team_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_checkins" ADD CONSTRAINT "programme_checkins_acknowledged_by_agents_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_coaches" ADD CONSTRAINT "programme_coaches_cohort_id_programme_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."programme_cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_coaches" ADD CONSTRAINT "programme_coaches_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_cohort_territories" ADD CONSTRAINT "programme_cohort_territories_cohort_id_programme_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."programme_cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_cohort_territories" ADD CONSTRAINT "programme_cohort_territories_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_cohorts" ADD CONSTRAINT "programme_cohorts_incubator_organisation_id_organisations_id_fk" FOREIGN KEY ("incubator_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_committee_items" ADD CONSTRAINT "programme_committee_items_committee_id_programme_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."programme_committees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_committee_items" ADD CONSTRAINT "programme_committee_items_project_id_programme_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."programme_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_committee_items" ADD CONSTRAINT "programme_committee_items_materials_submitted_by_agents_id_fk" FOREIGN KEY ("materials_submitted_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_committee_items" ADD CONSTRAINT "programme_committee_items_decided_by_agents_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_committee_members" ADD CONSTRAINT "programme_committee_members_committee_id_programme_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."programme_committees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_committee_members" ADD CONSTRAINT "programme_committee_members_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_committee_votes" ADD CONSTRAINT "programme_committee_votes_item_id_programme_committee_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."programme_committee_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_committee_votes" ADD CONSTRAINT "programme_committee_votes_member_agent_id_agents_id_fk" FOREIGN KEY ("member_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_committees" ADD CONSTRAINT "programme_committees_cohort_id_programme_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."programme_cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_conflicts" ADD CONSTRAINT "programme_conflicts_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_conflicts" ADD CONSTRAINT "programme_conflicts_problem_id_programme_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."programme_problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_conflicts" ADD CONSTRAINT "programme_conflicts_project_id_programme_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."programme_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_criteria" ADD CONSTRAINT "programme_criteria_call_id_programme_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."programme_calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_discussion_notes" ADD CONSTRAINT "programme_discussion_notes_problem_id_programme_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."programme_problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_discussion_notes" ADD CONSTRAINT "programme_discussion_notes_author_agent_id_agents_id_fk" FOREIGN KEY ("author_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_evidence" ADD CONSTRAINT "programme_evidence_project_id_programme_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."programme_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_evidence" ADD CONSTRAINT "programme_evidence_hypothesis_id_programme_hypotheses_id_fk" FOREIGN KEY ("hypothesis_id") REFERENCES "public"."programme_hypotheses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_evidence" ADD CONSTRAINT "programme_evidence_interview_id_programme_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."programme_interviews"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_evidence" ADD CONSTRAINT "programme_evidence_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."forms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_evidence" ADD CONSTRAINT "programme_evidence_created_by_agents_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_hypotheses" ADD CONSTRAINT "programme_hypotheses_project_id_programme_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."programme_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_hypotheses" ADD CONSTRAINT "programme_hypotheses_created_by_agents_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_interviews" ADD CONSTRAINT "programme_interviews_project_id_programme_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."programme_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_interviews" ADD CONSTRAINT "programme_interviews_created_by_agents_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_jurors" ADD CONSTRAINT "programme_jurors_call_id_programme_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."programme_calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_jurors" ADD CONSTRAINT "programme_jurors_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_key_figures" ADD CONSTRAINT "programme_key_figures_project_id_programme_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."programme_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_me_toos" ADD CONSTRAINT "programme_me_toos_problem_id_programme_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."programme_problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_me_toos" ADD CONSTRAINT "programme_me_toos_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_milestones" ADD CONSTRAINT "programme_milestones_cohort_id_programme_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."programme_cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_milestones" ADD CONSTRAINT "programme_milestones_project_id_programme_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."programme_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_problems" ADD CONSTRAINT "programme_problems_call_id_programme_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."programme_calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_problems" ADD CONSTRAINT "programme_problems_submitter_agent_id_agents_id_fk" FOREIGN KEY ("submitter_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_problems" ADD CONSTRAINT "programme_problems_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_problems" ADD CONSTRAINT "programme_problems_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_problems" ADD CONSTRAINT "programme_problems_prescreened_by_agents_id_fk" FOREIGN KEY ("prescreened_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_problems" ADD CONSTRAINT "programme_problems_decided_by_agents_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_project_phases" ADD CONSTRAINT "programme_project_phases_project_id_programme_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."programme_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_projects" ADD CONSTRAINT "programme_projects_cohort_id_programme_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."programme_cohorts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_projects" ADD CONSTRAINT "programme_projects_problem_id_programme_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."programme_problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_projects" ADD CONSTRAINT "programme_projects_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_projects" ADD CONSTRAINT "programme_projects_coach_agent_id_agents_id_fk" FOREIGN KEY ("coach_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_reviews" ADD CONSTRAINT "programme_reviews_problem_id_programme_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."programme_problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_reviews" ADD CONSTRAINT "programme_reviews_juror_agent_id_agents_id_fk" FOREIGN KEY ("juror_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_team_members" ADD CONSTRAINT "programme_team_members_project_id_programme_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."programme_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_team_members" ADD CONSTRAINT "programme_team_members_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_team_members" ADD CONSTRAINT "programme_team_members_manager_agent_id_agents_id_fk" FOREIGN KEY ("manager_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "form_responses_form_idx" ON "form_responses" USING btree ("form_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "form_responses_submission_key" ON "form_responses" USING btree ("form_id","submission_key");--> statement-breakpoint
CREATE UNIQUE INDEX "form_responses_paper_ref_key" ON "form_responses" USING btree ("form_id","paper_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "forms_public_token_key" ON "forms" USING btree ("public_token");--> statement-breakpoint
CREATE INDEX "forms_owner_idx" ON "forms" USING btree ("module","owner_ref");--> statement-breakpoint
CREATE INDEX "programme_calls_cohort_idx" ON "programme_calls" USING btree ("cohort_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_checkins_key" ON "programme_checkins" USING btree ("team_member_id","week_start");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_committee_items_key" ON "programme_committee_items" USING btree ("committee_id","project_id");--> statement-breakpoint
CREATE INDEX "programme_committees_cohort_idx" ON "programme_committees" USING btree ("cohort_id","meets_at");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_conflicts_problem_key" ON "programme_conflicts" USING btree ("agent_id","problem_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_conflicts_project_key" ON "programme_conflicts" USING btree ("agent_id","project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_criteria_key" ON "programme_criteria" USING btree ("call_id","key");--> statement-breakpoint
CREATE INDEX "programme_discussion_notes_problem_idx" ON "programme_discussion_notes" USING btree ("problem_id","created_at");--> statement-breakpoint
CREATE INDEX "programme_evidence_project_idx" ON "programme_evidence" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "programme_hypotheses_project_idx" ON "programme_hypotheses" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "programme_interviews_project_idx" ON "programme_interviews" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "programme_key_figures_project_idx" ON "programme_key_figures" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "programme_milestones_cohort_idx" ON "programme_milestones" USING btree ("cohort_id","due_on");--> statement-breakpoint
CREATE INDEX "programme_problems_call_idx" ON "programme_problems" USING btree ("call_id","status");--> statement-breakpoint
CREATE INDEX "programme_problems_submitter_idx" ON "programme_problems" USING btree ("submitter_agent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_project_phases_key" ON "programme_project_phases" USING btree ("project_id","phase","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_projects_problem_key" ON "programme_projects" USING btree ("problem_id");--> statement-breakpoint
CREATE INDEX "programme_projects_cohort_idx" ON "programme_projects" USING btree ("cohort_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_team_members_key" ON "programme_team_members" USING btree ("project_id","agent_id");