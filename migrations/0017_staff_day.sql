CREATE TABLE "saved_queue_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_queue_views_name_check" CHECK (char_length("saved_queue_views"."name") between 1 and 80),
	CONSTRAINT "saved_queue_views_query_check" CHECK (char_length("saved_queue_views"."query") <= 2000)
);
--> statement-breakpoint
CREATE TABLE "scheduled_work_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"neighborhood_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"from_personnel_id" uuid NOT NULL,
	"to_personnel_id" uuid NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"requested_by_type" text NOT NULL,
	"requested_by_id" text,
	"requested_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	"moved_requests" integer,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "scheduled_work_transfers_finished_once_check" CHECK ("scheduled_work_transfers"."done_at" is null or "scheduled_work_transfers"."cancelled_at" is null)
);
--> statement-breakpoint
ALTER TABLE "saved_queue_views" ADD CONSTRAINT "saved_queue_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_work_transfers" ADD CONSTRAINT "scheduled_work_transfers_neighborhood_id_neighborhoods_id_fk" FOREIGN KEY ("neighborhood_id") REFERENCES "public"."neighborhoods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_work_transfers" ADD CONSTRAINT "scheduled_work_transfers_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_work_transfers" ADD CONSTRAINT "scheduled_work_transfers_from_personnel_id_personnel_id_fk" FOREIGN KEY ("from_personnel_id") REFERENCES "public"."personnel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_work_transfers" ADD CONSTRAINT "scheduled_work_transfers_to_personnel_id_personnel_id_fk" FOREIGN KEY ("to_personnel_id") REFERENCES "public"."personnel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "saved_queue_views_user_name_key" ON "saved_queue_views" USING btree ("user_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "scheduled_work_transfers_assignment_key" ON "scheduled_work_transfers" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "scheduled_work_transfers_pending_idx" ON "scheduled_work_transfers" USING btree ("due_at") WHERE "scheduled_work_transfers"."done_at" is null and "scheduled_work_transfers"."cancelled_at" is null;--> statement-breakpoint
CREATE INDEX "service_requests_requester_name_idx" ON "service_requests" USING gin ((lower(translate("requester_name", 'áàâäãåāăąÁÀÂÄÃÅĀĂĄçćčÇĆČďđĎĐéèêëēėęěÉÈÊËĒĖĘĚíìîïīįÍÌÎÏĪĮłŁńñňŃÑŇóòôöõøōőÓÒÔÖÕØŌŐŕřŔŘśšşŚŠŞťţŤŢúùûüūůűųÚÙÛÜŪŮŰŲýÿÝŸźżžŹŻŽ', 'aaaaaaaaaaaaaaaaaaccccccddddeeeeeeeeeeeeeeeeiiiiiiiiiiiillnnnnnnoooooooooooooooorrrrssssssttttuuuuuuuuuuuuuuuuyyyyzzzzzz'))) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "service_requests_requester_phone_idx" ON "service_requests" USING btree (regexp_replace(regexp_replace("requester_phone", '\s*(x|ext\.?|extension)\s*[0-9]*\s*$', '', 'i'), '[^0-9]', '', 'g')) WHERE "service_requests"."requester_phone" is not null;--> statement-breakpoint
CREATE INDEX "service_requests_requester_email_idx" ON "service_requests" USING btree ("requester_email") WHERE "service_requests"."requester_email" is not null;