package crm

import (
	"fmt"
	"strings"
)

// Deal types (docs/import.md).
const (
	TypeNew       = "new"
	TypeUpsell    = "upsell"
	TypeCrossSell = "cross-sell"
	TypeRenewal   = "renewal"
)

// types maps HeaderKey of a CRM's deal type onto ours. Salesforce's
// "Existing Customer - Replacement" and "- Downgrade" keep an existing
// customer's business without growing it: like a renewal they are neither
// new business nor expansion, so they map to renewal.
var types = map[string]string{
	"new": TypeNew, "newbusiness": TypeNew, "newcustomer": TypeNew, "newdeal": TypeNew, "newlogo": TypeNew, "newsale": TypeNew, "acquisition": TypeNew,
	"upsell": TypeUpsell, "existingbusiness": TypeUpsell, "existingcustomerupgrade": TypeUpsell, "upgrade": TypeUpsell, "expansion": TypeUpsell, "addon": TypeUpsell,
	"crosssell": TypeCrossSell,
	"renewal":   TypeRenewal, "renew": TypeRenewal, "renewals": TypeRenewal, "existingcustomerrenewal": TypeRenewal,
	"existingcustomerreplacement": TypeRenewal, "existingcustomerdowngrade": TypeRenewal, "replacement": TypeRenewal, "downgrade": TypeRenewal,
}

// ParseType maps a deal type onto "new", "upsell", "cross-sell", "renewal",
// or "" for an empty cell.
func ParseType(s string) (string, error) {
	k := HeaderKey(s)
	if k == "" {
		if strings.TrimSpace(s) == "" {
			return "", nil
		}
	} else if t, ok := types[k]; ok {
		return t, nil
	}
	return "", fmt.Errorf("%q is not a deal type: use new, upsell, cross-sell or renewal (also read: New Business, Existing Business, New Customer, Existing Customer - Upgrade/Replacement/Downgrade, Renewal)", s)
}
