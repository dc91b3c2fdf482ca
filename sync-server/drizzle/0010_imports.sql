-- Imports (issue 15): every import run is recorded (who, when, file name and hash, counts, the
-- per-row report), and ADF prospects keep their feed key so a re-sent prospect is a duplicate.
CREATE TABLE import_runs (
  id uuid PRIMARY KEY,
  dealership_id uuid NOT NULL REFERENCES dealerships(id) ON DELETE CASCADE,
  user_id uuid NOT NULL,
  kind text NOT NULL,
  file_name text,
  file_hash text NOT NULL,
  counts jsonb NOT NULL DEFAULT '{}'::jsonb,
  report jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX import_runs_dealership_idx ON import_runs (dealership_id, created_at DESC);
--> statement-breakpoint
CREATE TABLE adf_prospect_keys (
  dealership_id uuid NOT NULL REFERENCES dealerships(id) ON DELETE CASCADE,
  source text NOT NULL,
  prospect_id text NOT NULL,
  lead_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dealership_id, source, prospect_id)
);
