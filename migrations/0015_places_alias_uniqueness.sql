-- A place name or alias names one place only: "Town Hall" cannot lead to two points. The unique
-- index covers names; this trigger covers aliases (against other places' names and aliases), which
-- an index on an array cannot. Imports lock the table first, so two imports cannot race past it.
CREATE OR REPLACE FUNCTION places_names_unique() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  clash text;
BEGIN
  SELECT p.name INTO clash
    FROM places p
   WHERE p.id <> NEW.id
     -- An upsert's insert attempt of an existing name is that same place, not another one.
     AND p.name_key <> NEW.name_key
     AND (p.name_key = ANY (NEW.alias_keys)
          OR NEW.name_key = ANY (p.alias_keys)
          OR p.alias_keys && NEW.alias_keys)
   LIMIT 1;
  IF clash IS NOT NULL THEN
    RAISE EXCEPTION 'a name or alias of place "%" already names place "%"', NEW.name, clash
      USING ERRCODE = 'unique_violation', CONSTRAINT = 'places_alias_key_unique';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER places_names_unique
  BEFORE INSERT OR UPDATE OF name_key, alias_keys ON places
  FOR EACH ROW EXECUTE FUNCTION places_names_unique();
