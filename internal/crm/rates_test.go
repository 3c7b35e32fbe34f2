package crm

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

func TestReadRates(t *testing.T) {
	tests := []struct {
		name     string
		base     string
		in       string
		format   RateFormat
		want     []row.Rate
		own      int      // lines of the database's currency at 1
		problems []string // as the errors print
		fileErr  string
	}{
		// The EUR line of a database in euros is true and left out: 1 own.
		{name: "long", base: "EUR", format: RatesLong, own: 1,
			in: "date,currency,rate\n2027-01-04,GBP,1.1650\n2027-01-04,usd,0.92\n2027-01-05,EUR,1\n",
			want: []row.Rate{
				{Date: "2027-01-04", Currency: "GBP", Base: "EUR", Value: "1.165"},
				{Date: "2027-01-04", Currency: "USD", Base: "EUR", Value: "0.92"},
			}},
		{name: "the ECB's history, as published", base: "USD", format: RatesECB,
			in: "\ufeffDate,USD,JPY,CYP,\n2024-01-05,1.0921,158.50,N/A,\n2024-01-04,1.0953,157.01,N/A,\n",
			want: []row.Rate{
				{Date: "2024-01-05", Currency: "USD", Base: "EUR", Value: "1.0921", PerBase: true},
				{Date: "2024-01-05", Currency: "JPY", Base: "EUR", Value: "158.5", PerBase: true},
				{Date: "2024-01-04", Currency: "USD", Base: "EUR", Value: "1.0953", PerBase: true},
				{Date: "2024-01-04", Currency: "JPY", Base: "EUR", Value: "157.01", PerBase: true},
			}},
		{name: "the ECB's daily file", format: RatesECB,
			in: "Date, USD, GBP, \n05 January 2024, 1.0921, 0.86118, \n",
			want: []row.Rate{
				{Date: "2024-01-05", Currency: "USD", Base: "EUR", Value: "1.0921", PerBase: true},
				{Date: "2024-01-05", Currency: "GBP", Base: "EUR", Value: "0.86118", PerBase: true},
			}},
		{name: "every bad line, none written", base: "EUR", format: RatesLong,
			in: "date,currency,rate\n2027-01-04,GBP,1.1650\n2027-13-01,GBP,1.1\n2027-01-05,GB,1.1\n2027-01-06,GBP,-1\n2027-01-07,GBP,0\n2027-01-08,GBP\n2027-01-09,EUR,1.1\n",
			problems: []string{
				`r.csv:3: column "date": "2027-13-01" is not a date: write it as 2024-01-05`,
				`r.csv:4: column "currency": "GB" is not a currency code: give three letters such as USD or EUR`,
				`r.csv:5: column "rate": "-1" is not a rate: write a positive decimal such as 1.0856`,
				`r.csv:6: column "rate": "0" is not a rate: a rate is above 0`,
				`r.csv:7: 2 fields, but a rates line has 3: date,currency,rate`,
				`r.csv:8: column "currency": EUR is the database's currency: its rate is 1, not 1.1`,
			}},
		{name: "an ECB value that is no rate", format: RatesECB,
			in: "Date,USD\n2024-01-05,1,0921\n2024-01-04,abc\n",
			problems: []string{
				`r.csv:2: 3 fields, but the header names 2`,
				`r.csv:3: column "USD": "abc" is not a rate: write a positive decimal such as 1.0856`,
			}},
		{name: "a long file without the database's currency", in: "date,currency,rate\n", fileErr: "r.csv: the database's currency is not set"},
		{name: "no rates file", base: "EUR", in: "id,stage\n1,won\n", fileErr: `r.csv: the header "id,stage" is not a rates file's`},
		{name: "empty", base: "EUR", in: "", fileErr: "r.csv: the file is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []row.Rate
			f, err := ReadRates(strings.NewReader(tt.in), "r.csv", tt.base, func(r row.Rate) error {
				got = append(got, r)
				return nil
			})
			if tt.fileErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.fileErr) || !errors.Is(err, ErrInvalidFile) {
					t.Fatalf("err = %v, want a file error starting %q", err, tt.fileErr)
				}
				return
			}
			var ps []string
			for _, p := range f.Problems {
				ps = append(ps, p.Error())
			}
			if diff := cmp.Diff(tt.problems, ps); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if (err != nil) != (len(tt.problems) > 0) || err != nil && !errors.Is(err, ErrInvalidRow) {
				t.Errorf("err = %v", err)
			}
			if len(tt.problems) > 0 {
				// Writing stopped at the first problem: the first good
				// line may have been written, never a later one.
				if len(got) > 1 {
					t.Errorf("%d rates written after a problem", len(got))
				}
				return
			}
			if f.Format != tt.format {
				t.Errorf("format %q, want %q", f.Format, tt.format)
			}
			if f.Own != tt.own {
				t.Errorf("%d lines of the database's currency, want %d", f.Own, tt.own)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("rates (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRateValue(t *testing.T) {
	for in, want := range map[string]string{"1.0856": "1.0856", "001.50": "1.5", ".5": "0.5", "157": "157", " 2.000 ": "2"} {
		if got, err := row.RateValue(in); err != nil || got != want {
			t.Errorf("RateValue(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", ".", "1e3", "1/3", "1,5", "0.000", "-1", "1234567890.1234567890"} {
		if got, err := row.RateValue(bad); err == nil {
			t.Errorf("RateValue(%q) = %q, want an error", bad, got)
		}
	}
}
