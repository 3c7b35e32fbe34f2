package metric

import "testing"

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
