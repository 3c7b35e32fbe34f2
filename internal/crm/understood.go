package crm

import (
	"maps"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// ColumnUse says which header of the file feeds a canonical field: Header,
// else Else in turn when its cell is empty; or, for a constant of
// Options.Set, the constant Value.
type ColumnUse struct {
	Field, Header string
	Else          []string
	Value         string
	Const         bool
}

// Understood is what reading a file understood of it and counted in it,
// for the "what I understood" summary.
type Understood struct {
	File      string
	Kind      row.Kind
	Preset    string
	Columns   []ColumnUse // in the order of Fields(Kind), then the stage flags
	Ignored   []string    // headers that feed no field
	Warnings  []Warning
	DateOrder DateOrder // the order used for non-ISO dates; DateAuto when every date was ISO
	DateNote  string    // how the order was decided, for the user
	Shape     Shape     // encoding, delimiter and decimal comma as read

	Rows               int64            // valid rows read
	Won, Lost, Open    int64            // stages of the valid deal rows
	WonValue           map[string]int64 // currency → sum of the won deals' amounts, minor units
	Currencies         map[string]int64 // currency → valid deal rows in it
	OpenWithoutCreated int64            // open deals without created_at: they count in no period
	OpenLabels         map[string]int64 // the CRM's stage labels read as open, and how many deals carry each
}

// Understood returns what the reader understood of its file and counted
// in the rows converted so far.
func (r *Reader) Understood() Understood {
	u := r.understood
	u.DateOrder = r.dates.Order
	u.WonValue = maps.Clone(u.WonValue)
	u.Currencies = maps.Clone(u.Currencies)
	u.OpenLabels = maps.Clone(u.OpenLabels)
	return u
}

// understand describes the header of a file.
func understand(file string, c Columns, shape Shape) Understood {
	u := Understood{File: file, Kind: c.Kind, Preset: c.Preset, Shape: shape,
		Warnings: append([]Warning(nil), c.Warnings...), Ignored: append([]string(nil), c.Ignored...),
		WonValue: map[string]int64{}, Currencies: map[string]int64{}, OpenLabels: map[string]int64{}}
	for _, f := range Fields(c.Kind) {
		if i, ok := c.Index[f]; ok {
			use := ColumnUse{Field: f, Header: c.Header[i]}
			for _, j := range c.Fallbacks[f] {
				use.Else = append(use.Else, c.Header[j])
			}
			u.Columns = append(u.Columns, use)
		}
		if v, ok := c.Consts[f]; ok {
			u.Columns = append(u.Columns, ColumnUse{Field: f, Value: v, Const: true})
		}
	}
	for _, flag := range FlagNames() {
		if i, ok := c.Flags[flag]; ok {
			u.Columns = append(u.Columns, ColumnUse{Field: "stage(" + flag + ")", Header: c.Header[i]})
		}
	}
	return u
}

// count counts a valid row.
func (u *Understood) count(k row.Kind, x *row.Row) {
	u.Rows++
	if k != row.KindDeals {
		return
	}
	d := &x.Deal
	if len(u.Currencies) < memoMax || u.Currencies[d.Currency] > 0 {
		u.Currencies[d.Currency]++
	}
	switch d.Stage {
	case row.StageWon:
		u.Won++
		if len(u.WonValue) < memoMax {
			u.WonValue[d.Currency] += d.Amount
		}
	case row.StageLost:
		u.Lost++
	default:
		u.Open++
		if d.CreatedAt == "" {
			u.OpenWithoutCreated++
		}
		if l := d.StageLabel; l != "" && (len(u.OpenLabels) < memoMax || u.OpenLabels[l] > 0) {
			u.OpenLabels[l]++
		}
	}
}
