package crm

import (
	"fmt"
	"slices"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// Preset is what salesgoal knows of one CRM's exports. Each CRM has a file
// of its own holding one Preset value (hubspot.go, salesforce.go,
// pipedrive.go), which registers it (var _ = register(Preset{…}));
// generic.go holds the one that every file is read with after its CRM's.
// Adding a CRM is that one file and a testscript importing a real export
// of it (testdata/script/import_crm_NAME.txtar). A preset file holds:
//
//   - Name: the name a user gives the CRM by, in lower case.
//   - Detect: whether a header (as written, and folded by HeaderKey) is
//     unmistakably this CRM's export. Keep it strict: a wrong guess
//     misreads columns, and a header no preset recognises is read with the
//     generic aliases alone.
//   - Aliases: for each kind and field, the CRM's own headers, best first.
//     They are tried before the generic ones, so they also mend what a
//     generic reading gets wrong.
//   - Flags: the headers of the columns that decide a deal's stage: "won"
//     (IsWon), "closed" (IsClosed) and "status" (open, won or lost).
//   - Fallbacks: for a field, the columns read in turn when its own is
//     empty or missing (Pipedrive's won and lost times for closed_at).
//   - Footer: whether the one filled cell of a line, folded by HeaderKey,
//     is a footer of the CRM's reports rather than data.
//   - MissingID: what to do in the CRM when a file lacks the id column.
//   - Pattern: a header that is a field's though no alias names it, for
//     CRMs whose headers follow a rule (Salesforce's "Amount (Net
//     Revenue)", "Legacy_Id__c"); tried after the aliases.
//   - Ignore: headers the CRM's exports carry that look like a field but
//     hold something else (SuiteCRM's "Currency", an internal id).
//   - Status: the values of the CRM's status flag that are not words
//     (Dynamics 365's statecode 0, 1, 2), folded by HeaderKey.
//   - AmountInCents: the CRM writes amounts in minor units (Close).
//
// Fallbacks and Footer apply to every file, its CRM recognised or not: a
// report with custom columns often is not, and neither misreads another
// CRM's file.
type Preset struct {
	Name      string
	Detect    func(header []string, keys map[string]bool) bool
	Aliases   map[row.Kind]map[string][]string
	Flags     map[string][]string
	Fallbacks map[row.Kind]map[string][]string
	Footer    func(key string) bool
	MissingID string
	Pattern   func(field, header, key string) bool
	Ignore    []string
	Status    map[string]string
	// AmountInCents: amounts are written in minor units (Close's "value").
	AmountInCents bool
}

// presets are the CRMs salesgoal knows, sorted by name. A header that two
// of them recognise (no real export does) goes to the later one.
var presets []*Preset

// register adds a CRM's preset to presets; each preset file calls it for
// its own.
func register(p Preset) *Preset {
	i, _ := slices.BinarySearchFunc(presets, p.Name, func(q *Preset, name string) int { return strings.Compare(q.Name, name) })
	presets = slices.Insert(presets, i, &p)
	return &p
}

// Presets lists the preset names.
func Presets() []string {
	names := make([]string, len(presets))
	for i, p := range presets {
		names[i] = p.Name
	}
	return names
}

// ParsePreset reads the name of a preset.
func ParsePreset(s string) (string, error) {
	k := HeaderKey(s)
	if k == "" {
		return "", nil
	}
	if p := presetNamed(k); p.Name != "" {
		return p.Name, nil
	}
	return "", fmt.Errorf("unknown preset %q (choose from: %s)", s, strings.Join(Presets(), ", "))
}

// presetNamed is the preset called name; an empty one for "" or an
// unknown name.
func presetNamed(name string) *Preset {
	for _, p := range presets {
		if p.Name == name {
			return p
		}
	}
	return &Preset{}
}

// DetectPreset recognises a CRM from a header only when the header is
// unmistakably its export (Preset.Detect); otherwise "".
func DetectPreset(header []string) string {
	keys := map[string]bool{}
	for _, h := range header {
		keys[HeaderKey(h)] = true
	}
	for _, p := range slices.Backward(presets) {
		if p.Detect(header, keys) {
			return p.Name
		}
	}
	return ""
}

// aliasesFor lists the headers field f of kind is read from: the preset's,
// then the generic ones.
func aliasesFor(kind row.Kind, preset, f string) []string {
	return append(append([]string(nil), presetNamed(preset).Aliases[kind][f]...), generic.Aliases[kind][f]...)
}

// flagAliasesFor lists the headers of flag column f.
func flagAliasesFor(preset, f string) []string {
	return append(append([]string(nil), presetNamed(preset).Flags[f]...), generic.Flags[f]...)
}

// fallbacksFor lists the fallback columns of every preset for kind, by
// field, in the order of presets.
func fallbacksFor(kind row.Kind) map[string][]string {
	out := map[string][]string{}
	for _, p := range presets {
		for f, as := range p.Fallbacks[kind] {
			out[f] = append(out[f], as...)
		}
	}
	return out
}

// reportFooter reports whether key, the folded text of a line's one filled
// cell, is a footer of some CRM's reports.
func reportFooter(key string) bool {
	for _, p := range presets {
		if p.Footer != nil && p.Footer(key) {
			return true
		}
	}
	return false
}
