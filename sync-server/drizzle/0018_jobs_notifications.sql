-- Issue 10: scheduled jobs that run once across instances, and notification delivery.
--
-- Notifications: a dedup key unique per user (the same event never notifies twice, whether a job
-- runs again or two instances run it), the deep link and the data. These three columns are kept on
-- the server (sync/tables.ts hides them from the wire): devices derive the link from
-- entity_type/entity_id, so the replicated document and its RxDB schema stay as they are.
ALTER TABLE "notifications" ADD COLUMN "dedup_key" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "link" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "data" jsonb NOT NULL DEFAULT '{}'::jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedup_key" ON "notifications" USING btree ("user_id","dedup_key") WHERE "dedup_key" IS NOT NULL;--> statement-breakpoint
-- One lease per job: whoever holds an unexpired lease runs it; a crashed holder's lease expires.
CREATE TABLE "job_leases" (
	"job" text PRIMARY KEY NOT NULL,
	"instance_id" text NOT NULL,
	"slot" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
-- One row per run: (job, slot) is unique, so a scheduled slot runs once across instances.
CREATE TABLE "job_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"slot" text NOT NULL,
	"instance_id" text NOT NULL,
	"trigger" text DEFAULT 'schedule' NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone,
	"status" text DEFAULT 'running' NOT NULL,
	"error" text,
	"items" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_slot_key" ON "job_runs" USING btree ("job","slot");--> statement-breakpoint
CREATE INDEX "job_runs_job_started_idx" ON "job_runs" USING btree ("job","started_at");--> statement-breakpoint
-- Per-user delivery preferences: per type, which channels; quiet hours in the user's time zone.
CREATE TABLE "notification_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"dealership_id" uuid NOT NULL,
	"channels" jsonb NOT NULL DEFAULT '{}'::jsonb,
	"quiet_start" text,
	"quiet_end" text,
	"time_zone" text,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Web Push subscriptions, one per user and device (endpoint).
CREATE TABLE "push_subscriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"dealership_id" uuid NOT NULL,
	"device_id" text,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_success_at" timestamp (3) with time zone,
	"failures" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "push_subscriptions_endpoint_key" ON "push_subscriptions" USING btree ("endpoint");--> statement-breakpoint
CREATE INDEX "push_subscriptions_user_idx" ON "push_subscriptions" USING btree ("user_id");
--> statement-breakpoint
-- Push/email for notifications that database triggers write (0006 lead_assigned): one row claims
-- a notification's delivery, so with several instances it is sent once.
CREATE TABLE "notification_deliveries" (
	"notification_id" uuid PRIMARY KEY NOT NULL,
	"delivered_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "notifications_undelivered_idx" ON "notifications" USING btree ("dealership_id","created_at") WHERE "dedup_key" IS NULL;
