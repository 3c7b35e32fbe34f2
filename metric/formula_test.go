package metric

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// quarter is a plausible quarter for one team, chosen so that every
// formula comes out exact in binary floating point.
var quarter = Aggregates{
	Won: 39, Lost: 26, OpenCreated: 12,
	WonMoney: 38, WonAmount: 7_600_000, // one won deal is in another currency
	CycleDaysSum: 1170, CycleDaysMedian: 28.5,
	WonWithCost: 20, WonWithCostAmount: 5_000_000, WonCost: 3_100_000,
	WonWithDiscount: 30, DiscountSum: 225, WonDiscounted: 18,
	NewDeals: 90, NewDealsMoney: 88, PipelineAmount: 12_345_678,
	Expansion: 8, ExpansionMoney: 7, ExpansionAmount: 1_050_050,
	SpendRows: 12, Spend: 2_500_000,
	CustomersStart: 200, Retained: 185, NewCustomers: 25, // 15 of the 200 lost
	OtherCurrency: 4,
}

// unusual is a period whose won deals hold the unusual values an import
// keeps: of 5 won (all in the currency), one closed before it was created,
// two have no created date, and one is a credit of 1,500.00 (the others
// add up to 5,000.00). The two with a cycle took 30 days in all.
var unusual = Aggregates{
	Won: 5, Lost: 5, WonMoney: 5, WonAmount: 350_000,
	CycleDaysSum: 30, CycleDaysMedian: 12, WonEarly: 1, WonUndated: 2,
	WonCredits: 1, WonCreditsMoney: 1, WonCreditAmount: -150_000,
	WonWithDiscount: 2, DiscountSum: 15, WonDiscounted: 1,
}

// everything is data that holds every input: every metric is measurable.
var everything = Inputs{
	Carried: map[string][]string{
		KindDeals:     {"id", "stage", "amount", "cost", "discount", "created_at", "closed_at"},
		KindCustomers: {"id", "acquired_at", "churned_at"},
		KindSpend:     {"date", "channel", "amount"},
	},
	DatedDeals: true, WonDeals: true, LostDeals: true, AcquiredCustomers: true,
}

