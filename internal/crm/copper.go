package crm

import "github.com/salesgoal/salesgoal/internal/crm/row"

// The copper preset reads Copper's export of opportunities, labelled as
// its default fields are ("Name", "Company", "Value", "Pipeline", "Stage",
// "Status", "Close Date", "Owner", "Win Probability", "Loss Reason").
// "Status" (Open, Won, Lost, Abandoned) decides the stage; the stage is a
// step of the pipeline. Close dates are MM/DD/YYYY.
var _ = register(Preset{
	Name: "copper",
	Detect: func(_ []string, keys map[string]bool) bool {
		return keys["winprobability"] && keys["pipeline"] && keys["status"] && (keys["primarycontact"] || keys["lossreason"])
	},
	Aliases: map[row.Kind]map[string][]string{
		row.KindDeals: {
			"id":          {"opportunity id", "id"},
			"name":        {"name"},
			"customer_id": {"company"},
			"owner":       {"owner"},
			"stage":       {"stage"},
			"amount":      {"value"},
			"created_at":  {"date created", "created"},
			"closed_at":   {"close date"},
		},
	},
	// Its default fields name no id column: the import then suggests
	// building one from the name, the company and the close date.
	Flags: map[string][]string{"status": {"status"}},
})
