#!/bin/sh
# bench/metrics.sh — time `salesgoal metrics` over a database of 1,000,000
# deals, 100,000 customers (50 owners in 10 teams) and three years of daily
# spend, on this machine: the median wall time of ROUNDS whole-process runs
# of each command, and its peak memory.
#
#   bench/metrics.sh                    # build the database once, 5 rounds
#   ROUNDS=9 bench/metrics.sh
#   SALESGOAL_BENCH_SHUFFLED=1 bench/metrics.sh   # deals in random order
#
# The database is built by the Go generator of store/metrics_bench_test.go
# (the same rows `go test -bench Metrics ./store/` uses) and kept in
# $SALESGOAL_BENCH_DB (default: $TMPDIR/salesgoal-metrics-bench[-shuffled].db),
# so later runs skip the ~20 s build; delete it after a schema change.
#
# Targets (issue 4): all metrics for one quarter under 1 s; --by owner
# (50 owners) under 3 s.
set -eu

ROUNDS=${ROUNDS:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SUFFIX=""
if [ "${SALESGOAL_BENCH_SHUFFLED:-}" = 1 ]; then SUFFIX="-shuffled"; fi
DB=${SALESGOAL_BENCH_DB:-${TMPDIR:-/tmp}/salesgoal-metrics-bench$SUFFIX.db}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/salesgoal-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

(cd "$ROOT" && go build -o "$WORK/salesgoal" .)
if [ ! -f "$DB" ]; then
	echo "building $DB (1,000,000 deals)…" >&2
	(cd "$ROOT" && SALESGOAL_BENCH_DB="$DB" go test ./store/ -run '^$' -bench '^BenchmarkMetricsQuarter$' -benchtime 1x >/dev/null)
fi

# measure CMD… prints "seconds kib" (wall time, peak RSS) of one run.
if [ -x /usr/bin/time ]; then
	measure() {
		/usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || {
			cat "$WORK/stderr" >&2
			exit 1
		}
		cat "$WORK/time"
	}
else
	measure() {
		s=$(date +%s.%N)
		"$@" >/dev/null 2>"$WORK/stderr" || {
			cat "$WORK/stderr" >&2
			exit 1
		}
		e=$(date +%s.%N)
		awk -v s="$s" -v e="$e" 'BEGIN {printf "%.2f 0\n", e - s}'
	}
fi

# bench NAME ARGS… runs `salesgoal ARGS` ROUNDS times and prints the median.
bench() {
	name=$1
	shift
	: >"$WORK/runs"
	i=0
	while [ "$i" -lt "$ROUNDS" ]; do
		measure "$WORK/salesgoal" --db "$DB" --as-of 2027-12-31 "$@" >>"$WORK/runs"
		i=$((i + 1))
	done
	sort -n "$WORK/runs" | awk -v n="$name" -v r="$ROUNDS" '
		{ wall[NR] = $1; mem[NR] = $2 }
		END { m = int((r + 1) / 2); printf "%-28s %8.2f %8.1f   (min %.2f, max %.2f)\n", n, wall[m], mem[m] / 1024, wall[1], wall[r] }'
}

printf '%-28s %8s %8s\n' command wall_s peak_MiB
bench "quarter (target < 1 s)" metrics --quarter Q1 --year 2027 --format json
bench "quarter, one owner" metrics --quarter Q1 --year 2027 --owner owner07 --format json
bench "--by owner (target < 3 s)" metrics --quarter Q1 --year 2027 --by owner --format json
bench "--by team" metrics --quarter Q1 --year 2027 --by team --format json
bench "year --by month" metrics --year 2026 --by month --format json
