-- Schema 8: exchange rates (docs/metrics.md, "Several currencies").
--
-- One rate per day and currency, upserted by `salesgoal rates import`. On
-- day, 1 unit of currency is worth rate units of base; or, when per_base
-- is 1, 1 unit of base is worth rate units of currency (the European
-- Central Bank's reference rates: units of each currency per euro). The
-- rate is the exact decimal as written, kept as text: never a float.
CREATE TABLE rates (
	day      TEXT NOT NULL,
	currency TEXT NOT NULL,
	base     TEXT NOT NULL,
	rate     TEXT NOT NULL,
	per_base INTEGER NOT NULL,
	PRIMARY KEY (currency, day) -- a measurement reads the rates of a few currencies
);
