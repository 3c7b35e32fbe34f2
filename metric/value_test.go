package metric

import "testing"

func TestValueScopedTo(t *testing.T) {
	// Spend 900.00 over 3 new customers: cac 300 for the company, null for
	// an owner; revenue is the same in every scope.
	a := Aggregates{Spend: 90000, SpendRows: 2, NewCustomers: 3, Won: 1, WonMoney: 1, WonAmount: 50000}
	tests := []struct {
		id       string
		wantNull bool
		want     float64
	}{
		{id: "cac", wantNull: true},
		{id: "spend", wantNull: true},
		{id: "revenue", want: 500},
		{id: "new-customers", want: 3},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			company := ComputeOne(tt.id, a, everything)
			if company.Null {
				t.Fatalf("company %s is null, want a value", tt.id)
			}
			if same := company.ScopedTo(Scope{Level: Company}); same.Null {
				t.Fatalf("ScopedTo(company) of %s is null, want its value", tt.id)
			}
			got := company.ScopedTo(Scope{Level: Owner, Value: "ana"})
			if got.Null != tt.wantNull {
				t.Fatalf("ScopedTo(owner).Null = %v, want %v", got.Null, tt.wantNull)
			}
			if tt.wantNull {
				if got.Reason != "spend has no owner or team: measured for the whole company only" || got.Explain.Note != got.Reason {
					t.Errorf("a null scoped %s gives the reason %q, note %q", tt.id, got.Reason, got.Explain.Note)
				}
				return
			}
			if got.Value != tt.want {
				t.Errorf("ScopedTo(owner).Value = %v, want %v", got.Value, tt.want)
			}
		})
	}
}
