# shellcheck shell=sh
# bench/lib.sh — what the bench scripts share (they source it): whole
# processes timed by /usr/bin/time (wall time and peak memory), and two
# commands timed in turn, A B A B …, so that a ratio is taken pair by pair
# and holds while the machine's speed drifts (two cores are shared here).

# bench_setup makes the work folder, removed on exit.
bench_setup() {
	if [ ! -x /usr/bin/time ]; then
		echo "$0: /usr/bin/time not found: it measures wall time and peak memory (apt-get install time)" >&2
		exit 1
	fi
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/salesgoal-bench.XXXXXX")
	trap 'rm -rf "$WORK"' EXIT
}

# measure FILE CMD… runs CMD once and appends "seconds KiB" (wall time to
# the microsecond, peak resident memory) to FILE.
measure() {
	file=$1
	shift
	start=$(date +%s%N)
	/usr/bin/time -f "%M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || {
		cat "$WORK/stderr" >&2
		exit 1
	}
	end=$(date +%s%N)
	echo "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f", (e - s) / 1e9 }') $(cat "$WORK/time")" >>"$file"
}

# pairs ROUNDS A B runs the shell functions A and B once each untimed
# (to warm the page cache), then in turn ROUNDS times; each is given the
# file its measures go to, $WORK/A.times and $WORK/B.times.
pairs() {
	rounds=$1
	: >"$WORK/$2.times"
	: >"$WORK/$3.times"
	"$2" "$WORK/warm.times"
	"$3" "$WORK/warm.times"
	i=0
	while [ "$i" -lt "$rounds" ]; do
		"$2" "$WORK/$2.times"
		"$3" "$WORK/$3.times"
		i=$((i + 1))
	done
}

# rounds ROUNDS A runs the shell function A once untimed, then ROUNDS times.
rounds() {
	: >"$WORK/$2.times"
	"$2" "$WORK/warm.times"
	i=0
	while [ "$i" -lt "$1" ]; do
		"$2" "$WORK/$2.times"
		i=$((i + 1))
	done
}

# median FILE [COLUMN] is the median of a column (default the first).
median() {
	cut -d' ' -f"${2:-1}" "$1" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

# maximum FILE [COLUMN] is the largest value of a column.
maximum() { cut -d' ' -f"${2:-1}" "$1" | sort -n | tail -1; }

# ratio A B is the median of A's times over B's, pair by pair.
ratio() {
	paste -d' ' "$WORK/$1.times" "$WORK/$2.times" | awk '{ printf "%.4f\n", $1 / $3 }' >"$WORK/ratios"
	median "$WORK/ratios"
}

# spread A B is the smallest and largest ratio of the pairs.
spread() {
	paste -d' ' "$WORK/$1.times" "$WORK/$2.times" | awk '{ printf "%.2f\n", $1 / $3 }' | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "–" hi }'
}

# mib KIB writes kibibytes as mebibytes.
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# ms SECONDS writes seconds as milliseconds.
ms() { awk -v s="$1" 'BEGIN { printf "%.0f", s * 1000 }'; }

# verdict VALUE LIMIT says whether VALUE is at most LIMIT.
verdict() { awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l ? "met" : "NOT met") }'; }

# below VALUE LIMIT says whether VALUE is under LIMIT.
below() { awk -v v="$1" -v l="$2" 'BEGIN { print (v < l ? "met" : "NOT met") }'; }
