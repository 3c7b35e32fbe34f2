package store

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// Kind is the kind of rows a CSV file holds (DESIGN §1).
type Kind string

// The three kinds of file salesgoal imports.
const (
	KindDeals     Kind = "deals"
	KindCustomers Kind = "customers"
	KindSpend     Kind = "spend"
)

// Kinds lists the kinds in the order they are tried and shown.
func Kinds() []Kind { return []Kind{KindDeals, KindCustomers, KindSpend} }

// ParseKind reads a --kind value; it accepts the singular too ("deal").
func ParseKind(s string) (Kind, error) {
	switch HeaderKey(s) {
	case "deals", "deal", "opportunities", "opportunity":
		return KindDeals, nil
	case "customers", "customer", "accounts", "account", "companies", "company":
		return KindCustomers, nil
	case "spend", "spends", "marketingspend":
		return KindSpend, nil
	}
	return "", fmt.Errorf("unknown kind %q: use deals, customers or spend", s)
}

// Fields lists the canonical fields of a kind in DESIGN §1 order; spend
// also carries "currency", which §1 does not list but money needs.
func Fields(k Kind) []string {
	switch k {
	case KindDeals:
		return []string{"id", "name", "customer_id", "owner", "team", "stage", "type", "amount", "cost", "discount", "currency", "created_at", "closed_at"}
	case KindCustomers:
		return []string{"id", "name", "owner", "team", "segment", "acquired_at", "churned_at"}
	case KindSpend:
		return []string{"date", "amount", "channel", "category", "currency"}
	}
	return nil
}

// Required lists the fields a file of kind k must carry. For deals, a won
// or status flag column (see Columns.Flags) stands in for "stage".
func Required(k Kind) []string {
	switch k {
	case KindDeals:
		return []string{"id", "stage"}
	case KindCustomers:
		return []string{"id"}
	case KindSpend:
		return []string{"date", "amount", "channel"}
	}
	return nil
}

// FlagNames lists the stage-deciding flag columns a deals file may carry:
// "won" (Salesforce IsWon, HubSpot "Is Closed Won"), "closed" (IsClosed)
// and "status" (Pipedrive "Deal - Status", Close "status_type").
func FlagNames() []string { return []string{"won", "closed", "status"} }

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
	Kind     Kind
	Preset   string         // "hubspot", "salesforce", "pipedrive", or "" (none recognised/given)
	Index    map[string]int // canonical field → column index (0-based); a field absent here is not carried by the file
	Flags    map[string]int // stage-deciding columns when present: "won", "closed", "status"
	Header   []string       // the header as read
	Warnings []string       // e.g. `column 7 "Associated Company" repeats column 3; the first is used`
	Ignored  []string       // headers mapped to nothing
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

// MapColumns maps a header row onto the canonical fields of kind.
//
// kind "" detects the kind from the headers: a stage column (or a won or
// status flag) with a deal id makes deals; otherwise date, amount and
// channel columns make spend (date and amount suffice when nothing else
// fits, so the error can name the missing channel); otherwise a stage
// column makes deals, and an id column customers. preset "" recognises a CRM only when the header set is
// unmistakably its export (see DetectPreset). overrides are --map
// field=Header; they win over every alias, and may also name a flag
// ("won", "closed", "status").
//
// Among several columns that match one field, the one whose alias comes
// first in the alias list wins (preset aliases before generic ones), so
// "Customer ID" beats "Account Name", and "Amount" beats "Amount in company
// currency" unless the file has no currency column: then the company
// currency amount is the one whose currency is known.
func MapColumns(header []string, kind Kind, preset string, overrides map[string]string) (Columns, error) {
	if preset != "" {
		p, err := ParsePreset(preset)
		if err != nil {
			return Columns{}, err
		}
		preset = p
	} else {
		preset = DetectPreset(header)
	}
	keys := make([]string, len(header))
	for i, h := range header {
		keys[i] = HeaderKey(h)
	}

	detected := false
	if kind == "" {
		k, err := detectKind(header, keys, preset, overrides)
		if err != nil {
			return Columns{}, err
		}
		kind, detected = k, true
	} else if Fields(kind) == nil {
		return Columns{}, fmt.Errorf("unknown kind %q: use deals, customers or spend", kind)
	}

	c := matchColumns(header, keys, kind, preset)
	if err := applyOverrides(&c, keys, overrides); err != nil {
		return Columns{}, err
	}
	if err := checkRequired(c); err != nil {
		if detected {
			return Columns{}, fmt.Errorf("read as a %s file (pass --kind if it is not), but %w", kind, err)
		}
		return Columns{}, err
	}
	c.Warnings = append(c.Warnings, repeatWarnings(c, keys)...)
	c.Ignored = ignored(c)
	return c, nil
}

