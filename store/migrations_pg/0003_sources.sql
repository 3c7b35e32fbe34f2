-- PostgreSQL's spelling of ../migrations/0003_sources.sql, applied as its number on
-- a PostgreSQL database (store/migrate.go): BIGINT for INTEGER, DOUBLE
-- PRECISION for REAL, BYTEA for BLOB, ids numbered as SQLite numbers them
-- (salesgoal_next_id, 0001), and text compared byte by byte (COLLATE "C"), as SQLite
-- compares it, so that every ordering is the same on both engines.
--
-- Schema 3: where each deal came from, and how each source is read
-- (docs/import.md, "Sources"). Named 0003 because migrations are numbered
-- without gaps; it follows whatever schema 3 holds on main.
--
-- A source is the files whose headers are the same (their signature: the
-- header folded to letters and digits, or, for a file without a header
-- line, its number of columns). reading is the flags a file of it was
-- last imported with, as the command line wrote them (JSON), or NULL when
-- it needed none or was forgotten.

CREATE TABLE sources (
	id        BIGINT PRIMARY KEY,
	signature TEXT COLLATE "C" NOT NULL UNIQUE,
	header    TEXT COLLATE "C" NOT NULL,  -- the header as written, for `status`
	kind      TEXT COLLATE "C" NOT NULL,
	reading   TEXT COLLATE "C",
	file      TEXT COLLATE "C" NOT NULL,  -- the last file imported from it
	at        TEXT COLLATE "C" NOT NULL   -- when, RFC 3339 UTC
);

-- The source of the file that inserted or last changed the deal; NULL for
-- deals imported before sources were kept. `import --replace` deletes the
-- deals of its source that its file no longer lists.
ALTER TABLE deals ADD COLUMN source BIGINT;

-- How many deals an import with --replace deleted, and its source.
ALTER TABLE imports ADD COLUMN deleted BIGINT NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN source BIGINT;

CREATE TRIGGER sources_next_id BEFORE INSERT ON sources
	FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION salesgoal_next_id();
