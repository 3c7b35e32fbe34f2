package rollup

import (
	"context"
	"math"
	"slices"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// Loader reads the stored blobs, all from one consistent snapshot of the
// database (one read transaction).
type Loader interface {
	// Keys reads every key and its counters.
	Keys(ctx context.Context) (*Keys, error)
	// Days calls fn with the blob of every stored day from from to to, in
	// order; the blob is valid only during fn.
	Days(ctx context.Context, from, to Day, fn func(Day, []byte) error) error
	// All calls fn with every blob of a kind.
	All(ctx context.Context, kind Kind, fn func(id int64, blob []byte) error) error
	// Range calls fn with every blob of a kind whose id is from from to
	// to, in order; the blob is valid only during fn.
	Range(ctx context.Context, kind Kind, from, to int64, fn func(id int64, blob []byte) error) error
	// Carried is the record of the fields each kind's files carried.
	Carried(ctx context.Context) (map[string][]string, error)
	// Rates reads the exchange rates held of the currencies curs dated
	// from from to to, and of each the last rate before from and the first
	// after to (docs/metrics.md, "Several currencies").
	Rates(ctx context.Context, curs []string, from, to Day) ([]row.Rate, error)
}

// View is the rollups a measurement reads: the keys, every customer cell,
// the series and the undated counts, read once; the days are read by each
// pass over them.
type View struct {
	load      Loader
	keys      *Keys
	info      []keyInfo
	customers []custEntry
	later     [][]Interval // the later intervals of the customer cells that have some
	series    []dayCount   // open deals without a close date, by created day, sorted
	undated   undated
	spend     spendRows
	carried   map[string][]string
	pairs     [][2]string // each pair's owner and team
	conv      Conversion  // how money in other currencies is converted
	// rates are those of the days from ratesFrom to ratesTo (with the
	// last before and the first after), read when a pass first needs them
	// (needRates).
	rates              *Rates
	ratesFrom, ratesTo Day
}

// needRates reads, when the view converts, the rates a pass over [from,
// to] needs, unless it has them: those of the currencies of its keys and
// of the database's (every rate a conversion between them can use:
// directly, turned round, or through a third currency both are quoted
// in), dated in the range (with the latest policy's as-of day), and of
// each the last before and the first after it. A history of rates is thus
// read a period at a time, not whole.
func (v *View) needRates(ctx context.Context, from, to Day) error {
	if !v.conv.On {
		return nil
	}
	if v.conv.Policy == Latest {
		from, to = min(from, v.conv.AsOf), max(to, v.conv.AsOf)
	}
	if v.rates != nil {
		if from >= v.ratesFrom && to <= v.ratesTo {
			return nil
		}
		from, to = min(from, v.ratesFrom), max(to, v.ratesTo)
	}
	curs := []string{v.conv.Currency}
	for _, k := range v.info {
		if k.Currency != "" && !slices.Contains(curs, k.Currency) {
			curs = append(curs, k.Currency)
		}
	}
	rs, err := v.load.Rates(ctx, curs, from, to)
	if err != nil {
		return err
	}
	if v.rates, err = NewRates(rs); err != nil {
		return err
	}
	v.ratesFrom, v.ratesTo = from, to
	return nil
}

// custEntry is a customer cell as a measurement keeps it: 20 bytes, its
// later intervals (Lifecycle) apart in View.later (later: their index
// there plus one; 0 for none).
type custEntry struct {
	key          KeyID
	acq, churned Day
	n            int32
	later        int32
}

type span struct{ from, to Day }

type dayCount struct {
	day Day
	n   int64
}

// keyInfo is a key's owner, team and currency, as the view compares them.
type keyInfo struct {
	Key
	pair int32 // the number of its owner and team, the same for every currency
}

// NewView reads the keys, customers, series and undated counts through
// load, and is ready to read days.
func NewView(ctx context.Context, load Loader) (*View, error) {
	v := &View{load: load, undated: undated{}, spend: spendRows{}}
	var err error
	if v.keys, err = load.Keys(ctx); err != nil {
		return nil, err
	}
	pair, first := pairsOf(v.keys)
	for _, f := range first {
		k := v.keys.Key(f)
		v.pairs = append(v.pairs, [2]string{k.Owner, k.Team})
	}
	for i, p := range pair {
		v.info = append(v.info, keyInfo{Key: v.keys.Key(KeyID(i)), pair: p})
	}
	var n int
	for k := range v.keys.Len() {
		n += int(v.keys.Counters(KeyID(k)).Acquired)
	}
	v.customers = make([]custEntry, 0, n) // at most one cell a customer
	err = load.All(ctx, KindCustomers, func(_ int64, blob []byte) error {
		return eachCustomer(blob, func(k custKey, n int64) {
			var later int32
			if k.later != "" {
				v.later = append(v.later, decodeLater(k.acq, k.later))
				later = int32(len(v.later))
			}
			for n > 0 { // a cell of more customers than an int32 holds is split
				c := min(n, math.MaxInt32)
				v.customers = append(v.customers, custEntry{k.key, k.acq, k.churned, int32(c), later})
				n -= c
			}
		})
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
		case MiscSpend:
			return v.spend.decode(blob)
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

// eachDay calls fn with the blob of every stored day of [from, to], in
// order, read as it goes: the blob is valid only during fn. Nothing of the
// days is kept, so a measurement's memory does not grow with the days it
// reads; each pass reads its days again, in the one read transaction.
func (v *View) eachDay(ctx context.Context, from, to Day, fn func(Day, []byte) error) error {
	if to < from {
		return nil
	}
	return v.load.Days(ctx, from, to, fn)
}
