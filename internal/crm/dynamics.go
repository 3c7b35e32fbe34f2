package crm

import "github.com/salesgoal/salesgoal/internal/crm/row"

// The dynamics preset reads Microsoft Dynamics 365 Sales opportunities: a
// view exported to Excel and saved as CSV (display names, with the hidden
// "(Do Not Modify) Opportunity" id first), or the logical names a data
// export writes (opportunityid, statecode, estimatedvalue…). "Status"
// (statecode: Open, Won, Lost, or 0, 1, 2) decides the stage; "Status
// Reason" is the label. A won deal's amount and close date are the actual
// ones, an open deal's the estimates.
var _ = register(Preset{
	Name: "dynamics",
	Detect: func(_ []string, keys map[string]bool) bool {
		return keys["donotmodifyopportunity"] || keys["topic"] && (keys["estclosedate"] || keys["estrevenue"]) ||
			keys["opportunityid"] && keys["statecode"]
	},
	Aliases: map[row.Kind]map[string][]string{
		row.KindDeals: {
			"id":          {"(do not modify) opportunity", "opportunityid"},
			"name":        {"topic", "name"},
			"customer_id": {"potential customer", "customerid", "parentaccountid"},
			"owner":       {"owner", "ownerid"},
			"stage":       {"status reason", "statuscode"},
			"amount":      {"actual revenue", "actualvalue"},
			"created_at":  {"created on", "createdon"},
			"closed_at":   {"actual close date", "actualclosedate"},
		},
	},
	Flags: map[string][]string{"status": {"status", "statecode"}},
	// statecode: 0 Open, 1 Won, 2 Lost.
	Status: map[string]string{"0": row.StageOpen, "1": row.StageWon, "2": row.StageLost},
	// An open deal has no actual revenue or close date yet: its estimates.
	Fallbacks: map[row.Kind]map[string][]string{
		row.KindDeals: {
			"amount":    {"est. revenue", "estimatedvalue"},
			"closed_at": {"est. close date", "estimatedclosedate"},
		},
	},
	// "Currency" names the currency ("US Dollar") and transactioncurrencyid
	// is a GUID: neither is a currency code.
	Ignore: []string{"currency", "transactioncurrencyid"},
})
