package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm"
	"github.com/salesgoal/salesgoal/internal/importer"
	"github.com/salesgoal/salesgoal/store"
)

// reading is how a file is read, as the flags that say it: what an import
// remembers of a source when its file needed flags, so that next week's
// export with the same columns imports with none (docs/import.md,
// "Sources"). The JSON is what the database keeps.
type reading struct {
	Kind         string   `json:"kind,omitempty"`
	Preset       string   `json:"preset,omitempty"`
	Map          []string `json:"map,omitempty"`
	Set          []string `json:"set,omitempty"`
	Stage        []string `json:"stage,omitempty"`
	Type         []string `json:"type,omitempty"`
	DateFormat   string   `json:"date-format,omitempty"`
	Header       string   `json:"header,omitempty"`
	IDFrom       string   `json:"id-from,omitempty"`
	Currency     string   `json:"currency,omitempty"`
	Encoding     string   `json:"encoding,omitempty"`
	DecimalComma bool     `json:"decimal-comma,omitempty"`
}

func (r reading) empty() bool { return r.flags() == "" }

// flags writes the reading as the command line would: `--map
// id='Deal Ref' --stage Delivered=lost`.
func (r reading) flags() string {
	var out []string
	add := func(flag string, values ...string) {
		for _, v := range values {
			if v != "" {
				out = append(out, flag+" "+shellQuote(v))
			}
		}
	}
	add("--kind", r.Kind)
	add("--preset", r.Preset)
	add("--header", r.Header)
	add("--map", r.Map...)
	add("--id-from", r.IDFrom)
	add("--set", r.Set...)
	add("--stage", r.Stage...)
	add("--type", r.Type...)
	add("--date-format", r.DateFormat)
	add("--currency", r.Currency)
	add("--encoding", r.Encoding)
	if r.DecimalComma {
		out = append(out, "--decimal-comma")
	}
	return strings.Join(out, " ")
}

// merge returns the reading of a file whose source was last read as saved,
// with the flags given on the command line: each given flag overrides the
// remembered one of the same field or label, and the rest of saved
// applies. used is what of saved applied.
func merge(saved, given reading) (merged, used reading) {
	used = saved
	// A field given a column, a value or an id built from columns drops
	// what saved said of that field.
	fields := map[string]bool{}
	for _, m := range append(append([]string(nil), given.Map...), given.Set...) {
		f, _, _ := strings.Cut(m, "=")
		fields[strings.ToLower(strings.TrimSpace(f))] = true
	}
	if given.IDFrom != "" {
		fields["id"] = true
	}
	byField := func(m string) string {
		f, _, _ := strings.Cut(m, "=")
		return strings.ToLower(strings.TrimSpace(f))
	}
	used.Map = keep(saved.Map, func(m string) bool { return !fields[byField(m)] })
	used.Set = keep(saved.Set, func(m string) bool { return !fields[byField(m)] })
	if fields["id"] {
		used.IDFrom = ""
	}
	labels := func(given []string) func(string) bool {
		seen := map[string]bool{}
		for _, g := range given {
			seen[labelKey(g)] = true
		}
		return func(s string) bool { return !seen[labelKey(s)] }
	}
	used.Stage = keep(saved.Stage, labels(given.Stage))
	used.Type = keep(saved.Type, labels(given.Type))
	for _, p := range []struct{ used, given *string }{
		{&used.Kind, &given.Kind}, {&used.Preset, &given.Preset}, {&used.DateFormat, &given.DateFormat},
		{&used.Header, &given.Header}, {&used.Currency, &given.Currency}, {&used.Encoding, &given.Encoding},
	} {
		if *p.given != "" {
			*p.used = ""
		}
	}
	if given.IDFrom != "" {
		used.IDFrom = ""
	}
	if given.DecimalComma {
		used.DecimalComma = false
	}
	merged = reading{
		Kind: or(given.Kind, used.Kind), Preset: or(given.Preset, used.Preset),
		Map: append(used.Map, given.Map...), Set: append(used.Set, given.Set...),
		Stage: append(used.Stage, given.Stage...), Type: append(used.Type, given.Type...),
		DateFormat: or(given.DateFormat, used.DateFormat), Header: or(given.Header, used.Header),
		IDFrom: or(given.IDFrom, used.IDFrom), Currency: or(given.Currency, used.Currency),
		Encoding: or(given.Encoding, used.Encoding), DecimalComma: given.DecimalComma || used.DecimalComma,
	}
	return merged, used
}

// labelKey is the label of a --stage or --type value, folded.
func labelKey(s string) string {
	if i := strings.LastIndexByte(s, '='); i >= 0 {
		s = s[:i]
	}
	return crm.HeaderKey(s)
}

func keep(list []string, ok func(string) bool) []string {
	var out []string
	for _, s := range list {
		if ok(s) {
			out = append(out, s)
		}
	}
	return out
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// readingOf works out how to import the open file f: the flags given,
// over the reading remembered for its source, which it says it applied.
// The file is left at its start.
func readingOf(ctx context.Context, opts *importOptions, db *store.DB, f io.ReadSeeker, display string) (importer.Options, error) {
	sig, err := crm.ReadSignature(f, opts.given.Encoding, opts.given.Header != "")
	if err != nil {
		return importer.Options{}, fmt.Errorf("read %s: %w", display, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return importer.Options{}, fmt.Errorf("read %s: %w", display, err)
	}
	merged, used := opts.given, reading{}
	if sig.Key != "" {
		text, err := db.Reading(ctx, sig.Key)
		if err != nil {
			return importer.Options{}, err
		}
		var saved reading
		if text != "" && json.Unmarshal([]byte(text), &saved) == nil {
			merged, used = merge(saved, opts.given)
		}
	}
	o, err := merged.options()
	if err != nil {
		return o, err
	}
	if !used.empty() {
		sayf(opts.env.Stderr, "%s: read as last time (flags: %s)\n", display, used.flags())
	}
	o.DryRun, o.SkipInvalid, o.Replace = opts.dryRun, opts.skipInvalid, opts.replace
	if sig.Key != "" {
		o.Source = &store.SourceSpec{Signature: sig.Key, Header: sig.Header}
		if !merged.empty() {
			b, _ := json.Marshal(merged)
			o.Source.Reading = string(b)
		}
	}
	return o, nil
}

// forgetRun drops the readings remembered for the files' sources and
// imports nothing.
func forgetRun(ctx context.Context, opts *importOptions) error {
	db, err := opts.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, name := range opts.files {
		f, _, display, err := openInput(name, opts.env.Stdin)
		if err != nil {
			return withHint(fmt.Errorf("%s: %w", name, err), "check the file name")
		}
		sig, err := crm.ReadSignature(f, "", false)
		f.Close()
		if err != nil {
			return fmt.Errorf("read %s: %w", display, err)
		}
		text := ""
		if sig.Key != "" {
			if text, err = db.Forget(ctx, sig.Key); err != nil {
				return err
			}
		}
		var saved reading
		if text == "" || json.Unmarshal([]byte(text), &saved) != nil {
			sayf(opts.env.Stderr, "%s: nothing was remembered for its columns\n", display)
			continue
		}
		sayf(opts.env.Stderr, "%s: forgot how its columns were read (flags: %s); the next import reads it with the flags it is given\n", display, saved.flags())
	}
	return nil
}
