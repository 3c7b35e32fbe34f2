package crm

import (
	"slices"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// detectKind decides the kind of a file from its header (docs/import.md: "the
// kind is detected from the headers").
func detectKind(header, keys []string, preset string, overrides, sets map[string]string, idFrom bool) (row.Kind, error) {
	m := map[row.Kind]Columns{}
	for _, k := range Kinds() {
		c := matchColumns(header, keys, k, preset)

		// Overrides count for detection where they name a field of k; an
		// override that does not fit k is reported once the kind is known.
		for f, h := range overrides {
			field := strings.ToLower(strings.TrimSpace(f))
			if !contains(Fields(k), field) && !(k == row.KindDeals && contains(FlagNames(), field)) {
				continue
			}
			hk := HeaderKey(h)
			for i, key := range keys {
				if key == hk && key != "" {
					if contains(FlagNames(), field) {
						c.Flags[field] = i
					} else {
						c.Index[field] = i
					}
					break
				}
			}
		}
		m[k] = c
	}
	has := func(k row.Kind, f string) bool {
		_, ok := m[k].Index[f]
		_, set := sets[f]
		return ok || set && contains(Fields(k), f) || f == "id" && idFrom && k != row.KindSpend
	}
	d := m[row.KindDeals]
	_, won := d.Flags["won"]
	_, status := d.Flags["status"]
	stage := has(row.KindDeals, "stage") || won || status
	switch {
	case stage && has(row.KindDeals, "id"):
		return row.KindDeals, nil
	}
	if k, ok := lifecycleKind(keys, has); ok {
		return k, nil
	}
	if err := notAKind(header, keys, has); err != nil {
		return "", notExport{err}
	}
	switch {
	// A spend file may carry a campaign "Status"; with no deal id, date,
	// amount and channel make it spend.
	case has(row.KindSpend, "date") && has(row.KindSpend, "amount") && (has(row.KindSpend, "channel") || !has(row.KindCustomers, "id") && !stage):
		return row.KindSpend, nil
	case stage:
		return row.KindDeals, nil
	case has(row.KindCustomers, "id"):
		return row.KindCustomers, nil
	}

	e := &UnknownKind{Stage: lookedFor(row.KindDeals, preset, "stage"), ID: lookedFor(row.KindCustomers, preset, "id")}
	if has(row.KindSpend, "date") || has(row.KindSpend, "amount") {
		sp := &SpendColumns{}
		for _, f := range Required(row.KindSpend) {
			if has(row.KindSpend, f) {
				if i, ok := m[row.KindSpend].Index[f]; ok {
					sp.Found = append(sp.Found, Found{Field: f, Header: header[i]})
				} else {
					sp.Found = append(sp.Found, Found{Field: f, Const: true})
				}
			} else {
				sp.Missing = append(sp.Missing, Missing{Field: f, LookedFor: lookedFor(row.KindSpend, preset, f)})
			}
		}
		if wide := wideSpendColumns(header, keys); !has(row.KindSpend, "amount") && len(wide) > 0 {
			sp.Wide, sp.Channel = wide, channelName(wide[0])
		}
		e.Spend = sp
	}
	return "", e
}

// lifecycleKind recognises a subscriptions file (a subscription id, a
// customer and a start date) and a churn-events file (a customer and a
// churn date, with an event id or a reactivation column, which a
// customers file never has).
func lifecycleKind(keys []string, has func(row.Kind, string) bool) (row.Kind, bool) {
	col := func(names ...string) bool {
		for _, k := range keys {
			if slices.Contains(names, k) {
				return true
			}
		}
		return false
	}
	if col("subscriptionid", "subscription") && has(row.KindSubscriptions, "customer_id") && has(row.KindSubscriptions, "started_at") {
		return row.KindSubscriptions, true
	}
	if has(row.KindChurnEvents, "customer_id") && has(row.KindChurnEvents, "churned_at") &&
		(col("churneventid", "eventid", "churnid") || has(row.KindChurnEvents, "reactivation") || has(row.KindChurnEvents, "reactivated_at")) {
		return row.KindChurnEvents, true
	}
	return "", false
}