// matchColumns maps header keys onto the fields and flags of kind by alias,
// without overrides or checks.
func matchColumns(header, keys []string, kind Kind, preset string) Columns {
	c := Columns{
		Kind:   kind,
		Preset: preset,
		Index:  map[string]int{},
		Flags:  map[string]int{},
		Header: header,
	}
	for _, f := range Fields(kind) {
		if i, ok := firstMatch(keys, aliasesFor(kind, preset, f)); ok {
			c.Index[f] = i
		}
	}
	if kind == KindDeals {
		for _, f := range FlagNames() {
			if i, ok := firstMatch(keys, flagAliasesFor(preset, f)); ok {
				c.Flags[f] = i
			}
		}
		// A column read as a flag is not also a stage label.
		if s, ok := c.Index["stage"]; ok {
			for _, i := range c.Flags {
				if i == s {
					delete(c.Index, "stage")
				}
			}
		}
		// "Amount in company currency" is in the company's one currency;
		// "Amount" is in each deal's own currency, which only a currency
		// column can tell. Without one, the company currency amount wins.
		if _, hasCur := c.Index["currency"]; !hasCur {
			if i, ok := firstMatch(keys, companyCurrencyAmount); ok {
				c.Index["amount"] = i
			}
		}
	}
	return c
}

// firstMatch returns the column whose key equals the earliest alias.
func firstMatch(keys, aliases []string) (int, bool) {
	for _, a := range aliases {
		ak := HeaderKey(a)
		for i, k := range keys {
			if k == ak && k != "" {
				return i, true
			}
		}
	}
	return 0, false
}

func applyOverrides(c *Columns, keys []string, overrides map[string]string) error {
	names := make([]string, 0, len(overrides))
	for f := range overrides {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		h := overrides[f]
		field := strings.ToLower(strings.TrimSpace(f))
		isFlag := c.Kind == KindDeals && contains(FlagNames(), field)
		if !contains(Fields(c.Kind), field) && !isFlag {
			choices := Fields(c.Kind)
			if c.Kind == KindDeals {
				choices = append(choices, FlagNames()...)
			}
			return fmt.Errorf("--map %s=%q: %q is not a field of %s (choose from: %s)", f, h, f, c.Kind, strings.Join(choices, ", "))
		}
		col := -1
		hk := HeaderKey(h)
		for i, k := range keys {
			if k == hk && k != "" {
				col = i
				break
			}
		}
		if col < 0 {
			return fmt.Errorf("--map %s=%q: the file has no column %q (its columns: %s)", f, h, h, quoteList(c.Header))
		}
		if isFlag {
			c.Flags[field] = col
		} else {
			c.Index[field] = col
			if field == "stage" {
				// The user chose the stage label column: a flag read from
				// that same column would be a misreading.
				for n, i := range c.Flags {
					if i == col {
						delete(c.Flags, n)
					}
				}
			}
		}
	}
	return nil
}

// checkRequired returns a user-facing error naming every required field
// the mapping lacks, what was looked for, and the --map that fixes it.
func checkRequired(c Columns) error {
	missing := missingFields(c)
	if len(missing) == 0 {
		return nil
	}
	var parts []string
	for _, f := range missing {
		parts = append(parts, fmt.Sprintf("no column for %q (looked for: %s)", f, lookedFor(c.Kind, c.Preset, f)))
	}
	msg := strings.Join(parts, "; ")
	hint := fmt.Sprintf("add --map %s=\"Your Header\"", missing[0])
	if c.Kind == KindSpend && contains(missing, "channel") && len(missing) == 1 {
		hint += " (a spend row needs the channel it was spent on)"
	}
	if c.Preset == "salesforce" && contains(missing, "id") {
		hint = "add the \"Opportunity ID\" column to the report, or " + hint
	}
	return fmt.Errorf("%s: %s", msg, hint)
}

