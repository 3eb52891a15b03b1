CREATE SEQUENCE "public"."service_request_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "address_points" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"address_key" text NOT NULL,
	"address" text NOT NULL,
	"street" text NOT NULL,
	"house_number" text,
	"house_number_value" numeric,
	"unit" text,
	"zip" text,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"source" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "boundary_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dry_run" boolean NOT NULL,
	"applied" boolean DEFAULT false NOT NULL,
	"report" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "neighborhood_boundaries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"neighborhood_id" uuid NOT NULL,
	"version_number" integer NOT NULL,
	"geometry" jsonb NOT NULL,
	"min_lon" double precision NOT NULL,
	"min_lat" double precision NOT NULL,
	"max_lon" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"area_square_meters" double precision NOT NULL,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_to" timestamp with time zone,
	"import_id" uuid,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "neighborhoods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "neighborhoods_status_check" CHECK ("neighborhoods"."status" in ('active', 'retired'))
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"neighborhood_id" uuid NOT NULL,
	"personnel_id" uuid NOT NULL,
	"role" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_by" uuid,
	CONSTRAINT "assignments_role_check" CHECK ("assignments"."role" in ('coordination_lieutenant', 'nro', 'cso', 'officer')),
	CONSTRAINT "assignments_interval_check" CHECK ("assignments"."ends_at" is null or "assignments"."ends_at" > "assignments"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "personnel" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"badge_number" text,
	"kind" text NOT NULL,
	"phone" text,
	"email" text,
	"active" boolean DEFAULT true NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "personnel_kind_check" CHECK ("personnel"."kind" in ('lieutenant', 'sergeant', 'officer', 'nro', 'cso', 'civilian'))
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"principal" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" double precision,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_principal_key_pk" PRIMARY KEY("principal","key")
);
--> statement-breakpoint
CREATE TABLE "request_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"kind" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"body" text,
	"visibility" text DEFAULT 'internal' NOT NULL,
	"language" text
);
--> statement-breakpoint
CREATE TABLE "service_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tracking_number" text NOT NULL,
	"service_code" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"priority" text DEFAULT 'P3' NOT NULL,
	"channel" text NOT NULL,
	"description" text NOT NULL,
	"address" text,
	"lat" double precision,
	"lon" double precision,
	"neighborhood_id" uuid,
	"assignee_id" uuid,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"requester_name" text,
	"requester_email" text,
	"requester_phone" text,
	"requester_language" text,
	"parent_id" uuid,
	"first_response_due_at" timestamp with time zone NOT NULL,
	"resolution_due_at" timestamp with time zone NOT NULL,
	"first_responded_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"anonymized_at" timestamp with time zone,
	"created_by_type" text NOT NULL,
	"created_by_id" text,
	"search_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "service_requests_status_check" CHECK ("service_requests"."status" in ('new', 'triaged', 'assigned', 'in_progress', 'resolved', 'closed', 'rejected', 'duplicate')),
	CONSTRAINT "service_requests_priority_check" CHECK ("service_requests"."priority" in ('P1', 'P2', 'P3', 'P4'))
);
--> statement-breakpoint
CREATE TABLE "service_types" (
	"code" text PRIMARY KEY NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"group" text DEFAULT '' NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"attributes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sla" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "boundary_imports" ADD CONSTRAINT "boundary_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighborhood_boundaries" ADD CONSTRAINT "neighborhood_boundaries_neighborhood_id_neighborhoods_id_fk" FOREIGN KEY ("neighborhood_id") REFERENCES "public"."neighborhoods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighborhood_boundaries" ADD CONSTRAINT "neighborhood_boundaries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_neighborhood_id_neighborhoods_id_fk" FOREIGN KEY ("neighborhood_id") REFERENCES "public"."neighborhoods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_personnel_id_personnel_id_fk" FOREIGN KEY ("personnel_id") REFERENCES "public"."personnel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personnel" ADD CONSTRAINT "personnel_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_service_code_service_types_code_fk" FOREIGN KEY ("service_code") REFERENCES "public"."service_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_neighborhood_id_neighborhoods_id_fk" FOREIGN KEY ("neighborhood_id") REFERENCES "public"."neighborhoods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_assignee_id_personnel_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."personnel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "address_points_address_key_key" ON "address_points" USING btree ("address_key");--> statement-breakpoint
CREATE INDEX "address_points_street_idx" ON "address_points" USING btree ("street","house_number_value");--> statement-breakpoint
CREATE INDEX "address_points_street_trgm_idx" ON "address_points" USING gin ("street" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "neighborhood_boundaries_version_key" ON "neighborhood_boundaries" USING btree ("neighborhood_id","version_number");--> statement-breakpoint
CREATE UNIQUE INDEX "neighborhood_boundaries_current_key" ON "neighborhood_boundaries" USING btree ("neighborhood_id") WHERE "neighborhood_boundaries"."valid_to" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "neighborhoods_code_key" ON "neighborhoods" USING btree (upper("code"));--> statement-breakpoint
CREATE INDEX "assignments_neighborhood_idx" ON "assignments" USING btree ("neighborhood_id","starts_at");--> statement-breakpoint
CREATE INDEX "assignments_personnel_idx" ON "assignments" USING btree ("personnel_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "personnel_badge_number_key" ON "personnel" USING btree ("badge_number");--> statement-breakpoint
CREATE UNIQUE INDEX "personnel_user_id_key" ON "personnel" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "request_events_request_idx" ON "request_events" USING btree ("request_id","occurred_at");--> statement-breakpoint
CREATE INDEX "request_events_public_idx" ON "request_events" USING btree ("occurred_at") WHERE "request_events"."visibility" = 'public';--> statement-breakpoint
CREATE UNIQUE INDEX "service_requests_tracking_number_key" ON "service_requests" USING btree ("tracking_number");--> statement-breakpoint
CREATE INDEX "service_requests_open_by_neighborhood_idx" ON "service_requests" USING btree ("neighborhood_id","resolution_due_at") WHERE "service_requests"."status" in ('new', 'triaged', 'assigned', 'in_progress');--> statement-breakpoint
CREATE INDEX "service_requests_open_due_idx" ON "service_requests" USING btree ("resolution_due_at") WHERE "service_requests"."status" in ('new', 'triaged', 'assigned', 'in_progress');--> statement-breakpoint
CREATE INDEX "service_requests_assignee_idx" ON "service_requests" USING btree ("assignee_id") WHERE "service_requests"."status" in ('new', 'triaged', 'assigned', 'in_progress');--> statement-breakpoint
CREATE INDEX "service_requests_created_idx" ON "service_requests" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "service_requests_status_created_idx" ON "service_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "service_requests_search_idx" ON "service_requests" USING gin (to_tsvector('english', "search_text"));--> statement-breakpoint
CREATE INDEX "service_requests_parent_idx" ON "service_requests" USING btree ("parent_id");