-- Notification preferences and quiet hours become a replicated, pushable collection
-- (`notification_preferences`, issue 10): one document per user whose id is the UUIDv3 of the user's
-- id in the namespace NOTIFICATION_PREFERENCES_NAMESPACE (shared/src/entities), with the
-- sync columns and the lotbook_stamp trigger like every other synced table (0000/0001). Scope: the
-- user's own document (sync/scope.ts); pushable by its owner (sync/rules.ts).
-- RFC 4122 name-based UUID, version 3 (MD5), the same as the `uuid` package's v3(name, namespace).
CREATE OR REPLACE FUNCTION lotbook_uuid_v3(ns uuid, name text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(set_byte(set_byte(h, 6, (get_byte(h, 6) & 15) | 48), 8, (get_byte(h, 8) & 63) | 128), 'hex')::uuid
  FROM (SELECT decode(md5(decode(replace(ns::text, '-', ''), 'hex') || convert_to(name, 'UTF8')), 'hex') AS h) x $$;--> statement-breakpoint
ALTER TABLE "notification_preferences" DROP CONSTRAINT "notification_preferences_pkey";--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "id" uuid;--> statement-breakpoint
UPDATE "notification_preferences" SET "id" = lotbook_uuid_v3('c6a3f0e2-5b1d-4f8e-9a47-2f1d8e3b7a10', "user_id"::text);--> statement-breakpoint
ALTER TABLE "notification_preferences" ALTER COLUMN "id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD PRIMARY KEY ("id");--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "created_at" timestamp (3) with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "deleted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "scope_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_id_is_user" CHECK (id = lotbook_uuid_v3('c6a3f0e2-5b1d-4f8e-9a47-2f1d8e3b7a10', user_id::text));--> statement-breakpoint
CREATE UNIQUE INDEX "notification_preferences_user_key" ON "notification_preferences" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "notification_preferences_sync_idx" ON "notification_preferences" USING btree ("dealership_id","seq");--> statement-breakpoint
-- Rows written before this migration get a change seq, so a first pull (seq > 0) returns them.
UPDATE "notification_preferences" SET "seq" = nextval('change_seq');--> statement-breakpoint
CREATE TRIGGER notification_preferences_stamp BEFORE INSERT OR UPDATE ON notification_preferences FOR EACH ROW EXECUTE FUNCTION lotbook_stamp('user_id');
