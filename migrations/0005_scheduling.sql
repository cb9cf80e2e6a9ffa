-- Double booking is made impossible by the database: an agent's appointments that are not cancelled
-- may not overlap (blocked_until includes the appointment type's buffer). btree_gist lets the
-- constraint compare agent_id with = inside a GiST index; PGlite loads it too (db/client.ts).
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
CREATE TYPE "public"."appointment_bookable_by" AS ENUM('agents', 'invited', 'everyone');--> statement-breakpoint
CREATE TYPE "public"."booking_channel" AS ENUM('agent', 'public', 'invitation', 'api');--> statement-breakpoint
CREATE TYPE "public"."appointment_location" AS ENUM('sur_place', 'telephone', 'visio', 'domicile');--> statement-breakpoint
CREATE TYPE "public"."participation_status" AS ENUM('a_venir', 'vu', 'absent', 'excuse', 'annule');--> statement-breakpoint
CREATE TABLE "absences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"title" text NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date,
	"start_time" time DEFAULT '00:00' NOT NULL,
	"end_time" time DEFAULT '24:00' NOT NULL,
	"weekdays" smallint[],
	"every_weeks" smallint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "absences_days" CHECK ("absences"."last_day" is null or "absences"."last_day" >= "absences"."first_day"),
	CONSTRAINT "absences_one_off_has_end" CHECK ("absences"."weekdays" is not null or ("absences"."last_day" is not null and ("absences"."last_day" > "absences"."first_day" or "absences"."start_time" < "absences"."end_time"))),
	CONSTRAINT "absences_recurring_times" CHECK ("absences"."weekdays" is null or ("absences"."start_time" < "absences"."end_time" and cardinality("absences"."weekdays") between 1 and 7 and "absences"."weekdays" <@ array[1,2,3,4,5,6,7]::smallint[])),
	CONSTRAINT "absences_every_weeks" CHECK ("absences"."every_weeks" between 1 and 8)
);
--> statement-breakpoint
CREATE TABLE "appointment_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"appointment_id" uuid NOT NULL,
	"citizen_id" uuid NOT NULL,
	"status" "participation_status" DEFAULT 'a_venir' NOT NULL,
	"booked_via" "booking_channel" NOT NULL,
	"booked_by_agent_id" uuid,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_changed_by_agent_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appointment_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"category" text,
	"duration_minutes" smallint NOT NULL,
	"location" "appointment_location" DEFAULT 'sur_place' NOT NULL,
	"min_booking_delay_minutes" integer DEFAULT 30 NOT NULL,
	"max_booking_delay_days" smallint DEFAULT 90 NOT NULL,
	"bookable_by" "appointment_bookable_by" DEFAULT 'agents' NOT NULL,
	"collective" boolean DEFAULT false NOT NULL,
	"capacity" smallint,
	"follow_up_only" boolean DEFAULT false NOT NULL,
	"buffer_minutes" smallint DEFAULT 0 NOT NULL,
	"instructions" text,
	"change_limit_hours" smallint DEFAULT 24 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_types_duration" CHECK ("appointment_types"."duration_minutes" between 5 and 480),
	CONSTRAINT "appointment_types_buffer" CHECK ("appointment_types"."buffer_minutes" between 0 and 240),
	CONSTRAINT "appointment_types_delays" CHECK ("appointment_types"."min_booking_delay_minutes" >= 0 and "appointment_types"."max_booking_delay_days" between 1 and 366 and "appointment_types"."min_booking_delay_minutes" < "appointment_types"."max_booking_delay_days" * 1440),
	CONSTRAINT "appointment_types_capacity" CHECK (("appointment_types"."collective" and "appointment_types"."capacity" between 2 and 500) or (not "appointment_types"."collective" and "appointment_types"."capacity" is null))
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"appointment_type_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"place_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone NOT NULL,
	"capacity" smallint DEFAULT 1 NOT NULL,
	"notes" text,
	"created_by_agent_id" uuid,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointments_times" CHECK ("appointments"."starts_at" < "appointments"."ends_at" and "appointments"."ends_at" <= "appointments"."blocked_until"),
	CONSTRAINT "appointments_capacity" CHECK ("appointments"."capacity" between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agent_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "citizen_referents" (
	"citizen_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	CONSTRAINT "citizen_referents_citizen_id_agent_id_pk" PRIMARY KEY("citizen_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "citizens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"birth_date" date,
	"email" text,
	"phone" text,
	"address" text,
	"commune_code" text,
	"external_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opening_slot_types" (
	"opening_slot_id" uuid NOT NULL,
	"appointment_type_id" uuid NOT NULL,
	CONSTRAINT "opening_slot_types_opening_slot_id_appointment_type_id_pk" PRIMARY KEY("opening_slot_id","appointment_type_id")
);
--> statement-breakpoint
CREATE TABLE "opening_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"title" text,
	"weekdays" smallint[] NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date,
	"every_weeks" smallint DEFAULT 1 NOT NULL,
	"open_on_holidays" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opening_slots_times" CHECK ("opening_slots"."start_time" < "opening_slots"."end_time"),
	CONSTRAINT "opening_slots_days" CHECK ("opening_slots"."last_day" is null or "opening_slots"."last_day" >= "opening_slots"."first_day"),
	CONSTRAINT "opening_slots_every_weeks" CHECK ("opening_slots"."every_weeks" between 1 and 8),
	CONSTRAINT "opening_slots_weekdays" CHECK (cardinality("opening_slots"."weekdays") between 1 and 7 and "opening_slots"."weekdays" <@ array[1,2,3,4,5,6,7]::smallint[])
);
--> statement-breakpoint
CREATE TABLE "participation_status_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"from_status" "participation_status",
	"to_status" "participation_status" NOT NULL,
	"changed_by_agent_id" uuid,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "places" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"commune_code" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"phone" text,
	"accessibility_notes" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "places_coordinates_together" CHECK (("places"."latitude" is null) = ("places"."longitude" is null))
);
--> statement-breakpoint
CREATE TABLE "sector_communes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"agent_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"event" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_status_code" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "webhook_deliveries_status" CHECK ("webhook_deliveries"."status" in ('pending', 'delivered', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "absences" ADD CONSTRAINT "absences_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absences" ADD CONSTRAINT "absences_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_participants" ADD CONSTRAINT "appointment_participants_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_participants" ADD CONSTRAINT "appointment_participants_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_participants" ADD CONSTRAINT "appointment_participants_booked_by_agent_id_agents_id_fk" FOREIGN KEY ("booked_by_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_participants" ADD CONSTRAINT "appointment_participants_status_changed_by_agent_id_agents_id_fk" FOREIGN KEY ("status_changed_by_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_types" ADD CONSTRAINT "appointment_types_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_appointment_type_id_appointment_types_id_fk" FOREIGN KEY ("appointment_type_id") REFERENCES "public"."appointment_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_created_by_agent_id_agents_id_fk" FOREIGN KEY ("created_by_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_referents" ADD CONSTRAINT "citizen_referents_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_referents" ADD CONSTRAINT "citizen_referents_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizens" ADD CONSTRAINT "citizens_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_slot_types" ADD CONSTRAINT "opening_slot_types_opening_slot_id_opening_slots_id_fk" FOREIGN KEY ("opening_slot_id") REFERENCES "public"."opening_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_slot_types" ADD CONSTRAINT "opening_slot_types_appointment_type_id_appointment_types_id_fk" FOREIGN KEY ("appointment_type_id") REFERENCES "public"."appointment_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_slots" ADD CONSTRAINT "opening_slots_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_slots" ADD CONSTRAINT "opening_slots_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_slots" ADD CONSTRAINT "opening_slots_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_status_changes" ADD CONSTRAINT "participation_status_changes_participant_id_appointment_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."appointment_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_status_changes" ADD CONSTRAINT "participation_status_changes_changed_by_agent_id_agents_id_fk" FOREIGN KEY ("changed_by_agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "places" ADD CONSTRAINT "places_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sector_communes" ADD CONSTRAINT "sector_communes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sector_communes" ADD CONSTRAINT "sector_communes_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "absences_agent_days_idx" ON "absences" USING btree ("agent_id","first_day","last_day");--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_participants_key" ON "appointment_participants" USING btree ("appointment_id","citizen_id");--> statement-breakpoint
CREATE INDEX "appointment_participants_citizen_idx" ON "appointment_participants" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "appointment_types_organisation_idx" ON "appointment_types" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "appointments_organisation_starts_idx" ON "appointments" USING btree ("organisation_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_place_starts_idx" ON "appointments" USING btree ("place_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_type_starts_idx" ON "appointments" USING btree ("appointment_type_id","starts_at");--> statement-breakpoint
CREATE INDEX "calendar_feeds_agent_idx" ON "calendar_feeds" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "citizen_referents_agent_idx" ON "citizen_referents" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "citizens_organisation_name_idx" ON "citizens" USING btree ("organisation_id",lower("last_name"));--> statement-breakpoint
CREATE INDEX "citizens_phone_idx" ON "citizens" USING btree ("phone");--> statement-breakpoint
CREATE UNIQUE INDEX "citizens_external_ref_key" ON "citizens" USING btree ("organisation_id","external_ref");--> statement-breakpoint
CREATE INDEX "opening_slot_types_type_idx" ON "opening_slot_types" USING btree ("appointment_type_id");--> statement-breakpoint
CREATE INDEX "opening_slots_agent_idx" ON "opening_slots" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "opening_slots_place_idx" ON "opening_slots" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "opening_slots_organisation_days_idx" ON "opening_slots" USING btree ("organisation_id","first_day","last_day");--> statement-breakpoint
CREATE INDEX "participation_status_changes_participant_idx" ON "participation_status_changes" USING btree ("participant_id","changed_at");--> statement-breakpoint
CREATE INDEX "places_organisation_idx" ON "places" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "sector_communes_commune_idx" ON "sector_communes" USING btree ("commune_code");--> statement-breakpoint
CREATE UNIQUE INDEX "sector_communes_key" ON "sector_communes" USING btree ("organisation_id","commune_code",coalesce("agent_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" USING btree ("endpoint_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_organisation_idx" ON "webhook_endpoints" USING btree ("organisation_id");--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_no_overlap" EXCLUDE USING gist ("agent_id" WITH =, tstzrange("starts_at", "blocked_until") WITH &&) WHERE ("cancelled_at" IS NULL);
