package metric

import (
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestPeriodEvery: a period split into the months, quarters or weeks it
// holds; a week or month cut by the period's ends is a range with the
// share of its days.
func TestPeriodEvery(t *testing.T) {
	tests := []struct {
		name    string
		spec    string
		grain   Grain
		fyStart time.Month
		want    []string // label and share, to 4 decimals
	}{
		{"the months of a quarter", "2027-Q1", GrainMonth, time.January,
			[]string{"2027-01 1.0000", "2027-02 1.0000", "2027-03 1.0000"}},
		{"the quarters of an April fiscal year", "2027", GrainQuarter, time.April,
			[]string{"2027-Q1 1.0000", "2027-Q2 1.0000", "2027-Q3 1.0000", "2027-Q4 1.0000"}},
		// 2027-01-01 is a Friday: Friday to Sunday belong to 2026-W53 (3 of
		// its 7 days); W13 runs 03-29..04-04, of which 3 days are in March.
		{"the weeks of a quarter", "2027-Q1", GrainWeek, time.January,
			[]string{"2027-01-01..2027-01-03 0.4286", "2027-W01 1.0000", "2027-W02 1.0000", "2027-W03 1.0000", "2027-W04 1.0000", "2027-W05 1.0000",
				"2027-W06 1.0000", "2027-W07 1.0000", "2027-W08 1.0000", "2027-W09 1.0000", "2027-W10 1.0000", "2027-W11 1.0000", "2027-W12 1.0000",
				"2027-03-29..2027-03-31 0.4286"}},
		// 10 of January's 31 days, and 20 of February's 28.
		{"the months of a range", "2027-01-22..2027-02-20", GrainMonth, time.January,
			[]string{"2027-01-22..2027-01-31 0.3226", "2027-02-01..2027-02-20 0.7143"}},
		{"not a grain to split by", "2027", GrainYear, time.January, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, pc := range parse(t, tt.spec, "2027-01-15", tt.fyStart).Every(tt.grain, tt.fyStart) {
				got = append(got, pc.Period.Label+" "+strconv.FormatFloat(pc.Share, 'f', 4, 64))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Every (-want +got):\n%s", diff)
			}
		})
	}
}
