CREATE TABLE "neighborhood_priorities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"neighborhood_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"source" text DEFAULT 'staff' NOT NULL,
	"meeting_id" uuid,
	"meeting_problem_id" uuid,
	"sara_case_id" uuid,
	"candidate_key" text,
	"status" text DEFAULT 'active' NOT NULL,
	"outcome" jsonb,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "neighborhood_priorities_source_check" CHECK ("neighborhood_priorities"."source" in ('meeting', 'sara_case', 'candidate', 'staff')),
	CONSTRAINT "neighborhood_priorities_status_check" CHECK ("neighborhood_priorities"."status" in ('active', 'achieved', 'retired')),
	CONSTRAINT "neighborhood_priorities_closed_check" CHECK (("neighborhood_priorities"."status" = 'active') = ("neighborhood_priorities"."closed_at" is null))
);
--> statement-breakpoint
CREATE TABLE "priority_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"priority_id" uuid NOT NULL,
	"body" jsonb NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"sara_response_action_id" uuid,
	"action_item_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "neighborhood_priorities" ADD CONSTRAINT "neighborhood_priorities_neighborhood_id_neighborhoods_id_fk" FOREIGN KEY ("neighborhood_id") REFERENCES "public"."neighborhoods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighborhood_priorities" ADD CONSTRAINT "neighborhood_priorities_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighborhood_priorities" ADD CONSTRAINT "neighborhood_priorities_meeting_problem_id_meeting_problems_id_fk" FOREIGN KEY ("meeting_problem_id") REFERENCES "public"."meeting_problems"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighborhood_priorities" ADD CONSTRAINT "neighborhood_priorities_sara_case_id_sara_cases_id_fk" FOREIGN KEY ("sara_case_id") REFERENCES "public"."sara_cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighborhood_priorities" ADD CONSTRAINT "neighborhood_priorities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_actions" ADD CONSTRAINT "priority_actions_priority_id_neighborhood_priorities_id_fk" FOREIGN KEY ("priority_id") REFERENCES "public"."neighborhood_priorities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_actions" ADD CONSTRAINT "priority_actions_sara_response_action_id_sara_response_actions_id_fk" FOREIGN KEY ("sara_response_action_id") REFERENCES "public"."sara_response_actions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_actions" ADD CONSTRAINT "priority_actions_action_item_id_action_items_id_fk" FOREIGN KEY ("action_item_id") REFERENCES "public"."action_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_actions" ADD CONSTRAINT "priority_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "neighborhood_priorities_neighborhood_idx" ON "neighborhood_priorities" USING btree ("neighborhood_id","status","set_at");--> statement-breakpoint
CREATE INDEX "neighborhood_priorities_meeting_idx" ON "neighborhood_priorities" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "neighborhood_priorities_sara_case_idx" ON "neighborhood_priorities" USING btree ("sara_case_id");--> statement-breakpoint
CREATE INDEX "priority_actions_priority_idx" ON "priority_actions" USING btree ("priority_id","taken_at");