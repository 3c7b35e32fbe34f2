package crm

import "github.com/salesgoal/salesgoal/internal/crm/row"

// The hubspot preset reads HubSpot's exports: the deals and companies of an export
// view or of "all properties" (internal names such as "dealstage" and
// "hs_object_id").
var _ = register(Preset{
	Name: "hubspot",
	// "Record ID" with "Deal Stage", "Deal Name", "Company name" or
	// "Became a Customer Date", or an "Is Closed Won" column.
	Detect: func(_ []string, keys map[string]bool) bool {
		return keys["recordid"] && (keys["dealstage"] || keys["dealname"] || keys["companyname"] || keys["becameacustomerdate"]) ||
			keys["isclosedwon"]
	},
	Aliases: map[row.Kind]map[string][]string{
		row.KindDeals: {
			"id":          {"record id", "deal id", "hs_object_id"},
			"name":        {"deal name", "dealname"},
			"customer_id": {"associated company ids (primary)", "associated company ids", "associated company id", "associated company (primary)", "associated company"},
			"owner":       {"deal owner", "hubspot_owner_id"},
			"team":        {"hubspot team"},
			"stage":       {"deal stage", "dealstage"},
			"type":        {"deal type", "dealtype"},
			"amount":      {"amount"},
			"currency":    {"currency", "deal_currency_code"},
			"created_at":  {"create date", "createdate"},
			"closed_at":   {"close date", "closedate"},
		},
		row.KindCustomers: {
			"id":          {"record id", "company id", "hs_object_id"},
			"name":        {"company name", "name"},
			"owner":       {"company owner", "hubspot_owner_id"},
			"team":        {"hubspot team"},
			"acquired_at": {"became a customer date", "hs_lifecyclestage_customer_date"},
		},
	},
	Flags: map[string][]string{"won": {"is closed won", "hs_is_closed_won"}, "closed": {"is deal closed?", "hs_is_closed"}},
})
