-- Indexes only (nothing else changes), for the triage queue and the background jobs; the figures and
-- plans behind them are in apps/api/bench/service-requests-queue.bench.ts's output.
--
-- The queue's first page also counts the matching requests per status. Over the open set that count
-- read every matching heap row (15,000 random pages at 1,000,000 requests, 16-38 ms); with the status
-- in the index it is an index-only scan (under 1 ms for a neighborhood, about 2 ms for overdue).
CREATE INDEX IF NOT EXISTS "service_requests_open_neighborhood_status_idx" ON "service_requests" USING btree ("neighborhood_id", "status") WHERE "status" IN ('new', 'triaged', 'assigned', 'in_progress');
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "service_requests_open_due_status_idx" ON "service_requests" USING btree ("resolution_due_at") INCLUDE ("status") WHERE "status" IN ('new', 'triaged', 'assigned', 'in_progress');
--> statement-breakpoint
-- The SLA breach job's first-response sweep: open requests nobody has answered yet, by due time.
CREATE INDEX IF NOT EXISTS "service_requests_first_response_pending_idx" ON "service_requests" USING btree ("first_response_due_at") WHERE "status" IN ('new', 'triaged', 'assigned', 'in_progress') AND "first_responded_at" IS NULL;
--> statement-breakpoint
-- The retention job: finished requests whose contact data has not been anonymised yet, oldest first.
CREATE INDEX IF NOT EXISTS "service_requests_retention_idx" ON "service_requests" USING btree ((coalesce("closed_at", "updated_at"))) WHERE "status" IN ('closed', 'rejected', 'duplicate') AND "anonymized_at" IS NULL;
