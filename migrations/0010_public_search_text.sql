ALTER TABLE "service_requests" ADD COLUMN "public_search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Existing requests: description, address and their public updates (internal notes stay out).
UPDATE "service_requests" sr SET "public_search_text" = concat_ws(' ', sr."description", coalesce(sr."address", ''),
  (SELECT string_agg(e."body", ' ' ORDER BY e."id") FROM "request_events" e
    WHERE e."request_id" = sr."id" AND e."kind" = 'note' AND e."visibility" = 'public'));--> statement-breakpoint
ALTER TABLE "service_requests" ADD COLUMN "public_search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', public_search_text)) STORED;--> statement-breakpoint
CREATE INDEX "service_requests_public_search_vector_idx" ON "service_requests" USING gin ("public_search_vector");