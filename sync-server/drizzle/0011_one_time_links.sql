-- One-time links (issue 13): the first-run setup link and "set your password" links.
-- Only the SHA-256 of a token is stored; a link works once (used_at) and until expires_at.
CREATE TABLE "one_time_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL CHECK ("purpose" IN ('setup', 'set_password')),
	"user_id" uuid REFERENCES "users"("id") ON DELETE CASCADE,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE UNIQUE INDEX "one_time_tokens_hash_key" ON "one_time_tokens" ("token_hash");
--> statement-breakpoint
CREATE INDEX "one_time_tokens_user_idx" ON "one_time_tokens" ("user_id");
