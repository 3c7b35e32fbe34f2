package crm

import (
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// What a file must carry to be read as its kind, and what the error says
// when it does not (docs/import.md, "Files nearly right").

// checkRequired returns a *MissingColumns naming every required field the
// mapping lacks and what was looked for.
func checkRequired(c Columns) error {
	missing := missingFields(c)
	if len(missing) == 0 {
		return nil
	}
	e := &MissingColumns{Kind: c.Kind, Headers: c.Header}
	used := c.used()
	for _, f := range missing {
		e.Missing = append(e.Missing, Missing{Field: f, LookedFor: lookedFor(c.Kind, c.Preset, f),
			Closest: closest(c.Header, used, f, aliasesFor(c.Kind, c.Preset, f))})
	}
	if contains(missing, "id") {
		e.Advice = presetNamed(c.Preset).MissingID
		e.IDFrom = idColumns(c)
	}
	return e
}

func missingFields(c Columns) []string {
	var missing []string
	for _, f := range Required(c.Kind) {
		if _, ok := c.Index[f]; ok {
			continue
		}
		if _, ok := c.Consts[f]; ok {
			continue
		}
		if f == "id" && len(c.IDFrom) > 0 {
			continue
		}
		if f == "stage" {
			_, won := c.Flags["won"]
			_, status := c.Flags["status"]
			if won || status {
				continue
			}
		}
		missing = append(missing, f)
	}
	return missing
}

// lookedFor lists the aliases of f, at most eight, for an error message.
func lookedFor(kind row.Kind, preset, f string) string {
	var out []string
	seen := map[string]bool{}
	for _, a := range aliasesFor(kind, preset, f) {
		a = strings.ToLower(a)
		if seen[a] {
			continue
		}
		seen[a] = true
		out = append(out, a)
	}
	if len(out) > 8 {
		out = append(out[:8], "…")
	}
	return strings.Join(out, ", ")
}
