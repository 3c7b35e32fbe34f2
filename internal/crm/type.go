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

// types maps HeaderKey of a CRM's deal type onto ours: the labels of
// HubSpot ("newbusiness", "existingbusiness"), Salesforce ("New Customer",
// "Existing Customer - Upgrade", "New Business", "Add-On Business"), Zoho,
// SuiteCRM and vtiger ("New Business", "Existing Business"), Freshsales
// ("New Business"), and the same words in the languages of docs/import.md.
// Salesforce's "Existing Customer - Replacement" and "- Downgrade" keep an
// existing customer's business without growing it: like a renewal they
// are neither new business nor expansion, so they map to renewal.
var types = map[string]string{
	"new": TypeNew, "newbusiness": TypeNew, "newcustomer": TypeNew, "newdeal": TypeNew, "newlogo": TypeNew, "newsale": TypeNew, "acquisition": TypeNew,
	"nuevonegocio": TypeNew, "nuevocliente": TypeNew, "clientenovo": TypeNew, "novonegocio": TypeNew, "novocliente": TypeNew, "nouveauclient": TypeNew, "neukunde": TypeNew, "nieuweklant": TypeNew,
	"upsell": TypeUpsell, "existingbusiness": TypeUpsell, "existingcustomerupgrade": TypeUpsell, "upgrade": TypeUpsell, "expansion": TypeUpsell, "addon": TypeUpsell,
	"addonbusiness": TypeUpsell, "existingcustomer": TypeUpsell, "upselling": TypeUpsell,
	"crosssell": TypeCrossSell, "crossselling": TypeCrossSell, "crosseling": TypeCrossSell, "crosssale": TypeCrossSell,
	"renewal": TypeRenewal, "renew": TypeRenewal, "renewals": TypeRenewal, "existingcustomerrenewal": TypeRenewal,
	"existingcustomerreplacement": TypeRenewal, "existingcustomerdowngrade": TypeRenewal, "replacement": TypeRenewal, "downgrade": TypeRenewal,
	"renovación": TypeRenewal, "renovacion": TypeRenewal, "renovação": TypeRenewal, "renovacao": TypeRenewal, "renouvellement": TypeRenewal, "verlängerung": TypeRenewal, "rinnovo": TypeRenewal, "verlenging": TypeRenewal,
}

// IsType reports whether s is a deal type: new, upsell, cross-sell or
// renewal.
func IsType(s string) bool {
	return s == TypeNew || s == TypeUpsell || s == TypeCrossSell || s == TypeRenewal
}

// TypeRules say what a CRM's own deal-type labels mean, before the labels
// salesgoal knows (types).
type TypeRules map[string]string // the label folded by HeaderKey → a type

// Add says that label means type t (IsType). A later label that folds to
// the same HeaderKey wins.
func (r *TypeRules) Add(label, t string) {
	if *r == nil {
		*r = TypeRules{}
	}
	(*r)[HeaderKey(label)] = t
}

// Type maps a deal-type label onto "new", "upsell", "cross-sell" or
// "renewal": the rules first, then the labels salesgoal knows. An empty
// cell, and a label neither knows, read as "" (no type); known is false
// for the latter, which the import lists (docs/import.md: an unknown type
// is kept as empty).
func (r TypeRules) Type(s string) (t string, known bool) {
	k := HeaderKey(s)
	if k == "" {
		return "", strings.TrimSpace(s) == ""
	}
	if k == "none" {
		return "", true // Zoho's "-None-", vtiger's "--None--": no type chosen
	}
	if t, ok := r[k]; ok {
		return t, true
	}
	if t, ok := types[k]; ok {
		return t, true
	}
	return "", false
}

// ParseType maps a deal type onto "new", "upsell", "cross-sell", "renewal",
// or "" for an empty cell; a label salesgoal does not know is an error.
func ParseType(s string) (string, error) {
	if t, known := (TypeRules)(nil).Type(s); known {
		return t, nil
	}
	return "", fmt.Errorf("%q is not a deal type: use new, upsell, cross-sell or renewal (also read: New Business, Existing Business, New Customer, Existing Customer - Upgrade/Replacement/Downgrade, Add-On Business, Renewal)", s)
}
