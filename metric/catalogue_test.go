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
		"cac", "spend", "new-customers", "retention-rate", "reactivated-customers", "churn-rate", "churned-customers",
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
		{"reactivated-customers", "retention", UnitCount, Higher, true, false, false},
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
		{"retention", "retention-rate", []string{"retention-rate", "reactivated-customers"}},
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
// when the data holds none of its inputs: metrics, the report, status and
// the Measurable check of docs/goals.md all read it from the catalogue.
func TestMetricNeedsAndBasis(t *testing.T) {
	a := Aggregates{
		Won: 1, Lost: 2, WonMoney: 3, NewDeals: 4, WonWithCost: 5, WonWithDiscount: 6,
		NewCustomers: 7, CustomersStart: 8, Expansion: 9, Reactivated: 10,
	}
	const (
		won       = "the data holds no won deals: import deals with a won stage and close dates"
		dated     = "no deal has a created date: import deals with a created_at column"
		amounts   = "no deals file carried amounts: import deals with an amount column"
		lost      = "no deal was ever lost, so every win rate would read 100%: import deals with their lost stage (--stage maps your CRM's label)"
		discounts = "no deals file carried discounts: import deals with a discount column"
		spend     = "no spend was imported: import a spend file (date, amount, channel)"
		acquired  = "no customer has an acquisition date: import customers or won deals with a customer"
		churn     = "no file carried churn dates: import customers with a churned_at column, churn events or subscriptions"
		costs     = "no deals file carried costs: import deals with a cost column"
	)
	// Deals only, won and lost, dated, with amounts: what a plain CRM
	// export of the pipeline holds (the Maven data set).
	pipeline := Inputs{Carried: map[string][]string{KindDeals: {"id", "stage", "amount", "created_at", "closed_at"}},
		DatedDeals: true, WonDeals: true, LostDeals: true, AcquiredCustomers: true}
	tests := []struct {
		id       string
		basis    int64
		noun     string
		missing  string // with nothing imported
		pipeline string // with pipeline only
	}{
		{"avg-cycle-days", 1, "deals won", won, ""},
		{"median-cycle-days", 1, "deals won", won, ""},
		{"new-deals", 4, "deals created", dated, ""},
		{"pipeline-value", 4, "deals created", dated, ""},
		{"win-rate", 3, "deals closed", lost, ""},
		{"revenue", 3, "deals won", won, ""},
		{"avg-deal-size", 3, "deals won", won, ""},
		{"gross-margin", 5, "won deals with a cost", amounts, costs},
		{"discounted-deals", 6, "won deals with a discount given", discounts, discounts},
		{"avg-discount", 6, "won deals with a discount given", discounts, discounts},
		{"cac", 7, "new customers", spend, spend},
		{"spend", -1, "", spend, spend},
		{"new-customers", 7, "new customers", acquired, ""},
		{"retention-rate", 8, "customers at the start", acquired, churn},
		{"reactivated-customers", 10, "reactivated customers", acquired, churn},
		{"churn-rate", 8, "customers at the start", acquired, churn},
		{"churned-customers", 8, "customers at the start", acquired, churn},
		{"expansion-revenue", 9, "expansion deals won", won, ""},
		{"expansion-deals", 9, "expansion deals won", won, ""},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			m, _ := Lookup(tt.id)
			if n, noun := m.RestsOn(a); n != tt.basis || noun != tt.noun {
				t.Errorf("RestsOn = %d %q, want %d %q", n, noun, tt.basis, tt.noun)
			}
			if got := m.Missing(Inputs{}); got != tt.missing {
				t.Errorf("Missing(nothing) = %q, want %q", got, tt.missing)
			}
			if got := m.Missing(pipeline); got != tt.pipeline {
				t.Errorf("Missing(pipeline) = %q, want %q", got, tt.pipeline)
			}
			if got := m.Missing(everything); got != "" {
				t.Errorf("Missing(everything) = %q, want none", got)
			}
		})
	}
	if got, want := len(Metrics()), len(tests); got != want {
		t.Errorf("len(Metrics()) = %d, want %d", got, want)
	}
}

