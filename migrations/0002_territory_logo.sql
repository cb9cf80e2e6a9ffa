ALTER TABLE "territories" ADD COLUMN "logo" "bytea";--> statement-breakpoint
ALTER TABLE "territories" ADD COLUMN "logo_content_type" text;--> statement-breakpoint
ALTER TABLE "territories" ADD COLUMN "logo_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "territories" DROP COLUMN "logo_url";--> statement-breakpoint
ALTER TABLE "territories" ADD CONSTRAINT "territories_logo_all_or_nothing" CHECK (("territories"."logo" is null) = ("territories"."logo_content_type" is null) and ("territories"."logo" is null) = ("territories"."logo_updated_at" is null));--> statement-breakpoint
ALTER TABLE "territories" ADD CONSTRAINT "territories_logo_content_type" CHECK ("territories"."logo_content_type" in ('image/png', 'image/jpeg', 'image/webp'));--> statement-breakpoint
ALTER TABLE "territories" ADD CONSTRAINT "territories_logo_size" CHECK (octet_length("territories"."logo") between 1 and 204800);