CREATE TABLE "public_feed_publications" (
	"event_id" bigint PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_languages" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"english_name" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 100 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "public_languages_code_check" CHECK ("public_languages"."code" ~ '^[a-z]{2,3}$'),
	CONSTRAINT "public_languages_english_enabled_check" CHECK ("public_languages"."code" <> 'en' or "public_languages"."enabled")
);
--> statement-breakpoint
CREATE TABLE "public_texts" (
	"key" text NOT NULL,
	"language" text NOT NULL,
	"text" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "public_texts_key_language_pk" PRIMARY KEY("key","language"),
	CONSTRAINT "public_texts_key_check" CHECK ("public_texts"."key" ~ '^[a-z0-9]+([._-][a-z0-9]+)*$'),
	CONSTRAINT "public_texts_text_check" CHECK (char_length("public_texts"."text") between 1 and 4000)
);
--> statement-breakpoint
ALTER TABLE "public_feed_publications" ADD CONSTRAINT "public_feed_publications_event_id_request_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."request_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_feed_publications" ADD CONSTRAINT "public_feed_publications_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_feed_publications" ADD CONSTRAINT "public_feed_publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_feed_publications" ADD CONSTRAINT "public_feed_publications_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_languages" ADD CONSTRAINT "public_languages_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_texts" ADD CONSTRAINT "public_texts_language_public_languages_code_fk" FOREIGN KEY ("language") REFERENCES "public"."public_languages"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_texts" ADD CONSTRAINT "public_texts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "public_feed_publications_published_idx" ON "public_feed_publications" USING btree ("published_at") WHERE "public_feed_publications"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "public_feed_publications_request_idx" ON "public_feed_publications" USING btree ("request_id");