package crm

import "github.com/salesgoal/salesgoal/internal/crm/row"

// The zoho preset reads Zoho CRM's export of the Deals module (formerly
// "Potentials"): the fields' labels as headers, "Record Id" for the id
// and "<Lookup>.id" beside each lookup ("Account Name.id"). Its default
// stages end in "Closed Won", "Closed Lost" and "Closed Lost to
// Competition"; "Type" is "New Business" or "Existing Business".
var _ = register(Preset{
	Name: "zoho",
	// "Record Id" or "Deal Owner" with "Closing Date" (HubSpot's is "Close
	// Date").
	Detect: func(_ []string, keys map[string]bool) bool {
		return (keys["recordid"] || keys["dealowner"]) && keys["closingdate"]
	},
	Aliases: map[row.Kind]map[string][]string{
		row.KindDeals: {
			"id":          {"record id"},
			"name":        {"deal name"},
			"customer_id": {"account name.id", "account name"},
			"owner":       {"deal owner"},
			"stage":       {"stage"},
			"type":        {"type"},
			"amount":      {"amount"},
			"currency":    {"currency"},
			"created_at":  {"created time"},
			"closed_at":   {"closing date"},
		},
		row.KindCustomers: {
			"id":    {"record id"},
			"name":  {"account name"},
			"owner": {"account owner"},
		},
	},
})
