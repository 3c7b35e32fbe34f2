package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/salesgoal/salesgoal/internal/crm"
)

// fuzzSeeds adds every CSV under the given testdata folders as a seed:
// the sample exports and the hostile inputs of testdata/bad.
func fuzzSeeds(f *testing.F, add func([]byte)) {
	f.Helper()
	for _, glob := range []string{"../testdata/*.csv", "../testdata/bad/*", "../testdata/crm/*/*.csv", "../cmd/demodata/*.csv"} {
		names, err := filepath.Glob(glob)
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			if len(b) > 16<<10 {
				b = b[:16<<10] // the fuzzer mutates small inputs best
			}
			add(b)
		}
	}
}

// seedFuzzDB is the data every input is imported over, so that "a refused
// file writes nothing" is checked against rows that exist.
const seedFuzzDB = "id,customer_id,stage,amount,created_at,closed_at\nF-1,FC-1,Closed Won,100,2027-01-02,2027-01-20\n"

// resetFuzzDB empties the database and imports the seed again.
func resetFuzzDB(t *testing.T, db *DB) {
	ctx := context.Background()
	for _, table := range []string{"deals", "customers", "spend", "imports"} {
		if _, err := db.db.ExecContext(ctx, `DELETE FROM `+table); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Import(ctx, strings.NewReader(seedFuzzDB), ImportOptions{File: "seed.csv"}); err != nil {
		t.Fatal(err)
	}
}

func dumpFuzzDB(t *testing.T, db *DB) string {
	var b bytes.Buffer
	if err := Dump(context.Background(), db.path, &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// FuzzImport imports whole files through DB.Import on a real database.
// Properties: no panic; an error is a FileError, or an ErrInvalidRow whose
// problems each name the file and a line; a refused file writes nothing;
// an accepted file imported again changes no row (it round-trips through
// the database).
func FuzzImport(f *testing.F) {
	fuzzSeeds(f, func(b []byte) { f.Add(b, false) })
	f.Add([]byte("id,stage\nD-1,Won\n"), true)
	f.Add([]byte("date;channel;amount\n2027-01-02;Ads;1.234,50\n"), true)
	// One database per fuzzing process, shared by its inputs: opening a
	// fresh one for each input would cost more than the import.
	db := MustOpen(f)
	f.Fuzz(func(t *testing.T, data []byte, skipInvalid bool) {
		ctx := context.Background()
		resetFuzzDB(t, db)
		before := dumpFuzzDB(t, db)
		const name = "fuzz.csv"
		opts := ImportOptions{File: name, SkipInvalid: skipInvalid}
		res, err := db.Import(ctx, bytes.NewReader(data), opts)
		if err != nil {
			checkImportError(t, err, res, name)
			if after := dumpFuzzDB(t, db); after != before {
				t.Fatalf("a refused file changed the database: %v", err)
			}
			return
		}
		if got := res.Inserted + res.Updated + res.Unchanged; got != res.Rows {
			t.Fatalf("inserted %d + updated %d + unchanged %d != %d rows", res.Inserted, res.Updated, res.Unchanged, res.Rows)
		}
		for _, p := range res.Problems {
			checkRowError(t, p, name)
		}
		// Importing the same file again is a no-op on the data.
		data1 := dataTables(dumpFuzzDB(t, db))
		res2, err := db.Import(ctx, bytes.NewReader(data), opts)
		if err != nil {
			t.Fatalf("an accepted file is refused the second time: %v", err)
		}
		if res2.Inserted != 0 || (res2.Updated != 0 && !skipInvalid) {
			t.Fatalf("importing the same file again inserted %d, updated %d", res2.Inserted, res2.Updated)
		}
		if data2 := dataTables(dumpFuzzDB(t, db)); data2 != data1 && !skipInvalid {
			t.Fatalf("importing the same file again changed rows:\n%s\n----\n%s", data1, data2)
		}
	})
}

// dataTables is a dump without the import log, which every import adds to.
func dataTables(dump string) string {
	if i := strings.Index(dump, "table imports "); i >= 0 {
		j := strings.Index(dump[i+1:], "\ntable ")
		if j < 0 {
			return dump[:i]
		}
		return dump[:i] + dump[i+1+j+1:]
	}
	return dump
}

func checkImportError(t *testing.T, err error, res ImportResult, file string) {
	t.Helper()
	var fe *crm.FileError
	switch {
	case errors.As(err, &fe):
		if fe.File != file {
			t.Fatalf("FileError names %q, want %q: %v", fe.File, file, err)
		}
		if !errors.Is(err, crm.ErrInvalidFile) {
			t.Fatalf("FileError does not unwrap to ErrInvalidFile: %v", err)
		}
	case errors.Is(err, crm.ErrInvalidRow):
		if res.ProblemCount == 0 || len(res.Problems) == 0 {
			t.Fatalf("refused as invalid rows, but no problem listed: %v", err)
		}
		for _, p := range res.Problems {
			checkRowError(t, p, file)
		}
	default:
		t.Fatalf("not an import error (crm.FileError or crm.ErrInvalidRow): %T %v", err, err)
	}
}

func checkRowError(t *testing.T, p *crm.RowError, file string) {
	t.Helper()
	var re *crm.RowError
	if !errors.As(error(p), &re) || !errors.Is(p, crm.ErrInvalidRow) {
		t.Fatalf("problem %v does not unwrap to crm.ErrInvalidRow", p)
	}
	if p.File != file || p.Line < 2 {
		t.Fatalf("problem %q names file %q line %d: want %q and a line after the header", p, p.File, p.Line, file)
	}
	if p.Column != "" && !strings.Contains(p.Error(), `column "`) {
		t.Fatalf("problem %q does not name its column %q", p, p.Column)
	}
}

// FuzzMapColumns maps arbitrary header rows for each kind. Properties: no
// panic; every mapped column is within the header; an error is a sentence;
// the mapping of a header does not depend on how often it is asked for.
func FuzzMapColumns(f *testing.F) {
	fuzzSeeds(f, func(b []byte) {
		line, _, _ := bytes.Cut(b, []byte("\n"))
		f.Add(string(line))
	})
	f.Fuzz(func(t *testing.T, line string) {
		if !utf8.ValidString(line) {
			return // the import decodes text to UTF-8 before mapping
		}
		header := strings.Split(strings.TrimRight(line, "\r"), ",")
		for _, kind := range []crm.Kind{"", crm.KindDeals, crm.KindCustomers, crm.KindSpend} {
			c, err := crm.MapColumns(header, kind, "", nil)
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
			again, err := crm.MapColumns(header, c.Kind, c.Preset, nil)
			if err != nil {
				t.Fatalf("MapColumns(%q) gave kind %q, preset %q, but with those given: %v", header, c.Kind, c.Preset, err)
			}
			if len(again.Index) != len(c.Index) {
				t.Fatalf("MapColumns(%q): %v, then with kind and preset given %v", header, c.Index, again.Index)
			}
		}
	})
}
