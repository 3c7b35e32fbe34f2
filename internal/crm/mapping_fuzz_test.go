package crm

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/salesgoal/salesgoal/internal/samples"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// FuzzMapColumns maps arbitrary header rows for each kind. Properties: no
// panic; every mapped column is within the header; an error is a sentence;
// the mapping of a header does not depend on how often it is asked for.
func FuzzMapColumns(f *testing.F) {
	// The headers of the sample exports and of the hostile inputs.
	files, err := samples.Files("../..", 1<<20)
	if err != nil {
		f.Fatal(err)
	}
	for _, b := range files {
		line, _, _ := bytes.Cut(b, []byte("\n"))
		f.Add(string(line))
	}
	f.Fuzz(func(t *testing.T, line string) {
		if !utf8.ValidString(line) {
			return // the import decodes text to UTF-8 before mapping
		}
		header := strings.Split(strings.TrimRight(line, "\r"), ",")
		for _, kind := range []row.Kind{"", row.KindDeals, row.KindCustomers, row.KindSpend} {
			c, err := MapColumns(header, kind, "", nil)
			if err != nil {
				if strings.TrimSpace(err.Error()) == "" {
					t.Fatalf("MapColumns(%q, %q): an empty error", header, kind)
				}
				continue
			}
			for field, i := range c.Index {
				if i < 0 || i >= len(header) {
					t.Fatalf("MapColumns(%q, %q): field %s at column %d, outside the header", header, kind, field, i)
				}
			}
			for flag, i := range c.Flags {
				if i < 0 || i >= len(header) {
					t.Fatalf("MapColumns(%q, %q): flag %s at column %d, outside the header", header, kind, flag, i)
				}
			}
			if kind != "" && c.Kind != kind {
				t.Fatalf("MapColumns(%q, %q) gave kind %q", header, kind, c.Kind)
			}
			again, err := MapColumns(header, c.Kind, c.Preset, nil)
			if err != nil {
				t.Fatalf("MapColumns(%q) gave kind %q, preset %q, but with those given: %v", header, c.Kind, c.Preset, err)
			}
			if len(again.Index) != len(c.Index) {
				t.Fatalf("MapColumns(%q): %v, then with kind and preset given %v", header, c.Index, again.Index)
			}
		}
	})
}
