package cmd

import (
	"errors"
	"strings"
	"testing"

	"github.com/salesgoal/salesgoal/internal/crm"
	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// TestImportText checks that crm's errors, which name no flag, read with
// the flags that mend them, word for word as the user has always read them.
func TestImportText(t *testing.T) {
	columns := func(m crm.Mapping, header string) error {
		_, err := m.Columns(strings.Split(header, ","))
		return err
	}
	open := func(text string) error {
		_, err := crm.Open(strings.NewReader(text), crm.Options{File: "x.csv"})
		return err
	}
	money := func(s string) error { _, err := crm.ParseMoney(s, false); return err }
	discount := func(s string) error { _, err := crm.ParseDiscount(s, false); return err }
	dates := func(values ...string) error {
		var d crm.DateOrderDetector
		for _, v := range values {
			d.AddAt(v, `line 2, column "Created"`)
		}
		_, err := d.Orders()
		return err
	}
	_, dateErr := crm.DateParser{}.Parse("01/02/2027")
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"constant id", columns(crm.Mapping{Kind: row.KindDeals, Set: map[string]string{"id": "X"}}, "Ref,stage"),
			`--set id=X: every row would have the same id; name the id column with --map id="Your Header"`},
		{"constant stage", columns(crm.Mapping{Kind: row.KindDeals, Set: map[string]string{"stage": "winner"}}, "Ref,Status"),
			`--set stage=winner: give won, lost or open (for the CRM's own stage labels use --stage LABEL=won|lost|open)`},
		{"constant not of the kind", columns(crm.Mapping{Set: map[string]string{"stage": "won"}}, "date,amount,channel"),
			`--set stage=won: "stage" is not a field of spend (choose from: date, amount, channel, category, currency)`},
		{"column not of the kind", columns(crm.Mapping{Kind: row.KindCustomers, Map: map[string]string{"stage": "name"}}, "id,name"),
			`--map stage="name": "stage" is not a field of customers (choose from: id, name, owner, team, segment, acquired_at, churned_at)`},
		{"no such column", columns(crm.Mapping{Kind: row.KindDeals, Map: map[string]string{"amount": "Betrag"}}, "id,stage"),
			`--map amount="Betrag": the file has no column "Betrag" (its columns: "id", "stage")`},
		{"missing channel", columns(crm.Mapping{Kind: row.KindSpend}, "date,amount"),
			`no column for "channel" (looked for: channel, source, campaign, campaign name, campaign_name, utm_source, medium, platform, …); the file's columns: "date", "amount": add --map channel="Your Header" (a spend row needs the channel it was spent on)`},
		{"guessed kind, salesforce report", columns(crm.Mapping{}, "Opportunity Owner,Opportunity Name,Stage"),
			`read as a deals file (pass --kind if it is not), but no column for "id" (looked for: opportunity id, id, deal id, deal - id, record id, opportunity_id, deal_id, dealid, …); the file's columns: "Opportunity Owner", "Opportunity Name", "Stage": add the "Opportunity ID" column to the report, or add --map id="Your Header", or build an id from columns that together tell the deals apart: --id-from 'Opportunity Name'`},
		{"wide spend", columns(crm.Mapping{}, "Date,Offline_Spend,Online_Spend"),
			`cannot tell whether this is a deals, customers or spend file: deals need a stage column (looked for: stage, deal stage, dealstage, stagename, deal_stage, opportunity stage, deal - stage, pipeline stage, …); customers an id column (looked for: id, customer id, customer_id, customerid, account id, account_id, accountid, record id, …); spend a date, an amount and a channel column, and this file has date="Date" but no amount (looked for: amount, spend, cost, amount spent, amount_spent, spent, ad spend, marketing spend, …) or channel (looked for: channel, source, campaign, campaign name, campaign_name, utm_source, medium, platform, …): it has one spend column per channel ("Offline_Spend", "Online_Spend"): import it once per column, e.g. --map amount="Offline_Spend" --set channel=offline`},
		{"subscriptions without a start date", columns(crm.Mapping{}, "subscription_id,customer_id,end_date"),
			`this is a subscriptions file (column "subscription_id") without a customer or a start date, which salesgoal cannot read: give its customer and start columns with --map customer_id="Header" --map started_at="Header"`},
		{"transactions", columns(crm.Mapping{}, "CustomerID,Transaction_ID,Quantity"),
			`this is a file of transactions or orders (column "Transaction_ID"), which salesgoal does not import (it imports deals, customers, spend, churn events and subscriptions): to read each line as a won deal, pass --kind deals with --map id="Transaction_ID" --set stage=won and --map for its amount and dates`},
		{"expenses", columns(crm.Mapping{}, "expense_id,date,category,amount"),
			`this is a file of company expenses (column "expense_id"), which salesgoal does not import (it imports deals, customers, spend, churn events and subscriptions): spend is marketing or sales spend by channel, for CAC; import a spend file, or keep only the marketing rows here and give them a channel (--set channel=NAME)`},
		{"decimal-comma amount", money("12,5"), `"12,5" is not an amount: it looks like a decimal-comma amount: pass --decimal-comma`},
		{"decimal-comma discount", discount("12,5"), `"12,5" is not a discount: it looks like a decimal comma, pass --decimal-comma`},
		{"date order unknown", dateErr, `"01/02/2027": the order of day and month is unknown: pass --date-format dmy or --date-format mdy`},
		{"ambiguous dates", dates("04/01/27"),
			`dates such as "04/01/27" (line 2, column "Created") could be day-first or month-first, and no date in the file has a day after the 12th to tell: pass --date-format dmy or --date-format mdy`},
		{"conflicting dates", dates("13/01/2017", "01/13/2017"),
			`dates disagree: "13/01/2017" can only be day-first but "01/13/2017" can only be month-first: fix the file, or pass --date-format to say which is right`},
		{"no stored close date", &crm.RowError{File: "x.csv", Line: 2, Column: "closed_at", Err: &crm.NoStoredDate{ID: "L1", Stage: "lost"}},
			`x.csv:2: column "closed_at": the file has no close date and no earlier import gave deal "L1" one, but a lost deal needs it: add --map closed_at="Your Header"`},
		{"a constant's problem", &crm.RowError{File: "x.csv", Line: 3, Column: "created_at", Const: true, Err: errors.New("bad")},
			`x.csv:3: column "--set created_at": bad`},
		{"an id built from columns", &crm.RowError{File: "x.csv", Line: 3, Column: "Name,Close", IDFrom: true, Err: errors.New(`id "A|B" is also on line 2`)},
			`x.csv:3: column "--id-from Name,Close": id "A|B" is also on line 2`},
		{"no header line", open("7,Acme,12.50,2027-01-31,Won\n"),
			`x.csv: line 1 looks like data, not a header: it reads "7", "Acme", "12.50", "2027-01-31", "Won" (5 columns): name its columns in order with --header, e.g. --header id,name,amount,_,stage (a field name, or _ to skip a column)`},
		{"a header of the wrong width", &crm.HeaderWidth{Given: 3, Found: 5},
			`--header: 3 column names were given, but line 1 has 5 columns: name every column, _ for one to skip`},
		{"no column to build an id from", columns(crm.Mapping{IDFrom: []string{"Deal Ref"}}, "Name,Stage"),
			`--id-from 'Deal Ref': the file has no column "Deal Ref" to build an id from (its columns: "Name", "Stage")`},
		{"missing id, closest and columns to build one", columns(crm.Mapping{}, "Deal Identifier,Name,Stage,Created Date"),
			`read as a deals file (pass --kind if it is not), but no column for "id" (looked for: id, deal id, opportunity id, deal - id, record id, opportunity_id, deal_id, dealid, …); the file's columns: "Deal Identifier", "Name", "Stage", "Created Date"; closest to id: "Deal Identifier": add --map id='Deal Identifier', or build an id from columns that together tell the deals apart: --id-from 'Name,Created Date'`},
		{"a file's problem", &crm.FileError{File: "x.csv", Err: dates("13/01/2017", "01/13/2017")},
			`x.csv: dates disagree: "13/01/2017" can only be day-first but "01/13/2017" can only be month-first: fix the file, or pass --date-format to say which is right`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil {
				t.Fatal("no error")
			}
			if got := importText(tt.err); got != tt.want {
				t.Errorf("importText =\n%s\nwant\n%s", got, tt.want)
			}
			if strings.Contains(tt.err.Error(), "--") {
				t.Errorf("crm's own message names a flag: %s", tt.err)
			}
		})
	}
	if got, want := warningText(crm.Warning{Field: "stage", Value: "lost", Header: "IsWon"}), `--set stage=lost replaces column "IsWon"`; got != want {
		t.Errorf("warningText = %s, want %s", got, want)
	}
}
