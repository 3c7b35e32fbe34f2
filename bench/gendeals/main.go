// Command gendeals writes N synthetic deals as CSV (the 13 deal fields of
// docs/import.md) to stdout, for bench/import.sh. The same arguments give
// the same file; -changed 10 gives it with a tenth of the deals changed.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/salesgoal/salesgoal/internal/fakedeals"
)

func main() {
	n := flag.Int("n", 1_000_000, "number of deals")
	customers := flag.Int("customers", 100_000, "number of distinct customers")
	changed := flag.Int("changed", 0, "percent of the deals changed, as next week's export changes them")
	flag.Parse()
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	if err := fakedeals.WriteChanged(w, *n, *customers, *changed); err != nil {
		fmt.Fprintln(os.Stderr, "gendeals:", err)
		os.Exit(1)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "gendeals:", err)
		os.Exit(1)
	}
}
