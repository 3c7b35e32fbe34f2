#!/usr/bin/env bash
# bench/report.sh — time `salesgoal report` for one quarter (2027-Q1, as of
# 2027-03-15) with 50 goals over 1,000,000 deals, 100,000 customers and
# three years of daily spend, the way cron runs it: a fresh process that
# opens the database and writes the report to a file. Each round runs, one
# after the other, the Markdown report, the terminal's (the table, written
# to a file) and the HTML page with a chart per goal, so that the ratio of
# HTML to terminal is taken within a round, on a machine in the same state.
#
#   bench/report.sh               # 5 rounds
#   ROUNDS=10 bench/report.sh
#   REBUILD=1 bench/report.sh     # build the database again (new indexes)
#
# The database is built once through the import path by the Go benchmark
# (go test ./cmd -bench Report), at $SALESGOAL_REPORT_BENCH_DB, else
# ${TMPDIR:-/tmp}/salesgoal-report-bench.db; building it takes under a
# minute. Targets: the Markdown report under 2 seconds (issue 6); the HTML
# page at most 25% more work (CPU time) than the terminal's report (issue
# 14), the ratio taken within each round, the median of the rounds.
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

# report FORMAT FILE: one run; its wall time and its CPU time (user +
# system: the work done, which other programs on a shared machine do not
# stretch) in seconds on stdout.
report() {
	local t
	t=$({ TIMEFORMAT='%R %U %S'; time "$WORK/salesgoal" --db "$DB" --as-of 2027-03-15 report --quarter Q1 --year 2027 \
		--format "$1" --out "$WORK/$2" 2>/dev/null; } 2>&1)
	echo "$t" | awk '{ print $1, $2 + $3 }'
}
# Once each to warm the page cache and apply any new migration.
report markdown report.md >/dev/null
report table report.txt >/dev/null
report html report.html >/dev/null

: >"$WORK/times"
i=0
while [ "$i" -lt "$ROUNDS" ]; do
	md=$(report markdown report.md)
	# The terminal's and the HTML page in turn, each first every other
	# round, so that neither is always the one after the other.
	if [ $((i % 2)) = 0 ]; then
		table=$(report table report.txt)
		html=$(report html report.html)
	else
		html=$(report html report.html)
		table=$(report table report.txt)
	fi
	echo "$md $table $html" >>"$WORK/times"
	i=$((i + 1))
done
goals=$(grep -c '^| #' "$WORK/report.md")
charts=$(grep -c 'class="goal"' "$WORK/report.html")

awk -v goals="$goals" -v charts="$charts" -v rounds="$ROUNDS" '
	function median(a, n,   i, j, t) {
		for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
		return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	# Each line: Markdown wall cpu, terminal wall cpu, HTML wall cpu.
	{ md[NR] = $1; table[NR] = $3; html[NR] = $5; wall[NR] = $5 / $3; cpu[NR] = $6 / $4 }
	END {
		m = median(md, NR); t = median(table, NR); h = median(html, NR); w = median(wall, NR); c = median(cpu, NR)
		printf "salesgoal report --quarter Q1: %d goals (%d charts), 1,000,000 deals, %d rounds (medians)\n", goals, charts, rounds
		printf "  Markdown  %.3fs  (target < 2s: %s)\n", m, (m < 2 ? "met" : "NOT met")
		printf "  terminal  %.3fs\n", t
		printf "  HTML      %.3fs; HTML ÷ terminal, round by round: %.2f of the CPU time (target ≤ 1.25: %s), %.2f of the wall time\n", h, c, (c <= 1.25 ? "met" : "NOT met"), w
		exit (m < 2 && c <= 1.25 ? 0 : 1)
	}' "$WORK/times"
