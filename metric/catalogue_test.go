package metric

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCategories(t *testing.T) {
	want := []string{"cycle-time", "prospects", "win-rate", "revenue", "margin", "cac", "retention", "churn", "expansion"}
	if diff := cmp.Diff(want, Categories()); diff != "" {
		t.Errorf("Categories() mismatch (-want +got):\n%s", diff)
	}
}

func TestMetricsOrder(t *testing.T) {
	// DESIGN.md §4's table, top to bottom.
	want := []string{
		"avg-cycle-days", "median-cycle-days", "new-deals", "pipeline-value", "win-rate",
		"revenue", "avg-deal-size", "gross-margin", "discounted-deals", "avg-discount",
		"cac", "spend", "new-customers", "retention-rate", "churn-rate", "churned-customers",
		"expansion-revenue", "expansion-deals",
	}
	var got []string
	for _, m := range Metrics() {
		got = append(got, m.ID)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Metrics() ids mismatch (-want +got):\n%s", diff)
	}
}

func TestMetricProperties(t *testing.T) {
	tests := []struct {
		id          string
		category    string
		unit        Unit
		better      Direction
		accumulates bool
		companyOnly bool
		rate        bool
	}{
		{"avg-cycle-days", "cycle-time", UnitDays, Lower, false, false, false},
		{"median-cycle-days", "cycle-time", UnitDays, Lower, false, false, false},
		{"new-deals", "prospects", UnitCount, Higher, true, false, false},
		{"pipeline-value", "prospects", UnitCurrency, Higher, true, false, false},
		{"win-rate", "win-rate", UnitPercent, Higher, false, false, true},
		{"revenue", "revenue", UnitCurrency, Higher, true, false, false},
		{"avg-deal-size", "revenue", UnitCurrency, Higher, false, false, false},
		{"gross-margin", "margin", UnitPercent, Higher, false, false, true},
		{"discounted-deals", "margin", UnitCount, Lower, true, false, false},
		{"avg-discount", "margin", UnitPercent, Lower, false, false, true},
		{"cac", "cac", UnitCurrency, Lower, false, true, false},
		{"spend", "cac", UnitCurrency, Lower, true, true, false},
		{"new-customers", "cac", UnitCount, Higher, true, false, false},
		{"retention-rate", "retention", UnitPercent, Higher, false, false, true},
		{"churn-rate", "churn", UnitPercent, Lower, true, false, true},
		{"churned-customers", "churn", UnitCount, Lower, true, false, false},
		{"expansion-revenue", "expansion", UnitCurrency, Higher, true, false, false},
		{"expansion-deals", "expansion", UnitCount, Higher, true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			m, ok := Lookup(tt.id)
			if !ok {
				t.Fatalf("Lookup(%q) found nothing", tt.id)
			}
			if got, want := m.Category, tt.category; got != want {
				t.Errorf("Category = %q, want %q", got, want)
			}
			if got, want := m.Unit, tt.unit; got != want {
				t.Errorf("Unit = %q, want %q", got, want)
			}
			if got, want := m.Better, tt.better; got != want {
				t.Errorf("Better = %q, want %q", got, want)
			}
			if got, want := m.Accumulates, tt.accumulates; got != want {
				t.Errorf("Accumulates = %v, want %v", got, want)
			}
			if got, want := m.CompanyOnly, tt.companyOnly; got != want {
				t.Errorf("CompanyOnly = %v, want %v", got, want)
			}
			if got, want := m.IsRate(), tt.rate; got != want {
				t.Errorf("IsRate() = %v, want %v", got, want)
			}
			if m.Description == "" {
				t.Error("Description is empty")
			}
		})
	}
	if got, want := len(Metrics()), len(tests); got != want {
		t.Errorf("len(Metrics()) = %d, want %d", got, want)
	}
}

func TestPrimaryAndInCategory(t *testing.T) {
	tests := []struct {
		category    string
		wantPrimary string // "" when the category is unknown
		wantIDs     []string
	}{
		{"cycle-time", "avg-cycle-days", []string{"avg-cycle-days", "median-cycle-days"}},
		{"prospects", "new-deals", []string{"new-deals", "pipeline-value"}},
		{"win-rate", "win-rate", []string{"win-rate"}},
		{"revenue", "revenue", []string{"revenue", "avg-deal-size"}},
		{"margin", "gross-margin", []string{"gross-margin", "discounted-deals", "avg-discount"}},
		{"cac", "cac", []string{"cac", "spend", "new-customers"}},
		{"retention", "retention-rate", []string{"retention-rate"}},
		{"churn", "churn-rate", []string{"churn-rate", "churned-customers"}},
		{"expansion", "expansion-revenue", []string{"expansion-revenue", "expansion-deals"}},
		{"pipeline", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.category, func(t *testing.T) {
			m, ok := Primary(tt.category)
			if got, want := ok, tt.wantPrimary != ""; got != want {
				t.Fatalf("Primary(%q) ok = %v, want %v", tt.category, got, want)
			}
			if got, want := m.ID, tt.wantPrimary; got != want {
				t.Errorf("Primary(%q) = %q, want %q", tt.category, got, want)
			}
			var ids []string
			for _, m := range InCategory(tt.category) {
				ids = append(ids, m.ID)
			}
			if diff := cmp.Diff(tt.wantIDs, ids); diff != "" {
				t.Errorf("InCategory(%q) mismatch (-want +got):\n%s", tt.category, diff)
			}
		})
	}
}

func TestLookupUnknown(t *testing.T) {
	for _, id := range []string{"", "Revenue", "margin", "churn"} {
		t.Run(id, func(t *testing.T) {
			if m, ok := Lookup(id); ok {
				t.Errorf("Lookup(%q) = %+v, want nothing", id, m)
			}
		})
	}
}

func TestCatalogueIsCopied(t *testing.T) {
	Metrics()[0].ID = "changed"
	Categories()[0] = "changed"
	if m := Metrics()[0]; m.ID != "avg-cycle-days" {
		t.Errorf("Metrics()[0].ID = %q after a caller changed its copy", m.ID)
	}
	if c := Categories()[0]; c != "cycle-time" {
		t.Errorf("Categories()[0] = %q after a caller changed its copy", c)
	}
}

func TestStringers(t *testing.T) {
	if got, want := Higher.String(), "higher"; got != want {
		t.Errorf("Higher.String() = %q, want %q", got, want)
	}
	if got, want := Lower.String(), "lower"; got != want {
		t.Errorf("Lower.String() = %q, want %q", got, want)
	}
	if got, want := UnitCurrency.String(), "currency"; got != want {
		t.Errorf("UnitCurrency.String() = %q, want %q", got, want)
	}
}
