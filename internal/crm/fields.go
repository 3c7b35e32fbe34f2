package crm

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// Kinds lists the kinds in the order they are tried and shown.
func Kinds() []row.Kind {
	return []row.Kind{row.KindDeals, row.KindCustomers, row.KindSpend, row.KindChurnEvents, row.KindSubscriptions}
}

// ParseKind reads a kind as a user names it; it accepts the singular too
// ("deal").
func ParseKind(s string) (row.Kind, error) {
	switch HeaderKey(s) {
	case "deals", "deal", "opportunities", "opportunity":
		return row.KindDeals, nil
	case "customers", "customer", "accounts", "account", "companies", "company":
		return row.KindCustomers, nil
	case "spend", "spends", "marketingspend":
		return row.KindSpend, nil
	case "churnevents", "churnevent", "churn", "churns", "events":
		return row.KindChurnEvents, nil
	case "subscriptions", "subscription":
		return row.KindSubscriptions, nil
	}
	return "", fmt.Errorf("unknown kind %q: use deals, customers, spend, churn-events or subscriptions", s)
}

// Fields lists the canonical fields of a kind in the order of
// docs/import.md; spend also carries "currency", which that list lacks but
// money needs.
func Fields(k row.Kind) []string {
	switch k {
	case row.KindDeals:
		return []string{"id", "name", "customer_id", "owner", "team", "stage", "type", "amount", "cost", "discount", "currency", "created_at", "closed_at"}
	case row.KindCustomers:
		return []string{"id", "name", "owner", "team", "segment", "acquired_at", "churned_at"}
	case row.KindSpend:
		return []string{"date", "amount", "channel", "category", "currency"}
	case row.KindChurnEvents:
		return []string{"customer_id", "churned_at", "reactivated_at", "reactivation"}
	case row.KindSubscriptions:
		return []string{"id", "customer_id", "started_at", "ended_at", "amount", "status", "trial"}
	}
	return nil
}

// Required lists the fields a file of kind k must carry. For deals, a won
// or status flag column (see Columns.Flags) stands in for "stage".
func Required(k row.Kind) []string {
	switch k {
	case row.KindDeals:
		return []string{"id", "stage"}
	case row.KindCustomers:
		return []string{"id"}
	case row.KindSpend:
		return []string{"date", "amount", "channel"}
	case row.KindChurnEvents:
		return []string{"customer_id", "churned_at"}
	case row.KindSubscriptions:
		return []string{"id", "customer_id", "started_at"}
	}
	return nil
}

// FlagNames lists the stage-deciding flag columns a deals file may carry:
// "won" (Salesforce IsWon, HubSpot "Is Closed Won"), "closed" (IsClosed),
// "status" (Pipedrive "Deal - Status", Close "status_type", Copper's and
// Dynamics 365's "Status") and "active" (Odoo's, false for a lost deal).
func FlagNames() []string { return []string{"won", "closed", "status", "active"} }

// HeaderKey folds a header or label for matching: lowercase, letters and
// digits only, accents kept as letters ("Deal - ID" → "dealid",
// "Closed: won" → "closedwon", "Negociación" → "negociación").
func HeaderKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Columns is how a file's header maps onto canonical fields.
type Columns struct {
	Kind      row.Kind
	Preset    string            // "hubspot", "salesforce", "pipedrive", or "" (none recognised/given)
	Index     map[string]int    // canonical field → column index (0-based); a field absent here is not carried by the file
	Flags     map[string]int    // stage-deciding columns when present: "won", "closed", "status"
	Header    []string          // the header as read
	Consts    map[string]string // field → the value of every row (Mapping.Set); not in Index
	Fallbacks map[string][]int  // field → columns read in turn when its own column is empty ("Won time" for closed_at)
	IDFrom    []int             // the columns an id is built from (Mapping.IDFrom); then "id" is not in Index
	Warnings  []Warning         // a repeated header, a column replaced by a constant
	Ignored   []string          // headers mapped to nothing
}

// Field returns the cell of canonical field f in record, and whether the
// file carries f at all. A short record reads as empty cells.
func (c Columns) Field(record []string, f string) (string, bool) {
	i, ok := c.Index[f]
	if !ok {
		return "", false
	}
	if i >= len(record) {
		return "", true
	}
	return record[i], true
}

// Flag returns the cell of flag column name ("won", "closed", "status") in
// record, or "" when the file has no such column.
func (c Columns) Flag(record []string, name string) string {
	i, ok := c.Flags[name]
	if !ok || i >= len(record) {
		return ""
	}
	return record[i]
}

// HeaderOf returns the header of the column that field f was read from,
// for messages such as `column "Amount": …`; f itself when not carried.
func (c Columns) HeaderOf(f string) string {
	if i, ok := c.Index[f]; ok && i < len(c.Header) {
		return c.Header[i]
	}
	if i, ok := c.Flags[f]; ok && i < len(c.Header) {
		return c.Header[i]
	}
	return f
}

// Describe is the column mapping in one line, for the "what I understood"
// summary: `id="Deal ID" stage="Deal Stage" …`, in Fields order, then flags.
func (c Columns) Describe() string {
	var parts []string
	for _, f := range Fields(c.Kind) {
		if i, ok := c.Index[f]; ok {
			parts = append(parts, fmt.Sprintf("%s=%q", f, c.Header[i]))
		}
	}
	for _, f := range FlagNames() {
		if i, ok := c.Flags[f]; ok {
			parts = append(parts, fmt.Sprintf("%s=%q", f, c.Header[i]))
		}
	}
	return strings.Join(parts, " ")
}

// CheckField checks a field named for a column (Mapping.Map) or, const, for
// a constant (Mapping.Set), before any file is read: it must be a field of
// some kind or, for a column, a stage flag. Whether the file's kind has it
// is checked when the header is read (Mapping.Columns).
func CheckField(field string, constant bool) error {
	known := map[string]bool{}
	for _, k := range Kinds() {
		for _, f := range Fields(k) {
			known[f] = true
		}
	}
	if !constant {
		for _, f := range FlagNames() {
			known[f] = true
		}
	}
	if known[field] {
		return nil
	}
	return &FieldError{Const: constant, Field: field, Fields: slices.Sorted(maps.Keys(known))}
}

// used is the set of columns some field, flag or fallback reads.
func (c Columns) used() map[int]bool {
	used := map[int]bool{}
	for _, i := range c.Index {
		used[i] = true
	}
	for _, i := range c.Flags {
		used[i] = true
	}
	for _, is := range c.Fallbacks {
		for _, i := range is {
			used[i] = true
		}
	}
	for _, i := range c.IDFrom {
		used[i] = true
	}
	return used
}

// IDFromHeaders lists the headers an id is built from (Mapping.IDFrom).
func (c Columns) IDFromHeaders() []string {
	out := make([]string, len(c.IDFrom))
	for k, i := range c.IDFrom {
		out[k] = c.Header[i]
	}
	return out
}
