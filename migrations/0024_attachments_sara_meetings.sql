ALTER TABLE "attachments" ADD COLUMN "sara_case_id" uuid GENERATED ALWAYS AS (case when owner_kind = 'sara_case' then owner_id end) STORED;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "meeting_id" uuid GENERATED ALWAYS AS (case when owner_kind = 'meeting' then owner_id end) STORED;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_sara_case_id_sara_cases_id_fk" FOREIGN KEY ("sara_case_id") REFERENCES "public"."sara_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_sara_case_idx" ON "attachments" USING btree ("sara_case_id");--> statement-breakpoint
CREATE INDEX "attachments_meeting_idx" ON "attachments" USING btree ("meeting_id");