func TestComputeOne(t *testing.T) {
	const null = -1 // marks an expected null value
	tests := []struct {
		name string
		id   string
		a    Aggregates
		want float64
	}{
		// The quarter above.
		{"avg cycle", "avg-cycle-days", quarter, 30},                 // 1170 days / 39 won
		{"median cycle", "median-cycle-days", quarter, 28.5},         // as the store computed it
		{"new deals", "new-deals", quarter, 90},                      // count, all currencies
		{"pipeline", "pipeline-value", quarter, 123456.78},           // 12 345 678 cents / 100
		{"win rate", "win-rate", quarter, 60},                        // 100 × 39 / (39 + 26) = 3900 / 65
		{"revenue", "revenue", quarter, 76000},                       // 7 600 000 cents / 100
		{"avg deal size", "avg-deal-size", quarter, 2000},            // 76 000 / 38 deals in the currency
		{"gross margin", "gross-margin", quarter, 38},                // 100 × (50 000 − 31 000) / 50 000
		{"discounted deals", "discounted-deals", quarter, 18},        // count
		{"avg discount", "avg-discount", quarter, 7.5},               // 225 / 30
		{"cac", "cac", quarter, 1000},                                // 25 000 / 25 new customers
		{"spend", "spend", quarter, 25000},                           // 2 500 000 cents / 100
		{"new customers", "new-customers", quarter, 25},              // count
		{"retention", "retention-rate", quarter, 92.5},               // 100 × R / S = 100 × 185 / 200
		{"churn rate", "churn-rate", quarter, 7.5},                   // 100 × (S − R) / S = 100 × 15 / 200
		{"churned customers", "churned-customers", quarter, 15},      // C = S − R = 200 − 185
		{"expansion revenue", "expansion-revenue", quarter, 10500.5}, // 1 050 050 cents / 100
		{"expansion deals", "expansion-deals", quarter, 8},           // count, all currencies

		// Zero denominators give null, never NaN or Inf.
		{"avg cycle, nothing won", "avg-cycle-days", Aggregates{Lost: 3}, null},
		{"median cycle, nothing won", "median-cycle-days", Aggregates{Lost: 3}, null},
		{"win rate, nothing closed", "win-rate", Aggregates{OpenCreated: 12}, null},
		{"avg deal size, nothing won", "avg-deal-size", Aggregates{}, null},
		{"avg deal size, won only in another currency", "avg-deal-size", Aggregates{Won: 3}, null},
		{"gross margin, no costs", "gross-margin", Aggregates{Won: 5, WonMoney: 5, WonAmount: 500_000}, null},
		{"gross margin, costs on zero amounts", "gross-margin", Aggregates{Won: 2, WonMoney: 2, WonWithCost: 2, WonCost: 10_000}, null},
		{"avg discount, none given", "avg-discount", Aggregates{Won: 5}, null},
		{"cac, no new customers", "cac", Aggregates{SpendRows: 3, Spend: 900_000}, null},
		{"retention, no customers before", "retention-rate", Aggregates{NewCustomers: 10}, null},
		{"churn rate, no customers before", "churn-rate", Aggregates{}, null},

		// Counts and sums over nothing are 0, not null.
		{"revenue, nothing won", "revenue", Aggregates{}, 0},
		{"new deals, none", "new-deals", Aggregates{}, 0},
		{"spend, none", "spend", Aggregates{}, 0},
		{"churned, none", "churned-customers", Aggregates{CustomersStart: 50, Retained: 50}, 0},

		// Numerators of zero are real values.
		{"win rate, all lost", "win-rate", Aggregates{Lost: 5}, 0},                                                                             // 100 × 0 / 5
		{"churn rate, nobody left", "churn-rate", Aggregates{CustomersStart: 50, Retained: 50}, 0},                                             // 100 × 0 / 50
		{"cac, no spend", "cac", Aggregates{NewCustomers: 4}, 0},                                                                               // 0 / 4
		{"avg discount, all zero", "avg-discount", Aggregates{Won: 4, WonWithDiscount: 4}, 0},                                                  // 0 / 4
		{"gross margin, sold at a loss", "gross-margin", Aggregates{WonWithCost: 1, WonWithCostAmount: 100_000, WonCost: 150_000}, -50},        // 100 × (1000 − 1500) / 1000
		{"retention, everyone stayed", "retention-rate", Aggregates{CustomersStart: 100, Retained: 100, NewCustomers: 30}, 100},                // 100 × 100 / 100
		{"retention, new customers lost inside the period", "retention-rate", Aggregates{CustomersStart: 4, Retained: 3, NewCustomers: 5}, 75}, // 100 × 3 / 4: N never counts
		{"churn, everyone left", "churn-rate", Aggregates{CustomersStart: 8}, 100},                                                             // 100 × (8 − 0) / 8
		{"avg cycle, same-day deal", "avg-cycle-days", Aggregates{Won: 1}, 0},                                                                  // 0 days / 1 won
		{"win rate, one of three", "win-rate", Aggregates{Won: 1, Lost: 3}, 25},                                                                // 100 × 1 / 4
		{"pipeline, negative amounts", "pipeline-value", Aggregates{NewDeals: 1, NewDealsMoney: 1, PipelineAmount: -250}, -2.5},                // a credit note of 2.50

		// docs/import.md, "Unusual values". Cycle time leaves out the won deals
		// that closed before they were created and those without a created
		// date: 5 won, 1 early and 2 undated leave 2 with 30 days in all.
		{"avg cycle, unusual deals left out", "avg-cycle-days", unusual, 15},                                                                                               // 30 days / (5 − 1 − 2)
		{"median cycle, unusual deals left out", "median-cycle-days", unusual, 12},                                                                                         // as the store computed it over the 2
		{"avg cycle, every won deal early", "avg-cycle-days", Aggregates{Won: 2, WonEarly: 1, WonUndated: 1}, null},                                                        // 0 deals with a cycle
		{"median cycle, every won deal early", "median-cycle-days", Aggregates{Won: 2, WonEarly: 2}, null},                                                                 // 0 deals with a cycle
		{"revenue is net of credits", "revenue", unusual, 3500},                                                                                                            // (500 000 − 150 000) cents / 100
		{"avg deal size leaves credits out", "avg-deal-size", unusual, 1250},                                                                                               // (350 000 + 150 000) cents / (5 − 1) deals / 100
		{"avg deal size, credits only", "avg-deal-size", Aggregates{Won: 1, WonMoney: 1, WonAmount: -100, WonCredits: 1, WonCreditsMoney: 1, WonCreditAmount: -100}, null}, // no deal left
		{"win rate counts every closed deal", "win-rate", unusual, 50},                                                                                                     // 100 × 5 / (5 + 5)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := ComputeOne(tt.id, tt.a, everything)
			if got, want := v.Metric.ID, tt.id; got != want {
				t.Errorf("Metric.ID = %q, want %q", got, want)
			}
			if got, want := v.Null, tt.want == null; got != want {
				t.Fatalf("Null = %v (value %v, %s), want %v", got, v.Value, v.Explain, want)
			}
			if v.Null {
				if v.Value != 0 || v.Number() != nil || v.Explain.Note == "" {
					t.Errorf("null value = %v, Number() = %v, note %q; want 0, nil and a reason", v.Value, v.Number(), v.Explain.Note)
				}
				return
			}
			if got, want := v.Value, tt.want; got != want {
				t.Errorf("Value = %v, want %v", got, want)
			}
			if got := v.Number(); got == nil || *got != tt.want {
				t.Errorf("Number() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCompute(t *testing.T) {
	for _, tt := range []struct {
		name string
		a    Aggregates
	}{
		{"quarter", quarter},
		{"empty", Aggregates{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := Compute(tt.a, everything)
			want := Metrics()
			if len(got) != len(want) {
				t.Fatalf("Compute returned %d values, want %d", len(got), len(want))
			}
			for i, v := range got {
				if got, want := v.Metric.ID, want[i].ID; got != want {
					t.Errorf("value %d is %s, want %s", i, got, want)
				}
				if math.IsNaN(v.Value) || math.IsInf(v.Value, 0) {
					t.Errorf("%s = %v", v.Metric.ID, v.Value)
				}
				if v.Explain.Numerator == "" || v.Explain.Note == "" {
					t.Errorf("%s explanation %+v lacks a numerator or a note", v.Metric.ID, v.Explain)
				}
			}
		})
	}
}

func TestComputeOneUnknown(t *testing.T) {
	v := ComputeOne("bookings", quarter, everything)
	if !v.Null || v.Metric.ID != "bookings" || !strings.Contains(v.Explain.Note, "not a metric") {
		t.Errorf("ComputeOne(bookings) = %+v, want a null value saying it is not a metric", v)
	}
}

func TestExplanations(t *testing.T) {
	tests := []struct {
		name string
		id   string
		a    Aggregates
		want Explanation
	}{
		{"win rate", "win-rate", quarter, Explanation{
			Numerator:   "39 won",
			Denominator: "65 closed (39 won + 26 lost)",
			Note:        "won 39, lost 26 (open 12 created in the period not counted)",
		}},
		{"win rate, nothing closed", "win-rate", Aggregates{OpenCreated: 4}, Explanation{
			Numerator:   "0 won",
			Denominator: "0 closed (0 won + 0 lost)",
			Note:        "no deals closed (won or lost) in the period",
		}},
		// 39 won, 38 of them in the database's currency.
		{"revenue leaves other currencies out", "revenue", quarter, Explanation{
			Numerator: "76,000.00 in amounts",
			Note:      "amounts of 38 deals won in the period; 1 deal in another currency left out",
		}},
		{"revenue in one currency", "revenue", Aggregates{Won: 1, WonMoney: 1, WonAmount: 99_95}, Explanation{
			Numerator: "99.95 in amounts",
			Note:      "amounts of 1 deal won in the period",
		}},
		// 90 created, 88 in the currency: 2 left out.
		{"pipeline", "pipeline-value", quarter, Explanation{
			Numerator: "123,456.78 in amounts",
			Note:      "amounts of 88 deals created in the period; 2 deals in another currency left out",
		}},
		// 38 won in the currency, 20 with a cost: 18 without.
		{"gross margin", "gross-margin", quarter, Explanation{
			Numerator:   "amount 50,000.00 − cost 31,000.00 = 19,000.00",
			Denominator: "amount 50,000.00",
			Note:        "20 won deals with a cost; 18 won without a cost left out; 1 deal in another currency left out",
		}},
		// 39 won, 30 with a discount given: 9 without.
		{"avg discount", "avg-discount", quarter, Explanation{
			Numerator:   "225% in discounts, added up",
			Denominator: "30 won deals with a discount given",
			Note:        "discounts of 0 count; 9 won without a discount given left out",
		}},
		{"avg deal size, only other currencies", "avg-deal-size", Aggregates{Won: 3}, Explanation{
			Numerator:   "revenue 0.00",
			Denominator: "0 deals won",
			Note:        "no deals won in the period; 3 deals in another currency left out",
		}},
		{"retention", "retention-rate", quarter, Explanation{
			Numerator:   "185 still active at the end",
			Denominator: "200 active the day before the period",
			Note:        "starting cohort 200: 185 still active at the end, 15 lost; 25 customers acquired in the period, counted in neither retention nor churn",
		}},
		{"churn", "churn-rate", quarter, Explanation{
			Numerator:   "15 churned",
			Denominator: "200 active the day before the period",
			Note:        "starting cohort 200: 185 still active at the end, 15 lost; 25 customers acquired in the period, counted in neither retention nor churn",
		}},
		// 5 won: 1 early and 2 undated left out of cycle time.
		{"avg cycle, unusual deals left out", "avg-cycle-days", unusual, Explanation{
			Numerator:   "30 days from created to closed, added up",
			Denominator: "2 deals won",
			Note:        "deals won in the period; lost and open deals not counted; 1 won deal that closed before it was created left out; 2 won deals without a created date left out",
		}},
		{"median cycle, every won deal undated", "median-cycle-days", Aggregates{Won: 2, WonUndated: 2}, Explanation{
			Numerator: "median days from created to closed over 0 deals won",
			Note:      "no deal won in the period has a cycle; 2 won deals without a created date left out",
		}},
		// 5 won in the currency, one a credit of −1,500.00: 4 deals and
		// 3,500.00 + 1,500.00 = 5,000.00.
		{"avg deal size leaves credits out", "avg-deal-size", unusual, Explanation{
			Numerator:   "revenue 5,000.00",
			Denominator: "4 deals won",
			Note:        "deals won in the period; 1 credit (a negative amount) left out",
		}},
		// 5 won, 1 credit, 2 with a discount given: 2 without.
		{"avg discount leaves credits out", "avg-discount", unusual, Explanation{
			Numerator:   "15% in discounts, added up",
			Denominator: "2 won deals with a discount given",
			Note:        "discounts of 0 count; 2 won without a discount given left out; 1 credit (a negative amount) left out",
		}},
		{"discounted deals leave credits out", "discounted-deals", unusual, Explanation{
			Numerator: "1 won deal with a discount",
			Note:      "out of 2 won in the period whose discount is given; 1 credit (a negative amount) left out",
		}},
		{"cac, no new customers", "cac", Aggregates{SpendRows: 1, Spend: 50_000}, Explanation{
			Numerator:   "spend 500.00",
			Denominator: "0 new customers",
			Note:        "no customers acquired in the period",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ComputeOne(tt.id, tt.a, everything).Explain); diff != "" {
				t.Errorf("explanation mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExplanationString(t *testing.T) {
	tests := []struct {
		name string
		e    Explanation
		want string
	}{
		{"ratio", Explanation{Numerator: "39 won", Denominator: "65 closed", Note: "open not counted"}, "39 won / 65 closed: open not counted"},
		{"count", Explanation{Numerator: "90 deals created", Note: "any stage"}, "90 deals created: any stage"},
		{"note only", Explanation{Note: "not a metric"}, "not a metric"},
		{"no note", Explanation{Numerator: "3 won"}, "3 won"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := tt.e.String(), tt.want; got != want {
				t.Errorf("String() = %q, want %q", got, want)
			}
		})
	}
}

func TestMoney(t *testing.T) {
	tests := []struct {
		minor int64
		want  string
	}{
		{0, "0.00"}, {5, "0.05"}, {123456, "1,234.56"}, {-5, "-0.05"}, {-123400, "-1,234.00"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got, want := money(tt.minor), tt.want; got != want {
				t.Errorf("money(%d) = %q, want %q", tt.minor, got, want)
			}
		})
	}
}
