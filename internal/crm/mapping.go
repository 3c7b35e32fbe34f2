package crm

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// MapColumns maps a header row onto the canonical fields of kind.
//
// kind "" detects the kind from the headers: a stage column (or a won or
// status flag) with a deal id makes deals; otherwise date, amount and
// channel columns make spend (date and amount suffice when nothing else
// fits, so the error can name the missing channel); otherwise a stage
// column makes deals, and an id column customers. preset "" recognises a
// CRM only when the header set is unmistakably its export (see
// DetectPreset). overrides are field → header; they win over every alias,
// and may also name a flag ("won", "closed", "status").
//
// Among several columns that match one field, the one whose alias comes
// first in the alias list wins (preset aliases before generic ones), so
// "Customer ID" beats "Account Name", and "Amount" beats "Amount in company
// currency" unless the file has no currency column: then the company
// currency amount is the one whose currency is known.
func MapColumns(header []string, kind row.Kind, preset string, overrides map[string]string) (Columns, error) {
	return Mapping{Kind: kind, Preset: preset, Map: overrides}.Columns(header)
}

// Mapping is what the user said about a file's columns: its kind, its CRM,
// the header of a field (Map) and the value of every row (Set).
type Mapping struct {
	Kind   row.Kind
	Preset string
	Map    map[string]string // field → header
	Set    map[string]string // field → the value of every row (a column the file lacks)
	IDFrom []string          // the headers an id is built from (a file without an id column)
}

// Columns maps a header row onto the canonical fields, as MapColumns does,
// with m.Set giving constant fields: they count as carried (also for
// detecting the kind), and replace a column of the same field, with a
// warning.
func (m Mapping) Columns(header []string) (Columns, error) {
	kind, preset, overrides := m.Kind, m.Preset, m.Map
	if preset != "" {
		p, err := ParsePreset(preset)
		if err != nil {
			return Columns{}, err
		}
		preset = p
	} else {
		preset = DetectPreset(header)
	}
	keys := make([]string, len(header))
	for i, h := range header {
		keys[i] = HeaderKey(h)
	}

	detected := false
	if kind == "" {
		k, err := detectKind(header, keys, preset, overrides, m.Set, len(m.IDFrom) > 0)
		if err != nil {
			return Columns{}, err
		}
		kind, detected = k, true
	} else if Fields(kind) == nil {
		return Columns{}, fmt.Errorf("unknown kind %q: use deals, customers, spend, churn-events or subscriptions", kind)
	}

	c := matchColumns(header, keys, kind, preset)
	matchFallbacks(&c, keys)
	if err := applyOverrides(&c, keys, overrides); err != nil {
		return Columns{}, err
	}
	if err := applySets(&c, m.Set); err != nil {
		return Columns{}, err
	}
	if err := applyIDFrom(&c, keys, m.IDFrom); err != nil {
		return Columns{}, err
	}
	if err := checkRequired(c); err != nil {
		if detected {
			return Columns{}, &GuessedKind{Kind: kind, Err: err}
		}
		return Columns{}, err
	}
	c.Warnings = append(c.Warnings, repeatWarnings(c, keys)...)
	c.Ignored = ignored(c)
	return c, nil
}

// matchColumns maps header keys onto the fields and flags of kind by alias,
// without overrides or checks.
func matchColumns(header, keys []string, kind row.Kind, preset string) Columns {
	c := Columns{
		Kind:   kind,
		Preset: preset,
		Index:  map[string]int{},
		Flags:  map[string]int{},
		Header: header,
	}
	p := presetNamed(preset)
	if len(p.Ignore) > 0 {
		// Headers the CRM uses for something else match no field.
		keys = slices.Clone(keys)
		for i, k := range keys {
			for _, ig := range p.Ignore {
				if k == HeaderKey(ig) {
					keys[i] = ""
				}
			}
		}
	}
	for _, f := range Fields(kind) {
		if i, ok := firstMatch(keys, aliasesFor(kind, preset, f)); ok {
			c.Index[f] = i
		} else if i, ok := patternMatch(p, f, header, keys); ok {
			c.Index[f] = i
		}
	}
	if kind == row.KindDeals {
		for _, f := range FlagNames() {
			if i, ok := firstMatch(keys, flagAliasesFor(preset, f)); ok {
				c.Flags[f] = i
			}
		}
		// A column read as a flag is not also a stage label.
		if s, ok := c.Index["stage"]; ok {
			for _, i := range c.Flags {
				if i == s {
					delete(c.Index, "stage")
				}
			}
		}
		// "Amount in company currency" is in the company's one currency;
		// "Amount" is in each deal's own currency, which only a currency
		// column can tell. Without one, the company currency amount wins.
		if _, hasCur := c.Index["currency"]; !hasCur {
			if i, ok := firstMatch(keys, companyCurrencyAmount); ok {
				c.Index["amount"] = i
			}
		}
	}
	return c
}

// patternMatch returns the first column whose header the preset's Pattern
// says is field f's.
func patternMatch(p *Preset, f string, header, keys []string) (int, bool) {
	if p.Pattern == nil {
		return 0, false
	}
	for i, k := range keys {
		if k != "" && p.Pattern(f, header[i], k) {
			return i, true
		}
	}
	return 0, false
}

// firstMatch returns the column whose key equals the earliest alias.
func firstMatch(keys, aliases []string) (int, bool) {
	for _, a := range aliases {
		ak := HeaderKey(a)
		for i, k := range keys {
			if k == ak && k != "" {
				return i, true
			}
		}
	}
	return 0, false
}

func applyOverrides(c *Columns, keys []string, overrides map[string]string) error {
	names := make([]string, 0, len(overrides))
	for f := range overrides {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		h := overrides[f]
		field := strings.ToLower(strings.TrimSpace(f))
		isFlag := c.Kind == row.KindDeals && contains(FlagNames(), field)
		if !contains(Fields(c.Kind), field) && !isFlag {
			choices := Fields(c.Kind)
			if c.Kind == row.KindDeals {
				choices = append(choices, FlagNames()...)
			}
			return &FieldError{Field: f, Value: h, Kind: c.Kind, Fields: choices}
		}
		col := -1
		hk := HeaderKey(h)
		for i, k := range keys {
			if k == hk && k != "" {
				col = i
				break
			}
		}
		if col < 0 {
			return &NoColumnError{Field: f, Header: h, Columns: c.Header}
		}
		if isFlag {
			c.Flags[field] = col
		} else {
			c.Index[field] = col
			if field == "stage" {
				// The user chose the stage label column: a flag read from
				// that same column would be a misreading.
				for n, i := range c.Flags {
					if i == col {
						delete(c.Flags, n)
					}
				}
			}
		}
	}
	return nil
}

// repeatWarnings names the repeated headers among the columns that are
// read; the first of a repeated name wins.
func repeatWarnings(c Columns, keys []string) []Warning {
	used := c.used()
	var out []Warning
	for i, k := range keys {
		if !used[i] || k == "" {
			continue
		}
		for j := i + 1; j < len(keys); j++ {
			if keys[j] == k {
				out = append(out, Warning{Column: j + 1, Header: c.Header[j], First: i + 1})
			}
		}
	}
	return out
}

// ignored lists the headers of the columns no field reads; a column
// without a header (a spreadsheet's index, one a --header skips) as
// "(column N)".
func ignored(c Columns) []string {
	used := c.used()
	var out []string
	for i, h := range c.Header {
		switch {
		case used[i]:
		case strings.TrimSpace(h) == "":
			out = append(out, fmt.Sprintf("(column %d)", i+1))
		default:
			out = append(out, h)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
