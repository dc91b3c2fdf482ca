CREATE TABLE IF NOT EXISTS "sales_targets" (
	"dealership_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"month" date NOT NULL,
	"units" integer,
	"revenue" numeric(14, 2),
	"updated_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sales_targets_pkey" PRIMARY KEY ("dealership_id", "user_id", "month"),
	CONSTRAINT "sales_targets_month_first" CHECK (extract(day from "month") = 1),
	CONSTRAINT "sales_targets_positive" CHECK (("units" IS NULL OR "units" >= 0) AND ("revenue" IS NULL OR "revenue" >= 0))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "sales_completed_idx" ON "sales" USING btree ("dealership_id", "sale_date") INCLUDE ("salesperson_id", "sale_price", "vehicle_id") WHERE "status" = 'completed' AND NOT "deleted";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "leads_rep_created_idx" ON "leads" USING btree ("dealership_id", "assigned_to", "created_at");
