package crm

import (
	"fmt"
	"strings"
)

// Presets lists the preset names.
func Presets() []string { return []string{"hubspot", "salesforce", "pipedrive"} }

// ParsePreset reads a --preset value.
func ParsePreset(s string) (string, error) {
	k := HeaderKey(s)
	if k == "" {
		return "", nil
	}
	for _, p := range Presets() {
		if k == p {
			return p, nil
		}
	}
	return "", fmt.Errorf("unknown preset %q (choose from: %s)", s, strings.Join(Presets(), ", "))
}

// DetectPreset recognises a CRM from a header only when the header set is
// unmistakably its export: a "Deal - " or "Organization - " prefix is
// Pipedrive; "StageName" with "IsWon", "IsClosed" or "AccountId", or
// "Opportunity Name"/"Opportunity Owner" with "Stage", is Salesforce;
// "Record ID" with "Deal Stage", "Deal Name", "Company name" or "Became a
// Customer Date", or an "Is Closed Won" column, is HubSpot. Otherwise "".
func DetectPreset(header []string) string {
	keys := map[string]bool{}
	for _, h := range header {
		t := strings.TrimSpace(h)
		if strings.HasPrefix(t, "Deal - ") || strings.HasPrefix(t, "Organization - ") {
			return "pipedrive"
		}
		keys[HeaderKey(h)] = true
	}
	switch {
	case keys["stagename"] && (keys["iswon"] || keys["isclosed"] || keys["accountid"]),
		(keys["opportunityname"] || keys["opportunityowner"]) && keys["stage"]:
		return "salesforce"
	case keys["recordid"] && (keys["dealstage"] || keys["dealname"] || keys["companyname"] || keys["becameacustomerdate"]),
		keys["isclosedwon"]:
		return "hubspot"
	}
	return ""
}
