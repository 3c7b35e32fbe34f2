#!/bin/sh
# bench/postgres.sh — the PostgreSQL engine's figures, on a server whose
# URL (a role that may create databases) is $SALESGOAL_BENCH_POSTGRES, or
# else $SALESGOAL_TEST_POSTGRES (.ci/services.sh starts a throwaway one):
#
#   - `salesgoal import` of N synthetic deals into a new database against
#     psql's `\copy` of the same file into a table of the same shape and
#     primary key (every column text, as bench/import.sh's sqlite3 anchor),
#     the two run in turn ROUNDS times, each into a database made for it;
#   - all metrics for one quarter, and the report with 50 goals, over the
#     report benchmark's database (1,000,000 deals, 100,000 customers;
#     bench/report.sh builds it) copied to the server with `salesgoal copy`.
#
#   SALESGOAL_BENCH_POSTGRES=postgres://me@/postgres?host=/run/postgresql bench/postgres.sh
#   N=200000 ROUNDS=5 bench/postgres.sh
#
# Targets (issue 17): import within 2× of psql's \copy; the metrics of a
# quarter under 1 s; the report with 50 goals under 2 s.
set -eu

N=${N:-1000000}
ROUNDS=${ROUNDS:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
bench_setup

PG=${SALESGOAL_BENCH_POSTGRES:-${SALESGOAL_TEST_POSTGRES:-}}
if [ -z "$PG" ]; then
	echo "bench/postgres.sh: set SALESGOAL_BENCH_POSTGRES to the URL of a PostgreSQL role that may create databases" >&2
	exit 1
fi
PSQL=${PSQL:-$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PSQL" ]; then
	echo "bench/postgres.sh: psql not found: apt-get install postgresql-client (or set PSQL=/path/to/psql)" >&2
	exit 1
fi

# url NAME is $PG with its database replaced by NAME.
url() { printf '%s\n' "$PG" | sed -E "s#^(postgres(ql)?://[^/]*)/[^?]*#\1/$1#"; }
# fresh NAME drops and creates the database NAME.
fresh() {
	"$PSQL" -q "$PG" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null 2>&1
}
trap '"$PSQL" -q "$PG" -c "DROP DATABASE IF EXISTS sg_bench_import" -c "DROP DATABASE IF EXISTS sg_bench_copy" -c "DROP DATABASE IF EXISTS sg_bench_report" >/dev/null 2>&1; rm -rf "$WORK"' EXIT

echo "building salesgoal and generating $N deals…" >&2
(cd "$ROOT" && go build -o "$WORK/salesgoal" . && go run ./bench/gendeals -n "$N" >"$WORK/deals.csv")
SIZE=$(wc -c <"$WORK/deals.csv")

first() {
	fresh sg_bench_import
	measure "$1" "$WORK/salesgoal" --db "$(url sg_bench_import)" import "$WORK/deals.csv"
}
anchor() {
	fresh sg_bench_copy
	"$PSQL" -q "$(url sg_bench_copy)" -c "CREATE TABLE deals (
		id TEXT PRIMARY KEY, name TEXT, customer_id TEXT, owner TEXT, team TEXT,
		stage TEXT, type TEXT, amount TEXT, cost TEXT, discount TEXT,
		currency TEXT, created_at TEXT, closed_at TEXT)" >/dev/null
	measure "$1" "$PSQL" -q "$(url sg_bench_copy)" -c "\\copy deals FROM '$WORK/deals.csv' CSV HEADER"
}
pairs "$ROUNDS" first anchor
FIRST=$(median "$WORK/first.times")
COPY=$(median "$WORK/anchor.times")
R1=$(ratio first anchor)
M1=$(maximum "$WORK/first.times" 2)

# The report benchmark's database, on the server.
DB=${TMPDIR:-/tmp}/salesgoal-report-bench-1000000.db
cached "$DB" "1,000,000 deals" env SALESGOAL_REPORT_BENCH_DB="$DB" SALESGOAL_REPORT_BENCH_DEALS=1000000 \
	go test ./cmd -run '^$' -bench '^BenchmarkReport$' -benchtime 1x
fresh sg_bench_report
REPORT=$(url sg_bench_report)
"$WORK/salesgoal" copy --from "$DB" --to "$REPORT" >/dev/null
quarter() { measure "$1" "$WORK/salesgoal" --db "$REPORT" --as-of 2027-12-31 metrics --quarter Q1 --year 2027 --format json; }
report() { measure "$1" "$WORK/salesgoal" --db "$REPORT" --as-of 2027-03-15 report --quarter Q1 --year 2027 --format markdown --out "$WORK/report.md"; }
rounds 9 quarter
rounds 9 report
goals=$(grep -c '^| #' "$WORK/report.md" || true)
QM=$(ms "$(median "$WORK/quarter.times")")
RM=$(ms "$(median "$WORK/report.times")")

printf 'PostgreSQL %s; %s deals, %s MiB of CSV; %s rounds in turn (medians; ratio pair by pair)\n' \
	"$("$PSQL" -At "$PG" -c 'SHOW server_version')" "$N" "$(mib $((SIZE / 1024)))" "$ROUNDS"
printf '| what | salesgoal on PostgreSQL | anchor | ratio | target | peak memory |\n'
printf '| --- | --- | --- | --- | --- | --- |\n'
printf '| import into a new database | %.2f s | psql \\copy %.2f s | %.2f× | ≤ 2×: %s | %s MiB |\n' \
	"$FIRST" "$COPY" "$R1" "$(verdict "$R1" 2)" "$(mib "$M1")"
printf '| all metrics, one quarter, 1,000,000 deals | %s ms | | | < 1000 ms: %s | %s MiB |\n' \
	"$QM" "$(below "$QM" 1000)" "$(mib "$(maximum "$WORK/quarter.times" 2)")"
printf '| the report, %s goals, 1,000,000 deals | %s ms | | | < 2000 ms: %s | %s MiB |\n' \
	"$goals" "$RM" "$(below "$RM" 2000)" "$(mib "$(maximum "$WORK/report.times" 2)")"
