CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"service_request_id" uuid GENERATED ALWAYS AS (case when owner_kind = 'service_request' then owner_id end) STORED,
	"kind" text NOT NULL,
	"content_type" text NOT NULL,
	"file_name" text NOT NULL,
	"byte_size" integer NOT NULL,
	"width" integer,
	"height" integer,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"thumbnail_key" text,
	"visibility" text DEFAULT 'internal' NOT NULL,
	"source" text NOT NULL,
	"caption" text,
	"uploaded_by_type" text NOT NULL,
	"uploaded_by_id" text,
	"uploaded_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by_type" text,
	"deleted_by_id" text,
	"deleted_reason" text,
	"purged_at" timestamp with time zone,
	CONSTRAINT "attachments_owner_kind_check" CHECK ("attachments"."owner_kind" in ('service_request', 'sara_case', 'meeting')),
	CONSTRAINT "attachments_kind_check" CHECK ("attachments"."kind" in ('image', 'document')),
	CONSTRAINT "attachments_content_type_check" CHECK ("attachments"."content_type" in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
	CONSTRAINT "attachments_visibility_check" CHECK ("attachments"."visibility" in ('internal', 'public')),
	CONSTRAINT "attachments_source_check" CHECK ("attachments"."source" in ('staff', 'requester')),
	CONSTRAINT "attachments_public_check" CHECK ("attachments"."visibility" = 'internal' or ("attachments"."owner_kind" = 'service_request' and "attachments"."kind" = 'image' and "attachments"."deleted_at" is null)),
	CONSTRAINT "attachments_file_name_check" CHECK (char_length("attachments"."file_name") between 1 and 160),
	CONSTRAINT "attachments_caption_check" CHECK ("attachments"."caption" is null or char_length("attachments"."caption") <= 500),
	CONSTRAINT "attachments_byte_size_check" CHECK ("attachments"."byte_size" >= 0),
	CONSTRAINT "attachments_deleted_check" CHECK (("attachments"."deleted_at" is null) = ("attachments"."deleted_reason" is null) and ("attachments"."purged_at" is null or "attachments"."deleted_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_service_request_id_service_requests_id_fk" FOREIGN KEY ("service_request_id") REFERENCES "public"."service_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_owner_idx" ON "attachments" USING btree ("owner_kind","owner_id","created_at");--> statement-breakpoint
CREATE INDEX "attachments_service_request_idx" ON "attachments" USING btree ("service_request_id");--> statement-breakpoint
CREATE INDEX "attachments_unpurged_idx" ON "attachments" USING btree ("deleted_at") WHERE "attachments"."deleted_at" is not null and "attachments"."purged_at" is null;