package cmd

import (
	"runtime"
	"runtime/metrics"

	"github.com/salesgoal/salesgoal/store"
)

// The commands that read and measure (report, metrics), and import, run
// under a soft memory limit (docs/architecture.md, "Memory"): near it the
// collector runs sooner and gives freed pages back at once. Their live
// heap stays under 8 MiB at a million deals, where it costs them no time
// (a first import's 6: 1.3 MiB less at its peak for the same time); but a
// limit the live heap comes near makes the collector run without end
// (2.3 times the CPU time, measured with the limit at 8 MiB), so after
// each collection the limit is raised to twice the live heap and 4 MiB
// when that is more: a larger database is then collected about as GOGC
// alone would.

// measuringLimit is the least soft memory limit of a measuring command.
const measuringLimit = 16 << 20

// limitMemory sets the runtime's soft memory limit: Main sets it, so that
// a test's process keeps its own.
var limitMemory func(int64) int64

// importGCPercent is the GOGC of an import that fills an empty table in
// SQLite (a first import): its heap is collected once it has grown by a
// quarter, not by half. Most of what it keeps live is the customers'
// first won days, which hold no pointers and cost a collection little; at
// a million deals its peak is 1.2 MiB lower for 4% more CPU time
// (docs/architecture.md, "Memory"). An import into a table that has rows
// peaks lower (28.5 MiB at a million deals), where the collector's work
// competed with the import's for the second core: 3% of its time against
// a target it meets by less (1.5× a new `sqlite3` import). An import into
// PostgreSQL, without SQLite's engine and caches in the process, peaks at
// 30.7 MiB at Main's GOGC, where 25 cost it 4% of its time.
const importGCPercent = 25

// setGCPercent sets the collector's GOGC: Main sets it, so that a test's
// process keeps its own.
var setGCPercent func(int) int

// filling sets the collector's GOGC for each file an import writes
// (importer.Options.Filling): importGCPercent where it fills an empty
// table in SQLite, Main's elsewhere, unless $GOGC decides.
func (o *rootOptions) filling(empty bool) {
	if setGCPercent == nil {
		return
	}
	if _, set := o.lookupEnv("GOGC"); set {
		return
	}
	if path, err := o.databasePath(); err == nil && store.IsServer(path) {
		empty = false
	}
	if empty {
		setGCPercent(importGCPercent)
	} else {
		setGCPercent(gcPercent)
	}
}

// measuring sets the soft memory limit of a command that reads and
// measures, or imports, unless $GOMEMLIMIT decides.
func (o *rootOptions) measuring() {
	if limitMemory == nil {
		return
	}
	if _, set := o.lookupEnv("GOMEMLIMIT"); !set {
		limit := limitMemory
		limit(measuringLimit)
		afterEachGC(func() { limit(limitFor(liveHeap())) })
	}
}

// limitFor is the soft memory limit for a live heap of live bytes: twice
// it and 4 MiB more (the runtime's own memory, goroutine stacks and
// metadata, counts in the limit too), and measuringLimit at least.
func limitFor(live uint64) int64 {
	return max(measuringLimit, 2*int64(min(live, 1<<60))+limitSlack)
}

// limitSlack is what the soft memory limit leaves above twice the live
// heap.
const limitSlack = 4 << 20

// liveHeap is the heap the last collection found live, in bytes.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// gcMark is garbage that tells afterEachGC of a collection: large enough
// not to be batched with other small objects, whose finalizers may wait.
type gcMark struct{ _ [32]byte }

// afterEachGC calls fn after each garbage collection from now on, on the
// goroutine that runs finalizers.
func afterEachGC(fn func()) {
	runtime.SetFinalizer(&gcMark{}, func(*gcMark) {
		fn()
		afterEachGC(fn)
	})
}