func missingFields(c Columns) []string {
	var missing []string
	for _, f := range Required(c.Kind) {
		if _, ok := c.Index[f]; ok {
			continue
		}
		if f == "stage" {
			_, won := c.Flags["won"]
			_, status := c.Flags["status"]
			if won || status {
				continue
			}
		}
		missing = append(missing, f)
	}
	return missing
}

// lookedFor lists the aliases of f, at most eight, for an error message.
func lookedFor(kind Kind, preset, f string) string {
	var out []string
	seen := map[string]bool{}
	for _, a := range aliasesFor(kind, preset, f) {
		a = strings.ToLower(a)
		if seen[a] {
			continue
		}
		seen[a] = true
		out = append(out, a)
	}
	if len(out) > 8 {
		out = append(out[:8], "…")
	}
	return strings.Join(out, ", ")
}

func repeatWarnings(c Columns, keys []string) []string {
	used := map[int]bool{}
	for _, i := range c.Index {
		used[i] = true
	}
	for _, i := range c.Flags {
		used[i] = true
	}
	var out []string
	for i, k := range keys {
		if !used[i] || k == "" {
			continue
		}
		for j := i + 1; j < len(keys); j++ {
			if keys[j] == k {
				out = append(out, fmt.Sprintf("column %d %q repeats column %d; the first is used", j+1, c.Header[j], i+1))
			}
		}
	}
	return out
}

func ignored(c Columns) []string {
	used := map[int]bool{}
	for _, i := range c.Index {
		used[i] = true
	}
	for _, i := range c.Flags {
		used[i] = true
	}
	var out []string
	for i, h := range c.Header {
		if !used[i] {
			out = append(out, h)
		}
	}
	return out
}

