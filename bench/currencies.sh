#!/bin/sh
# bench/currencies.sh — metrics over 1,000,000 deals in three currencies
# (about a third each in USD, EUR and GBP, every one converted into USD at
# the ECB's daily rates, close-date policy) against the same deals all in
# USD, timed in turn by farm-bench (whole processes, A B A B …, the ratio
# taken pair by pair): one quarter as JSON, the table with each metric's
# trend over 8 quarters, and --by owner. The currencies go by team (each
# team sells in one market); then the same with every owner selling in
# all three (MIXED: three times the rollups' cells, which are kept by
# owner, team and currency), and the quarter converted against the same
# database with --no-convert: what the conversion itself costs.
#
#   bench/currencies.sh
#   RUNS=15 bench/currencies.sh
#
# The databases are built by the Go generator of store/metrics_bench_test.go
# with SALESGOAL_BENCH_CURRENCIES=1 and =3 and kept in
# $TMPDIR/salesgoal-currencies-bench-{1,3}.db, built again when this
# salesgoal cannot open them (cached, bench/lib.sh).
#
# Target (issue 19): three currencies within 1.2× of one.
set -eu

RUNS=${RUNS:-9}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
bench_setup
(cd "$ROOT" && go build -o "$WORK/salesgoal" .)

# database N [mixed] prints the path of the database of 1,000,000 deals
# in N currencies, building it the first time.
database() {
	db=${TMPDIR:-/tmp}/salesgoal-currencies-bench-$1${2:+-$2}.db
	mixed=0
	if [ -n "${2:-}" ]; then mixed=1; fi
	cached "$db" "1,000,000 deals in $1 currencies ${2:-by team}" env SALESGOAL_BENCH_DB="$db" SALESGOAL_BENCH_CURRENCIES="$1" SALESGOAL_BENCH_MIXED=$mixed \
		go test ./store/ -run '^$' -bench '^BenchmarkMetricsQuarter$' -benchtime 1x
	echo "$db"
}
ONE=$(database 1)
THREE=$(database 3)
MIXED=$(database 3 mixed)

S="$WORK/salesgoal"
for args in "metrics --quarter Q1 --year 2027 --format json" \
	"metrics --quarter Q1 --year 2027" \
	"metrics --quarter Q1 --year 2027 --by owner --format json"; do
	echo "## $args: 3 currencies (A) against 1 (B)"
	# shellcheck disable=SC2086 # the arguments are words
	farm-bench -n "$RUNS" --timeout 600 --vs "$S --db $ONE --as-of 2027-12-31 $args" -- "$S" --db "$THREE" --as-of 2027-12-31 $args
done
for args in "metrics --quarter Q1 --year 2027 --format json" \
	"metrics --quarter Q1 --year 2027"; do
	echo "## $args: 3 currencies in every owner's deals (A) against 1 (B)"
	# shellcheck disable=SC2086 # the arguments are words
	farm-bench -n "$RUNS" --timeout 600 --vs "$S --db $ONE --as-of 2027-12-31 $args" -- "$S" --db "$MIXED" --as-of 2027-12-31 $args
	echo "## $args: 3 currencies in every owner's deals, converted (A) against --no-convert (B)"
	# shellcheck disable=SC2086 # the arguments are words
	farm-bench -n "$RUNS" --timeout 600 --vs "$S --db $MIXED --as-of 2027-12-31 $args --no-convert" -- "$S" --db "$MIXED" --as-of 2027-12-31 $args
done
