package crm

import (
	"sort"
	"strings"
)

// This file holds what a header lacks and the user supplies: a constant
// for a column the export does not have (Mapping.Set: Olist's closed deals
// are all won, stage=won; a wide spend file has no channel column,
// channel=online), and the fallback columns of a field (Preset.Fallbacks).

// applySets records the constants of Mapping.Set in c. A constant replaces a column
// of the same field (with a warning); a constant stage also replaces the
// won/closed/status flags, which would otherwise decide.
func applySets(c *Columns, sets map[string]string) error {
	names := make([]string, 0, len(sets))
	for f := range sets {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		field, v := strings.ToLower(strings.TrimSpace(f)), strings.TrimSpace(sets[f])
		if !contains(Fields(c.Kind), field) {
			return &FieldError{Const: true, Field: f, Value: v, Kind: c.Kind, Fields: Fields(c.Kind)}
		}
		if field == "id" {
			return &ConstError{Field: field, Value: v}
		}
		if err := CheckConst(field, v); err != nil {
			return err
		}
		if c.Consts == nil {
			c.Consts = map[string]string{}
		}
		c.Consts[field] = v
		if i, ok := c.Index[field]; ok {
			c.Warnings = append(c.Warnings, Warning{Field: field, Value: v, Header: c.Header[i]})
			delete(c.Index, field)
		}
		delete(c.Fallbacks, field)
		if field == "stage" {
			for _, n := range FlagNames() {
				if i, ok := c.Flags[n]; ok {
					c.Warnings = append(c.Warnings, Warning{Field: "stage", Value: v, Header: c.Header[i]})
					delete(c.Flags, n)
				}
			}
		}
	}
	return nil
}

// CheckConst refuses a constant that would be read silently as something
// else: a stage label other than won, lost or open would make every deal
// of the file open (docs/import.md: any other label is an open stage).
func CheckConst(field, value string) error {
	if field != "stage" || IsStage(strings.ToLower(value)) {
		return nil
	}
	return &ConstError{Field: field, Value: value}
}

// matchFallbacks records the fallback columns of c's fields; a field
// without a column of its own reads its first fallback as its column.
func matchFallbacks(c *Columns, keys []string) {
	for f, as := range fallbacksFor(c.Kind) {
		for _, a := range as {
			ak := HeaderKey(a)
			for i, k := range keys {
				if k != ak || slicesContains(c.Fallbacks[f], i) {
					continue
				}
				if j, ok := c.Index[f]; !ok {
					c.Index[f] = i
				} else if j != i {
					if c.Fallbacks == nil {
						c.Fallbacks = map[string][]int{}
					}
					c.Fallbacks[f] = append(c.Fallbacks[f], i)
				}
			}
		}
	}
}

func slicesContains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// wideSpendColumns lists the headers that look like the spend of one channel
// each ("Online_Spend", "Offline Spend", "Google Ads cost"), for the
// message about a wide spend file.
func wideSpendColumns(header, keys []string) []string {
	var out []string
	for i, k := range keys {
		if k != "spend" && k != "cost" && (strings.Contains(k, "spend") || strings.HasSuffix(k, "cost")) {
			out = append(out, header[i])
		}
	}
	return out
}

// channelName suggests a channel name for a spend column: "Online_Spend"
// → "online".
func channelName(h string) string {
	k := strings.ToLower(h)
	for _, s := range []string{"_spend", " spend", "spend", "_cost", " cost", "cost"} {
		k = strings.TrimSuffix(k, s)
	}
	k = strings.Trim(k, " _-")
	if k == "" || strings.ContainsAny(k, " \"'") {
		return "NAME"
	}
	return k
}
