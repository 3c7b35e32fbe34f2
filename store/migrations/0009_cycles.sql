-- Schema 9: the won deals' cycle lengths by month (docs/architecture.md,
-- "Rollups"): for each calendar month and each owner and team, the won
-- deals closed in it by days from created to closed, kept in the rollups
-- table beside the days (package rollup, KindCycles) by every import. No
-- table changes: the store builds them from the stored days, in the same
-- transaction as this schema (migrate.go: buildCycles).
SELECT 1;
