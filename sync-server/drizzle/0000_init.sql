CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dealership_id" uuid,
	"user_id" uuid,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dealership_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"scope_seq" bigint DEFAULT 0 NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text DEFAULT '' NOT NULL,
	"email" text,
	"phone" text,
	"address" text,
	"national_id" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "dealerships" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"locale" text DEFAULT 'es-ES' NOT NULL,
	"timezone" text DEFAULT 'Europe/Madrid' NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory_movements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dealership_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"scope_seq" bigint DEFAULT 0 NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"movement_type" text NOT NULL,
	"movement_date" timestamp (3) with time zone NOT NULL,
	"notes" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_activities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dealership_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"scope_seq" bigint DEFAULT 0 NOT NULL,
	"lead_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"activity_type" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"activity_date" timestamp (3) with time zone NOT NULL,
	"due_at" timestamp (3) with time zone,
	"done" boolean DEFAULT false NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dealership_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"scope_seq" bigint DEFAULT 0 NOT NULL,
	"customer_id" uuid NOT NULL,
	"assigned_to" uuid,
	"source" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"priority" text DEFAULT 'medium' NOT NULL,
	"budget_min" numeric(12, 2),
	"budget_max" numeric(12, 2),
	"preferences" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"notes" text,
	"score" integer DEFAULT 0 NOT NULL,
	"score_factors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_contact_at" timestamp (3) with time zone,
	"first_response_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dealership_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"scope_seq" bigint DEFAULT 0 NOT NULL,
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"entity_type" text,
	"entity_id" uuid,
	"read_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	"replaced_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dealership_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"scope_seq" bigint DEFAULT 0 NOT NULL,
	"customer_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"salesperson_id" uuid NOT NULL,
	"sale_price" numeric(12, 2) NOT NULL,
	"down_payment" numeric(12, 2) DEFAULT 0 NOT NULL,
	"financing_type" text NOT NULL,
	"status" text DEFAULT 'completed' NOT NULL,
	"sale_date" timestamp (3) with time zone NOT NULL,
	"delivery_date" timestamp (3) with time zone,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "sync_devices" (
	"device_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"dealership_id" uuid NOT NULL,
	"last_pull_at" timestamp (3) with time zone,
	"last_push_at" timestamp (3) with time zone,
	"last_checkpoint" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"pushed_docs" integer DEFAULT 0 NOT NULL,
	"conflicts" integer DEFAULT 0 NOT NULL,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "sync_rejections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dealership_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"device_id" text,
	"collection" text NOT NULL,
	"doc_id" text,
	"reason" text NOT NULL,
	"message" text NOT NULL,
	"document" jsonb,
	"server_document" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dealership_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"scope_seq" bigint DEFAULT 0 NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"phone" text,
	"role" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"specializations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"working_hours" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"password_changed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dealership_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"scope_seq" bigint DEFAULT 0 NOT NULL,
	"vin" text NOT NULL,
	"stock_number" text NOT NULL,
	"make" text NOT NULL,
	"model" text NOT NULL,
	"trim" text,
	"year" integer NOT NULL,
	"body_type" text NOT NULL,
	"color" text,
	"price" numeric(12, 2) NOT NULL,
	"cost" numeric(12, 2),
	"mileage" integer DEFAULT 0 NOT NULL,
	"fuel_type" text NOT NULL,
	"transmission" text NOT NULL,
	"consumption" double precision,
	"description" text DEFAULT '' NOT NULL,
	"features" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"images" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"lot_location" text,
	"status" text DEFAULT 'available' NOT NULL,
	"reserved_by" uuid,
	"reserved_until" timestamp (3) with time zone,
	"acquired_at" timestamp (3) with time zone NOT NULL,
	"is_promotion" boolean DEFAULT false NOT NULL,
	"promo_price" numeric(12, 2),
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, translate(lower(coalesce(make,'') || ' ' || coalesce(model,'') || ' ' || coalesce(trim,'') || ' ' || coalesce(color,'') || ' ' || coalesce(body_type,'') || ' ' || coalesce(fuel_type,'') || ' ' || coalesce(description,'')), 'áàäâãåéèëêíìïîóòöôõúùüûñçý', 'aaaaaaeeeeiiiiooooouuuuncy')) || to_tsvector('spanish'::regconfig, translate(lower(coalesce(make,'') || ' ' || coalesce(model,'') || ' ' || coalesce(trim,'') || ' ' || coalesce(color,'') || ' ' || coalesce(body_type,'') || ' ' || coalesce(fuel_type,'') || ' ' || coalesce(description,'')), 'áàäâãåéèëêíìïîóòöôõúùüûñçý', 'aaaaaaeeeeiiiiooooouuuuncy')) || to_tsvector('english'::regconfig, translate(lower(coalesce(make,'') || ' ' || coalesce(model,'') || ' ' || coalesce(trim,'') || ' ' || coalesce(color,'') || ' ' || coalesce(body_type,'') || ' ' || coalesce(fuel_type,'') || ' ' || coalesce(description,'')), 'áàäâãåéèëêíìïîóòöôõúùüûñçý', 'aaaaaaeeeeiiiiooooouuuuncy'))) STORED
);
--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("dealership_id","entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_time_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "customers_sync_idx" ON "customers" USING btree ("dealership_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_email_key" ON "customers" USING btree ("dealership_id",lower("email")) WHERE "customers"."email" is not null and not "customers"."deleted";--> statement-breakpoint
CREATE UNIQUE INDEX "customers_national_id_key" ON "customers" USING btree ("dealership_id",upper("national_id")) WHERE "customers"."national_id" is not null and not "customers"."deleted";--> statement-breakpoint
CREATE INDEX "customers_phone_idx" ON "customers" USING btree ("dealership_id","phone");--> statement-breakpoint
CREATE INDEX "inventory_movements_sync_idx" ON "inventory_movements" USING btree ("dealership_id","seq");--> statement-breakpoint
CREATE INDEX "inventory_movements_vehicle_idx" ON "inventory_movements" USING btree ("vehicle_id");--> statement-breakpoint
CREATE INDEX "lead_activities_sync_idx" ON "lead_activities" USING btree ("dealership_id","seq");--> statement-breakpoint
CREATE INDEX "lead_activities_lead_idx" ON "lead_activities" USING btree ("lead_id","activity_date");--> statement-breakpoint
CREATE INDEX "leads_sync_idx" ON "leads" USING btree ("dealership_id","seq");--> statement-breakpoint
CREATE INDEX "leads_assigned_idx" ON "leads" USING btree ("dealership_id","assigned_to","status");--> statement-breakpoint
CREATE INDEX "leads_customer_idx" ON "leads" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "leads_created_idx" ON "leads" USING btree ("dealership_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_sync_idx" ON "notifications" USING btree ("dealership_id","seq");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "refresh_tokens_hash_key" ON "refresh_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "refresh_tokens_family_idx" ON "refresh_tokens" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "sales_sync_idx" ON "sales" USING btree ("dealership_id","seq");--> statement-breakpoint
CREATE INDEX "sales_vehicle_idx" ON "sales" USING btree ("vehicle_id");--> statement-breakpoint
CREATE INDEX "sales_customer_idx" ON "sales" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "sales_rep_idx" ON "sales" USING btree ("dealership_id","salesperson_id","sale_date");--> statement-breakpoint
CREATE INDEX "sales_date_idx" ON "sales" USING btree ("dealership_id","sale_date");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_devices_key" ON "sync_devices" USING btree ("device_id","user_id");--> statement-breakpoint
CREATE INDEX "sync_rejections_user_idx" ON "sync_rejections" USING btree ("dealership_id","user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_sync_idx" ON "users" USING btree ("dealership_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicles_vin_key" ON "vehicles" USING btree ("dealership_id","vin");--> statement-breakpoint
CREATE INDEX "vehicles_sync_idx" ON "vehicles" USING btree ("dealership_id","seq");--> statement-breakpoint
CREATE INDEX "vehicles_filter_idx" ON "vehicles" USING btree ("dealership_id","status","make","price");--> statement-breakpoint
CREATE INDEX "vehicles_price_idx" ON "vehicles" USING btree ("dealership_id","price");--> statement-breakpoint
CREATE INDEX "vehicles_year_idx" ON "vehicles" USING btree ("dealership_id","year");--> statement-breakpoint
CREATE INDEX "vehicles_acquired_idx" ON "vehicles" USING btree ("dealership_id","acquired_at");--> statement-breakpoint
CREATE INDEX "vehicles_make_model_idx" ON "vehicles" USING btree ("dealership_id",lower("make"),lower("model"));--> statement-breakpoint
CREATE INDEX "vehicles_search_idx" ON "vehicles" USING gin ("search_vector");