#!/bin/sh
# bench/currencies.sh — metrics over 1,000,000 deals in three currencies
# (a third each in USD, EUR and GBP, every one converted into USD at the
# ECB's daily rates, close-date policy) against the same deals all in USD,
# timed in turn by farm-bench (whole processes, A B A B …, the ratio taken
# pair by pair): one quarter as JSON, the table with each metric's trend
# over 8 quarters, and --by owner; then the quarter converted against the
# same three-currency database with --no-convert, which is what the
# conversion itself costs (the rest is the rollups' cells, kept by owner,
# team and currency: three currencies are three times the cells).
#
#   bench/currencies.sh
#   RUNS=15 bench/currencies.sh
#
# The databases are built by the Go generator of store/metrics_bench_test.go
# with SALESGOAL_BENCH_CURRENCIES=1 and =3 and kept in
# $TMPDIR/salesgoal-currencies-bench-{1,3}.db; delete them after a schema
# change.
#
# Target (issue 19): three currencies within 1.2× of one.
set -eu

RUNS=${RUNS:-9}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
bench_setup
(cd "$ROOT" && go build -o "$WORK/salesgoal" .)

database() {
	db=${TMPDIR:-/tmp}/salesgoal-currencies-bench-$1.db
	if [ ! -f "$db" ]; then
		echo "building $db (1,000,000 deals in $1 currencies)…" >&2
		(cd "$ROOT" && SALESGOAL_BENCH_DB="$db" SALESGOAL_BENCH_CURRENCIES="$1" go test ./store/ -run '^$' -bench '^BenchmarkMetricsQuarter$' -benchtime 1x >/dev/null)
	fi
	echo "$db"
}
ONE=$(database 1)
THREE=$(database 3)

S="$WORK/salesgoal"
for args in "metrics --quarter Q1 --year 2027 --format json" \
	"metrics --quarter Q1 --year 2027" \
	"metrics --quarter Q1 --year 2027 --by owner --format json"; do
	echo "## $args: 3 currencies (A) against 1 (B)"
	# shellcheck disable=SC2086 # the arguments are words
	farm-bench -n "$RUNS" --timeout 600 --vs "$S --db $ONE --as-of 2027-12-31 $args" -- "$S" --db "$THREE" --as-of 2027-12-31 $args
done
echo "## metrics --quarter Q1 --year 2027 --format json: converted (A) against --no-convert (B), both 3 currencies"
farm-bench -n "$RUNS" --timeout 600 --vs "$S --db $THREE --as-of 2027-12-31 metrics --quarter Q1 --year 2027 --format json --no-convert" -- \
	"$S" --db "$THREE" --as-of 2027-12-31 metrics --quarter Q1 --year 2027 --format json
