-- Extensions NSP relies on; both ship with PostgreSQL (contrib) and with PGlite.
-- btree_gist: the exclusion constraint "one coordination lieutenant per neighborhood at a time".
-- pg_trgm: trigram similarity for misspelt street names.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
