-- Webhook events for request changes are captured in the transaction that records the change, so an
-- event exists exactly when its change committed (and in the order of request_events). Only events
-- some active subscription wants are kept; the fan-out job composes their payloads.
CREATE OR REPLACE FUNCTION nsp_capture_webhook_event() RETURNS trigger AS $$
DECLARE
  event_type text;
BEGIN
  event_type := CASE NEW.kind
    WHEN 'created' THEN 'service_request.created'
    WHEN 'status_changed' THEN 'service_request.status_changed'
    WHEN 'reopened' THEN 'service_request.status_changed'
    WHEN 'note' THEN 'service_request.public_update'
    WHEN 'assigned' THEN 'service_request.assigned'
    WHEN 'sla_breached' THEN 'service_request.sla_breached'
    ELSE NULL
  END;
  IF event_type IS NULL THEN
    RETURN NULL;
  END IF;
  IF event_type = 'service_request.public_update' AND NEW.visibility <> 'public' THEN
    RETURN NULL;
  END IF;
  IF EXISTS (
    SELECT 1 FROM webhook_subscriptions
    WHERE disabled_at IS NULL AND event_type = ANY (event_types)
  ) THEN
    INSERT INTO webhook_events (type, occurred_at, request_event_id)
    VALUES (event_type, NEW.occurred_at, NEW.id);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER request_events_webhook_capture
  AFTER INSERT ON request_events
  FOR EACH ROW EXECUTE FUNCTION nsp_capture_webhook_event();
