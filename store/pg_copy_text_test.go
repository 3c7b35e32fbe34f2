package store

import (
	"context"
	"database/sql"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestAppendCopyValue(t *testing.T) {
	for _, tt := range []struct {
		in   any
		want string
	}{
		{nil, `\N`},
		{"", ``},
		{"Acme Inc", `Acme Inc`},
		{"a\tb\nc\rd\\e", `a\tb\nc\rd\\e`},
		{`\N`, `\\N`}, // the text \N, not NULL
		{"Café «Ü»", "Café «Ü»"},
		{int64(-123456), `-123456`},
		{int64(9223372036854775807), `9223372036854775807`},
		{12.5, `12.5`},
		{0.1, `0.1`},
		{1e21, `1e+21`},
	} {
		got, err := appendCopyValue(nil, tt.in)
		if err != nil || string(got) != tt.want {
			t.Errorf("appendCopyValue(%#v) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := appendCopyValue(nil, true); err == nil {
		t.Error("appendCopyValue(true) gave no error")
	}
}

// TestCopyFeed: two batches of rows (two values and the source's id),
// read in pieces smaller than a row, then the end; each buffer read is
// given back.
func TestCopyFeed(t *testing.T) {
	feed, free := make(chan []byte, 2), make(chan []byte, 2)
	for _, vals := range [][]any{{"D1", int64(7), "D2", nil}, {"D\t3", 2.5}} {
		b, err := appendCopyRows(nil, vals, 2, int64(5))
		if err != nil {
			t.Fatal(err)
		}
		feed <- b
	}
	close(feed)
	got, err := io.ReadAll(iotest.OneByteReader(&copyFeed{feed: feed, free: free}))
	if want := "D1\t7\t5\nD2\t\\N\t5\nD\\t3\t2.5\t5\n"; string(got) != want || err != nil {
		t.Errorf("copyFeed = %q, %v; want %q", got, err, want)
	}
	if len(free) != 2 {
		t.Errorf("%d buffers given back, want 2", len(free))
	}
	if _, err := appendCopyRows(nil, []any{"D1", true}, 2, nil); err == nil {
		t.Error("appendCopyRows of a bool gave no error")
	}
}

func TestCopyStatement(t *testing.T) {
	got := copyStatement("deals", []string{"id", "name", "hash"})
	if want := `COPY "deals" ("id", "name", "hash") FROM STDIN`; got != want {
		t.Errorf("copyStatement = %s, want %s", got, want)
	}
}

// TestBulkImportKeepsText: the bulk path into an empty table (on
// PostgreSQL, the COPY in text format) keeps the text that COPY's format
// escapes, NULL for a cost not given, and a fractional discount, on both
// engines.
func TestBulkImportKeepsText(t *testing.T) { forEngines(t, testBulkImportKeepsText) }

func testBulkImportKeepsText(t *testing.T, open opener) {
	ctx := context.Background()
	db := open(t)
	csv := "id,name,customer_id,owner,team,stage,type,amount,cost,discount,currency,created_at,closed_at\n" +
		"D1,\"tab\there\",C1,ann,east,won,new,1200.50,100,12.5,USD,2026-01-05,2026-02-01\n" +
		"D2,\"two\nlines\",C1,ann,east,open,,300,,,USD,2026-01-06,\n" +
		"D3,back\\slash \\N,C2,bob,west,lost,,0.07,,0.1,USD,2026-01-07,2026-01-20\n"
	res, err := db.Import(ctx, strings.NewReader(csv), ImportOptions{File: "deals.csv", Kind: KindDeals})
	if err != nil || res.Rows != 3 {
		t.Fatalf("import: %d rows, %v", res.Rows, err)
	}
	type deal struct {
		name     string
		amount   int64
		cost     sql.NullInt64
		discount sql.NullFloat64
	}
	// Amounts in cents: 1200.50 → 120050, 300 → 30000, 0.07 → 7; cost 100 → 10000.
	want := map[string]deal{
		"D1": {"tab\there", 120050, sql.NullInt64{Int64: 10000, Valid: true}, sql.NullFloat64{Float64: 12.5, Valid: true}},
		"D2": {"two\nlines", 30000, sql.NullInt64{}, sql.NullFloat64{}},
		"D3": {`back\slash \N`, 7, sql.NullInt64{}, sql.NullFloat64{Float64: 0.1, Valid: true}},
	}
	rows, err := db.db.QueryContext(ctx, `SELECT id, name, amount, cost, discount FROM deals ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id string
		var d deal
		if err := rows.Scan(&id, &d.name, &d.amount, &d.cost, &d.discount); err != nil {
			t.Fatal(err)
		}
		if d != want[id] {
			t.Errorf("deal %s = %+v, want %+v", id, d, want[id])
		}
		n++
	}
	if err := rows.Err(); err != nil || n != 3 {
		t.Errorf("%d deals read, %v", n, err)
	}
}
