package crm

import "strings"

// IsFooter reports whether a record is a report footer or trailer to skip
// rather than data: a record whose cells are all empty, or one with a
// single non-empty cell holding a CRM's report footer (Preset.Footer:
// Salesforce's "Grand Totals (N records)" and the like). A data row has
// more than one cell filled, so a deal named "Grand Totals" is never
// skipped.
func IsFooter(record []string) bool {
	filled := ""
	n := 0
	for _, c := range record {
		if strings.TrimSpace(c) != "" {
			filled = c
			n++
		}
	}
	switch n {
	case 0:
		return true
	case 1:
		return reportFooter(HeaderKey(filled))
	}
	return false
}
