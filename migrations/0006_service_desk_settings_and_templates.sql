CREATE TABLE "response_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_code" text,
	"status" text,
	"title" text NOT NULL,
	"body" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_desk_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"weekly_hours" jsonb NOT NULL,
	"holidays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reopen_window_days" integer DEFAULT 30 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "service_desk_settings_singleton_check" CHECK ("service_desk_settings"."id" = 1),
	CONSTRAINT "service_desk_settings_reopen_window_check" CHECK ("service_desk_settings"."reopen_window_days" >= 0)
);
--> statement-breakpoint
ALTER TABLE "service_types" ADD COLUMN "default_priority" text DEFAULT 'P3' NOT NULL;--> statement-breakpoint
ALTER TABLE "response_templates" ADD CONSTRAINT "response_templates_service_code_service_types_code_fk" FOREIGN KEY ("service_code") REFERENCES "public"."service_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "response_templates_lookup_idx" ON "response_templates" USING btree ("service_code","status");--> statement-breakpoint
CREATE INDEX "service_requests_open_code_created_idx" ON "service_requests" USING btree ("service_code","created_at") WHERE "service_requests"."status" in ('new', 'triaged', 'assigned', 'in_progress');--> statement-breakpoint
ALTER TABLE "service_types" ADD CONSTRAINT "service_types_default_priority_check" CHECK ("service_types"."default_priority" in ('P1', 'P2', 'P3', 'P4'));