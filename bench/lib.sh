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

# measure FILE CMD… runs CMD once and appends "seconds KiB cpu" (wall time
# to the microsecond, peak resident memory, and CPU time, user + system:
# the work done, which other programs on a shared machine do not stretch)
# to FILE.
measure() {
	file=$1
	shift
	start=$(date +%s%N)
	/usr/bin/time -f "%M %U %S" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || {
		cat "$WORK/stderr" >&2
		exit 1
	}
	end=$(date +%s%N)
	awk -v s="$start" -v e="$end" '{ printf "%.6f %s %.2f\n", (e - s) / 1e9, $1, $2 + $3 }' "$WORK/time" >>"$file"
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

# ratios A B [COLUMN] writes A's figures over B's, pair by pair, for a
# column of the times (default 1, the wall time; 3 is the CPU time).
ratios() {
	paste -d' ' "$WORK/$1.times" "$WORK/$2.times" | awk -v c="${3:-1}" '{ printf "%.4f\n", $c / $(c + NF / 2) }' >"$WORK/ratios"
}

# ratio A B [COLUMN] is the median of the ratios.
ratio() {
	ratios "$@"
	median "$WORK/ratios"
}

# spread A B [COLUMN] is the smallest and largest ratio of the pairs.
spread() {
	ratios "$@"
	sort -n "$WORK/ratios" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f–%.2f\n", lo, hi }'
}

# mib KIB writes kibibytes as mebibytes.
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# ms SECONDS writes seconds as milliseconds.
ms() { awk -v s="$1" 'BEGIN { printf "%.0f", s * 1000 }'; }

# verdict VALUE LIMIT says whether VALUE is at most LIMIT.
verdict() { awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l ? "met" : "NOT met") }'; }

# below VALUE LIMIT says whether VALUE is under LIMIT.
below() { awk -v v="$1" -v l="$2" 'BEGIN { print (v < l ? "met" : "NOT met") }'; }

# against N ROUNDS "A B WHAT"…: the table of commands over N deals (A)
# against the same over 1,000,000 (B), timed in turn by pairs beforehand:
# their medians, the ratio pair by pair and its range, the target of
# 1.3×, and A's peak memory.
against() {
	n=$1 rounds=$2
	shift 2
	echo
	printf '%s deals against 1,000,000, in turn, %s rounds (medians; ratios pair by pair)\n' "$n" "$rounds"
	printf '| what | %s | 1,000,000 | ratio (pairs) | target | peak memory |\n| --- | --- | --- | --- | --- | --- |\n' "$n"
	for p in "$@"; do
		set -- $p
		a=$1 b=$2
		shift 2
		r=$(ratio "$a" "$b")
		m=$(mib "$(maximum "$WORK/$a.times" 2)")
		printf '| %s | %s ms | %s ms | %.2f× (%s) | ≤ 1.3×: %s | %s MiB (< 32: %s) |\n' "$*" "$(ms "$(median "$WORK/$a.times")")" \
			"$(ms "$(median "$WORK/$b.times")")" "$r" "$(spread "$a" "$b")" "$(verdict "$r" 1.3)" "$m" "$(below "$m" 32)"
	done
}

# cached DB WHAT CMD… makes sure the benchmark database DB exists, running
# CMD (in the project's root) to build it when it is missing, or when the
# salesgoal just built ($WORK/salesgoal) cannot open it: one left by an
# older build whose schema this one does not follow. WHAT names it in the
# message; CMD's output is shown only when it fails.
cached() {
	db=$1 what=$2
	shift 2
	if [ -f "$db" ] && ! "$WORK/salesgoal" --db "$db" status >/dev/null 2>&1; then
		echo "$db: this salesgoal cannot open it; building it again" >&2
		rm -f "$db" "$db-wal" "$db-shm"
	fi
	if [ ! -f "$db" ]; then
		echo "building $db ($what)…" >&2
		(cd "$ROOT" && "$@") >"$WORK/build" 2>&1 || {
			cat "$WORK/build" >&2
			exit 1
		}
	fi
}