// detectKind decides the kind of a file from its header (DESIGN §1: "the
// kind is detected from the headers").
func detectKind(header, keys []string, preset string, overrides map[string]string) (Kind, error) {
	m := map[Kind]Columns{}
	for _, k := range Kinds() {
		c := matchColumns(header, keys, k, preset)
		// Overrides count for detection where they name a field of k; an
		// override that does not fit k is reported once the kind is known.
		for f, h := range overrides {
			field := strings.ToLower(strings.TrimSpace(f))
			if !contains(Fields(k), field) && !(k == KindDeals && contains(FlagNames(), field)) {
				continue
			}
			hk := HeaderKey(h)
			for i, key := range keys {
				if key == hk && key != "" {
					if contains(FlagNames(), field) {
						c.Flags[field] = i
					} else {
						c.Index[field] = i
					}
					break
				}
			}
		}
		m[k] = c
	}
	has := func(k Kind, f string) bool { _, ok := m[k].Index[f]; return ok }
	d := m[KindDeals]
	_, won := d.Flags["won"]
	_, status := d.Flags["status"]
	stage := has(KindDeals, "stage") || won || status
	switch {
	case stage && has(KindDeals, "id"):
		return KindDeals, nil
	// A spend file may carry a campaign "Status"; with no deal id, date,
	// amount and channel make it spend.
	case has(KindSpend, "date") && has(KindSpend, "amount") && (has(KindSpend, "channel") || !has(KindCustomers, "id") && !stage):
		return KindSpend, nil
	case stage:
		return KindDeals, nil
	case has(KindCustomers, "id"):
		return KindCustomers, nil
	}

	msg := "cannot tell whether this is a deals, customers or spend file: " +
		fmt.Sprintf("deals need a stage column (looked for: %s); ", lookedFor(KindDeals, preset, "stage")) +
		fmt.Sprintf("customers an id column (looked for: %s); ", lookedFor(KindCustomers, preset, "id")) +
		"spend a date, an amount and a channel column"
	if has(KindSpend, "date") || has(KindSpend, "amount") {
		var found, missing []string
		for _, f := range Required(KindSpend) {
			if has(KindSpend, f) {
				found = append(found, fmt.Sprintf("%s=%q", f, header[m[KindSpend].Index[f]]))
			} else {
				missing = append(missing, fmt.Sprintf("%s (looked for: %s)", f, lookedFor(KindSpend, preset, f)))
			}
		}
		msg += fmt.Sprintf(", and this file has %s but no %s", strings.Join(found, ", "), strings.Join(missing, " or "))
	}
	return "", fmt.Errorf("%s: pass --kind deals|customers|spend and --map field=\"Your Header\" for the missing columns", msg)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// aliases are the headers each canonical field is read from, best first,
// written as people see them; matching folds them with HeaderKey. Choices
// of note (DESIGN §1 is silent on them):
//   - customer_id prefers ids over names ("Customer ID", "Account ID"
//     before "Account Name", "Company"), so deals join the customers file's
//     ids when the export has both.
//   - team is read from "Team", "Sales Team" and Maven's "regional_office";
//     not from "manager", which names a person.
//   - "Status" is a stage label column; Pipedrive's "Deal - Status" and
//     Close's "status_type" are flags (open/won/lost), see flagAliases.
//   - A company's "Create Date" is when the record was made, not when it
//     became a customer, so it is no alias of acquired_at.
//   - "won_date" (Olist) is a close date.
var aliases = map[Kind]map[string][]string{
	KindDeals: {
		"id":          {"id", "deal id", "opportunity id", "deal - id", "record id", "opportunity_id", "deal_id", "dealid", "opportunityid", "hs_object_id"},
		"name":        {"name", "deal name", "opportunity name", "deal - title", "title", "deal title", "dealname", "opportunity"},
		"customer_id": {"customer_id", "customer id", "account id", "accountid", "account_id", "company id", "associated company ids (primary)", "associated company id", "associated company ids", "organization id", "deal - organization id", "customer", "account name", "account", "associated company (primary)", "associated company", "deal - organization", "organization", "company", "company name", "customer name"},
		"owner":       {"owner", "deal owner", "opportunity owner", "sales_agent", "sales agent", "deal - owner", "ownerid", "owner id", "owner name", "hubspot_owner_id", "sales rep", "salesperson", "rep", "user"},
		"team":        {"team", "sales team", "team name", "hubspot team", "deal - team", "regional_office", "regional office"},
		"stage":       {"stage", "deal stage", "dealstage", "stagename", "deal_stage", "opportunity stage", "deal - stage", "pipeline stage", "status", "deal status"},
		"type":        {"type", "deal type", "dealtype", "opportunity type", "deal - type", "deal_type"},
		"amount":      {"amount", "deal amount", "value", "deal value", "deal - value", "close_value", "close value", "opportunity amount", "total amount", "amount in company currency", "amount_in_home_currency", "amount (converted)"},
		"cost":        {"cost", "deal cost", "costs", "cogs", "cost of goods sold", "deal - cost"},
		"discount":    {"discount", "discount %", "discount (%)", "discount_pct", "discount percent", "discount percentage", "deal - discount"},
		"currency":    {"currency", "currencyisocode", "currency iso code", "amount currency", "deal - currency of value", "deal - currency", "currency code", "deal currency code", "deal_currency_code", "opportunity currency"},
		"created_at":  {"created_at", "create date", "created date", "createddate", "engage_date", "engage date", "deal - deal created", "deal - add time", "created", "created on", "creation date", "createdate", "date created", "add time"},
		"closed_at":   {"closed_at", "close date", "closedate", "close_date", "deal - deal closed on", "closed date", "closed on", "date closed", "won_date", "won date", "deal - close date"},
	},
	KindCustomers: {
		"id":          {"id", "customer id", "customer_id", "customerid", "account id", "account_id", "accountid", "record id", "company id", "organization - id", "organization id", "hs_object_id", "customer", "account"},
		"name":        {"name", "customer name", "company name", "account name", "account_name", "organization - name", "organization name", "company", "organization"},
		"owner":       {"owner", "company owner", "account owner", "customer owner", "organization - owner", "ownerid", "owner id", "hubspot_owner_id", "sales_agent", "sales rep"},
		"team":        {"team", "sales team", "team name", "hubspot team", "regional_office", "regional office"},
		"segment":     {"segment", "customer segment", "market segment", "business_segment", "business segment", "tier", "plan tier", "plan_tier", "customer tier"},
		"acquired_at": {"acquired_at", "acquired", "acquired on", "acquired date", "acquisition date", "became a customer date", "hs_lifecyclestage_customer_date", "customer since", "signup_date", "signup date", "sign up date", "signed up", "first purchase date", "customer_since"},
		"churned_at":  {"churned_at", "churn date", "churn_date", "churned", "churned on", "churned date", "churned at", "cancellation date", "cancelled date", "canceled date", "cancelled at", "canceled at", "cancel date"},
	},
	KindSpend: {
		"date":     {"date", "day", "spend date", "spend_date", "reporting starts", "week", "period"},
		"amount":   {"amount", "spend", "cost", "amount spent", "amount_spent", "spent", "ad spend", "marketing spend", "total spend", "amount spent (usd)", "amount spent (eur)"},
		"channel":  {"channel", "source", "campaign", "campaign name", "campaign_name", "utm_source", "medium", "platform", "network", "marketing channel"},
		"category": {"category", "spend category", "spend_category", "expense category"},
		"currency": {"currency", "currency code", "currencyisocode"},
	},
}

// flagAliases are the headers of the stage-deciding flag columns of deals.
var flagAliases = map[string][]string{
	"won":    {"iswon", "is won", "is_won", "is closed won", "hs_is_closed_won"},
	"closed": {"isclosed", "is closed", "is_closed", "is deal closed?", "hs_is_closed"},
	"status": {"deal - status", "status_type", "deal status type"},
}

// companyCurrencyAmount is the amount in the company's currency, preferred
// over "Amount" when the file has no currency column (see matchColumns).
var companyCurrencyAmount = []string{"amount in company currency", "amount_in_home_currency", "amount (converted)"}

// presetAliases come before the generic aliases when a preset is given or
// recognised. They hold each CRM's own export headers, including those a
// generic reading would get wrong (Salesforce report columns "Won" and
// "Closed" are the IsWon/IsClosed flags; Pipedrive's bare "Status" is its
// open/won/lost flag).
var presetAliases = map[string]map[Kind]map[string][]string{
	"hubspot": {
		KindDeals: {
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
		KindCustomers: {
			"id":          {"record id", "company id", "hs_object_id"},
			"name":        {"company name", "name"},
			"owner":       {"company owner", "hubspot_owner_id"},
			"team":        {"hubspot team"},
			"acquired_at": {"became a customer date", "hs_lifecyclestage_customer_date"},
		},
	},
	"salesforce": {
		KindDeals: {
			"id":          {"opportunity id", "id"},
			"name":        {"opportunity name", "name"},
			"customer_id": {"account id", "accountid", "account name"},
			"owner":       {"opportunity owner", "owner name", "ownerid"},
			"stage":       {"stage", "stagename"},
			"type":        {"type"},
			"amount":      {"amount"},
			"currency":    {"amount currency", "currencyisocode", "opportunity currency"},
			"created_at":  {"created date", "createddate"},
			"closed_at":   {"close date", "closedate"},
		},
		KindCustomers: {
			"id":    {"account id", "id"},
			"name":  {"account name", "name"},
			"owner": {"account owner", "ownerid"},
		},
	},
	"pipedrive": {
		KindDeals: {
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
		KindCustomers: {
			"id":    {"organization - id", "id"},
			"name":  {"organization - name", "name"},
			"owner": {"organization - owner", "owner"},
		},
	},
}

var presetFlagAliases = map[string]map[string][]string{
	"salesforce": {"won": {"won", "iswon"}, "closed": {"closed", "isclosed"}},
	"pipedrive":  {"status": {"deal - status", "status"}},
	"hubspot":    {"won": {"is closed won", "hs_is_closed_won"}, "closed": {"is deal closed?", "hs_is_closed"}},
}

func aliasesFor(kind Kind, preset, f string) []string {
	return append(append([]string(nil), presetAliases[preset][kind][f]...), aliases[kind][f]...)
}

func flagAliasesFor(preset, f string) []string {
	return append(append([]string(nil), presetFlagAliases[preset][f]...), flagAliases[f]...)
}

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
