CREATE TABLE "sara_candidate_decisions" (
	"key" text PRIMARY KEY NOT NULL,
	"decision" text NOT NULL,
	"reason" text NOT NULL,
	"request_count" integer NOT NULL,
	"case_id" uuid,
	"decided_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sara_candidate_decisions_decision_check" CHECK ("sara_candidate_decisions"."decision" in ('dismissed', 'case'))
);
--> statement-breakpoint
CREATE TABLE "sara_candidates" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"service_code" text,
	"neighborhood_id" uuid,
	"score" double precision NOT NULL,
	"request_ids" uuid[] NOT NULL,
	"area" jsonb NOT NULL,
	"period_from" timestamp with time zone NOT NULL,
	"period_to" timestamp with time zone NOT NULL,
	"detail" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sara_candidates_kind_check" CHECK ("sara_candidates"."kind" in ('repeat_place', 'cluster', 'spike'))
);
--> statement-breakpoint
CREATE TABLE "sara_case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"kind" text NOT NULL,
	"from_stage" text,
	"to_stage" text,
	"reason" text,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "sara_case_members" (
	"case_id" uuid NOT NULL,
	"personnel_id" uuid NOT NULL,
	CONSTRAINT "sara_case_members_case_id_personnel_id_pk" PRIMARY KEY("case_id","personnel_id")
);
--> statement-breakpoint
CREATE TABLE "sara_case_requests" (
	"case_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"linked_by_id" text,
	CONSTRAINT "sara_case_requests_case_id_request_id_pk" PRIMARY KEY("case_id","request_id")
);
--> statement-breakpoint
CREATE TABLE "sara_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"neighborhood_id" uuid NOT NULL,
	"lead_id" uuid,
	"priority" text DEFAULT 'medium' NOT NULL,
	"stage" text DEFAULT 'scanning' NOT NULL,
	"partners" text[] DEFAULT '{}'::text[] NOT NULL,
	"location" jsonb,
	"scanning" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"analysis" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"response" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"assessment" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source_candidate_key" text,
	"stage_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by_type" text NOT NULL,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "sara_cases_stage_check" CHECK ("sara_cases"."stage" in ('scanning', 'analysis', 'response', 'assessment', 'closed')),
	CONSTRAINT "sara_cases_priority_check" CHECK ("sara_cases"."priority" in ('low', 'medium', 'high')),
	CONSTRAINT "sara_cases_title_check" CHECK (char_length("sara_cases"."title") between 1 and 200),
	CONSTRAINT "sara_cases_closed_check" CHECK (("sara_cases"."stage" = 'closed') = ("sara_cases"."closed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "sara_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"metric" text NOT NULL,
	"baseline_value" double precision NOT NULL,
	"baseline_from" timestamp with time zone NOT NULL,
	"baseline_to" timestamp with time zone NOT NULL,
	"follow_up_value" double precision NOT NULL,
	"follow_up_from" timestamp with time zone NOT NULL,
	"follow_up_to" timestamp with time zone NOT NULL,
	"definition" jsonb,
	"result" jsonb,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sara_measures_kind_check" CHECK ("sara_measures"."kind" in ('manual', 'computed')),
	CONSTRAINT "sara_measures_baseline_period_check" CHECK ("sara_measures"."baseline_from" < "sara_measures"."baseline_to"),
	CONSTRAINT "sara_measures_follow_up_period_check" CHECK ("sara_measures"."follow_up_from" < "sara_measures"."follow_up_to")
);
--> statement-breakpoint
CREATE TABLE "sara_response_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"title" text NOT NULL,
	"owner_id" uuid,
	"partner" text DEFAULT '' NOT NULL,
	"due_date" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sara_response_actions_status_check" CHECK ("sara_response_actions"."status" in ('planned', 'started', 'done', 'dropped'))
);
--> statement-breakpoint
ALTER TABLE "sara_candidate_decisions" ADD CONSTRAINT "sara_candidate_decisions_case_id_sara_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."sara_cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sara_candidates" ADD CONSTRAINT "sara_candidates_neighborhood_id_neighborhoods_id_fk" FOREIGN KEY ("neighborhood_id") REFERENCES "public"."neighborhoods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sara_case_events" ADD CONSTRAINT "sara_case_events_case_id_sara_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."sara_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sara_case_members" ADD CONSTRAINT "sara_case_members_case_id_sara_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."sara_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sara_case_members" ADD CONSTRAINT "sara_case_members_personnel_id_personnel_id_fk" FOREIGN KEY ("personnel_id") REFERENCES "public"."personnel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sara_case_requests" ADD CONSTRAINT "sara_case_requests_case_id_sara_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."sara_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sara_case_requests" ADD CONSTRAINT "sara_case_requests_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sara_cases" ADD CONSTRAINT "sara_cases_neighborhood_id_neighborhoods_id_fk" FOREIGN KEY ("neighborhood_id") REFERENCES "public"."neighborhoods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sara_cases" ADD CONSTRAINT "sara_cases_lead_id_personnel_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."personnel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sara_measures" ADD CONSTRAINT "sara_measures_case_id_sara_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."sara_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sara_response_actions" ADD CONSTRAINT "sara_response_actions_case_id_sara_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."sara_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sara_response_actions" ADD CONSTRAINT "sara_response_actions_owner_id_personnel_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."personnel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sara_case_events_case_idx" ON "sara_case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "sara_case_requests_request_idx" ON "sara_case_requests" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "sara_cases_neighborhood_stage_idx" ON "sara_cases" USING btree ("neighborhood_id","stage");--> statement-breakpoint
CREATE INDEX "sara_cases_lead_idx" ON "sara_cases" USING btree ("lead_id") WHERE "sara_cases"."stage" <> 'closed';--> statement-breakpoint
CREATE INDEX "sara_cases_stage_changed_idx" ON "sara_cases" USING btree ("stage_changed_at","id");--> statement-breakpoint
CREATE INDEX "sara_measures_case_idx" ON "sara_measures" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "sara_response_actions_case_idx" ON "sara_response_actions" USING btree ("case_id");