package crm

import "github.com/salesgoal/salesgoal/internal/crm/row"

// The close preset reads Close's export of opportunities, whose columns
// are the API's fields: "status_type" (active, won, lost) decides the
// stage, "status_label" is the label, "value" is in cents with
// "value_currency" beside it, and "date_won" is the close date (expected,
// while the deal is active).
var _ = register(Preset{
	Name: "close",
	Detect: func(_ []string, keys map[string]bool) bool {
		return keys["statustype"] && (keys["leadid"] || keys["leadname"])
	},
	Aliases: map[row.Kind]map[string][]string{
		row.KindDeals: {
			"id":          {"id"},
			"name":        {"lead_name"},
			"customer_id": {"lead_id"},
			"owner":       {"user_name"},
			"stage":       {"status_label"},
			"amount":      {"value"},
			"currency":    {"value_currency"},
			"created_at":  {"date_created"},
			"closed_at":   {"date_won"},
		},
	},
	Flags:         map[string][]string{"status": {"status_type"}},
	AmountInCents: true,
	Fallbacks: map[row.Kind]map[string][]string{
		row.KindDeals: {"closed_at": {"date_lost"}},
	},
})
