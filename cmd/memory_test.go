package cmd

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestMeasuringLimit: report, metrics and import set the soft memory
// limit of 16 MiB first, unless $GOMEMLIMIT is set (the runtime read it
// already); the other commands set none. An import sets the GOGC of each
// file it writes (TestFilling); the others keep Main's.
func TestMeasuringLimit(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "sales.db")
	deals := filepath.Join(dir, "deals.csv")
	if err := os.WriteFile(deals, []byte("id,customer_id,owner,stage,amount,currency,created_at,closed_at\nD1,C1,ann,won,100,USD,2025-01-01,2025-02-01\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want int64 // the first limit set; 0 for none
		gogc []int // the GOGC set
	}{
		{"report", []string{"report"}, nil, 16 << 20, nil},
		{"metrics", []string{"metrics"}, nil, 16 << 20, nil},
		{"report, GOMEMLIMIT set", []string{"report"}, map[string]string{"GOMEMLIMIT": "64MiB"}, 0, nil},
		{"import", []string{"import", deals}, nil, 16 << 20, []int{25}}, // into an empty table
		{"import, GOMEMLIMIT set", []string{"import", deals}, map[string]string{"GOMEMLIMIT": "64MiB"}, 0, []int{50}},
		{"import, GOGC set", []string{"import", deals}, map[string]string{"GOGC": "100"}, 16 << 20, nil},
		{"status", []string{"status"}, nil, 0, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			var got []int64 // later collections may add more, after the test
			var gogc []int
			limitMemory = func(n int64) int64 { mu.Lock(); got = append(got, n); mu.Unlock(); return 0 }
			setGCPercent = func(n int) int { gogc = append(gogc, n); return 0 }
			defer func() { limitMemory, setGCPercent = nil, nil }()
			env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Now: time.Now,
				Getenv:    func(k string) string { return tc.env[k] },
				LookupEnv: func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok }}
			run(env, append([]string{"--db", db}, tc.args...))
			mu.Lock()
			defer mu.Unlock()
			var first int64
			if len(got) > 0 {
				first = got[0]
			}
			if first != tc.want {
				t.Errorf("first limit set: %d, want %d (all: %v)", first, tc.want, got)
			}
			if !slices.Equal(gogc, tc.gogc) {
				t.Errorf("GOGC set: %v, want %v", gogc, tc.gogc)
			}
		})
	}
}

// TestLimitFor: twice the live heap and 4 MiB, 16 MiB at least.
func TestLimitFor(t *testing.T) {
	const mib = 1 << 20
	for _, tc := range []struct {
		live uint64
		want int64
	}{
		{0, 16 * mib},
		{3 * mib, 16 * mib},          // a metrics run's
		{5 * mib, 16 * mib},          // 2×5 + 4 = 14: the least
		{6 * mib, 16 * mib},          // 2×6 + 4 = 16
		{6*mib + 1, 16*mib + 2},      // to the byte
		{10 * mib, 24 * mib},         // 2×10 + 4
		{22 * mib, 48 * mib},         // a report of 500 owners' charts
		{1 << 62, 2*(1<<60) + 4*mib}, // no overflow
	} {
		if got := limitFor(tc.live); got != tc.want {
			t.Errorf("limitFor(%d) = %d, want %d", tc.live, got, tc.want)
		}
	}
}

// TestAfterEachGC: fn runs after a collection, and after the next one
// again.
func TestAfterEachGC(t *testing.T) {
	ran := make(chan struct{}, 64)
	afterEachGC(func() {
		select {
		case ran <- struct{}{}:
		default:
		}
	})
	for i := range 2 {
		runtime.GC()
		select {
		case <-ran:
		case <-time.After(10 * time.Second):
			t.Fatalf("collection %d: fn did not run", i+1)
		}
	}
}

// TestFilling: an import collects its heap once it has grown by a quarter
// where it fills an empty table in SQLite, at Main's GOGC elsewhere, and
// leaves $GOGC alone when it is set.
func TestFilling(t *testing.T) {
	for _, tc := range []struct {
		name  string
		db    string
		env   map[string]string
		empty bool
		want  []int
	}{
		{"an empty table", "sales.db", nil, true, []int{25}},
		{"a table with rows", "sales.db", nil, false, []int{50}},
		{"GOGC set", "sales.db", map[string]string{"GOGC": "100"}, true, nil},
		{"PostgreSQL, an empty table", "postgres://ana@db.example.com/sales", nil, true, []int{50}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []int
			setGCPercent = func(n int) int { got = append(got, n); return 0 }
			defer func() { setGCPercent = nil }()
			o := &rootOptions{dbPath: tc.db, env: &Env{Getenv: func(k string) string { return tc.env[k] },
				LookupEnv: func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok }}}
			o.filling(tc.empty)
			if !slices.Equal(got, tc.want) {
				t.Errorf("GOGC set: %v, want %v", got, tc.want)
			}
		})
	}
}
