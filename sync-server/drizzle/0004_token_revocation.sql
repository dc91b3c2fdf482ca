-- Revocation within seconds (issue 8, item 14). One row per user whose access tokens issued
-- before `valid_after` must be refused. Kept apart from `users` so the mark never syncs to devices.
CREATE TABLE "user_token_cutoffs" (
	"user_id" uuid PRIMARY KEY NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"valid_after" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- Deactivation, soft deletion and any password change (by the user, an admin, a reset or plain
-- SQL) end every existing session: the cutoff moves to now and every live refresh token is revoked.
CREATE OR REPLACE FUNCTION lotbook_revoke_user_tokens() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF (OLD.is_active AND NOT NEW.is_active)
		OR (NOT OLD.deleted AND NEW.deleted)
		OR OLD.password_hash IS DISTINCT FROM NEW.password_hash THEN
		INSERT INTO user_token_cutoffs (user_id, valid_after) VALUES (NEW.id, clock_timestamp())
		ON CONFLICT (user_id) DO UPDATE SET valid_after = greatest(user_token_cutoffs.valid_after, EXCLUDED.valid_after);
		UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = NEW.id AND revoked_at IS NULL;
	END IF;
	RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_revoke_tokens AFTER UPDATE OF is_active, deleted, password_hash ON users
	FOR EACH ROW EXECUTE FUNCTION lotbook_revoke_user_tokens();
