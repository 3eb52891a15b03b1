DROP INDEX "service_requests_search_idx";--> statement-breakpoint
ALTER TABLE "service_requests" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', search_text)) STORED;--> statement-breakpoint
CREATE INDEX "service_requests_search_vector_idx" ON "service_requests" USING gin ("search_vector");