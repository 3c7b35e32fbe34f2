package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	sqlite3 "modernc.org/sqlite/lib"
)

// rawConnOf returns the SQLite connection beneath one of db's connections,
// held until the test ends.
func rawConnOf(t *testing.T, db *DB) rawConn {
	t.Helper()
	conn, err := db.db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	var c rawConn
	var ok bool
	if err := conn.Raw(func(dc any) error { c, ok = rawOf(dc); return nil }); err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Fatal("rawOf does not know the driver's connection: imports take the driver's slower path")
	}
	return c
}

func TestRawOfOthers(t *testing.T) {
	for _, v := range []any{nil, 42, &struct{ db, tls int }{}, (*struct{ db uintptr })(nil)} {
		if _, ok := rawOf(v); ok {
			t.Errorf("rawOf(%T) took it for a connection", v)
		}
	}
}

// TestRawExec binds every kind of value beneath the driver, twice through
// one statement, and reads back what SQLite stored.
func TestRawExec(t *testing.T) {
	db := MustOpen(t)
	if _, err := db.db.Exec(`CREATE TABLE t (a TEXT, b TEXT, c INTEGER, d REAL, e TEXT CHECK (e <> 'bad'), f BLOB)`); err != nil {
		t.Fatal(err)
	}
	c := rawConnOf(t, db)
	st, err := c.prepare(`INSERT INTO t VALUES (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	for _, vals := range [][]any{
		{"Zoë", "", int64(-7), 2.5, nil, []byte{0, 1, 'x'}, "x", "a longer text, with a comma", int64(1) << 40, 0.0, "e", []byte(nil)},
		{"", "", int64(0), -1.25, "ok", []byte{}, "ü", "y", nil, nil, "", []byte("blob")},
	} {
		n, err := st.exec(vals)
		if err != nil || n != 2 {
			t.Fatalf("exec: %d rows, %v", n, err)
		}
	}
	// A refused row: the statement's rows are left out, the error names
	// SQLite's reason, and nothing is held for the next run.
	if _, err := st.exec([]any{"r", "", int64(1), 1.0, "fine", nil, "s", "", int64(2), 2.0, "bad", nil}); err == nil || !strings.Contains(err.Error(), "CHECK constraint failed") {
		t.Fatalf("a refused row: %v", err)
	}
	var got bytes.Buffer
	rows, err := db.db.Query(`SELECT quote(a), quote(b), quote(c), quote(d), quote(e), quote(f) FROM t ORDER BY rowid`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var a, b, c, d, e, f string
		if err := rows.Scan(&a, &b, &c, &d, &e, &f); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&got, a, b, c, d, e, f)
	}
	rows.Close()
	want := `'Zoë' '' -7 2.5 NULL X'000178'
'x' 'a longer text, with a comma' 1099511627776 0.0 'e' NULL
'' '' 0 -1.25 'ok' X''
'ü' 'y' NULL NULL '' X'626C6F62'
`
	if got.String() != want {
		t.Errorf("stored:\n%s\nwant:\n%s", got.String(), want)
	}
}

// TestRawErrorFault: an error beneath the driver names the same fault as
// the driver's error of the same code would.
func TestRawErrorFault(t *testing.T) {
	for _, tc := range []struct {
		code int32
		want error
	}{
		{sqlite3.SQLITE_FULL, ErrDiskFull},
		{sqlite3.SQLITE_IOERR_WRITE, ErrDiskIO},
		{sqlite3.SQLITE_BUSY, ErrBusy},
		{sqlite3.SQLITE_READONLY, ErrReadOnly},
		{sqlite3.SQLITE_CORRUPT, ErrDamaged},
		{sqlite3.SQLITE_CONSTRAINT_CHECK, nil},
	} {
		err := fmt.Errorf("import: %w", &rawError{code: tc.code, msg: "said SQLite"})
		if got := Fault(err); got != tc.want {
			t.Errorf("code %d: Fault %v, want %v", tc.code, got, tc.want)
		}
		if tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("code %d: not %v", tc.code, tc.want)
		}
	}
}

var stamp = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`)

// TestRawSameAsDriver imports the same files beneath the driver and
// through it: the databases hold the same rows.
func TestRawSameAsDriver(t *testing.T) {
	deals := "id,name,customer_id,owner,team,stage,type,amount,cost,discount,currency,created_at,closed_at\n"
	// two full batches and a part, in statements of 32, 16 and 2 rows; 300
	// customers, whose first won days take a full upsert and a part
	for i := range 450 {
		closed, discount := "", ""
		if i%3 != 2 { // won and lost deals close; open ones not yet
			closed = fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%28)
		}
		if i%4 == 0 {
			discount = "12.5"
		}
		deals += fmt.Sprintf("D-%d,Deal ½ %d,C-%d,%s,east,%s,new,%d.25,,%s,USD,2024-%02d-01,%s\n",
			i, i, i%300, []string{"ann", "", "Zoë"}[i%3], []string{"Closed Won", "Closed Lost", "Proposal"}[i%3], 1000+i, discount, 1+i%12, closed)
	}
	changed := strings.ReplaceAll(deals, ",east,", ",west,")
	// The rollups' changes spill, and are read back, on both paths.
	defer func(b int) { spillBudget = b }(spillBudget)
	spillBudget = 300
	dump := func(raw bool) string {
		beneathDriver = raw
		defer func() { beneathDriver = true }()
		db := MustOpen(t)
		for _, csv := range []string{deals, changed} {
			if _, err := db.Import(context.Background(), strings.NewReader(csv), ImportOptions{File: "deals.csv", Kind: KindDeals}); err != nil {
				t.Fatal(err)
			}
		}
		var b bytes.Buffer
		if err := Dump(context.Background(), db.Path(), &b); err != nil {
			t.Fatal(err)
		}
		// The times of the import log and of the migrations differ from
		// run to run.
		var keep []string
		for _, l := range strings.Split(b.String(), "\n") {
			if !strings.Contains(l, "deals.csv") && !stamp.MatchString(l) {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	beneath, through := dump(true), dump(false)
	if beneath != through {
		bl, tl := strings.Split(beneath, "\n"), strings.Split(through, "\n")
		for i := range min(len(bl), len(tl)) {
			if bl[i] != tl[i] {
				t.Logf("line %d: beneath %q, through %q", i, bl[i], tl[i])
			}
		}
		t.Errorf("beneath the driver:\n%.3000s\nthrough it:\n%.3000s", beneath, through)
	}
	if !strings.Contains(beneath, "Deal ½ 449") || !strings.Contains(beneath, "west") {
		t.Errorf("the dump lacks the rows:\n%.2000s", beneath)
	}
}
