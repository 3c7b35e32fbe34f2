package cmd

import (
	"errors"
	"testing"
)

func TestPeriodFlagsSpec(t *testing.T) {
	tests := []struct {
		name  string
		flags periodFlags
		want  string
		usage bool
	}{
		{"none", periodFlags{}, "", false},
		{"period", periodFlags{period: "2027-Q1"}, "2027-Q1", false},
		{"quarter of the as-of year", periodFlags{quarter: "Q2"}, "Q2", false},
		{"quarter with year", periodFlags{quarter: "Q2", year: "2028"}, "2028-Q2", false},
		{"month", periodFlags{month: "2027-03"}, "2027-03", false},
		{"week", periodFlags{week: "2027-W05"}, "2027-W05", false},
		{"year", periodFlags{year: "2027"}, "2027", false},
		{"period and quarter", periodFlags{period: "2027", quarter: "Q1"}, "", true},
		{"month and year", periodFlags{month: "2027-03", year: "2027"}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.flags.spec()
			var ue usageError
			if gotUsage := errors.As(err, &ue); gotUsage != tt.usage {
				t.Fatalf("spec() error = %v, want usage error: %v", err, tt.usage)
			}
			if got != tt.want {
				t.Errorf("spec() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestGoalID(t *testing.T) {
	tests := []struct {
		arg  string
		want int64
		ok   bool
	}{
		{"3", 3, true},
		{"#12", 12, true},
		{"0", 0, false},
		{"-1", 0, false},
		{"x", 0, false},
		{"3abc", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			got, err := goalID(tt.arg)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("goalID(%q) = %d, %v; want %d, ok %v", tt.arg, got, err, tt.want, tt.ok)
			}
		})
	}
}
