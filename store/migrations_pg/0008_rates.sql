-- PostgreSQL's spelling of ../migrations/0008_rates.sql, applied as its number on
-- a PostgreSQL database (store/migrate.go): BIGINT for INTEGER, BYTEA for
-- BLOB, and text compared byte by byte (COLLATE "C"), as SQLite compares it.
--
-- Schema 8: exchange rates (docs/metrics.md, "Several currencies").
--
-- One rate per day and currency, upserted by `salesgoal rates import`. On
-- day, 1 unit of currency is worth rate units of base; or, when per_base
-- is 1, 1 unit of base is worth rate units of currency (the European
-- Central Bank's reference rates: units of each currency per euro). The
-- rate is the exact decimal as written, kept as text: never a float.
CREATE TABLE rates (
	day      TEXT COLLATE "C" NOT NULL,
	currency TEXT COLLATE "C" NOT NULL,
	base     TEXT COLLATE "C" NOT NULL,
	rate     TEXT COLLATE "C" NOT NULL,
	per_base BIGINT NOT NULL,
	PRIMARY KEY (currency, day) -- a measurement reads the rates of a few currencies
);
