package crm

import (
	"maps"
	"slices"
	"strings"

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
	Built         bool // an id built from the columns Header names, joined by "+" (Options.IDFrom)
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
	DateOrder DateOrder // the order used for non-ISO dates; DateAuto when every date was ISO or they mix patterns
	DateNote  string    // how the order was decided, for the user
	// DatePatterns: the order of each pattern of date, when the file mixes
	// patterns ("20/03/2023" and "08-20-2024"), in the order met.
	DatePatterns []PatternOrder
	Shape        Shape // encoding, delimiter and decimal comma as read

	Rows               int64            // valid rows read
	Won, Lost, Open    int64            // stages of the valid deal rows
	WonValue           map[string]int64 // currency → sum of the won deals' amounts, minor units
	Currencies         map[string]int64 // currency → valid deal rows in it
	OpenWithoutCreated int64            // open deals without created_at: they count in no period
	OpenLabels         map[string]int64 // the CRM's stage labels read as open, and how many deals carry each
	Unusual            Unusual          // values kept that are unusual (unusual.go)

	// The deal lines of the file whose stage could be read, valid or not,
	// and the won value of those whose amount could be read: what the
	// file holds, beside what is imported when invalid lines are skipped.
	FileWon, FileLost, FileOpen int64
	FileWonValue                map[string]int64
}

// Understood returns what the reader understood of its file and counted
// in the rows converted so far.
func (r *Reader) Understood() Understood {
	u := r.understood
	u.DateOrder = r.dates.Order
	if u.DateOrder == DateAuto {
		if o, note, ok := r.dates.Detected.Single(); ok && len(r.dates.Detected.Patterns) > 0 {
			u.DateOrder, u.DateNote = o, note
		} else if !ok {
			u.DatePatterns = slices.Clone(r.dates.Detected.Patterns)
		}
	}
	u.WonValue = maps.Clone(u.WonValue)
	u.Currencies = maps.Clone(u.Currencies)
	u.OpenLabels = maps.Clone(u.OpenLabels)
	u.FileWonValue = maps.Clone(u.FileWonValue)
	u.Unusual.UnknownTypes = maps.Clone(u.Unusual.UnknownTypes)
	for _, l := range []*Lines{&u.Unusual.CloseBeforeCreate, &u.Unusual.ClosedWithoutCreated, &u.Unusual.NegativeAmount} {
		l.First = slices.Clone(l.First)
	}
	return u
}

// understand describes the header of a file.
func understand(file string, c Columns, shape Shape) Understood {
	u := Understood{File: file, Kind: c.Kind, Preset: c.Preset, Shape: shape,
		Warnings: append([]Warning(nil), c.Warnings...), Ignored: append([]string(nil), c.Ignored...),
		WonValue: map[string]int64{}, Currencies: map[string]int64{}, OpenLabels: map[string]int64{}, FileWonValue: map[string]int64{},
		Unusual: Unusual{UnknownTypes: map[string]int64{}}}
	for _, f := range Fields(c.Kind) {
		if f == "id" && len(c.IDFrom) > 0 {
			u.Columns = append(u.Columns, ColumnUse{Field: f, Header: strings.Join(c.IDFromHeaders(), "+"), Built: true})
		}
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

// countInFile counts a deal line of the file, valid or not, whose stage
// was read; its amount counts in the won value when it was read.
func (u *Understood) countInFile(stage string, d *row.Deal, amountOK bool) {
	switch stage {
	case row.StageWon:
		u.FileWon++
		if amountOK && len(u.FileWonValue) < memoMax {
			u.FileWonValue[d.Currency] += d.Amount
		}
	case row.StageLost:
		u.FileLost++
	default:
		u.FileOpen++
	}
}
