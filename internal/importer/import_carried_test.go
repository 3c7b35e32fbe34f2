package importer

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/store"
)

// TestImportRecordsCarried checks what the import records of the fields a
// file carried, the record that decides which metrics can be measured: a
// column present with every cell empty counts, so does a --set value; a
// dry run, a refused file and a column absent from the file do not.
func TestImportRecordsCarried(t *testing.T) {
	tests := []struct {
		name  string
		steps func(t *testing.T, db *store.DB)
		want  map[string][]string
	}{
		{"an empty discount column counts", func(t *testing.T, db *store.DB) {
			MustImport(t, db, "deals.csv", "id,stage,amount,discount,created_at,closed_at\nD1,won,100,,2027-01-01,2027-01-05\nD2,lost,50,,2027-01-01,2027-01-06\n")
		}, map[string][]string{"deals": {"amount", "closed_at", "created_at", "discount", "id", "stage"}}},
		{"a --set value counts", func(t *testing.T, db *store.DB) {
			MustImport(t, db, "deals.csv", "id,amount\nD1,100\n", func(o *Options) { o.Set = map[string]string{"stage": "open", "cost": "0"} })
		}, map[string][]string{"deals": {"amount", "cost", "id", "stage"}}},
		{"files add up, kind by kind", func(t *testing.T, db *store.DB) {
			MustImport(t, db, "deals.csv", "id,stage\nD1,open\n")
			MustImport(t, db, "deals2.csv", "id,stage,cost\nD2,open,10\n")
			MustImport(t, db, "customers.csv", "id,acquired_at,churned_at\nC1,2027-01-01,\n")
			MustImport(t, db, "spend.csv", "date,amount,channel\n2027-01-01,10,ads\n")
		}, map[string][]string{"customers": {"acquired_at", "churned_at", "id"}, "deals": {"cost", "id", "stage"}, "spend": {"amount", "channel", "date"}}},
		{"a dry run records nothing", func(t *testing.T, db *store.DB) {
			MustImport(t, db, "deals.csv", "id,stage,cost\nD1,open,10\n", func(o *Options) { o.DryRun = true })
		}, map[string][]string{}},
		{"a refused file records nothing", func(t *testing.T, db *store.DB) {
			if _, err := tryImport(db, "deals.csv", "id,stage,cost\nD1,open,ten\n"); err == nil {
				t.Fatal("a cost of ten was accepted")
			}
		}, map[string][]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpen(t)
			tt.steps(t, db)
			in, err := db.Inputs(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, in.Carried); diff != "" {
				t.Errorf("carried (-want +got):\n%s", diff)
			}
		})
	}
}

// TestImportAdoptsCurrency checks when the first deals imported make their
// one currency the database's: only into a database that holds no money
// (no deal, no spend) and whose currency was never set, and only when all
// the deals share one currency.
func TestImportAdoptsCurrency(t *testing.T) {
	eur := "id,stage,amount,currency\nD1,open,100,EUR\nD2,open,50,EUR\n"
	tests := []struct {
		name    string
		before  func(t *testing.T, db *store.DB)
		file    string
		opts    []func(*Options)
		adopted string
		want    string // the database's currency afterwards
	}{
		{"an empty database takes EUR", nil, eur, nil, "EUR", "EUR"},
		{"--currency EUR says the same", nil, "id,stage,amount\nD1,open,100\n",
			[]func(*Options){func(o *Options) { o.Currency = "EUR" }}, "EUR", "EUR"},
		{"USD, the default, changes nothing", nil, "id,stage,amount\nD1,open,100\n", nil, "", "USD"},
		{"two currencies: nothing to adopt", nil, "id,stage,amount,currency\nD1,open,100,EUR\nD2,open,5,GBP\n", nil, "", "USD"},
		{"customers first still leaves no money", func(t *testing.T, db *store.DB) {
			MustImport(t, db, "customers.csv", "id,acquired_at\nC1,2027-01-01\n")
		}, eur, nil, "EUR", "EUR"},
		{"a currency set by hand stays", func(t *testing.T, db *store.DB) {
			if err := db.SetSetting(context.Background(), store.SettingCurrency, "USD"); err != nil {
				t.Fatal(err)
			}
		}, eur, nil, "", "USD"},
		{"spend first holds money", func(t *testing.T, db *store.DB) {
			MustImport(t, db, "spend.csv", "date,amount,channel\n2027-01-01,10,ads\n")
		}, eur, nil, "", "USD"},
		{"deals first hold money", func(t *testing.T, db *store.DB) {
			MustImport(t, db, "usd.csv", "id,stage,amount\nU1,open,10\n")
		}, eur, nil, "", "USD"},
		{"a dry run adopts nothing", nil, eur, []func(*Options){func(o *Options) { o.DryRun = true }}, "EUR", "USD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpen(t)
			if tt.before != nil {
				tt.before(t, db)
			}
			res := MustImport(t, db, "deals.csv", tt.file, tt.opts...)
			if res.AdoptedCurrency != tt.adopted {
				t.Errorf("AdoptedCurrency = %q, want %q", res.AdoptedCurrency, tt.adopted)
			}
			got, err := db.Currency(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("currency afterwards %s, want %s", got, tt.want)
			}
		})
	}
}
