-- The assistant: chat sessions and messages (private to their user), feedback on answers, and the
-- queue of records whose embeddings need refreshing (drained by a job; reads never wait on it).
CREATE TABLE chat_sessions (
  id uuid PRIMARY KEY,
  dealership_id uuid NOT NULL,
  user_id uuid NOT NULL,
  title text NOT NULL DEFAULT '',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX chat_sessions_user_idx ON chat_sessions (user_id, updated_at DESC);
--> statement-breakpoint
CREATE TABLE chat_messages (
  id uuid PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES chat_sessions(id) ON DELETE CASCADE,
  dealership_id uuid NOT NULL,
  user_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('user', 'assistant')),
  content text NOT NULL,
  -- The parsed question and the records the answer listed, so a follow-up keeps the context.
  parsed jsonb,
  listed jsonb NOT NULL DEFAULT '[]',
  sources jsonb NOT NULL DEFAULT '[]',
  metadata jsonb NOT NULL DEFAULT '{}',
  feedback smallint CHECK (feedback IN (-1, 1)),
  feedback_comment text,
  feedback_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
);
--> statement-breakpoint
CREATE INDEX chat_messages_session_idx ON chat_messages (session_id, created_at);
--> statement-breakpoint
CREATE INDEX chat_messages_rate_idx ON chat_messages (user_id, created_at) WHERE role = 'user';
--> statement-breakpoint
CREATE INDEX chat_messages_feedback_idx ON chat_messages (dealership_id, feedback_at) WHERE feedback IS NOT NULL;
--> statement-breakpoint
CREATE TABLE embedding_queue (
  entity_type text NOT NULL,
  entity_id uuid NOT NULL,
  dealership_id uuid NOT NULL,
  queued_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (entity_type, entity_id)
);
--> statement-breakpoint
-- A vehicle whose searchable text changes is queued (bulk seeding skips it; the backfill covers that).
CREATE OR REPLACE FUNCTION lotbook_embedding_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('lotbook.bulk', true) = 'on' THEN RETURN NULL; END IF;
  INSERT INTO embedding_queue (entity_type, entity_id, dealership_id)
    VALUES (TG_ARGV[0], NEW.id, NEW.dealership_id)
    ON CONFLICT (entity_type, entity_id) DO UPDATE SET queued_at = now();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER vehicles_embedding_enqueue
  AFTER INSERT OR UPDATE OF make, model, trim, year, color, body_type, fuel_type, transmission, description, features, deleted ON vehicles
  FOR EACH ROW EXECUTE FUNCTION lotbook_embedding_enqueue('vehicle');
