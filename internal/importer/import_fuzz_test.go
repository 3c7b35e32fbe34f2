package importer

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/salesgoal/salesgoal/internal/samples"

	"github.com/salesgoal/salesgoal/internal/crm"
	"github.com/salesgoal/salesgoal/store"
)

// fuzzSeeds adds every sample file as a seed: the sample exports and the
// hostile inputs of testdata/bad, cut to 16 KiB (the fuzzer mutates small
// inputs best).
func fuzzSeeds(f *testing.F, add func([]byte)) {
	f.Helper()
	files, err := samples.Files("../..", 16<<10)
	if err != nil {
		f.Fatal(err)
	}
	for _, b := range files {
		add(b)
	}
}

// seedFuzzDB is the data every input is imported over, so that "a refused
// file writes nothing" is checked against rows that exist.
const seedFuzzDB = "id,customer_id,stage,amount,created_at,closed_at\nF-1,FC-1,Closed Won,100,2027-01-02,2027-01-20\n"

// resetFuzzDB empties the database and imports the seed again.
func resetFuzzDB(t *testing.T, db *store.DB) {
	ctx := context.Background()
	for _, table := range []string{"deals", "customers", "spend", "imports"} {
		if _, err := sqlOf(t, db).ExecContext(ctx, `DELETE FROM `+table); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Import(ctx, db, strings.NewReader(seedFuzzDB), Options{File: "seed.csv"}); err != nil {
		t.Fatal(err)
	}
}

func dumpFuzzDB(t *testing.T, db *store.DB) string {
	var b bytes.Buffer
	if err := store.Dump(context.Background(), db.Path(), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// FuzzImport imports whole files through Import on a real database.
// Properties: no panic; an error is a crm.FileError, or an crm.ErrInvalidRow whose
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
		opts := Options{File: name, SkipInvalid: skipInvalid}
		res, err := Import(ctx, db, bytes.NewReader(data), opts)
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
		res2, err := Import(ctx, db, bytes.NewReader(data), opts)
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

func checkImportError(t *testing.T, err error, res Result, file string) {
	t.Helper()
	var fe *crm.FileError
	switch {
	case errors.As(err, &fe):
		if fe.File != file {
			t.Fatalf("crm.FileError names %q, want %q: %v", fe.File, file, err)
		}
		if !errors.Is(err, crm.ErrInvalidFile) {
			t.Fatalf("crm.FileError does not unwrap to crm.ErrInvalidFile: %v", err)
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
