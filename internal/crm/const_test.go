package crm

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/salesgoal/salesgoal/internal/crm/row"
)

func TestMappingSet(t *testing.T) {
	tests := []struct {
		name, header string
		m            Mapping
		wantKind     row.Kind
		wantIndex    map[string]int
		wantConsts   map[string]string
		wantWarnings []Warning
		wantErr      string
	}{
		{name: "olist closed deals: a constant stage makes deals",
			header:     "mql_id,seller_id,won_date",
			m:          Mapping{Map: map[string]string{"id": "mql_id"}, Set: map[string]string{"stage": "won"}},
			wantKind:   row.KindDeals,
			wantIndex:  map[string]int{"id": 0, "closed_at": 2},
			wantConsts: map[string]string{"stage": "won"}},
		{name: "wide spend: one column per run",
			header:     "Date,Offline_Spend,Online_Spend",
			m:          Mapping{Map: map[string]string{"amount": "Online_Spend"}, Set: map[string]string{"channel": "online"}},
			wantKind:   row.KindSpend,
			wantIndex:  map[string]int{"date": 0, "amount": 2},
			wantConsts: map[string]string{"channel": "online"}},
		{name: "a constant replaces the column and the flags, with warnings",
			header:       "id,Stage,IsWon",
			m:            Mapping{Kind: row.KindDeals, Set: map[string]string{"stage": "lost"}},
			wantKind:     row.KindDeals,
			wantIndex:    map[string]int{"id": 0},
			wantConsts:   map[string]string{"stage": "lost"},
			wantWarnings: []Warning{{Field: "stage", Value: "lost", Header: "Stage"}, {Field: "stage", Value: "lost", Header: "IsWon"}}},
		{name: "id cannot be constant",
			header:  "Ref,stage",
			m:       Mapping{Kind: row.KindDeals, Set: map[string]string{"id": "X"}},
			wantErr: "every row would have the same id"},
		{name: "a stage that is not won, lost or open",
			header:  "Ref,Status",
			m:       Mapping{Kind: row.KindDeals, Set: map[string]string{"stage": "winner"}},
			wantErr: "give won, lost or open"},
		{name: "not a field of the kind",
			header:  "date,amount,channel",
			m:       Mapping{Set: map[string]string{"stage": "won"}},
			wantErr: `"stage" is not a field of spend`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.m.Columns(strings.Split(tt.header, ","))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got, want := c.Kind, tt.wantKind; got != want {
				t.Errorf("Kind = %s, want %s", got, want)
			}
			if diff := cmp.Diff(tt.wantIndex, c.Index); diff != "" {
				t.Errorf("Index (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantConsts, c.Consts); diff != "" {
				t.Errorf("Consts (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantWarnings, c.Warnings); diff != "" {
				t.Errorf("Warnings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMappingFallbacks(t *testing.T) {
	tests := []struct {
		name, header string
		wantClosed   int
		wantElse     []int
	}{
		{"pipedrive: closed on, else won time, else lost time",
			"Deal - ID,Deal - Status,Deal - Won time,Deal - Lost time,Deal - Deal closed on", 4, []int{2, 3}},
		{"no closed-on column: won time is the column", "Deal - ID,Deal - Status,Deal - Won time,Deal - Lost time", 2, []int{3}},
		{"no fallback columns", "id,stage,close date", 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := MapColumns(strings.Split(tt.header, ","), row.KindDeals, "", nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Index["closed_at"]; got != tt.wantClosed {
				t.Errorf("closed_at column = %d, want %d", got, tt.wantClosed)
			}
			if diff := cmp.Diff(tt.wantElse, c.Fallbacks["closed_at"]); diff != "" {
				t.Errorf("fallbacks (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNotAKind(t *testing.T) {
	tests := []struct{ name, header, want string }{
		{"subscriptions without a start date", "subscription_id,customer_id,end_date,plan,monthly_revenue",
			`this is a subscriptions file (column "subscription_id") without a customer or a start date`},
		{"transactions", "CustomerID,Transaction_ID,Transaction_Date,Quantity,Avg_Price", `this is a file of transactions or orders (column "Transaction_ID")`},
		{"expenses", "expense_id,date,category,amount", `this is a file of company expenses (column "expense_id")`},
		{"team list", "sales_agent,manager,regional_office", `this is a list of sales people and their teams ("sales_agent", "manager", "regional_office")`},
		{"price list", "product,series,sales_price", `this is a product price list ("product", "series", "sales_price")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := MapColumns(strings.Split(tt.header, ","), "", "", nil)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to start with %q", err, tt.want)
			}
		})
	}
	// With --kind the user has decided: the subscriptions file reads as customers.
	if _, err := MapColumns([]string{"subscription_id", "customer_id", "end_date"}, row.KindCustomers, "", map[string]string{"churned_at": "end_date"}); err != nil {
		t.Errorf("--kind customers: %v", err)
	}
}
