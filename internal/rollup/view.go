package rollup

import (
	"context"
	"slices"
)

// Loader reads the stored blobs, all from one consistent snapshot of the
// database (one read transaction).
type Loader interface {
	// Keys reads every key and its counters.
	Keys(ctx context.Context) (*Keys, error)
	// Days calls fn with the blob of every stored day from from to to, in
	// order.
	Days(ctx context.Context, from, to Day, fn func(Day, []byte) error) error
	// All calls fn with every blob of a kind.
	All(ctx context.Context, kind Kind, fn func(id int64, blob []byte) error) error
	// Carried is the record of the fields each kind's files carried.
	Carried(ctx context.Context) (map[string][]string, error)
}

// View is the rollups a measurement reads: the keys, every customer cell,
// the series and the undated counts, read once, and the blobs of the days
// asked for, read as ranges of days are asked for and kept.
type View struct {
	load      Loader
	keys      *Keys
	info      []keyInfo
	days      map[Day][]byte
	loaded    []span // sorted, disjoint
	customers []custEntry
	series    []dayCount // open deals without a close date, by created day, sorted
	undated   undated
	carried   map[string][]string
}

type span struct{ from, to Day }

type custEntry struct {
	custKey
	n int64
}

type dayCount struct {
	day Day
	n   int64
}

// keyInfo is a key's owner, team and currency, as the view compares them.
type keyInfo struct {
	Key
	customer bool // a key of customers (no currency)
}

// NewView reads the keys, customers, series and undated counts through
// load, and is ready to read days.
func NewView(ctx context.Context, load Loader) (*View, error) {
	v := &View{load: load, days: map[Day][]byte{}, undated: undated{}}
	var err error
	if v.keys, err = load.Keys(ctx); err != nil {
		return nil, err
	}
	for i := range v.keys.Len() {
		k := v.keys.Key(KeyID(i))
		v.info = append(v.info, keyInfo{Key: k, customer: k.Currency == ""})
	}
	err = load.All(ctx, KindCustomers, func(_ int64, blob []byte) error {
		return eachCustomer(blob, func(k custKey, n int64) { v.customers = append(v.customers, custEntry{k, n}) })
	})
	if err != nil {
		return nil, err
	}
	err = load.All(ctx, KindMisc, func(id int64, blob []byte) error {
		switch id {
		case MiscSeries:
			m := dayCounts{}
			if err := m.decode(blob); err != nil {
				return err
			}
			for d, n := range m {
				v.series = append(v.series, dayCount{d, n})
			}
			slices.SortFunc(v.series, func(a, b dayCount) int { return cmpInt(a.day, b.day) })
		case MiscUndated:
			return v.undated.decode(blob)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if v.carried, err = load.Carried(ctx); err != nil {
		return nil, err
	}
	return v, nil
}

// need reads the days of [from, to] the view does not hold yet.
func (v *View) need(ctx context.Context, from, to Day) error {
	var missing []span
	at := from
	for _, s := range v.loaded {
		if s.to < at || s.from > to {
			continue
		}
		if s.from > at {
			missing = append(missing, span{at, s.from - 1})
		}
		at = max(at, s.to+1)
	}
	if at <= to {
		missing = append(missing, span{at, to})
	}
	for _, m := range missing {
		err := v.load.Days(ctx, m.from, m.to, func(d Day, blob []byte) error {
			v.days[d] = blob
			return nil
		})
		if err != nil {
			return err
		}
		v.loaded = append(v.loaded, m)
	}
	slices.SortFunc(v.loaded, func(a, b span) int { return cmpInt(a.from, b.from) })
	// Merge touching spans, so the list stays short.
	out := v.loaded[:0]
	for _, s := range v.loaded {
		if n := len(out); n > 0 && s.from <= out[n-1].to+1 {
			out[n-1].to = max(out[n-1].to, s.to)
			continue
		}
		out = append(out, s)
	}
	v.loaded = out
	return nil
}

// eachDay calls fn with every stored day of [from, to], in order.
func (v *View) eachDay(from, to Day, fn func(Day, []byte) error) error {
	days := make([]Day, 0, 64)
	for d := range v.days {
		if d >= from && d <= to {
			days = append(days, d)
		}
	}
	slices.Sort(days)
	for _, d := range days {
		if err := fn(d, v.days[d]); err != nil {
			return err
		}
	}
	return nil
}

// Size is the bytes of day blobs the view holds.
func (v *View) Size() int {
	n := 0
	for _, b := range v.days {
		n += len(b)
	}
	return n
}
