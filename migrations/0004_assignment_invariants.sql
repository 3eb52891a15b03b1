-- At most one coordination lieutenant per neighborhood at any instant, enforced by the database
-- (btree_gist lets the uuid equality share a GiST index with the time-range overlap).
ALTER TABLE assignments ADD CONSTRAINT assignments_one_lieutenant_at_a_time
  EXCLUDE USING gist (
    neighborhood_id WITH =,
    tstzrange(starts_at, ends_at, '[)') WITH &&
  ) WHERE (role = 'coordination_lieutenant' AND superseded_by IS NULL);
--> statement-breakpoint
-- History is never rewritten: an assignment may only be given an end (while it has none, or to
-- move a scheduled end) or be marked superseded by a correcting record. Nothing else changes,
-- and nothing is deleted.
CREATE OR REPLACE FUNCTION nsp_guard_assignment_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'assignments are history: delete is not allowed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.id <> OLD.id OR NEW.neighborhood_id <> OLD.neighborhood_id OR NEW.personnel_id <> OLD.personnel_id
     OR NEW.role <> OLD.role OR NEW.starts_at <> OLD.starts_at OR NEW.reason <> OLD.reason
     OR NEW.created_by IS DISTINCT FROM OLD.created_by OR NEW.created_at <> OLD.created_at THEN
    RAISE EXCEPTION 'assignments are history: only ends_at and superseded_by may change' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.ends_at IS NOT NULL AND OLD.ends_at <= now() AND NEW.ends_at IS DISTINCT FROM OLD.ends_at THEN
    RAISE EXCEPTION 'assignments are history: an ended interval cannot be changed; record a correction' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER assignments_history_guard BEFORE UPDATE OR DELETE ON assignments
  FOR EACH ROW EXECUTE FUNCTION nsp_guard_assignment_history();
