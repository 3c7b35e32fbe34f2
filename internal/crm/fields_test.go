package crm

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/salesgoal/salesgoal/internal/crm/row"
)

func TestHeaderKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Deal - ID", "dealid"},
		{"Closed: won", "closedwon"},
		{"  Opportunity_ID ", "opportunityid"},
		{"Probability (%)", "probability"},
		{"Negociación", "negociación"},
		{"Is Deal Closed?", "isdealclosed"},
		{"\ufeffRecord ID", "recordid"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := HeaderKey(tt.in); got != tt.want {
				t.Errorf("HeaderKey(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFieldsAndRequired(t *testing.T) {
	if got, want := strings.Join(Fields(row.KindDeals), ","), "id,name,customer_id,owner,team,stage,type,amount,cost,discount,currency,created_at,closed_at"; got != want {
		t.Errorf("Fields(deals) = %s, want %s", got, want)
	}
	if got, want := strings.Join(Fields(row.KindCustomers), ","), "id,name,owner,team,segment,acquired_at,churned_at"; got != want {
		t.Errorf("Fields(customers) = %s, want %s", got, want)
	}
	if got, want := strings.Join(Fields(row.KindSpend), ","), "date,amount,channel,category,currency"; got != want {
		t.Errorf("Fields(spend) = %s, want %s", got, want)
	}
	for _, k := range Kinds() {
		for _, f := range Required(k) {
			if !contains(Fields(k), f) {
				t.Errorf("Required(%s) has %q, not a field", k, f)
			}
		}
		for _, f := range Fields(k) {
			if len(generic.Aliases[k][f]) == 0 {
				t.Errorf("%s field %q has no aliases", k, f)
			}
			if HeaderKey(generic.Aliases[k][f][0]) != HeaderKey(f) {
				t.Errorf("%s field %q: first alias %q is not the canonical name", k, f, generic.Aliases[k][f][0])
			}
		}
	}
	if got, want := strings.Join(Presets(), ","), "close,copper,dynamics,freshsales,hubspot,odoo,pipedrive,salesforce,suitecrm,vtiger,zoho"; got != want {
		t.Errorf("Presets() = %s, want %s", got, want)
	}
}

// mapped returns field → header for a mapping, flags as "flag:NAME".
func mapped(c Columns) map[string]string {
	m := map[string]string{}
	for f, i := range c.Index {
		m[f] = c.Header[i]
	}
	for f, i := range c.Flags {
		m["flag:"+f] = c.Header[i]
	}
	return m
}

func TestMapColumnsAliases(t *testing.T) {
	tests := []struct {
		name   string
		kind   row.Kind
		header string
		want   map[string]string
	}{
		{"canonical deals", row.KindDeals,
			"id,name,customer_id,owner,team,stage,type,amount,cost,discount,currency,created_at,closed_at",
			map[string]string{"id": "id", "name": "name", "customer_id": "customer_id", "owner": "owner", "team": "team", "stage": "stage", "type": "type", "amount": "amount", "cost": "cost", "discount": "discount", "currency": "currency", "created_at": "created_at", "closed_at": "closed_at"}},
		{"deal labels", row.KindDeals,
			"Deal ID,Deal Name,Customer ID,Deal owner,Team,Deal Stage,Deal Type,Value,Cost,Discount %,Currency,Created Date,Closed Date",
			map[string]string{"id": "Deal ID", "name": "Deal Name", "customer_id": "Customer ID", "owner": "Deal owner", "team": "Team", "stage": "Deal Stage", "type": "Deal Type", "amount": "Value", "cost": "Cost", "discount": "Discount %", "currency": "Currency", "created_at": "Created Date", "closed_at": "Closed Date"}},
		{"maven pipeline", "",
			"opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value",
			map[string]string{"id": "opportunity_id", "owner": "sales_agent", "customer_id": "account", "stage": "deal_stage", "created_at": "engage_date", "closed_at": "close_date", "amount": "close_value"}},
		{"maven pipeline re-saved with quarters", "",
			"opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value,engage_quarter,close_quarter",
			map[string]string{"id": "opportunity_id", "owner": "sales_agent", "customer_id": "account", "stage": "deal_stage", "created_at": "engage_date", "closed_at": "close_date", "amount": "close_value"}},
		{"opportunity ids and account ids", row.KindDeals,
			"Opportunity ID,Opportunity Name,Account ID,Account Name,Opportunity Owner,StageName,CloseDate,CreatedDate",
			map[string]string{"id": "Opportunity ID", "name": "Opportunity Name", "customer_id": "Account ID", "owner": "Opportunity Owner", "stage": "StageName", "closed_at": "CloseDate", "created_at": "CreatedDate"}},
		{"account name stands in for customer", row.KindDeals,
			"Id,Name,Account Name,Owner,Stage,Created,Close Date,Amount,Type",
			map[string]string{"id": "Id", "name": "Name", "customer_id": "Account Name", "owner": "Owner", "stage": "Stage", "created_at": "Created", "closed_at": "Close Date", "amount": "Amount", "type": "Type"}},
		{"company and status", row.KindDeals,
			"deal_id,Company,sales rep,Status,won_date,regional_office",
			map[string]string{"id": "deal_id", "customer_id": "Company", "owner": "sales rep", "stage": "Status", "closed_at": "won_date", "team": "regional_office"}},
		{"canonical customers", row.KindCustomers,
			"id,name,owner,team,segment,acquired_at,churned_at",
			map[string]string{"id": "id", "name": "name", "owner": "owner", "team": "team", "segment": "segment", "acquired_at": "acquired_at", "churned_at": "churned_at"}},
		{"customers file: Customer ID is the id", "",
			"Customer ID,Customer Name,Account Owner,Segment,Customer since,Churn Date",
			map[string]string{"id": "Customer ID", "name": "Customer Name", "owner": "Account Owner", "segment": "Segment", "acquired_at": "Customer since", "churned_at": "Churn Date"}},
		{"customers file: Account ID is the id, Account Name the name", "",
			"Account ID,Account Name,Acquired,Churned",
			map[string]string{"id": "Account ID", "name": "Account Name", "acquired_at": "Acquired", "churned_at": "Churned"}},
		{"dbt customers", "",
			"customer_id,name,email,signup_date",
			map[string]string{"id": "customer_id", "name": "name", "acquired_at": "signup_date"}},
		{"ravenstack accounts", "",
			"account_id,account_name,industry,country,signup_date,referral_source,plan_tier,seats,is_trial,churn_flag",
			map[string]string{"id": "account_id", "name": "account_name", "segment": "plan_tier", "acquired_at": "signup_date"}},
		{"ravenstack churn events", "",
			"churn_event_id,account_id,churn_date,reason_code,refund_amount_usd,preceding_upgrade_flag,preceding_downgrade_flag,is_reactivation,feedback_text",
			map[string]string{"customer_id": "account_id", "churned_at": "churn_date", "reactivation": "is_reactivation"}},
		{"ravenstack subscriptions", "",
			"subscription_id,account_id,start_date,end_date,plan_tier,seats,mrr_amount,arr_amount,is_trial,upgrade_flag,downgrade_flag,churn_flag,billing_frequency,auto_renew_flag",
			map[string]string{"id": "subscription_id", "customer_id": "account_id", "started_at": "start_date", "ended_at": "end_date", "amount": "mrr_amount", "trial": "is_trial"}},
		{"churn events with a return date", "",
			"Customer ID,Churn Date,Reactivation Date",
			map[string]string{"customer_id": "Customer ID", "churned_at": "Churn Date", "reactivated_at": "Reactivation Date"}},
		{"maven accounts: the account name is the id deals use", "",
			"account,sector,year_established,revenue,employees,office_location,subsidiary_of",
			map[string]string{"id": "account"}},
		{"semicolon customers", "",
			"CustomerID;Gender;Location;Tenure_Months",
			map[string]string{"id": "CustomerID"}},
		{"canonical spend", "",
			"date,amount,channel,category,currency",
			map[string]string{"date": "date", "amount": "amount", "channel": "channel", "category": "category", "currency": "currency"}},
		{"dbt marketing spend", "",
			"campaign_id,date,channel,spend",
			map[string]string{"date": "date", "channel": "channel", "amount": "spend"}},
		{"ads export", "",
			"Day,Campaign,Cost",
			map[string]string{"date": "Day", "channel": "Campaign", "amount": "Cost"}},
		{"spend with source", "",
			"Date,Source,Amount,Category",
			map[string]string{"date": "Date", "channel": "Source", "amount": "Amount", "category": "Category"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sep := ","
			if strings.Contains(tt.header, ";") {
				sep = ";"
			}
			c, err := MapColumns(strings.Split(tt.header, sep), tt.kind, "", nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, mapped(c)); diff != "" {
				t.Errorf("mapping (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMapColumnsPresets(t *testing.T) {
	tests := []struct {
		name       string
		preset     string // given; "" to recognise
		header     string
		wantKind   row.Kind
		wantPreset string
		want       map[string]string
	}{
		{"hubspot deals export view", "",
			"Record ID,Deal Name,Deal Stage,Close Date,Deal owner,Amount,Closed Lost Reason,Last Modified Date,Create Date,Pipeline,Deal Type,Amount in company currency,Is Closed Won,Associated Company",
			row.KindDeals, "hubspot",
			map[string]string{"id": "Record ID", "name": "Deal Name", "stage": "Deal Stage", "closed_at": "Close Date", "owner": "Deal owner",
				"amount": "Amount in company currency", "created_at": "Create Date", "type": "Deal Type", "customer_id": "Associated Company", "flag:won": "Is Closed Won"}},
		{"hubspot deals with a currency column keep Amount", "hubspot",
			"Record ID,Deal Name,Deal Stage,Amount,Currency,Amount in company currency",
			row.KindDeals, "hubspot",
			map[string]string{"id": "Record ID", "name": "Deal Name", "stage": "Deal Stage", "amount": "Amount", "currency": "Currency"}},
		{"hubspot companies: Create Date is not acquisition", "",
			"Record ID,Company name,Company owner,Create Date,Lifecycle Stage,Became a Customer Date",
			row.KindCustomers, "hubspot",
			map[string]string{"id": "Record ID", "name": "Company name", "owner": "Company owner", "acquired_at": "Became a Customer Date"}},
		{"salesforce report", "",
			"Opportunity Owner,Account Name,Opportunity ID,Opportunity Name,Stage,Fiscal Period,Amount,Probability (%),Close Date,Created Date,Type,Lead Source,Amount Currency",
			row.KindDeals, "salesforce",
			map[string]string{"owner": "Opportunity Owner", "customer_id": "Account Name", "id": "Opportunity ID", "name": "Opportunity Name", "stage": "Stage",
				"amount": "Amount", "closed_at": "Close Date", "created_at": "Created Date", "type": "Type", "currency": "Amount Currency"}},
		{"salesforce report with Won and Closed columns", "salesforce",
			"Opportunity ID,Stage,Won,Closed",
			row.KindDeals, "salesforce",
			map[string]string{"id": "Opportunity ID", "stage": "Stage", "flag:won": "Won", "flag:closed": "Closed"}},
		{"salesforce data export", "",
			"Id,AccountId,Name,StageName,Amount,CloseDate,IsWon,IsClosed,CurrencyIsoCode,OwnerId,CreatedDate,Type",
			row.KindDeals, "salesforce",
			map[string]string{"id": "Id", "customer_id": "AccountId", "name": "Name", "stage": "StageName", "amount": "Amount", "closed_at": "CloseDate",
				"flag:won": "IsWon", "flag:closed": "IsClosed", "currency": "CurrencyIsoCode", "owner": "OwnerId", "created_at": "CreatedDate", "type": "Type"}},
		{"pipedrive deals", "",
			"Deal - ID,Deal - Title,Deal - Owner,Deal - Value,Deal - Currency of Value,Deal - Status,Deal - Deal created,Deal - Won time,Deal - Lost time,Deal - Deal closed on,Deal - Organization",
			row.KindDeals, "pipedrive",
			map[string]string{"id": "Deal - ID", "name": "Deal - Title", "owner": "Deal - Owner", "amount": "Deal - Value", "currency": "Deal - Currency of Value",
				"flag:status": "Deal - Status", "created_at": "Deal - Deal created", "closed_at": "Deal - Deal closed on", "customer_id": "Deal - Organization"}},
		{"pipedrive deals with a pipeline stage", "",
			"Deal - ID,Deal - Stage,Deal - Status",
			row.KindDeals, "pipedrive",
			map[string]string{"id": "Deal - ID", "stage": "Deal - Stage", "flag:status": "Deal - Status"}},
		{"pipedrive without prefixes: Status is the flag", "pipedrive",
			"ID,Title,Value,Status,Stage",
			row.KindDeals, "pipedrive",
			map[string]string{"id": "ID", "name": "Title", "amount": "Value", "flag:status": "Status", "stage": "Stage"}},
		{"pipedrive organizations", "",
			"Organization - ID,Organization - Name,Organization - Owner",
			row.KindCustomers, "pipedrive",
			map[string]string{"id": "Organization - ID", "name": "Organization - Name", "owner": "Organization - Owner"}},
		{"preset name is folded", "HubSpot",
			"Record ID,Deal Stage",
			row.KindDeals, "hubspot",
			map[string]string{"id": "Record ID", "stage": "Deal Stage"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := MapColumns(strings.Split(tt.header, ","), "", tt.preset, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := c.Kind, tt.wantKind; got != want {
				t.Errorf("Kind = %q, want %q", got, want)
			}
			if got, want := c.Preset, tt.wantPreset; got != want {
				t.Errorf("Preset = %q, want %q", got, want)
			}
			if diff := cmp.Diff(tt.want, mapped(c)); diff != "" {
				t.Errorf("mapping (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDetectPreset(t *testing.T) {
	tests := []struct{ name, header, want string }{
		{"plain", "id,stage,amount", ""},
		{"record id alone", "Record ID,Name", ""},
		{"hubspot deals", "Record ID,Deal Stage", "hubspot"},
		{"hubspot companies", "Record ID,Company name", "hubspot"},
		{"hubspot flag", "Deal,Is Closed Won", "hubspot"},
		{"salesforce api", "Id,StageName,IsWon", "salesforce"},
		{"salesforce report", "Opportunity Name,Stage", "salesforce"},
		{"stage name alone", "Id,StageName", ""},
		{"pipedrive", "Deal - Title,Deal - Value", "pipedrive"},
		{"dash inside a name is not pipedrive", "Deal-ID,stage", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectPreset(strings.Split(tt.header, ",")); got != tt.want {
				t.Errorf("DetectPreset(%s) = %q, want %q", tt.header, got, tt.want)
			}
		})
	}
}

func TestMapColumnsKind(t *testing.T) {
	tests := []struct {
		name    string
		header  string
		want    row.Kind
		wantErr string // substring; "" for success
	}{
		{"deals by stage", "id,stage", row.KindDeals, ""},
		{"deals by flags only", "Id,IsWon,IsClosed", row.KindDeals, ""},
		{"deals by pipedrive status only", "Deal - ID,Deal - Status", row.KindDeals, ""},
		{"customers have no stage", "id,name,acquired_at", row.KindCustomers, ""},
		{"spend with a campaign status is not deals", "Date,Campaign,Status,Cost", row.KindSpend, ""},
		{"deals with a date and amount are deals", "Deal ID,Date,Amount,Source,Stage", row.KindDeals, ""},
		{"customers lifecycle stage is no deal stage", "Record ID,Company name,Lifecycle Stage", row.KindCustomers, ""},
		{"spend has date amount channel", "date,amount,channel", row.KindSpend, ""},
		{"spend with an id of its own", "campaign_id,date,channel,spend", row.KindSpend, ""},
		{"customer id plus date and amount is not spend without a channel", "customer_id,date,amount", row.KindCustomers, ""},
		{"spend without channel says what is missing", "ad_id,date,category,amount", "", `read as a spend file, but no column for "channel" (looked for: channel, source, campaign`},
		{"dbt expenses are not spend", "expense_id,date,category,amount", "", `this is a file of company expenses (column "expense_id"), which salesgoal does not import`},
		{"kaggle spend: no amount, no channel", "Date,Offline_Spend,Online_Spend", "", `this file has date="Date" but no amount (looked for: amount, spend, cost`},
		{"nothing fits", "Month,Product_Category,Coupon_Code,Discount_pct", "", "cannot tell whether this is a deals, customers or spend file"},
		{"nothing fits suggests flags", "sales_agent,manager,regional_office", "", "this is a list of sales people and their teams"},
		{"olist closed deals have no stage", "mql_id,seller_id,sdr_id,sr_id,won_date,business_segment", "", `deals need a stage column (looked for: stage, deal stage, dealstage`},
		{"deals without id", "Opportunity Name,Stage,Amount", "", `no column for "id" (looked for: opportunity id, id, deal id`},
		{"salesforce report without id hints the report column", "Opportunity Owner,Opportunity Name,Stage", "", `"Stage": add the "Opportunity ID" column to the report`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := MapColumns(strings.Split(tt.header, ","), "", "", nil)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got, want := c.Kind, tt.want; got != want {
				t.Errorf("Kind = %q, want %q", got, want)
			}
		})
	}
}

func TestMapColumnsGivenKind(t *testing.T) {
	tests := []struct {
		name    string
		kind    row.Kind
		header  string
		wantErr string
	}{
		{"deals missing stage", row.KindDeals, "Deal ID,Amount", `no column for "stage" (looked for: stage, deal stage, dealstage, stagename, deal_stage, opportunity stage, deal - stage, pipeline stage, …)`},
		{"customers missing id", row.KindCustomers, "Name,Segment", `no column for "id" (looked for: id, customer id`},
		{"spend missing two", row.KindSpend, "Date,Offline_Spend,Online_Spend", `no column for "amount" (looked for: amount, spend, cost, amount spent, amount_spent, spent, ad spend, marketing spend, …); no column for "channel" (looked for:`},
		{"unknown kind", row.Kind("leads"), "id", `unknown kind "leads"`},
		{"a closed flag alone does not decide the stage", row.KindDeals, "Id,IsClosed", `no column for "stage"`},
		{"customers file read as customers", row.KindCustomers, "Customer ID,Account Name", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := MapColumns(strings.Split(tt.header, ","), tt.kind, "", nil)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestMapColumnsOverrides(t *testing.T) {
	tests := []struct {
		name      string
		kind      row.Kind
		header    string
		overrides map[string]string
		want      map[string]string
		wantErr   string
	}{
		{"map a missing stage", row.KindDeals, "Ref,Phase,Amount",
			map[string]string{"id": "Ref", "stage": "phase"}, // header matched by HeaderKey
			map[string]string{"id": "Ref", "stage": "Phase", "amount": "Amount"}, ""},
		{"map detects the kind", "", "Ref,Phase",
			map[string]string{"id": "ref", "stage": "PHASE"},
			map[string]string{"id": "Ref", "stage": "Phase"}, ""},
		{"map beats an alias", row.KindDeals, "id,stage,Amount,Amount in company currency,Currency",
			map[string]string{"amount": "Amount in company currency"},
			map[string]string{"id": "id", "stage": "stage", "amount": "Amount in company currency", "currency": "Currency"}, ""},
		{"map a spend amount and channel", row.KindSpend, "Date,Offline_Spend,Online_Spend",
			map[string]string{"amount": "Online_Spend", "channel": "Offline_Spend"},
			map[string]string{"date": "Date", "amount": "Online_Spend", "channel": "Offline_Spend"}, ""},
		{"map a flag", row.KindDeals, "id,stage,Gewonnen",
			map[string]string{"won": "Gewonnen"},
			map[string]string{"id": "id", "stage": "stage", "flag:won": "Gewonnen"}, ""},
		{"map the stage onto a flag column drops the flag", row.KindDeals, "Deal - ID,Deal - Status",
			map[string]string{"stage": "Deal - Status"},
			map[string]string{"id": "Deal - ID", "stage": "Deal - Status"}, ""},
		{"unknown field lists the choices", row.KindCustomers, "id,name",
			map[string]string{"stage": "name"}, nil,
			`"stage" is not a field of customers (choose from: id, name, owner, team, segment, acquired_at, churned_at)`},
		{"unknown header lists the columns", row.KindDeals, "id,stage",
			map[string]string{"amount": "Betrag"}, nil,
			`the file has no column "Betrag" (its columns: "id", "stage")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := MapColumns(strings.Split(tt.header, ","), tt.kind, "", tt.overrides)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, mapped(c)); diff != "" {
				t.Errorf("mapping (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMapColumnsRepeatedAndIgnored(t *testing.T) {
	header := []string{"Record ID", "Deal Name", "Deal Stage", "Associated Company", "Pipeline", "Deal Name", "Associated Company", "Pipeline"}
	c, err := MapColumns(header, "", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := Columns{
		Kind:   row.KindDeals,
		Preset: "hubspot",
		Index:  map[string]int{"id": 0, "name": 1, "stage": 2, "customer_id": 3},
		Flags:  map[string]int{},
		Header: header,
		Warnings: []Warning{
			{Column: 6, Header: "Deal Name", First: 2},
			{Column: 7, Header: "Associated Company", First: 4},
		},
		Ignored: []string{"Pipeline", "Deal Name", "Associated Company", "Pipeline"},
	}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("MapColumns (-want +got):\n%s", diff)
	}
	if got, want := c.Describe(), `id="Record ID" name="Deal Name" customer_id="Associated Company" stage="Deal Stage"`; got != want {
		t.Errorf("Describe() = %s, want %s", got, want)
	}
}

func TestMapColumnsUnknownPreset(t *testing.T) {
	_, err := MapColumns([]string{"id", "stage"}, "", "insightly", nil)
	if got, want := errString(err), `unknown preset "insightly" (choose from: close, copper, dynamics, freshsales, hubspot, odoo, pipedrive, salesforce, suitecrm, vtiger, zoho)`; got != want {
		t.Errorf("err = %s, want %s", got, want)
	}
}

func TestColumnsField(t *testing.T) {
	c, err := MapColumns([]string{"id", "stage", "Is Closed Won", "amount"}, row.KindDeals, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	rec := []string{"D1", "Won", "true"} // short record: amount is empty
	if got, ok := c.Field(rec, "id"); got != "D1" || !ok {
		t.Errorf(`Field(id) = %q, %v; want "D1", true`, got, ok)
	}
	if got, ok := c.Field(rec, "amount"); got != "" || !ok {
		t.Errorf(`Field(amount) = %q, %v; want "", true`, got, ok)
	}
	if got, ok := c.Field(rec, "owner"); got != "" || ok {
		t.Errorf(`Field(owner) = %q, %v; want "", false`, got, ok)
	}
	if got, want := c.Flag(rec, "won"), "true"; got != want {
		t.Errorf("Flag(won) = %q, want %q", got, want)
	}
	if got, want := c.Flag(rec, "closed"), ""; got != want {
		t.Errorf("Flag(closed) = %q, want %q", got, want)
	}
	if got, want := c.HeaderOf("won"), "Is Closed Won"; got != want {
		t.Errorf("HeaderOf(won) = %q, want %q", got, want)
	}
}

func TestParseKind(t *testing.T) {
	tests := []struct {
		in   string
		want row.Kind
		err  bool
	}{
		{"deals", row.KindDeals, false}, {"Deal", row.KindDeals, false}, {"customers", row.KindCustomers, false},
		{"accounts", row.KindCustomers, false}, {"spend", row.KindSpend, false}, {"leads", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseKind(tt.in)
			if got != tt.want || (err != nil) != tt.err {
				t.Errorf("ParseKind(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}
