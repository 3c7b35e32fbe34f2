package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/salesgoal/salesgoal/internal/rollup"
)

// TestRawSlots: a snapshot reads the rollups' blobs beneath the driver
// (rollups_raw.go) as the driver gives them: the same slots, in order,
// with the same bytes, each day by its day; a pass stops at the first
// error its fn returns, and the next pass reads again from the start; a
// read from within a pass fails rather than wait for it.
func TestRawSlots(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	csv := "id,customer_id,owner,stage,amount,currency,created_at,closed_at\n"
	for i := range 300 { // deals on 60 days of 2025, three owners
		csv += fmt.Sprintf("D-%d,C-%d,%s,%s,%d,USD,2025-01-%02d,2025-03-%02d\n", i, i%23, []string{"ann", "bo", "cy"}[i%3],
			[]string{"Closed Won", "Closed Lost", "Proposal"}[i%3], 100+i, 1+i%28, 1+i%30)
	}
	if _, err := db.Import(ctx, strings.NewReader(csv), ImportOptions{File: "deals.csv", Kind: KindDeals}); err != nil {
		t.Fatal(err)
	}
	type slot struct {
		id   int64
		blob []byte
	}
	s := db.Snapshot()
	defer s.Close()
	read := func(l loader, from, to int64) []slot {
		t.Helper()
		var out []slot
		if err := l.slots(ctx, from, to, func(id int64, b []byte) error {
			out = append(out, slot{id, bytes.Clone(b)})
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	raw, driver := loader{q: s.query, raw: s.rawSlots}, loader{q: s.query}
	all := func(l loader) []slot { return read(l, 0, 1<<50) }
	if got, want := all(raw), all(driver); len(want) < 58 || !slices.EqualFunc(got, want, func(a, b slot) bool {
		return a.id == b.id && bytes.Equal(a.blob, b.blob)
	}) {
		t.Errorf("beneath the driver: %d slots, through it %d (at least 58 wanted: 28 days created, 30 closed), or their ids or bytes differ", len(got), len(want))
	}
	if s.slots == nil {
		t.Error("no statement prepared beneath the driver: the blobs were read through it")
	}
	days := func(l loader) (ds []rollup.Day) {
		if err := l.Days(ctx, rollup.DayOf(oracleDay("2025-01-01")), rollup.DayOf(oracleDay("2025-01-31")), func(d rollup.Day, _ []byte) error {
			ds = append(ds, d)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return ds
	}
	if got, want := days(raw), days(driver); len(got) != 28 || !slices.Equal(got, want) {
		t.Errorf("January's days beneath the driver: %v; through it: %v (28 wanted)", got, want)
	}

	stop := errors.New("enough")
	n := 0
	err := raw.slots(ctx, 0, 1<<50, func(int64, []byte) error {
		if n++; n == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 2 {
		t.Errorf("a pass whose fn fails on the second slot: %v after %d slots, want %v after 2", err, n, stop)
	}
	if got := len(all(raw)); got != len(all(driver)) {
		t.Errorf("the pass after it read %d slots, want %d", got, len(all(driver)))
	}

	// A read from within a pass fails rather than wait for the connection
	// the pass holds; the pass itself fails with it.
	var inner []error
	err = raw.slots(ctx, 0, 1<<50, func(int64, []byte) error {
		inner = append(inner, raw.slots(ctx, 0, 1<<50, func(int64, []byte) error { return nil }))
		_, err := raw.Keys(ctx)
		inner = append(inner, err)
		return errors.Join(inner...)
	})
	if !errors.Is(err, errInPass) || len(inner) != 2 || !errors.Is(inner[0], errInPass) || !errors.Is(inner[1], errInPass) {
		t.Errorf("reads from within a pass: %v, then %v; want %v each", inner, err, errInPass)
	}
	if got := len(all(raw)); got != len(all(driver)) {
		t.Errorf("after it, a pass read %d slots, want %d", got, len(all(driver)))
	}

	beneathDriver = false
	defer func() { beneathDriver = true }()
	if ran, err := s.rawSlots(ctx, 0, 1<<50, func(int64, []byte) error { return nil }); ran || err != nil {
		t.Errorf("turned off: ran %v, %v; want not run", ran, err)
	}
}
