CREATE TYPE "public"."accueil_attempt_result" AS ENUM('joint', 'pas_de_reponse', 'messagerie', 'mauvais_numero');--> statement-breakpoint
CREATE TYPE "public"."accueil_call_channel" AS ENUM('sip', 'webhook');--> statement-breakpoint
CREATE TYPE "public"."accueil_call_outcome" AS ENUM('transfere_repondu', 'rappel_demande', 'message_vocal', 'sms_envoye', 'raccroche_ticket', 'hors_service');--> statement-breakpoint
CREATE TYPE "public"."accueil_prompt_source" AS ENUM('synthese', 'enregistrement');--> statement-breakpoint
CREATE TYPE "public"."accueil_ticket_event_kind" AS ENUM('tentative', 'note', 'assignation', 'statut');--> statement-breakpoint
CREATE TYPE "public"."accueil_ticket_reason" AS ENUM('rappel_demande', 'raccroche');--> statement-breakpoint
CREATE TYPE "public"."accueil_ticket_status" AS ENUM('a_rappeler', 'en_cours', 'fait', 'injoignable');--> statement-breakpoint
CREATE TABLE "accueil_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"line_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"channel" "accueil_call_channel" NOT NULL,
	"external_id" text NOT NULL,
	"caller_number" text,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"service_key" text,
	"menu_path" text[] DEFAULT '{}'::text[] NOT NULL,
	"outcome" "accueil_call_outcome",
	"outcome_at" timestamp with time zone,
	"state" jsonb,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accueil_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"number" text NOT NULL,
	"flow" jsonb NOT NULL,
	"webhook_secret" text,
	"audio_retention_days" smallint DEFAULT 30 NOT NULL,
	"number_retention_days" smallint DEFAULT 90 NOT NULL,
	"callback_due_hours" smallint DEFAULT 4 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accueil_lines_audio_retention" CHECK ("accueil_lines"."audio_retention_days" between 1 and 365),
	CONSTRAINT "accueil_lines_number_retention" CHECK ("accueil_lines"."number_retention_days" between 1 and 730),
	CONSTRAINT "accueil_lines_callback_due" CHECK ("accueil_lines"."callback_due_hours" between 1 and 40)
);
--> statement-breakpoint
CREATE TABLE "accueil_prompts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"line_id" uuid NOT NULL,
	"key" text NOT NULL,
	"text" text NOT NULL,
	"source" "accueil_prompt_source" DEFAULT 'synthese' NOT NULL,
	"ulaw" "bytea",
	"alaw" "bytea",
	"duration_ms" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accueil_ticket_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"kind" "accueil_ticket_event_kind" NOT NULL,
	"agent_id" uuid,
	"result" "accueil_attempt_result",
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accueil_tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"line_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"call_id" uuid,
	"service_key" text,
	"reason" "accueil_ticket_reason" NOT NULL,
	"caller_number" text,
	"status" "accueil_ticket_status" DEFAULT 'a_rappeler' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"assigned_agent_id" uuid,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accueil_voicemails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"line_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"service_key" text,
	"caller_number" text,
	"audio" "bytea",
	"duration_ms" integer NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"handled_at" timestamp with time zone,
	"handled_by" uuid,
	"audio_deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "accueil_calls" ADD CONSTRAINT "accueil_calls_line_id_accueil_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."accueil_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accueil_calls" ADD CONSTRAINT "accueil_calls_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accueil_lines" ADD CONSTRAINT "accueil_lines_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accueil_prompts" ADD CONSTRAINT "accueil_prompts_line_id_accueil_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."accueil_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accueil_ticket_events" ADD CONSTRAINT "accueil_ticket_events_ticket_id_accueil_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."accueil_tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accueil_ticket_events" ADD CONSTRAINT "accueil_ticket_events_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accueil_tickets" ADD CONSTRAINT "accueil_tickets_line_id_accueil_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."accueil_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accueil_tickets" ADD CONSTRAINT "accueil_tickets_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accueil_tickets" ADD CONSTRAINT "accueil_tickets_call_id_accueil_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."accueil_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accueil_tickets" ADD CONSTRAINT "accueil_tickets_assigned_agent_id_agents_id_fk" FOREIGN KEY ("assigned_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accueil_voicemails" ADD CONSTRAINT "accueil_voicemails_line_id_accueil_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."accueil_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accueil_voicemails" ADD CONSTRAINT "accueil_voicemails_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accueil_voicemails" ADD CONSTRAINT "accueil_voicemails_call_id_accueil_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."accueil_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accueil_voicemails" ADD CONSTRAINT "accueil_voicemails_handled_by_agents_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accueil_calls_external" ON "accueil_calls" USING btree ("channel","external_id");--> statement-breakpoint
CREATE INDEX "accueil_calls_line_started" ON "accueil_calls" USING btree ("line_id","started_at");--> statement-breakpoint
CREATE INDEX "accueil_calls_caller" ON "accueil_calls" USING btree ("caller_number");--> statement-breakpoint
CREATE UNIQUE INDEX "accueil_lines_number" ON "accueil_lines" USING btree ("number");--> statement-breakpoint
CREATE INDEX "accueil_lines_organisation" ON "accueil_lines" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accueil_prompts_line_key" ON "accueil_prompts" USING btree ("line_id","key");--> statement-breakpoint
CREATE INDEX "accueil_ticket_events_ticket" ON "accueil_ticket_events" USING btree ("ticket_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "accueil_tickets_call" ON "accueil_tickets" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "accueil_tickets_organisation_status" ON "accueil_tickets" USING btree ("organisation_id","status","due_at");--> statement-breakpoint
CREATE INDEX "accueil_tickets_caller" ON "accueil_tickets" USING btree ("caller_number");--> statement-breakpoint
CREATE UNIQUE INDEX "accueil_voicemails_call" ON "accueil_voicemails" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "accueil_voicemails_organisation" ON "accueil_voicemails" USING btree ("organisation_id","recorded_at");