-- Lead routing (issue 14). Every automatic move of a lead is kept here with its explanation:
-- the first assignment (or the up-for-grabs pool), an escalation after the business-hours delay,
-- and a rep's claim from the pool. Not replicated: the lead screen reads it from
-- GET /api/v1/leads/{id}/routing when online, and the manager's routing summary counts from it.
CREATE TABLE "lead_routing" (
  "id" uuid PRIMARY KEY,
  "dealership_id" uuid NOT NULL REFERENCES "dealerships"("id"),
  "lead_id" uuid NOT NULL,
  "kind" text NOT NULL CHECK ("kind" IN ('assigned', 'pool', 'escalated', 'claimed')),
  "from_user" uuid,
  "to_user" uuid,
  "explanation" jsonb NOT NULL DEFAULT '{}'::jsonb,
  "created_at" timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX "lead_routing_lead_idx" ON "lead_routing" ("lead_id", "created_at");
--> statement-breakpoint
CREATE INDEX "lead_routing_dealership_idx" ON "lead_routing" ("dealership_id", "created_at");
--> statement-breakpoint
-- Speed to lead (DOMAIN.md): first_response_at is the first human contact, logged as a call,
-- WhatsApp, email, meeting or test drive that happened (not one only scheduled), never a note, a
-- task or an automatic reply. Set once, whoever pushes the activity and however it arrives.
CREATE OR REPLACE FUNCTION lotbook_first_response() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('lotbook.bulk', true) = 'on' THEN RETURN NULL; END IF;
  IF NEW.deleted OR NEW.activity_type NOT IN ('call', 'whatsapp', 'email', 'meeting', 'test_drive') THEN RETURN NULL; END IF;
  IF coalesce(NEW.metadata ->> 'auto_reply', 'false') = 'true' THEN RETURN NULL; END IF;
  IF NEW.due_at IS NOT NULL AND NOT NEW.done THEN RETURN NULL; END IF;
  UPDATE leads SET first_response_at = NEW.activity_date
    WHERE id = NEW.lead_id AND dealership_id = NEW.dealership_id AND first_response_at IS NULL AND NOT deleted;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER lead_activities_first_response AFTER INSERT ON lead_activities
  FOR EACH ROW EXECUTE FUNCTION lotbook_first_response();
