CREATE TABLE "notification_preferences" (
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"enabled" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_user_id_kind_channel_pk" PRIMARY KEY("user_id","kind","channel"),
	CONSTRAINT "notification_preferences_kind_check" CHECK ("notification_preferences"."kind" in ('assigned', 'sla_breached', 'reassigned', 'action_item_overdue', 'account_locked')),
	CONSTRAINT "notification_preferences_channel_check" CHECK ("notification_preferences"."channel" in ('in_app', 'email', 'sms'))
);
--> statement-breakpoint
CREATE TABLE "notification_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"daily_digest" boolean DEFAULT false NOT NULL,
	"digest_hour" smallint DEFAULT 7 NOT NULL,
	"quiet_hours_start" text,
	"quiet_hours_end" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "notification_settings_digest_hour_check" CHECK ("notification_settings"."digest_hour" between 0 and 23),
	CONSTRAINT "notification_settings_quiet_hours_check" CHECK (("notification_settings"."quiet_hours_start" is null) = ("notification_settings"."quiet_hours_end" is null)
        and ("notification_settings"."quiet_hours_start" is null or ("notification_settings"."quiet_hours_start" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
          and "notification_settings"."quiet_hours_end" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and "notification_settings"."quiet_hours_start" <> "notification_settings"."quiet_hours_end")))
);
--> statement-breakpoint
CREATE TABLE "requester_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"event_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"language" text NOT NULL,
	"outcome" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "requester_messages_event_key" UNIQUE("event_id"),
	CONSTRAINT "requester_messages_kind_check" CHECK ("requester_messages"."kind" in ('acknowledgement', 'public_update', 'resolution')),
	CONSTRAINT "requester_messages_outcome_check" CHECK ("requester_messages"."outcome" in ('queued', 'no_email', 'no_consent'))
);
--> statement-breakpoint
ALTER TABLE "notification_outbox" DROP CONSTRAINT "notification_outbox_status_check";--> statement-breakpoint
ALTER TABLE "notification_outbox" ALTER COLUMN "notification_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "requester_message_id" uuid;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "digest_notification_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "urgent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "in_inbox" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "response_templates" ADD COLUMN "email_kind" text;--> statement-breakpoint
ALTER TABLE "response_templates" ADD COLUMN "subject" jsonb;--> statement-breakpoint
ALTER TABLE "service_requests" ADD COLUMN "requester_email_updates" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requester_messages" ADD CONSTRAINT "requester_messages_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requester_messages" ADD CONSTRAINT "requester_messages_event_id_request_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."request_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "requester_messages_request_idx" ON "requester_messages" USING btree ("request_id");--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_requester_message_id_requester_messages_id_fk" FOREIGN KEY ("requester_message_id") REFERENCES "public"."requester_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_digest_notification_id_notifications_id_fk" FOREIGN KEY ("digest_notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_outbox_held_idx" ON "notification_outbox" USING btree ("notification_id") WHERE "notification_outbox"."status" = 'held';--> statement-breakpoint
CREATE INDEX "notification_outbox_requester_message_idx" ON "notification_outbox" USING btree ("requester_message_id");--> statement-breakpoint
CREATE INDEX "notification_outbox_created_idx" ON "notification_outbox" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("recipient_user_id") WHERE "notifications"."read_at" is null and "notifications"."in_inbox";--> statement-breakpoint
CREATE INDEX "request_events_assignment_idx" ON "request_events" USING btree ("occurred_at") WHERE "request_events"."kind" in ('created', 'assigned');--> statement-breakpoint
CREATE UNIQUE INDEX "response_templates_email_kind_key" ON "response_templates" USING btree (coalesce("service_code", ''),"email_kind") WHERE "response_templates"."email_kind" is not null;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_requester_message_channel_key" UNIQUE("requester_message_id","channel");--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_channel_check" CHECK ("notification_outbox"."channel" in ('in_app', 'email', 'sms'));--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_subject_check" CHECK (num_nonnulls("notification_outbox"."notification_id", "notification_outbox"."requester_message_id") = 1);--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_status_check" CHECK ("notification_outbox"."status" in ('pending', 'delivered', 'failed', 'skipped', 'held'));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('assigned', 'sla_breached', 'reassigned', 'action_item_overdue', 'account_locked', 'daily_digest'));--> statement-breakpoint
ALTER TABLE "response_templates" ADD CONSTRAINT "response_templates_email_kind_check" CHECK ("response_templates"."email_kind" is null or ("response_templates"."email_kind" in ('acknowledgement', 'public_update', 'resolution') and "response_templates"."subject" is not null));