package crm

import "github.com/salesgoal/salesgoal/internal/crm/row"

// The odoo preset reads Odoo's export of CRM opportunities (crm.lead): the
// field labels ("Opportunity", "Expected Revenue", "Salesperson"), or the
// technical names of an import-compatible export ("expected_revenue",
// "user_id"), whose "id" is the External ID. A won opportunity is in a
// stage marked won ("Won"); a lost one is archived: "Active" is false
// (export it with the Archived filter and the "Active" column, or lost
// deals are missing).
var _ = register(Preset{
	Name: "odoo",
	Detect: func(_ []string, keys map[string]bool) bool {
		return (keys["expectedrevenue"] || keys["plannedrevenue"]) && (keys["salesperson"] || keys["userid"] || keys["stageid"] || keys["expectedclosing"])
	},
	Aliases: map[row.Kind]map[string][]string{
		row.KindDeals: {
			"id":          {"id", "external id"},
			"name":        {"opportunity", "name"},
			"customer_id": {"customer", "partner_id"},
			"owner":       {"salesperson", "user_id"},
			"team":        {"sales team", "team_id"},
			"stage":       {"stage", "stage_id"},
			"amount":      {"expected revenue", "expected_revenue", "planned_revenue"},
			"created_at":  {"created on", "create_date"},
			"closed_at":   {"closed date", "date_closed"},
		},
	},
	Flags: map[string][]string{"active": {"active"}},
	// An open opportunity's close date is its expected closing.
	Fallbacks: map[row.Kind]map[string][]string{
		row.KindDeals: {"closed_at": {"expected closing", "date_deadline"}},
	},
})
