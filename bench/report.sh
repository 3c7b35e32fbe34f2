#!/bin/sh
# bench/report.sh — time `salesgoal report` for one quarter (2027-Q1, as of
# 2027-03-15) with 50 goals over 1,000,000 deals, 100,000 customers and
# three years of daily spend, the way cron runs it: a fresh process that
# opens the database and writes the report to a file. The Markdown report
# alone; then the terminal's (the table, written to a file) and the HTML
# page with a chart per goal in turn, so that the ratio of HTML to
# terminal is taken pair by pair, on a machine in the same state. Then the
# same over 3,000,000 deals (the same years, three times as dense) and
# over 1,000,000 in turn, and their ratio. Every report shows each
# category's trend over 8 quarters; the HTML page each goal's path day by
# day.
#
#   bench/report.sh               # 9 rounds
#   ROUNDS=15 bench/report.sh
#   N3=0 bench/report.sh          # without the 3,000,000 run
#   REBUILD=1 bench/report.sh     # build the databases again
#
# The databases are built through the import path by the Go benchmark
# (go test ./cmd -bench Report), at $TMPDIR/salesgoal-report-bench-N.db;
# building 1,000,000 deals takes under a minute.
#
# Targets (issues 14 and 18): under 500 ms, terminal and HTML; the HTML
# page at most 25% more work (CPU time) than the terminal's report;
# 3,000,000 deals within 1.3× of 1,000,000; peak memory under 32 MiB.
set -eu

ROUNDS=${ROUNDS:-9}
N3=${N3:-3000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
bench_setup

(cd "$ROOT" && go build -o "$WORK/salesgoal" .)
# database N prints the path of the report database of N deals, building
# it the first time.
database() {
	db=${TMPDIR:-/tmp}/salesgoal-report-bench-$1.db
	if [ "${REBUILD:-}" = 1 ]; then rm -f "$db" "$db-wal" "$db-shm"; fi
	cached "$db" "$1 deals" env SALESGOAL_REPORT_BENCH_DB="$db" SALESGOAL_REPORT_BENCH_DEALS="$1" \
		go test ./cmd -run '^$' -bench '^BenchmarkReport$' -benchtime 1x
	echo "$db"
}
DB=$(database 1000000)

# run FILE DB FORMAT OUT: one report of DB in FORMAT to $WORK/OUT.
run() { measure "$1" "$WORK/salesgoal" --db "$2" --as-of 2027-03-15 report --quarter Q1 --year 2027 --format "$3" --out "$WORK/$4"; }
markdown() { run "$1" "$DB" markdown report.md; }
terminal() { run "$1" "$DB" table report.txt; }
html() { run "$1" "$DB" html report.html; }

rounds "$ROUNDS" markdown
pairs "$ROUNDS" html terminal
goals=$(grep -c '^| #' "$WORK/report.md" || true)
charts=$(grep -c 'class="goal"' "$WORK/report.html" || true)
# row NAME WHAT TARGET-MS: the median wall time of NAME's runs and their
# peak memory.
row() {
	t=$(ms "$(median "$WORK/$1.times")")
	m=$(mib "$(maximum "$WORK/$1.times" 2)")
	printf '| %s | %s ms | < %s ms: %s | %s MiB (< 32: %s) |\n' "$2" "$t" "$3" "$(below "$t" "$3")" "$m" "$(below "$m" 32)"
}
printf 'salesgoal report --quarter Q1: %s goals (%s charts), 1,000,000 deals, %s rounds (medians)\n' "$goals" "$charts" "$ROUNDS"
printf '| what | wall time | target | peak memory |\n| --- | --- | --- | --- |\n'
row markdown "the report, 50 goals, Markdown" 500
row terminal "the report, 50 goals, terminal" 500
row html "the report, 50 goals, HTML" 500
c=$(ratio html terminal 3)
printf '| HTML ÷ terminal, pair by pair | %.2f× of the CPU time (%s), %.2f× of the wall time | ≤ 1.25×: %s | |\n' \
	"$c" "$(spread html terminal 3)" "$(ratio html terminal)" "$(verdict "$c" 1.25)"

if [ "$N3" -gt 0 ]; then
	DB3=$(database "$N3")
	big() { run "$1" "$DB3" table report3.txt; }
	bightml() { run "$1" "$DB3" html report3.html; }
	pairs "$ROUNDS" big terminal
	pairs "$ROUNDS" bightml html
	against "$N3" "$ROUNDS" "big terminal the report, terminal" "bightml html the report, HTML"
fi
