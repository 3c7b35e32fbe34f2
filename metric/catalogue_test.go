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
	// the table of docs/metrics.md, top to bottom.
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

// TestMetricNeedsAndBasis pins what each metric rests on and what it says
// when the data holds none of its inputs: the Measurable check of
// docs/goals.md reads both from the catalogue.
func TestMetricNeedsAndBasis(t *testing.T) {
	a := Aggregates{
		Won: 1, Lost: 2, WonMoney: 3, NewDeals: 4, WonWithCost: 5, WonWithDiscount: 6,
		NewCustomers: 7, CustomersStart: 8, Expansion: 9,
	}
	tests := []struct {
		id      string
		basis   int64
		noun    string
		missing string
		fatal   bool
	}{
		{"avg-cycle-days", 1, "deals won", "the data holds no won deals: import deals with a won stage and close dates", true},
		{"median-cycle-days", 1, "deals won", "the data holds no won deals: import deals with a won stage and close dates", true},
		{"new-deals", 4, "deals created", "the data holds no deals with a created date: import deals with a created_at column", true},
		{"pipeline-value", 4, "deals created", "the data holds no deals with a created date: import deals with a created_at column", true},
		{"win-rate", 3, "deals closed", "the data holds no won or lost deals: import deals with their stage and close dates", true},
		{"revenue", 3, "deals won", "the data holds no won deals: import deals with a won stage and close dates", true},
		{"avg-deal-size", 3, "deals won", "the data holds no won deals: import deals with a won stage and close dates", true},
		{"gross-margin", 5, "won deals with a cost", "no deal has a cost, so gross margin cannot be computed: import deals with a cost column", true},
		{"discounted-deals", 6, "won deals with a discount given", "no deal has a discount: import deals with a discount column", true},
		{"avg-discount", 6, "won deals with a discount given", "no deal has a discount: import deals with a discount column", true},
		{"cac", 7, "new customers", "there are no spend rows, so CAC cannot be computed: import a spend file (date, amount, channel)", true},
		{"spend", -1, "", "there are no spend rows: import a spend file (date, amount, channel)", true},
		{"new-customers", 7, "new customers", "no customer has an acquisition date: import customers or won deals with a customer", true},
		{"retention-rate", 8, "customers at the start", "no customer has an acquisition date: import customers or won deals with a customer", true},
		{"churn-rate", 8, "customers at the start", "no customer has a churn date, so churn cannot be measured: import customers with a churned_at column", true},
		{"churned-customers", 8, "customers at the start", "no customer has a churn date, so churn cannot be measured: import customers with a churned_at column", true},
		{"expansion-revenue", 9, "expansion deals won", "the data holds no won deals: import deals with a won stage and close dates", true},
		{"expansion-deals", 9, "expansion deals won", "the data holds no won deals: import deals with a won stage and close dates", true},
	}
	everything := Inputs{Deals: 1, ClosedDeals: 1, WonDeals: 1, DealsWithCost: 1, DealsWithDiscount: 1, SpendRows: 1, Customers: 1, ChurnedCustomers: 1}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			m, _ := Lookup(tt.id)
			if n, noun := m.RestsOn(a); n != tt.basis || noun != tt.noun {
				t.Errorf("RestsOn = %d %q, want %d %q", n, noun, tt.basis, tt.noun)
			}
			if reason, fatal := m.Missing(Inputs{}); reason != tt.missing || fatal != tt.fatal {
				t.Errorf("Missing(nothing) = %q, %v; want %q, %v", reason, fatal, tt.missing, tt.fatal)
			}
			if reason, _ := m.Missing(everything); reason != "" {
				t.Errorf("Missing(everything) = %q, want none", reason)
			}
		})
	}
	if got, want := len(Metrics()), len(tests); got != want {
		t.Errorf("len(Metrics()) = %d, want %d", got, want)
	}
}

// TestMissingInOrder checks that a metric with several needs names the
// first one the data lacks, and that retention without churn dates is a
// dull value rather than no value.
func TestMissingInOrder(t *testing.T) {
	cac, _ := Lookup("cac")
	if reason, fatal := cac.Missing(Inputs{SpendRows: 3}); !fatal || reason != "no customer has an acquisition date, so CAC has nothing to divide by: import customers or won deals with a customer" {
		t.Errorf("cac with spend but no customers: %q, fatal %v", reason, fatal)
	}
	retention, _ := Lookup("retention-rate")
	if reason, fatal := retention.Missing(Inputs{Customers: 3}); fatal || reason != "no customer has a churn date, so retention reads 100% whatever happens: import customers with a churned_at column" {
		t.Errorf("retention without churn dates: %q, fatal %v", reason, fatal)
	}
}

// TestOtherCurrency checks which money metrics count the deals in another
// currency that they leave out, for the footnote of `metrics`.
func TestOtherCurrency(t *testing.T) {
	a := Aggregates{Won: 5, WonMoney: 4, NewDeals: 9, NewDealsMoney: 7, Expansion: 2, ExpansionMoney: 2}
	got := map[string]int64{}
	for _, m := range Metrics() {
		if n := m.OtherCurrency(a); n != 0 {
			got[m.ID] = n
		}
	}
	want := map[string]int64{"pipeline-value": 2, "revenue": 1, "avg-deal-size": 1, "gross-margin": 1}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("OtherCurrency mismatch (-want +got):\n%s", diff)
	}
}
