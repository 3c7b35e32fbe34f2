package cmd

import (
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm"
	"github.com/salesgoal/salesgoal/internal/importer"
)

// options checks a reading and turns it into the options a file is
// imported with. A bad value is wrong usage (exit status 2).
func (r reading) options() (importer.Options, error) {
	var t importer.Options
	var err error
	if r.Kind != "" {
		if t.Kind, err = crm.ParseKind(r.Kind); err != nil {
			return t, usagef("--kind: %v", err)
		}
	}
	if t.Preset, err = crm.ParsePreset(r.Preset); err != nil {
		return t, usagef("--preset: %v", err)
	}
	if len(r.Map) > 0 {
		t.Map = map[string]string{}
		for _, m := range r.Map {
			field, header, ok := strings.Cut(m, "=")
			field, header = strings.TrimSpace(field), strings.TrimSpace(header)
			if !ok || field == "" || header == "" {
				return t, usagef("--map %q: write it as field=Header, e.g. --map id=\"Deal ID\"", m)
			}
			if err := crm.CheckField(field, false); err != nil {
				return t, usagef("--map %q: %v", m, err)
			}
			if _, dup := t.Map[field]; dup {
				return t, usagef("--map: %s is mapped twice", field)
			}
			t.Map[field] = header
		}
	}
	if len(r.Set) > 0 {
		t.Set = map[string]string{}
		for _, m := range r.Set {
			field, value, ok := strings.Cut(m, "=")
			field, value = strings.TrimSpace(field), strings.TrimSpace(value)
			if !ok || field == "" || value == "" {
				return t, usagef("--set %q: write it as field=value, e.g. --set stage=won", m)
			}
			if err := crm.CheckField(field, true); err != nil {
				return t, usagef("--set %q: %v", m, err)
			}
			if _, dup := t.Set[field]; dup {
				return t, usagef("--set: %s is set twice", field)
			}
			if err := crm.CheckConst(field, value); err != nil {
				return t, usageError{textError{causeText(err), err}}
			}
			if _, dup := t.Map[field]; dup {
				return t, usagef("--set %s and --map %s: give the field a column or a value, not both", field, field)
			}
			t.Set[field] = value
		}
	}
	if r.Header != "" {
		if t.Header, err = parseNames("--header", r.Header, true); err != nil {
			return t, err
		}
	}
	if r.IDFrom != "" {
		if t.IDFrom, err = parseNames("--id-from", r.IDFrom, false); err != nil {
			return t, err
		}
		if _, dup := t.Map["id"]; dup {
			return t, usagef("--id-from and --map id: give the id a column or build it from columns, not both")
		}
	}
	if t.Stages, err = parseStages(r.Stage); err != nil {
		return t, err
	}
	if t.Types, err = parseTypes(r.Type); err != nil {
		return t, err
	}
	if r.Currency != "" {
		cur := strings.ToUpper(strings.TrimSpace(r.Currency))
		if len(cur) != 3 || strings.Trim(cur, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return t, usagef("--currency %q: give a three-letter currency code such as USD or EUR", r.Currency)
		}
		t.Currency = cur
	}
	if t.DateOrder, err = crm.ParseDateOrder(r.DateFormat); err != nil {
		return t, usagef("--date-format: %v", err)
	}
	if t.Encoding, err = crm.ParseEncoding(r.Encoding); err != nil {
		return t, usagef("--encoding: %v", err)
	}
	t.DecimalComma = r.DecimalComma
	return t, nil
}

// parseStages reads the --stage values, LABEL=won|lost|open each.
func parseStages(flags []string) (crm.StageRules, error) {
	var rules crm.StageRules
	for _, s := range flags {
		i := strings.LastIndexByte(s, '=')
		if i < 0 {
			return crm.StageRules{}, usagef("--stage %q: write LABEL=won, LABEL=lost or LABEL=open", s)
		}
		label, stage := strings.TrimSpace(s[:i]), strings.ToLower(strings.TrimSpace(s[i+1:]))
		if crm.HeaderKey(label) == "" {
			return crm.StageRules{}, usagef("--stage %q: the label before = is empty", s)
		}
		if !crm.IsStage(stage) {
			return crm.StageRules{}, usagef("--stage %q: %q is not won, lost or open", s, s[i+1:])
		}
		rules.Add(label, stage)
	}
	return rules, nil
}

// parseTypes reads the --type values, LABEL=new|upsell|cross-sell|renewal
// each.
func parseTypes(flags []string) (crm.TypeRules, error) {
	var rules crm.TypeRules
	for _, s := range flags {
		i := strings.LastIndexByte(s, '=')
		if i < 0 {
			return nil, usagef("--type %q: write LABEL=new, LABEL=upsell, LABEL=cross-sell or LABEL=renewal", s)
		}
		label := strings.TrimSpace(s[:i])
		if crm.HeaderKey(label) == "" {
			return nil, usagef("--type %q: the label before = is empty", s)
		}
		t, err := crm.ParseType(s[i+1:])
		if err != nil || t == "" {
			return nil, usagef("--type %q: %q is not new, upsell, cross-sell or renewal", s, s[i+1:])
		}
		rules.Add(label, t)
	}
	return rules, nil
}

// parseNames reads a comma-separated list of column names. In a --header
// (skip), "_" or an empty name skips a column.
func parseNames(flag, list string, skip bool) ([]string, error) {
	names := strings.Split(list, ",")
	named := 0
	for i, n := range names {
		n = strings.TrimSpace(n)
		if n == "_" && skip {
			n = ""
		}
		if n == "" && !skip {
			return nil, usagef("%s %q: name %d is empty: write the headers separated by commas", flag, list, i+1)
		}
		if n != "" {
			named++
		}
		names[i] = n
	}
	if named == 0 {
		return nil, usagef("%s %q: no column is named", flag, list)
	}
	return names, nil
}
