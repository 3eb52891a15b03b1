CREATE TABLE "geocoding_jurisdiction" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"state" text,
	"towns" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"villages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"zip_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "geocoding_jurisdiction_singleton_check" CHECK ("geocoding_jurisdiction"."id" = 1),
	CONSTRAINT "geocoding_jurisdiction_state_check" CHECK ("geocoding_jurisdiction"."state" is null or "geocoding_jurisdiction"."state" ~ '^[A-Z]{2}$'),
	CONSTRAINT "geocoding_jurisdiction_lists_check" CHECK (jsonb_typeof("geocoding_jurisdiction"."towns") = 'array' and jsonb_typeof("geocoding_jurisdiction"."villages") = 'array'),
	CONSTRAINT "geocoding_jurisdiction_zip_codes_check" CHECK (array_to_string("geocoding_jurisdiction"."zip_codes", ',') ~ '^([0-9]{5}(,[0-9]{5})*)?$')
);
--> statement-breakpoint
CREATE TABLE "places" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name_key" text NOT NULL,
	"name" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"alias_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"kind" text DEFAULT 'other' NOT NULL,
	"address" text,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "places_name_key_check" CHECK ("places"."name_key" <> ''),
	CONSTRAINT "places_lat_check" CHECK ("places"."lat" between -90 and 90),
	CONSTRAINT "places_lon_check" CHECK ("places"."lon" between -180 and 180),
	CONSTRAINT "places_kind_check" CHECK ("places"."kind" in ('government', 'police', 'fire', 'school', 'college', 'library', 'park', 'station', 'venue', 'other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "places_name_key_key" ON "places" USING btree ("name_key");