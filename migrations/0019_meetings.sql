CREATE TABLE "action_item_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_item_id" uuid NOT NULL,
	"meeting_id" uuid,
	"body" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_item_notes_body_check" CHECK (char_length("action_item_notes"."body") between 1 and 4000)
);
--> statement-breakpoint
CREATE TABLE "action_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"neighborhood_id" uuid NOT NULL,
	"title" text NOT NULL,
	"owner_id" uuid,
	"due_date" date,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "action_items_status_check" CHECK ("action_items"."status" in ('open', 'in_progress', 'done', 'dropped')),
	CONSTRAINT "action_items_closed_check" CHECK (("action_items"."status" in ('done', 'dropped')) = ("action_items"."closed_at" is not null)),
	CONSTRAINT "action_items_title_check" CHECK (char_length("action_items"."title") between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "meeting_problems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"description" text NOT NULL,
	"service_request_id" uuid,
	"sara_case_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_problems_description_check" CHECK (char_length("meeting_problems"."description") between 1 and 4000)
);
--> statement-breakpoint
CREATE TABLE "meeting_reschedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"previous_starts_at" timestamp with time zone NOT NULL,
	"previous_ends_at" timestamp with time zone NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text,
	"changed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"neighborhood_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" jsonb NOT NULL,
	"frequency" text NOT NULL,
	"weekday" integer NOT NULL,
	"week_of_month" integer,
	"local_time" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"time_zone" text NOT NULL,
	"location_name" text,
	"address" text,
	"online_url" text,
	"lieutenant_id" uuid,
	"languages" text[] DEFAULT '{en}'::text[] NOT NULL,
	"interpretation" text[] DEFAULT '{}'::text[] NOT NULL,
	"months_ahead" integer DEFAULT 3 NOT NULL,
	"generated_through" date,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_schedules_kind_check" CHECK ("meeting_schedules"."kind" in ('community_meeting', 'education_session', 'partner_meeting')),
	CONSTRAINT "meeting_schedules_frequency_check" CHECK ("meeting_schedules"."frequency" in ('weekly', 'monthly')),
	CONSTRAINT "meeting_schedules_weekday_check" CHECK ("meeting_schedules"."weekday" between 1 and 7),
	CONSTRAINT "meeting_schedules_week_of_month_check" CHECK (("meeting_schedules"."frequency" = 'weekly' and "meeting_schedules"."week_of_month" is null) or ("meeting_schedules"."frequency" = 'monthly' and "meeting_schedules"."week_of_month" in (1, 2, 3, 4, -1))),
	CONSTRAINT "meeting_schedules_local_time_check" CHECK ("meeting_schedules"."local_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
	CONSTRAINT "meeting_schedules_duration_check" CHECK ("meeting_schedules"."duration_minutes" between 15 and 720),
	CONSTRAINT "meeting_schedules_months_ahead_check" CHECK ("meeting_schedules"."months_ahead" between 1 and 12),
	CONSTRAINT "meeting_schedules_place_check" CHECK ("meeting_schedules"."address" is not null or "meeting_schedules"."online_url" is not null)
);
--> statement-breakpoint
CREATE TABLE "meeting_staff" (
	"meeting_id" uuid NOT NULL,
	"personnel_id" uuid NOT NULL,
	CONSTRAINT "meeting_staff_meeting_id_personnel_id_pk" PRIMARY KEY("meeting_id","personnel_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"neighborhood_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"title" jsonb NOT NULL,
	"public_description" jsonb,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL,
	"location_name" text,
	"address" text,
	"lat" double precision,
	"lon" double precision,
	"online_url" text,
	"lieutenant_id" uuid,
	"partner_organizations" text[] DEFAULT '{}'::text[] NOT NULL,
	"agenda" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"languages" text[] DEFAULT '{en}'::text[] NOT NULL,
	"interpretation" text[] DEFAULT '{}'::text[] NOT NULL,
	"attendance_count" integer,
	"resident_count" integer,
	"minutes" text,
	"public_summary" jsonb,
	"internal_notes" text,
	"cancel_reason" text,
	"schedule_id" uuid,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "meetings_kind_check" CHECK ("meetings"."kind" in ('community_meeting', 'education_session', 'partner_meeting')),
	CONSTRAINT "meetings_status_check" CHECK ("meetings"."status" in ('planned', 'held', 'cancelled')),
	CONSTRAINT "meetings_interval_check" CHECK ("meetings"."ends_at" > "meetings"."starts_at"),
	CONSTRAINT "meetings_coordinate_check" CHECK (("meetings"."lat" is null) = ("meetings"."lon" is null)),
	CONSTRAINT "meetings_cancel_reason_check" CHECK (("meetings"."status" = 'cancelled') = ("meetings"."cancel_reason" is not null)),
	CONSTRAINT "meetings_held_attendance_check" CHECK ("meetings"."status" <> 'held' or "meetings"."attendance_count" is not null),
	CONSTRAINT "meetings_attendance_check" CHECK (("meetings"."attendance_count" is null or "meetings"."attendance_count" >= 0) and ("meetings"."resident_count" is null or ("meetings"."resident_count" >= 0 and "meetings"."resident_count" <= coalesce("meetings"."attendance_count", "meetings"."resident_count"))))
);
--> statement-breakpoint
ALTER TABLE "action_item_notes" ADD CONSTRAINT "action_item_notes_action_item_id_action_items_id_fk" FOREIGN KEY ("action_item_id") REFERENCES "public"."action_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_item_notes" ADD CONSTRAINT "action_item_notes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_item_notes" ADD CONSTRAINT "action_item_notes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_neighborhood_id_neighborhoods_id_fk" FOREIGN KEY ("neighborhood_id") REFERENCES "public"."neighborhoods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_owner_id_personnel_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."personnel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_problems" ADD CONSTRAINT "meeting_problems_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_problems" ADD CONSTRAINT "meeting_problems_service_request_id_service_requests_id_fk" FOREIGN KEY ("service_request_id") REFERENCES "public"."service_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_problems" ADD CONSTRAINT "meeting_problems_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_reschedules" ADD CONSTRAINT "meeting_reschedules_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_reschedules" ADD CONSTRAINT "meeting_reschedules_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_schedules" ADD CONSTRAINT "meeting_schedules_neighborhood_id_neighborhoods_id_fk" FOREIGN KEY ("neighborhood_id") REFERENCES "public"."neighborhoods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_schedules" ADD CONSTRAINT "meeting_schedules_lieutenant_id_personnel_id_fk" FOREIGN KEY ("lieutenant_id") REFERENCES "public"."personnel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_schedules" ADD CONSTRAINT "meeting_schedules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_staff" ADD CONSTRAINT "meeting_staff_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_staff" ADD CONSTRAINT "meeting_staff_personnel_id_personnel_id_fk" FOREIGN KEY ("personnel_id") REFERENCES "public"."personnel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_neighborhood_id_neighborhoods_id_fk" FOREIGN KEY ("neighborhood_id") REFERENCES "public"."neighborhoods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_lieutenant_id_personnel_id_fk" FOREIGN KEY ("lieutenant_id") REFERENCES "public"."personnel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_schedule_id_meeting_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."meeting_schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_item_notes_item_idx" ON "action_item_notes" USING btree ("action_item_id","created_at");--> statement-breakpoint
CREATE INDEX "action_items_neighborhood_open_idx" ON "action_items" USING btree ("neighborhood_id","created_at") WHERE "action_items"."status" in ('open', 'in_progress');--> statement-breakpoint
CREATE INDEX "action_items_owner_idx" ON "action_items" USING btree ("owner_id","due_date");--> statement-breakpoint
CREATE INDEX "action_items_meeting_idx" ON "action_items" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_problems_meeting_idx" ON "meeting_problems" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_problems_sara_case_idx" ON "meeting_problems" USING btree ("sara_case_id");--> statement-breakpoint
CREATE INDEX "meeting_reschedules_meeting_idx" ON "meeting_reschedules" USING btree ("meeting_id","created_at");--> statement-breakpoint
CREATE INDEX "meetings_neighborhood_starts_idx" ON "meetings" USING btree ("neighborhood_id","starts_at");--> statement-breakpoint
CREATE INDEX "meetings_starts_idx" ON "meetings" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "meetings_schedule_idx" ON "meetings" USING btree ("schedule_id","starts_at");