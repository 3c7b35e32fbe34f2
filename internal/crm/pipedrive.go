package crm

import (
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// The pipedrive preset reads Pipedrive's exports of deals and organizations, whose
// headers carry the object's name ("Deal - Title", "Organization - Name").
var _ = register(Preset{
	Name: "pipedrive",
	// A "Deal - " or "Organization - " prefix.
	Detect: func(header []string, _ map[string]bool) bool {
		for _, h := range header {
			t := strings.TrimSpace(h)
			if strings.HasPrefix(t, "Deal - ") || strings.HasPrefix(t, "Organization - ") {
				return true
			}
		}
		return false
	},
	Aliases: map[row.Kind]map[string][]string{
		row.KindDeals: {
			"id":          {"deal - id", "id"},
			"name":        {"deal - title", "title"},
			"customer_id": {"deal - organization id", "deal - organization", "organization"},
			"owner":       {"deal - owner", "owner"},
			"stage":       {"deal - stage", "stage"},
			"amount":      {"deal - value", "value"},
			"currency":    {"deal - currency of value", "deal - currency", "currency of value", "currency"},
			"created_at":  {"deal - deal created", "deal - add time", "deal created", "add time"},
			"closed_at":   {"deal - deal closed on", "deal closed on", "deal - close time", "close time"},
		},
		row.KindCustomers: {
			"id":    {"organization - id", "id"},
			"name":  {"organization - name", "name"},
			"owner": {"organization - owner", "owner"},
		},
	},
	// The bare "Status" is Pipedrive's open/won/lost flag, not a stage label.
	Flags: map[string][]string{"status": {"deal - status", "status"}},
	// "Deal closed on" may be empty where "Won time" or "Lost time" is not.
	Fallbacks: map[row.Kind]map[string][]string{
		row.KindDeals: {"closed_at": {"deal - won time", "won time", "deal - lost time", "lost time"}},
	},
})