// TestMeasurableOrNull checks the rule of docs/metrics.md: a value the
// data cannot measure is null with the reason, never 0, whatever the
// aggregates; a column carried with every cell empty still counts.
func TestMeasurableOrNull(t *testing.T) {
	olist := Inputs{ // leads and won deals: no amounts, nothing lost
		Carried:    map[string][]string{KindDeals: {"id", "stage", "customer_id", "owner", "created_at", "closed_at"}},
		DatedDeals: true, WonDeals: true, AcquiredCustomers: true,
	}
	emptyChurn := Inputs{ // a churned_at column, every cell empty
		Carried:           map[string][]string{KindCustomers: {"id", "acquired_at", "churned_at"}},
		AcquiredCustomers: true,
	}
	// Spend imported for 2027-01-15 .. 2027-03-20; customers acquired.
	spend := Inputs{
		Carried:           map[string][]string{KindSpend: {"date", "amount", "channel"}},
		AcquiredCustomers: true, SpendFrom: Date(2027, 1, 15), SpendTo: Date(2027, 3, 20),
	}
	noSpendRows := Inputs{Carried: spend.Carried, AcquiredCustomers: true}
	tests := []struct {
		name   string
		id     string
		in     Inputs
		a      Aggregates
		want   *float64
		reason string
	}{
		// 2027-Q1 meets the spend: 4 spend rows of 1,200.00 in all over 3
		// new customers is 400.00 a customer.
		{"cac over the spend imported", "cac", spend.During(Date(2027, 1, 1), Date(2027, 3, 31)),
			Aggregates{SpendRows: 4, Spend: 120_000, NewCustomers: 3}, ptr(400), ""},
		// One day of overlap is enough: the spend of 2027-03-20 counts.
		{"spend over its last day", "spend", spend.During(Date(2027, 3, 20), Date(2027, 4, 19)),
			Aggregates{SpendRows: 1, Spend: 5_000}, ptr(50), ""},
		// In the range, a month without a row spent nothing: 0.
		{"spend of a month of the range without rows", "spend", spend.During(Date(2027, 2, 1), Date(2027, 2, 28)),
			Aggregates{}, ptr(0), ""},
		{"spend after the spend imported", "spend", spend.During(Date(2027, 4, 1), Date(2027, 6, 30)), Aggregates{}, nil,
			"no spend was imported for 2027-04-01 .. 2027-06-30 (the spend imported runs 2027-01-15 .. 2027-03-20): import the spend of those days"},
		{"cac before the spend imported", "cac", spend.During(Date(2026, 10, 1), Date(2027, 1, 14)), Aggregates{NewCustomers: 5}, nil,
			"no spend was imported for 2026-10-01 .. 2027-01-14 (the spend imported runs 2027-01-15 .. 2027-03-20): import the spend of those days"},
		// Without days in particular (a goal's measurability), spend is measured.
		{"spend with no days in particular", "spend", spend, Aggregates{}, ptr(0), ""},
		{"spend files without a row", "spend", noSpendRows.During(Date(2027, 1, 1), Date(2027, 3, 31)), Aggregates{}, nil,
			"the spend files imported held no row: import a spend file with its rows (date, amount, channel)"},
		{"revenue without amounts", "revenue", olist, Aggregates{Won: 20}, nil, "no deals file carried amounts: import deals with an amount column"},
		{"win rate with nothing ever lost", "win-rate", olist, Aggregates{Won: 20}, nil,
			"no deal was ever lost, so every win rate would read 100%: import deals with their lost stage (--stage maps your CRM's label)"},
		{"new deals are measured", "new-deals", olist, Aggregates{NewDeals: 30}, ptr(30), ""},
		// S = 12, nobody lost: a churn column with empty cells measures 0.
		{"churn of an empty churn column", "churn-rate", emptyChurn, Aggregates{CustomersStart: 12, Retained: 12}, ptr(0), ""},
		{"retention of an empty churn column", "retention-rate", emptyChurn, Aggregates{CustomersStart: 12, Retained: 12}, ptr(100), ""},
		{"churn without a churn column", "churn-rate", olist, Aggregates{CustomersStart: 12, Retained: 12}, nil,
			"no file carried churn dates: import customers with a churned_at column, churn events or subscriptions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := ComputeOne(tt.id, tt.a, tt.in)
			if diff := cmp.Diff(tt.want, v.Number()); diff != "" {
				t.Errorf("value (-want +got):\n%s", diff)
			}
			if v.Reason != tt.reason {
				t.Errorf("Reason = %q, want %q", v.Reason, tt.reason)
			}
			if tt.reason != "" && (v.Explain.Note != tt.reason || v.LowSample()) {
				t.Errorf("explanation %+v, low sample %v: want the reason as the note, and no low sample", v.Explain, v.LowSample())
			}
		})
	}
}

// TestLowSample checks that a value resting on fewer than 10 deals or
// customers is low sample, and that spend, which rests on none, never is.
func TestLowSample(t *testing.T) {
	tests := []struct {
		id   string
		a    Aggregates
		want bool
	}{
		{"win-rate", Aggregates{Won: 5, Lost: 4}, true},  // 9 closed
		{"win-rate", Aggregates{Won: 5, Lost: 5}, false}, // 10 closed
		{"cac", Aggregates{NewCustomers: 3, Spend: 900_000}, true},
		{"spend", Aggregates{Spend: 100}, false},
		{"avg-cycle-days", Aggregates{}, false}, // null: nothing to mark
		{"churn-rate", Aggregates{CustomersStart: 200, Retained: 185}, false},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			if got := ComputeOne(tt.id, tt.a, everything).LowSample(); got != tt.want {
				t.Errorf("LowSample() = %v, want %v", got, tt.want)
			}
		})
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

// TestHasRows: a period holds rows for a metric when it holds what the
// metric is computed from: deals for the deal metrics, customers for the
// customer ones, spend for spend and cac (Trends leave the others a gap).
func TestHasRows(t *testing.T) {
	tests := []struct {
		metric string
		a      Aggregates
		want   bool
	}{
		{"revenue", Aggregates{}, false},
		{"revenue", Aggregates{Lost: 1}, true},
		{"revenue", Aggregates{NewDeals: 1}, true},
		{"revenue", Aggregates{CustomersStart: 5, SpendRows: 3}, false},
		{"retention-rate", Aggregates{Won: 4}, false},
		{"retention-rate", Aggregates{CustomersStart: 1}, true},
		{"new-customers", Aggregates{NewCustomers: 1}, true},
		{"cac", Aggregates{NewCustomers: 3}, false},
		{"cac", Aggregates{SpendRows: 1}, true},
		{"spend", Aggregates{SpendRows: 1}, true},
	}
	for _, tt := range tests {
		m, _ := Lookup(tt.metric)
		if got := m.HasRows(tt.a); got != tt.want {
			t.Errorf("%s.HasRows(%+v) = %v, want %v", tt.metric, tt.a, got, tt.want)
		}
	}
}
