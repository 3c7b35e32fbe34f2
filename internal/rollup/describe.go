package rollup

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// Describe writes what the stored rollups hold as text, one line a cell,
// lag, month's cycle length, customer cell or key, with keys by name and in an
// order of their own: two databases with the same rollups, however their
// keys were numbered, describe alike. Tests compare descriptions (the
// rollups kept by imports against those built again from the rows);
// firstDays adds the customers' first won days.
func Describe(ctx context.Context, load Loader, firstDays map[string]FirstDay) (string, error) {
	keys, err := load.Keys(ctx)
	if err != nil {
		return "", err
	}
	name := func(k KeyID) string {
		key := keys.Key(k)
		return key.Owner + "/" + key.Team + "/" + key.Currency
	}
	var lines []string
	for i := range keys.Len() {
		if c := keys.Counters(KeyID(i)); c != (Counters{}) {
			lines = append(lines, fmt.Sprintf("key %s %+v", name(KeyID(i)), c))
		}
	}
	err = load.Days(ctx, NoDay+1, 1<<31-1, func(d Day, blob []byte) error {
		cells := newDayCells()
		if err := cells.decode(blob); err != nil {
			return err
		}
		for k, c := range cells.cells {
			if !c.zero() {
				lines = append(lines, fmt.Sprintf("day %s %s %v", d, name(k), *c))
			}
		}
		for k, v := range cells.lags {
			lines = append(lines, fmt.Sprintf("lag %s %s stage %d lag %d: %d deals, %d", d, name(k.key), k.stage, k.lag, v.n, v.amount))
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	err = load.All(ctx, KindCycles, func(id int64, blob []byte) error {
		var bad bool
		err := eachCycle(blob, func(pair KeyID, lag int32, n int64) {
			if bad = bad || int(pair) >= keys.Len(); !bad {
				key := keys.Key(pair) // an owner and team: which of its keys stands for them is the numbering's
				lines = append(lines, fmt.Sprintf("cycles %s %s/%s lag %d: %d deals", MonthStart(int32(id)).String()[:7], key.Owner, key.Team, lag, n))
			}
		})
		if err == nil && bad {
			err = ErrCorrupt
		}
		return err
	})
	if err != nil {
		return "", err
	}
	err = load.All(ctx, KindCustomers, func(_ int64, blob []byte) error {
		return eachCustomer(blob, func(k custKey, n int64) {
			lines = append(lines, fmt.Sprintf("customers %s acquired %s churned %s: %d", name(k.key), k.acq, k.churned, n))
		})
	})
	if err != nil {
		return "", err
	}
	err = load.All(ctx, KindMisc, func(id int64, blob []byte) error {
		switch id {
		case MiscSeries:
			m := dayCounts{}
			err := m.decode(blob)
			for d, n := range m {
				lines = append(lines, fmt.Sprintf("open without a close date, created %s: %d", d, n))
			}
			return err
		case MiscUndated:
			m := undated{}
			err := m.decode(blob)
			for k, n := range m {
				lines = append(lines, fmt.Sprintf("open without a created date %s: %v", name(k), n))
			}
			return err
		case MiscSpend:
			m := spendRows{}
			err := m.decode(blob)
			for k, n := range m {
				lines = append(lines, fmt.Sprintf("spend rows on %s in %s: %d", k.day, name(k.key), n))
			}
			return err
		}
		return fmt.Errorf("%w: misc blob %d", ErrCorrupt, id)
	})
	if err != nil {
		return "", err
	}
	for id, f := range firstDays {
		g := make([]string, len(f.Group))
		for i, e := range f.Group {
			g[i] = fmt.Sprintf("%s: %d deals, %d", name(e.Key), e.N, e.Amount)
		}
		slices.Sort(g)
		lines = append(lines, fmt.Sprintf("first won %s on %s: %d won, untyped %s", id, f.Day, f.Won, strings.Join(g, "; ")))
	}
	slices.SortFunc(lines, cmp.Compare[string])
	return strings.Join(lines, "\n") + "\n", nil
}
