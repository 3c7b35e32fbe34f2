#!/bin/sh
# bench/rates.sh — `salesgoal rates import` of 25 years of daily rates for
# 30 currencies (every weekday from 2001 to 2025: 6,522 days, 195,660
# rates), as the ECB publishes them (one column per currency) and as
# date,currency,rate lines, into a new database, and again into the
# database that holds them (every rate met unchanged), timed by farm-bench
# (whole processes, the new database made by each run).
#
#   bench/rates.sh
#   RUNS=9 bench/rates.sh
#
# Target (issue 19): under 2 seconds.
set -eu

RUNS=${RUNS:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
bench_setup
(cd "$ROOT" && go build -o "$WORK/salesgoal" .)

# 30 currencies, each wandering from its own start, four decimals.
awk 'BEGIN {
	split("USD JPY BGN CZK DKK GBP HUF PLN RON SEK CHF ISK NOK TRY AUD BRL CAD CNY HKD IDR ILS INR KRW MXN MYR NZD PHP SGD THB ZAR", c, " ")
	srand(19)
	for (i = 1; i <= 30; i++) v[i] = 0.5 + i * 3.7
	ecb = "'"$WORK"'/ecb.csv"
	long = "'"$WORK"'/long.csv"
	h = "Date"
	for (i = 1; i <= 30; i++) h = h "," c[i]
	print h "," > ecb
	print "date,currency,rate" > long
	t = 978307200 # 2001-01-01
	for (d = 0; d < 25 * 365 + 6; d++) {
		day = strftime("%Y-%m-%d", t + d * 86400, 1)
		w = strftime("%u", t + d * 86400, 1)
		if (w > 5) continue
		line = day
		for (i = 1; i <= 30; i++) {
			v[i] *= 1 + (rand() - 0.5) / 100
			r = sprintf("%.4f", v[i])
			line = line "," r
			print day "," c[i] "," r > long
		}
		print line "," > ecb
	}
}'
echo "ecb.csv: $(($(wc -l <"$WORK/ecb.csv") - 1)) days; long.csv: $(($(wc -l <"$WORK/long.csv") - 1)) rates"

S="$WORK/salesgoal"
"$S" --db "$WORK/eur.db" config set currency EUR 2>/dev/null # a new database in EUR
cp "$WORK/eur.db" "$WORK/held.db"
"$S" --db "$WORK/held.db" rates import "$WORK/ecb.csv"
echo "## the ECB's file, into a new database"
farm-bench -n "$RUNS" --timeout 600 -- sh -c "rm -f $WORK/new.db*; exec $S --db $WORK/new.db rates import $WORK/ecb.csv"
echo "## date,currency,rate lines, into a new database (currency EUR)"
farm-bench -n "$RUNS" --timeout 600 -- sh -c "rm -f $WORK/new.db*; cp $WORK/eur.db $WORK/new.db; exec $S --db $WORK/new.db rates import $WORK/long.csv"
echo "## the ECB's file again, every rate held already"
farm-bench -n "$RUNS" --timeout 600 -- "$S" --db "$WORK/held.db" rates import "$WORK/ecb.csv"
