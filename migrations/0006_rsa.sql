CREATE TYPE "public"."rsa_beneficiary_status" AS ENUM('non_invite', 'invitation_envoyee', 'invitation_expiree', 'rdv_pris', 'rdv_a_statuer', 'absent', 'excuse', 'annule', 'rdv_honore', 'oriente', 'clos');--> statement-breakpoint
CREATE TYPE "public"."rsa_household_role" AS ENUM('demandeur', 'conjoint');--> statement-breakpoint
CREATE TYPE "public"."rsa_import_state" AS ENUM('preview', 'applying', 'done', 'failed', 'abandoned');--> statement-breakpoint
CREATE TYPE "public"."rsa_invitation_channel" AS ENUM('sms', 'email', 'letter');--> statement-breakpoint
CREATE TYPE "public"."rsa_invitation_kind" AS ENUM('invitation', 'convocation');--> statement-breakpoint
CREATE TYPE "public"."rsa_orientation" AS ENUM('sociale', 'professionnelle', 'socio_professionnelle');--> statement-breakpoint
CREATE TYPE "public"."rsa_status_changed_by" AS ENUM('agent', 'usager', 'systeme');--> statement-breakpoint
CREATE TABLE "rsa_beneficiaries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"citizen_id" uuid,
	"referent_agent_id" uuid,
	"allocataire_number" text,
	"role" "rsa_household_role" DEFAULT 'demandeur' NOT NULL,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"birth_date" date,
	"nir" text,
	"address" text,
	"postal_code" text,
	"commune_code" text,
	"commune_name" text,
	"phone" text,
	"email" text,
	"rights_opened_on" date,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" "rsa_beneficiary_status" DEFAULT 'non_invite' NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_met_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"anonymised_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rsa_beneficiaries_nir" CHECK ("rsa_beneficiaries"."nir" is null or "rsa_beneficiaries"."nir" ~ '^[12][0-9]{12}([0-9]{2})?$')
);
--> statement-breakpoint
CREATE TABLE "rsa_status_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"beneficiary_id" uuid NOT NULL,
	"from_status" "rsa_beneficiary_status",
	"to_status" "rsa_beneficiary_status" NOT NULL,
	"changed_by" "rsa_status_changed_by" NOT NULL,
	"changed_by_agent_id" uuid,
	"reason" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rsa_column_mappings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rsa_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"agent_id" uuid,
	"file_name" text NOT NULL,
	"content" "bytea",
	"mapping" jsonb NOT NULL,
	"state" "rsa_import_state" DEFAULT 'preview' NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"rejections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rsa_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"beneficiary_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" "rsa_invitation_kind" NOT NULL,
	"channel" "rsa_invitation_channel" NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"reminders_sent" smallint DEFAULT 0 NOT NULL,
	"next_reminder_at" timestamp with time zone,
	"appointment_id" uuid,
	"booked_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by_agent_id" uuid
);
--> statement-breakpoint
CREATE TABLE "rsa_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"beneficiary_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rsa_notes_body" CHECK (length("rsa_notes"."body") between 1 and 5000)
);
--> statement-breakpoint
CREATE TABLE "rsa_orientation_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"beneficiary_id" uuid NOT NULL,
	"orientation" "rsa_orientation" NOT NULL,
	"decided_on" date NOT NULL,
	"structure_name" text NOT NULL,
	"decided_by_agent_id" uuid NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rsa_questionnaire_answers" (
	"beneficiary_id" uuid PRIMARY KEY NOT NULL,
	"answers" jsonb NOT NULL,
	"suggested_orientation" "rsa_orientation" NOT NULL,
	"filled_by" "rsa_status_changed_by" NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rsa_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"invitation_validity_days" smallint DEFAULT 10 NOT NULL,
	"reminder_days" smallint[] DEFAULT '{3,7}'::smallint[] NOT NULL,
	"retention_months" smallint DEFAULT 24 NOT NULL,
	"nir_enabled" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rsa_settings_validity" CHECK ("rsa_settings"."invitation_validity_days" between 1 and 60),
	CONSTRAINT "rsa_settings_retention" CHECK ("rsa_settings"."retention_months" between 1 and 120)
);
--> statement-breakpoint
ALTER TABLE "rsa_beneficiaries" ADD CONSTRAINT "rsa_beneficiaries_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_beneficiaries" ADD CONSTRAINT "rsa_beneficiaries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_beneficiaries" ADD CONSTRAINT "rsa_beneficiaries_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_beneficiaries" ADD CONSTRAINT "rsa_beneficiaries_referent_agent_id_agents_id_fk" FOREIGN KEY ("referent_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_status_changes" ADD CONSTRAINT "rsa_status_changes_beneficiary_id_rsa_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."rsa_beneficiaries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_status_changes" ADD CONSTRAINT "rsa_status_changes_changed_by_agent_id_agents_id_fk" FOREIGN KEY ("changed_by_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_column_mappings" ADD CONSTRAINT "rsa_column_mappings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_imports" ADD CONSTRAINT "rsa_imports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_imports" ADD CONSTRAINT "rsa_imports_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_invitations" ADD CONSTRAINT "rsa_invitations_beneficiary_id_rsa_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."rsa_beneficiaries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_invitations" ADD CONSTRAINT "rsa_invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_invitations" ADD CONSTRAINT "rsa_invitations_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_invitations" ADD CONSTRAINT "rsa_invitations_created_by_agent_id_agents_id_fk" FOREIGN KEY ("created_by_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_notes" ADD CONSTRAINT "rsa_notes_beneficiary_id_rsa_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."rsa_beneficiaries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_notes" ADD CONSTRAINT "rsa_notes_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_orientation_decisions" ADD CONSTRAINT "rsa_orientation_decisions_beneficiary_id_rsa_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."rsa_beneficiaries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_orientation_decisions" ADD CONSTRAINT "rsa_orientation_decisions_decided_by_agent_id_agents_id_fk" FOREIGN KEY ("decided_by_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_questionnaire_answers" ADD CONSTRAINT "rsa_questionnaire_answers_beneficiary_id_rsa_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."rsa_beneficiaries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsa_settings" ADD CONSTRAINT "rsa_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rsa_beneficiaries_allocataire_key" ON "rsa_beneficiaries" USING btree ("territory_id","allocataire_number","role") WHERE "rsa_beneficiaries"."allocataire_number" is not null;--> statement-breakpoint
CREATE INDEX "rsa_beneficiaries_identity_idx" ON "rsa_beneficiaries" USING btree ("territory_id",lower("last_name"),lower("first_name"),"birth_date");--> statement-breakpoint
CREATE INDEX "rsa_beneficiaries_organisation_status_idx" ON "rsa_beneficiaries" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "rsa_beneficiaries_citizen_idx" ON "rsa_beneficiaries" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "rsa_beneficiaries_activity_idx" ON "rsa_beneficiaries" USING btree ("last_activity_at");--> statement-breakpoint
CREATE INDEX "rsa_status_changes_beneficiary_idx" ON "rsa_status_changes" USING btree ("beneficiary_id","changed_at");--> statement-breakpoint
CREATE INDEX "rsa_imports_organisation_idx" ON "rsa_imports" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "rsa_invitations_beneficiary_idx" ON "rsa_invitations" USING btree ("beneficiary_id","sent_at");--> statement-breakpoint
CREATE INDEX "rsa_invitations_reminder_idx" ON "rsa_invitations" USING btree ("next_reminder_at") WHERE "rsa_invitations"."booked_at" is null and "rsa_invitations"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "rsa_invitations_appointment_idx" ON "rsa_invitations" USING btree ("appointment_id");--> statement-breakpoint
CREATE INDEX "rsa_notes_beneficiary_idx" ON "rsa_notes" USING btree ("beneficiary_id","created_at");--> statement-breakpoint
CREATE INDEX "rsa_orientation_decisions_beneficiary_idx" ON "rsa_orientation_decisions" USING btree ("beneficiary_id","decided_on");