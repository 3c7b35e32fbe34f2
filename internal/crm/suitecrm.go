package crm

import "github.com/salesgoal/salesgoal/internal/crm/row"

// The suitecrm preset reads the Opportunities export of SuiteCRM and
// SugarCRM Community Edition: labels in the user's language ("Opportunity
// Name", "ID", "Sales Stage", "Expected Close Date", "Assigned User
// Name", "Date Created"), every value quoted, CRLF, dates in the user's
// format (m/d/Y by default). "Amount" is in the system currency;
// "Currency" holds an internal id, not a code.
var _ = register(Preset{
	Name: "suitecrm",
	Detect: func(_ []string, keys map[string]bool) bool {
		return keys["salesstage"] && keys["opportunityname"] && (keys["assignedusername"] || keys["datecreated"])
	},
	Aliases: map[row.Kind]map[string][]string{
		row.KindDeals: {
			"id":          {"id"},
			"name":        {"opportunity name"},
			"customer_id": {"account name"},
			"owner":       {"assigned user name"},
			"stage":       {"sales stage"},
			"type":        {"opportunity type", "type"},
			"amount":      {"amount", "opportunity amount"},
			"created_at":  {"date created"},
			"closed_at":   {"expected close date"},
		},
	},
	Ignore: []string{"currency"},
})
