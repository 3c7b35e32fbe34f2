#!/bin/sh
# bench/import.sh — time `salesgoal import` of N synthetic deals against
# the sqlite3 shell's `.import --csv` of the same file into a table of the
# same shape and primary key, the two run in turn ROUNDS times; then the
# re-import of next week's export, a tenth of its deals changed, into the
# database the first import made, against a new sqlite3 `.import` again.
# Prints each figure beside its target.
#
#   bench/import.sh                      # 1,000,000 deals, 5 rounds
#   N=200000 ROUNDS=9 bench/import.sh
#
# Targets (issue 18): import within 1.4× of sqlite3 (aim 1.25×);
# re-import with 10% changed within 1.5× of a new sqlite3 import; peak
# memory under 32 MiB.
set -eu

N=${N:-1000000}
ROUNDS=${ROUNDS:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
bench_setup

SQLITE3=${SQLITE3:-$(command -v sqlite3 || true)}
if [ -z "$SQLITE3" ]; then
	echo "bench/import.sh: sqlite3 not found: apt-get install sqlite3 (or set SQLITE3=/path/to/sqlite3)" >&2
	exit 1
fi

echo "building salesgoal and generating $N deals, and the same with 10% changed…" >&2
(cd "$ROOT" && go build -o "$WORK/salesgoal" . &&
	go run ./bench/gendeals -n "$N" >"$WORK/deals.csv" &&
	go run ./bench/gendeals -n "$N" -changed 10 >"$WORK/changed.csv")
SIZE=$(wc -c <"$WORK/deals.csv")

cat >"$WORK/sqlite.sql" <<SQL
CREATE TABLE deals (
	id TEXT PRIMARY KEY, name TEXT, customer_id TEXT, owner TEXT, team TEXT,
	stage TEXT, type TEXT, amount TEXT, cost TEXT, discount TEXT,
	currency TEXT, created_at TEXT, closed_at TEXT);
.import --csv --skip 1 $WORK/deals.csv deals
SQL

sqlite() {
	rm -f "$WORK/sq.db"
	measure "$1" "$SQLITE3" "$WORK/sq.db" ".read $WORK/sqlite.sql"
}
first() {
	rm -f "$WORK"/new.db*
	measure "$1" env SALESGOAL_DB="$WORK/new.db" "$WORK/salesgoal" import "$WORK/deals.csv"
}
again() {
	rm -f "$WORK"/again.db*
	cp "$WORK/base.db" "$WORK/again.db"
	measure "$1" env SALESGOAL_DB="$WORK/again.db" "$WORK/salesgoal" import "$WORK/changed.csv"
}

pairs "$ROUNDS" first sqlite
FIRST=$(median "$WORK/first.times")
SQ=$(median "$WORK/sqlite.times")
R1=$(ratio first sqlite)
S1=$(spread first sqlite)
M1=$(maximum "$WORK/first.times" 2)

# The database next week's export is imported into, made once.
SALESGOAL_DB="$WORK/base.db" "$WORK/salesgoal" import "$WORK/deals.csv" 2>/dev/null
pairs "$ROUNDS" again sqlite
AGAIN=$(median "$WORK/again.times")
SQ2=$(median "$WORK/sqlite.times")
R2=$(ratio again sqlite)
S2=$(spread again sqlite)
M2=$(maximum "$WORK/again.times" 2)

printf '%s deals, %s MiB of CSV; %s rounds, salesgoal and sqlite3 in turn (medians; ratios pair by pair)\n' \
	"$N" "$(mib $((SIZE / 1024)))" "$ROUNDS"
printf '| what | salesgoal | sqlite3 .import --csv | ratio (pairs) | target | peak memory |\n'
printf '| --- | --- | --- | --- | --- | --- |\n'
printf '| import into a new database | %.2f s | %.2f s | %.2f× (%s) | ≤ 1.4× (aim 1.25×): %s | %s MiB (< 32: %s) |\n' \
	"$FIRST" "$SQ" "$R1" "$S1" "$(verdict "$R1" 1.4)" "$(mib "$M1")" "$(below "$(mib "$M1")" 32)"
printf '| re-import, 10%% of the deals changed | %.2f s | %.2f s | %.2f× (%s) | ≤ 1.5×: %s | %s MiB (< 32: %s) |\n' \
	"$AGAIN" "$SQ2" "$R2" "$S2" "$(verdict "$R2" 1.5)" "$(mib "$M2")" "$(below "$(mib "$M2")" 32)"
