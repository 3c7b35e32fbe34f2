#!/bin/sh
# bench/import.sh — time `salesgoal import` of N synthetic deals against
# sqlite3's own `.import --csv` of the same file into a table of the same
# shape and primary key, on this machine, in one run. Prints a small table
# with wall time, peak memory and the ratio to sqlite3.
#
#   bench/import.sh            # 1,000,000 deals, 3 rounds
#   N=200000 ROUNDS=5 bench/import.sh
#
# Target (issue 2): salesgoal within 2x of sqlite3's wall time, peak memory
# under 64 MiB.
set -eu

N=${N:-1000000}
ROUNDS=${ROUNDS:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/salesgoal-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

SQLITE3=${SQLITE3:-$(command -v sqlite3 || true)}
if [ -z "$SQLITE3" ]; then
	echo "bench/import.sh: sqlite3 not found: apt-get install sqlite3 (or set SQLITE3=/path/to/sqlite3)" >&2
	exit 1
fi

echo "building salesgoal and generating $N deals…" >&2
(cd "$ROOT" && go build -o "$WORK/salesgoal" . && go run ./bench/gendeals -n "$N" >"$WORK/deals.csv")
SIZE=$(wc -c <"$WORK/deals.csv")

cat >"$WORK/sqlite.sql" <<SQL
CREATE TABLE deals (
	id TEXT PRIMARY KEY, name TEXT, customer_id TEXT, owner TEXT, team TEXT,
	stage TEXT, type TEXT, amount TEXT, cost TEXT, discount TEXT,
	currency TEXT, created_at TEXT, closed_at TEXT);
.import --csv --skip 1 $WORK/deals.csv deals
SQL

# measure NAME CMD… runs CMD and prints "seconds kib" (wall time, peak RSS).
if [ -x /usr/bin/time ]; then
	measure() {
		/usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || {
			cat "$WORK/stderr" >&2
			exit 1
		}
		cat "$WORK/time"
	}
else
	echo "bench/import.sh: /usr/bin/time not found: peak memory is not measured (apt-get install time)" >&2
	measure() {
		s=$(date +%s.%N)
		"$@" >/dev/null 2>"$WORK/stderr"
		e=$(date +%s.%N)
		awk -v s="$s" -v e="$e" 'BEGIN {printf "%.2f 0\n", e - s}'
	}
fi

# calc EXPR [DECIMALS] prints EXPR with DECIMALS (default 1) decimals.
calc() { awk "BEGIN {printf \"%.${2:-1}f\", $1}"; }

printf '%-6s %-10s %10s %12s\n' round tool wall_s peak_MiB
i=1
while [ "$i" -le "$ROUNDS" ]; do
	rm -f "$WORK"/sg.db* "$WORK/sq.db"
	set -- $(measure "$SQLITE3" "$WORK/sq.db" ".read $WORK/sqlite.sql")
	sq_t=$1 sq_m=$2
	set -- $(measure env SALESGOAL_DB="$WORK/sg.db" "$WORK/salesgoal" import "$WORK/deals.csv")
	sg_t=$1 sg_m=$2
	printf '%-6s %-10s %10s %12s\n' "$i" sqlite3 "$sq_t" "$(calc "$sq_m/1024")"
	printf '%-6s %-10s %10s %12s   %sx\n' "$i" salesgoal "$sg_t" "$(calc "$sg_m/1024")" "$(calc "$sg_t/$sq_t" 2)"
	echo "$sq_t $sg_t $sg_m" >>"$WORK/runs"
	i=$((i + 1))
done

# Medians over the rounds.
med() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
SQ=$(cut -d' ' -f1 "$WORK/runs" | med)
SG=$(cut -d' ' -f2 "$WORK/runs" | med)
MEM=$(cut -d' ' -f3 "$WORK/runs" | sort -n | tail -1)
echo
printf '%s deals, %s MiB of CSV, %s rounds (medians)\n' "$N" "$(calc "$SIZE/1048576" 0)" "$ROUNDS"
printf '| tool | wall time | peak memory |\n| --- | --- | --- |\n'
printf '| sqlite3 .import --csv | %s s | |\n' "$SQ"
printf '| salesgoal import | %s s (%sx sqlite3) | %s MiB (max) |\n' "$SG" "$(calc "$SG/$SQ" 2)" "$(calc "$MEM/1024")"
