package crm

import "github.com/salesgoal/salesgoal/internal/crm/row"

// The freshsales preset reads the deals export of Freshsales (Freshworks
// CRM): "Deal Name", "Deal Value", "Deal Stage", "Deal Pipeline", "Sales
// Owner", "Account", "Expected close date", "Closed date", "Created at".
// Its default stages end in "Won" and "Lost".
var _ = register(Preset{
	Name: "freshsales",
	Detect: func(_ []string, keys map[string]bool) bool {
		return keys["dealvalue"] && keys["dealstage"] && (keys["salesowner"] || keys["dealpipeline"])
	},
	Aliases: map[row.Kind]map[string][]string{
		row.KindDeals: {
			"id":          {"id", "deal id"},
			"name":        {"deal name", "name"},
			"customer_id": {"account", "sales account"},
			"owner":       {"sales owner", "owner"},
			"stage":       {"deal stage"},
			"type":        {"type", "deal type"},
			"amount":      {"deal value", "amount"},
			"currency":    {"currency"},
			"created_at":  {"created at"},
			"closed_at":   {"closed date"},
		},
	},
	// An open deal's close date is the expected one.
	Fallbacks: map[row.Kind]map[string][]string{
		row.KindDeals: {"closed_at": {"expected close date"}},
	},
})
