#!/bin/sh
# bench/fuzz.sh — run every fuzz target of the module for a while each.
# `go test ./...` runs them only over their seed corpus (testdata/ and the
# hostile inputs of testdata/bad); this mutates the inputs.
#
#   bench/fuzz.sh                 # 30s per target
#   FUZZTIME=5m bench/fuzz.sh     # longer
#   bench/fuzz.sh FuzzImport      # only the targets matching a pattern
#
# A failing input is written to PKG/testdata/fuzz/FuzzX/…: commit it as a
# regression seed (go test then runs it every time) and fix the bug.
set -eu

FUZZTIME=${FUZZTIME:-30s}
# Minimising a new input costs up to 60s per input by default, stalling
# short runs: a bounded number of tries is enough for CI.
MINIMIZE=${MINIMIZE:-200x}
PATTERN=${1:-.}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

status=0
for pkg in $(go list ./...); do
	for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' | grep -e "$PATTERN" || true); do
		echo "== $pkg $target ($FUZZTIME)"
		if ! go test -run '^$' -fuzz "^$target\$" -fuzztime "$FUZZTIME" -fuzzminimizetime "$MINIMIZE" "$pkg"; then
			status=1
		fi
	done
done
exit $status
