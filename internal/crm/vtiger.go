package crm

import "github.com/salesgoal/salesgoal/internal/crm/row"

// The vtiger preset reads vtiger CRM's Opportunities (Potentials): the
// list view's export, labelled ("Opportunity Name", "Opportunity No",
// "Sales Stage", "Related To", "Assigned To", "Expected Close Date",
// "Created Time"), and the columns of its database table, which a dump
// without a header line is named with (potentialid, potentialname,
// amount, closingdate, sales_stage, related_to, assigned_to,
// createdtime). Spanish installs label stages "Cerrada-Ganada" and
// "Cerrada-Perdida".
var _ = register(Preset{
	Name: "vtiger",
	Detect: func(_ []string, keys map[string]bool) bool {
		return keys["salesstage"] && (keys["opportunityno"] || keys["potentialno"] || keys["potentialid"] || keys["relatedto"] && keys["assignedto"])
	},
	Aliases: map[row.Kind]map[string][]string{
		row.KindDeals: {
			"id":          {"opportunity no", "potential no", "potential_no", "potentialid"},
			"name":        {"opportunity name", "potential name", "potentialname"},
			"customer_id": {"related to", "related_to"},
			"owner":       {"assigned to", "assigned_to"},
			"stage":       {"sales stage", "sales_stage"},
			"type":        {"type", "opportunity_type"},
			"amount":      {"amount"},
			"created_at":  {"created time", "createdtime"},
			"closed_at":   {"expected close date", "closingdate"},
		},
	},
})
