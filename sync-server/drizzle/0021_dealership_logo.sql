-- Issue 13: the dealership's logo (dealership settings). One small raster image per dealership,
-- base64 text (portable across Postgres and PGlite drivers); served at
-- /api/v1/dealership-logos/{dealership_id} (see src/dealership/logo.ts). SVG is refused on upload.
CREATE TABLE "dealership_logos" (
	"dealership_id" uuid PRIMARY KEY NOT NULL REFERENCES "dealerships"("id") ON DELETE cascade,
	"content_type" text NOT NULL,
	"data" text NOT NULL,
	"size" integer NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dealership_logos_type_check" CHECK ("content_type" IN ('image/png', 'image/jpeg', 'image/webp')),
	CONSTRAINT "dealership_logos_size_check" CHECK ("size" > 0 AND "size" <= 262144)
);
