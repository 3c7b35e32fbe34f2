package sheet

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name, file string
		want       []Line
	}{
		{"every column", "testdata/q1.csv", []Line{
			{Row{Name: "Revenue Q1", Category: "revenue", Metric: "revenue", Period: "2027-Q1", Target: "90000", Commit: "80000", Stretch: "100000", Note: "the quarter's number"}, 2},
			{Row{Name: "Ana January", Category: "revenue", Metric: "revenue", Owner: "Ana Silva", Period: "2027-01", Target: "10000", Parent: "Revenue Q1"}, 3},
			{Row{Name: "Ben January", Category: "revenue", Metric: "revenue", Owner: "Ben Okafor", Period: "2027-01", Target: "+9%", Baseline: "last-year", Parent: "Revenue Q1", Note: "new logo push, then renewals"}, 4},
		}},
		// Excel: a byte order mark, ; between cells, CRLF, capitalised
		// headers, some columns only, and a last line of empty cells.
		{"saved by Excel", "testdata/excel.csv", []Line{
			{Row{Name: "Win more", Category: "win-rate", Period: "2027-Q1", Target: "+5pp"}, 2},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := os.Open(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := Read(f, "plan.csv")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Read (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadRefuses(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"empty", "", []string{`plan.csv:1: the file is empty: a quota sheet starts with a header line (name,category,metric,owner,team,period,target,commit,stretch,baseline,parent,note)`}},
		{"a typo in the header", "name,category,period,traget\nx,revenue,2027-Q1,1\n", []string{
			`plan.csv:1: column "traget": not a column of a quota sheet: the columns are name, category, metric, owner, team, period, target, commit, stretch, baseline, parent, note`,
			`plan.csv:1: column "target": missing: every goal needs a target`,
		}},
		{"no category", "period,target\n2027-Q1,1\n", []string{`plan.csv:1: column "category": missing: every goal needs a category, or a metric`}},
		{"a column twice", "category,period,target,Target\nrevenue,2027-Q1,1,2\n", []string{`plan.csv:1: column "target": given twice: keep one`}},
		// Lines 2 and 4 have a cell too many; line 3 is fine.
		{"cells that do not fit the header", "category,period,target\nrevenue,2027-Q1,1,000\nrevenue,2027-Q2,1000\nrevenue,2027-Q3,1,500\n", []string{
			`plan.csv:2: not as many cells as the header has columns: a cell with a comma in it needs quotes`,
			`plan.csv:4: not as many cells as the header has columns: a cell with a comma in it needs quotes`,
		}},
		{"a stray quote", "category,period,target,note\nrevenue,2027-Q1,1,the \"big\" one\n", []string{
			`plan.csv:2: a quote (") inside a cell that is not quoted: put the cell in quotes and double the quote ("")`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.text), "plan.csv")
			var p Problems
			if !errors.As(err, &p) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v, want Problems matching ErrInvalid", err)
			}
			var got []string
			for _, e := range p {
				got = append(got, e.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWrite: every column in order; a formula is written after a quote,
// and read back as it was.
func TestWrite(t *testing.T) {
	rows := []Row{
		{Name: "Revenue Q1", Category: "revenue", Metric: "revenue", Period: "2027-Q1", Target: "90000", Note: "=HYPERLINK(\"x\")"},
		{Name: "Ben", Category: "win-rate", Metric: "win-rate", Owner: "Ben Okafor", Period: "2027-Q1", Target: "+5pp", Commit: "+3pp", Parent: "Revenue Q1", Note: "one, two"},
	}
	var buf bytes.Buffer
	if err := Write(&buf, rows); err != nil {
		t.Fatal(err)
	}
	want := `name,category,metric,owner,team,period,target,commit,stretch,baseline,parent,note
Revenue Q1,revenue,revenue,,,2027-Q1,90000,,,,,"'=HYPERLINK(""x"")"
Ben,win-rate,win-rate,Ben Okafor,,2027-Q1,+5pp,+3pp,,,Revenue Q1,"one, two"
`
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("Write (-want +got):\n%s", diff)
	}
	back, err := Read(&buf, "plan.csv")
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range back {
		if diff := cmp.Diff(rows[i], l.Row); diff != "" {
			t.Errorf("row %d read back (-want +got):\n%s", i, diff)
		}
	}
	buf.Reset()
	if err := Write(&buf, nil); err != nil || buf.String() != strings.Join(Columns, ",")+"\n" {
		t.Errorf("an empty sheet: %q, %v; want the header alone", buf.String(), err)
	}
}
