#!/bin/sh
# bench/report.sh — time `salesgoal report` for one quarter (2027-Q1, as of
# 2027-03-15) with 50 goals over 1,000,000 deals, 100,000 customers and
# three years of daily spend, the way cron runs it: a fresh process that
# opens the database and writes the Markdown report to a file.
#
#   bench/report.sh               # 5 rounds
#   ROUNDS=10 bench/report.sh
#   REBUILD=1 bench/report.sh     # build the database again (new indexes)
#
# The database is built once through the import path by the Go benchmark
# (go test ./cmd -bench Report), at $SALESGOAL_REPORT_BENCH_DB, else
# ${TMPDIR:-/tmp}/salesgoal-report-bench.db; building it takes under a
# minute. Target (issue 6): under 2 seconds.
set -eu

ROUNDS=${ROUNDS:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DB=${SALESGOAL_REPORT_BENCH_DB:-${TMPDIR:-/tmp}/salesgoal-report-bench.db}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/salesgoal-report-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

if [ "${REBUILD:-}" = 1 ]; then
	rm -f "$DB" "$DB-wal" "$DB-shm"
fi
echo "building salesgoal and, if needed, the benchmark database $DB…" >&2
cd "$ROOT"
go build -o "$WORK/salesgoal" .
SALESGOAL_REPORT_BENCH_DB=$DB go test ./cmd -run '^$' -bench '^BenchmarkReport$' -benchtime 1x >"$WORK/gotest" 2>&1 || {
	cat "$WORK/gotest" >&2
	exit 1
}

report() {
	"$WORK/salesgoal" --db "$DB" --as-of 2027-03-15 report --quarter Q1 --year 2027 --out "$WORK/report.md"
}
report # once to warm the page cache and apply any new migration

times=""
i=0
while [ "$i" -lt "$ROUNDS" ]; do
	s=$(date +%s.%N)
	report
	e=$(date +%s.%N)
	times="$times $(awk -v s="$s" -v e="$e" 'BEGIN { print e - s }')"
	i=$((i + 1))
done
goals=$(grep -c '^| #' "$WORK/report.md")

echo "$times" | tr ' ' '\n' | grep . | sort -n | awk -v goals="$goals" -v rounds="$ROUNDS" '
	{ t[NR] = $1 }
	END {
		median = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
		printf "salesgoal report --quarter Q1: %d goals, 1,000,000 deals, %d rounds\n", goals, rounds
		printf "  best %.3fs  median %.3fs  worst %.3fs  (target < 2s: %s)\n", t[1], median, t[NR], (median < 2 ? "met" : "NOT met")
		exit (median < 2 ? 0 : 1)
	}'
