package metric

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

func TestFormatValue(t *testing.T) {
	revenue, _ := Lookup("revenue")
	winRate, _ := Lookup("win-rate")
	cycle, _ := Lookup("avg-cycle-days")
	deals, _ := Lookup("new-deals")
	tests := []struct {
		name string
		m    Metric
		v    float64
		want string
	}{
		{"money to the cent with separators", revenue, 1234567.125, "1,234,567.13"},
		{"money whole", revenue, 120000, "120,000.00"},
		{"money under a thousand", revenue, 999.5, "999.50"},
		{"negative money", revenue, -1234.5, "-1,234.50"},
		{"rate one decimal", winRate, 32.54, "32.5%"},
		{"rate whole", winRate, 25, "25%"},
		{"days", cycle, 41.25, "41.3 days"},
		{"count", deals, 12, "12"},
		{"count fraction", deals, 129.64, "129.6"},
		{"tiny negative is 0", deals, -0.01, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatValue(tt.m, tt.v); got != tt.want {
				t.Errorf("FormatValue(%s, %v) = %q, want %q", tt.m.ID, tt.v, got, tt.want)
			}
		})
	}
}

func TestThousands(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0", "0"}, {"999", "999"}, {"1000", "1,000"}, {"123456", "123,456"},
		{"1234567.89", "1,234,567.89"}, {"-1000.5", "-1,000.5"},
	}
	for _, tt := range tests {
		if got := Thousands(tt.in); got != tt.want {
			t.Errorf("Thousands(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMoneyUpToTheLimitPrintsExactly: a sum of minor units up to the limit
// on sums (row.MaxMoney, docs/import.md) becomes a value in major units
// (float64(sum)/100, as the catalogue computes it) that a table prints,
// and JSON writes (rounded to the cent, then the shortest form), exactly.
func TestMoneyUpToTheLimitPrintsExactly(t *testing.T) {
	revenue, _ := Lookup("revenue")
	r := rand.New(rand.NewPCG(18, 18))
	sums := []int64{row.MaxMoney, row.MaxMoney - 1, -row.MaxMoney, 999_999_999_999_999, 1, 0, 5, 10_000_000_000_005}
	for range 20000 {
		sums = append(sums, r.Int64N(row.MaxMoney+1), row.MaxMoney-r.Int64N(1_000_000))
	}
	for _, c := range sums {
		v := float64(c) / 100
		if got, want := FormatValue(revenue, v), row.FormatMoney(c); got != want {
			t.Fatalf("%d minor units print as %s, want %s", c, got, want)
		}
		json := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
		want := strings.TrimSuffix(strings.TrimRight(strings.ReplaceAll(row.FormatMoney(c), ",", ""), "0"), ".")
		if json != want {
			t.Fatalf("%d minor units write as %s in JSON, want %s", c, json, want)
		}
	}
}
