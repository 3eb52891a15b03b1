-- The public surface answers from memory on every API instance. These triggers announce committed
-- changes on the nsp_public_changed channel, whatever code or script made them, so every instance
-- drops exactly what became stale. NOTIFY is delivered at commit (never for a rollback) and once per
-- distinct payload per transaction, so a statement that changes many rows costs one notification.
CREATE OR REPLACE FUNCTION nsp_public_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('nsp_public_changed', TG_ARGV[0]);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER public_languages_changed AFTER INSERT OR UPDATE OR DELETE ON public_languages
  FOR EACH STATEMENT EXECUTE FUNCTION nsp_public_changed('texts');
--> statement-breakpoint
CREATE TRIGGER public_texts_changed AFTER INSERT OR UPDATE OR DELETE ON public_texts
  FOR EACH STATEMENT EXECUTE FUNCTION nsp_public_changed('texts');
--> statement-breakpoint
CREATE TRIGGER neighborhoods_public_changed AFTER INSERT OR UPDATE OR DELETE ON neighborhoods
  FOR EACH STATEMENT EXECUTE FUNCTION nsp_public_changed('neighborhoods');
--> statement-breakpoint
CREATE TRIGGER neighborhood_boundaries_public_changed AFTER INSERT OR UPDATE OR DELETE ON neighborhood_boundaries
  FOR EACH STATEMENT EXECUTE FUNCTION nsp_public_changed('neighborhoods');
--> statement-breakpoint
CREATE TRIGGER assignments_public_changed AFTER INSERT OR UPDATE OR DELETE ON assignments
  FOR EACH STATEMENT EXECUTE FUNCTION nsp_public_changed('neighborhoods');
--> statement-breakpoint
CREATE TRIGGER personnel_public_changed AFTER INSERT OR UPDATE OR DELETE ON personnel
  FOR EACH STATEMENT EXECUTE FUNCTION nsp_public_changed('neighborhoods');
--> statement-breakpoint
CREATE TRIGGER service_types_public_changed AFTER INSERT OR UPDATE OR DELETE ON service_types
  FOR EACH STATEMENT EXECUTE FUNCTION nsp_public_changed('service-types');
--> statement-breakpoint
CREATE TRIGGER public_feed_publications_changed AFTER INSERT OR UPDATE OR DELETE ON public_feed_publications
  FOR EACH STATEMENT EXECUTE FUNCTION nsp_public_changed('feed');
--> statement-breakpoint
-- A request's public status page is cached per tracking number: name the requests a statement
-- changed (a large batch, e.g. an import or a bulk action, flushes them all instead).
CREATE OR REPLACE FUNCTION nsp_public_requests_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed_count bigint;
  tracking text;
BEGIN
  SELECT count(*) INTO changed_count FROM changed_requests;
  IF changed_count = 0 THEN
    RETURN NULL;
  ELSIF changed_count > 100 THEN
    PERFORM pg_notify('nsp_public_changed', 'requests');
  ELSE
    FOR tracking IN SELECT DISTINCT tracking_number FROM changed_requests LOOP
      PERFORM pg_notify('nsp_public_changed', 'request:' || tracking);
    END LOOP;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER service_requests_public_inserted AFTER INSERT ON service_requests
  REFERENCING NEW TABLE AS changed_requests
  FOR EACH STATEMENT EXECUTE FUNCTION nsp_public_requests_changed();
--> statement-breakpoint
CREATE TRIGGER service_requests_public_updated AFTER UPDATE ON service_requests
  REFERENCING NEW TABLE AS changed_requests
  FOR EACH STATEMENT EXECUTE FUNCTION nsp_public_requests_changed();
--> statement-breakpoint
-- Only a request's public update can go on the announcements feed, and only with its own request.
CREATE OR REPLACE FUNCTION nsp_check_feed_publication() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM request_events e
    WHERE e.id = NEW.event_id AND e.request_id = NEW.request_id AND e.kind = 'note' AND e.visibility = 'public'
  ) THEN
    RAISE EXCEPTION 'only a public update of the same request can be published on the feed'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'public_feed_publications_public_update_check';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER public_feed_publications_public_update_only BEFORE INSERT OR UPDATE OF event_id, request_id
  ON public_feed_publications FOR EACH ROW EXECUTE FUNCTION nsp_check_feed_publication();
