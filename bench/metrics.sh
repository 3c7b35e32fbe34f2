#!/bin/sh
# bench/metrics.sh — time `salesgoal metrics` over a database of 1,000,000
# deals, 100,000 customers (50 owners in 10 teams) and three years of daily
# spend: the median wall time of ROUNDS whole-process runs of each command,
# and its peak memory (as JSON, and as the table, which shows each
# metric's trend over the 8 quarters ending with the one measured); then
# the quarter over 3,000,000 deals (the same years, three times as dense)
# and over 1,000,000 in turn, and their ratio.
#
#   bench/metrics.sh                    # build the databases once, 9 rounds
#   ROUNDS=15 bench/metrics.sh
#   N3=0 bench/metrics.sh               # without the 3,000,000 run
#   SALESGOAL_BENCH_SHUFFLED=1 bench/metrics.sh   # deals in random order
#
# The databases are built by the Go generator of store/metrics_bench_test.go
# (the same rows `go test -bench Metrics ./store/` uses) and kept in
# $TMPDIR/salesgoal-metrics-bench-N[-shuffled].db, so later runs skip the
# build; one this salesgoal cannot open is built again (cached,
# bench/lib.sh).
#
# Targets (issue 18): all metrics for one quarter under 150 ms; --by owner
# (50 owners) under 300 ms; 3,000,000 deals within 1.3× of 1,000,000; peak
# memory under 32 MiB.
set -eu

ROUNDS=${ROUNDS:-9}
N3=${N3:-3000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
bench_setup
SUFFIX=""
if [ "${SALESGOAL_BENCH_SHUFFLED:-}" = 1 ]; then SUFFIX="-shuffled"; fi

(cd "$ROOT" && go build -o "$WORK/salesgoal" .)
# database N prints the path of the benchmark database of N deals,
# building it the first time.
database() {
	db=${TMPDIR:-/tmp}/salesgoal-metrics-bench-$1$SUFFIX.db
	cached "$db" "$1 deals" env SALESGOAL_BENCH_DB="$db" SALESGOAL_BENCH_DEALS="$1" \
		go test ./store/ -run '^$' -bench '^BenchmarkMetricsQuarter$' -benchtime 1x
	echo "$db"
}
DB=$(database 1000000)

quarter() { measure "$1" "$WORK/salesgoal" --db "$DB" --as-of 2027-12-31 metrics --quarter Q1 --year 2027 --format json; }
table() { measure "$1" "$WORK/salesgoal" --db "$DB" --as-of 2027-12-31 metrics --quarter Q1 --year 2027; }
ownertrends() { measure "$1" "$WORK/salesgoal" --db "$DB" --as-of 2027-12-31 metrics --quarter Q1 --year 2027 --by owner --metric revenue; }
owner() { measure "$1" "$WORK/salesgoal" --db "$DB" --as-of 2027-12-31 metrics --quarter Q1 --year 2027 --owner owner07 --format json; }
byowner() { measure "$1" "$WORK/salesgoal" --db "$DB" --as-of 2027-12-31 metrics --quarter Q1 --year 2027 --by owner --format json; }
byteam() { measure "$1" "$WORK/salesgoal" --db "$DB" --as-of 2027-12-31 metrics --quarter Q1 --year 2027 --by team --format json; }
bymonth() { measure "$1" "$WORK/salesgoal" --db "$DB" --as-of 2027-12-31 metrics --year 2026 --by month --format json; }

printf '1,000,000 deals, %s rounds (medians)\n' "$ROUNDS"
printf '| command | wall time | target | peak memory |\n| --- | --- | --- | --- |\n'
row() {
	rounds "$ROUNDS" "$1"
	t=$(median "$WORK/$1.times")
	m=$(mib "$(maximum "$WORK/$1.times" 2)")
	target="—"
	if [ -n "$3" ]; then target="< $3 ms: $(below "$(ms "$t")" "$3")"; fi
	printf '| %s | %s ms | %s | %s MiB (< 32: %s) |\n' "$2" "$(ms "$t")" "$target" "$m" "$(below "$m" 32)"
}
row quarter "metrics, one quarter (JSON)" 150
row table "metrics, one quarter, a table with each metric's trend over 8 quarters" 150
row owner "metrics, one quarter, one owner (JSON)" ""
row byowner "metrics --by owner (50, JSON)" 300
row ownertrends "metrics --by owner --metric revenue, a table with each owner's trend" 300
row byteam "metrics --by team (10)" ""
row bymonth "metrics, a year --by month" ""

if [ "$N3" -gt 0 ]; then
	DB3=$(database "$N3")
	big() { measure "$1" "$WORK/salesgoal" --db "$DB3" --as-of 2027-12-31 metrics --quarter Q1 --year 2027 --format json; }
	bigtable() { measure "$1" "$WORK/salesgoal" --db "$DB3" --as-of 2027-12-31 metrics --quarter Q1 --year 2027; }
	bigbyowner() { measure "$1" "$WORK/salesgoal" --db "$DB3" --as-of 2027-12-31 metrics --quarter Q1 --year 2027 --by owner --format json; }
	pairs "$ROUNDS" big quarter
	pairs "$ROUNDS" bigtable table
	pairs "$ROUNDS" bigbyowner byowner
	against "$N3" "$ROUNDS" "big quarter metrics, one quarter (JSON)" "bigtable table metrics, one quarter, with trends" \
		"bigbyowner byowner metrics --by owner"
fi
