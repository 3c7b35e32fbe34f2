package importer

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/salesgoal/salesgoal/internal/fakedeals"
	"github.com/salesgoal/salesgoal/store"
)

// writeDeals writes n synthetic deals (the 13 columns of docs/import.md) over
// customers customers to a file and returns its path; the same n gives the
// same file, the one bench/gendeals writes for bench/import.sh.
func writeDeals(tb testing.TB, n, customers int) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), fmt.Sprintf("deals-%d.csv", n))
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := fakedeals.Write(w, n, customers); err != nil {
		tb.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkImport imports N synthetic deals into a new database per
// iteration (first import: every row inserted), and again into the same
// database (re-import: every row unchanged).
func BenchmarkImport(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		path := writeDeals(b, n, n/10)
		fi, _ := os.Stat(path)
		importFile := func(b *testing.B, db *store.DB) Result {
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			defer f.Close()
			res, err := Import(context.Background(), db, f, Options{File: "deals.csv"})
			if err != nil {
				b.Fatal(err)
			}
			return res
		}
		b.Run(fmt.Sprintf("new/rows=%d", n), func(b *testing.B) {
			b.SetBytes(fi.Size())
			defer peakHeap(b)()
			for b.Loop() {
				b.StopTimer()
				db := MustOpen(b)
				b.StartTimer()
				if res := importFile(b, db); res.Inserted != int64(n) {
					b.Fatalf("inserted %d, want %d", res.Inserted, n)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
		b.Run(fmt.Sprintf("again/rows=%d", n), func(b *testing.B) {
			db := MustOpen(b)
			importFile(b, db)
			b.SetBytes(fi.Size())
			defer peakHeap(b)()
			for b.Loop() {
				if res := importFile(b, db); res.Unchanged != int64(n) {
					b.Fatalf("unchanged %d, want %d", res.Unchanged, n)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// peakHeap samples the live heap every few milliseconds until the
// returned function is called, which reports the peak as a metric: it
// stays flat as files grow, unlike B/op, which counts every allocation.
func peakHeap(b *testing.B) func() {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() {
		close(stop)
		<-done
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	}
}
