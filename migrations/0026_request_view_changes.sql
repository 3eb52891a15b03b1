-- The request page and the first page of the queue are answered from memory on every API instance
-- (modules/service-requests/view-cache.ts). Any committed change to what they show announces itself
-- on nsp_request_views_changed, whatever code, job or script made it, and every instance drops
-- what it remembered. One notification per transaction (NOTIFY folds identical payloads), none for
-- a rollback.
CREATE OR REPLACE FUNCTION nsp_request_views_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('nsp_request_views_changed', 'views');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- The tables those reads use: <table>_views_changed on each.
DO $$
DECLARE
  watched text;
BEGIN
  FOREACH watched IN ARRAY ARRAY['service_requests', 'request_events', 'requester_messages',
                                 'notification_outbox', 'personnel', 'neighborhoods'] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
         FOR EACH STATEMENT EXECUTE FUNCTION nsp_request_views_changed()',
      watched || '_views_changed', watched);
  END LOOP;
END;
$$;
