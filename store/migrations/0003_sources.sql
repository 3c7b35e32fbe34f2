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
	id        INTEGER PRIMARY KEY,
	signature TEXT NOT NULL UNIQUE,
	header    TEXT NOT NULL,  -- the header as written, for `status`
	kind      TEXT NOT NULL,
	reading   TEXT,
	file      TEXT NOT NULL,  -- the last file imported from it
	at        TEXT NOT NULL   -- when, RFC 3339 UTC
);

-- The source of the file that inserted or last changed the deal; NULL for
-- deals imported before sources were kept. `import --replace` deletes the
-- deals of its source that its file no longer lists.
ALTER TABLE deals ADD COLUMN source INTEGER;

-- How many deals an import with --replace deleted, and its source.
ALTER TABLE imports ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN source INTEGER;
