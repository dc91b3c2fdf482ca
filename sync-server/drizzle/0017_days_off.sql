-- Days off per team member (issue 13): local dates ("YYYY-MM-DD", the dealership's time zone) the
-- person takes no leads; read by isAvailableNow (shared/src/rules/availability.ts). Not replicated
-- to devices (sync/tables.ts hides it): only the team screen and the server's routing read it.
ALTER TABLE "users" ADD COLUMN "days_off" jsonb NOT NULL DEFAULT '[]'::jsonb;
