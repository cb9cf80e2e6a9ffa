CREATE TYPE "public"."rsa_invitation_run_state" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "rsa_invitation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"beneficiary_ids" uuid[] NOT NULL,
	"channel" text NOT NULL,
	"state" "rsa_invitation_run_state" DEFAULT 'queued' NOT NULL,
	"total" integer NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"done_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"invited" integer DEFAULT 0 NOT NULL,
	"invited_sms" integer DEFAULT 0 NOT NULL,
	"invited_email" integer DEFAULT 0 NOT NULL,
	"invited_letter" integer DEFAULT 0 NOT NULL,
	"skipped" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"no_slot" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "rsa_invitation_runs_channel" CHECK ("rsa_invitation_runs"."channel" in ('auto', 'sms', 'email', 'letter'))
);
--> statement-breakpoint
ALTER TABLE "rsa_invitation_runs" ADD CONSTRAINT "rsa_invitation_runs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_invitation_runs" ADD CONSTRAINT "rsa_invitation_runs_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rsa_invitation_runs_organisation_idx" ON "rsa_invitation_runs" USING btree ("organisation_id","created_at");