package metric

// Level says whose numbers a scope counts: the whole company, one team or
// one owner. Its string form is the id written to JSON ("scope":
// {"kind": "owner"}) and to the database.
type Level string

// The three levels of docs/goals.md.
const (
	Company Level = "company"
	Team    Level = "team"
	Owner   Level = "owner"
)

// Scope is the whole company, one team or one owner: whose deals and
// customers a metric counts, and whom a goal is set for. Deals and
// customers are filtered by their own owner or team; spend has no owner and
// counts only for the company (docs/metrics.md). The zero Scope is the
// company.
type Scope struct {
	Level Level
	Value string // the team or owner; empty for the company
}

// IsCompany reports whether the scope is the whole company.
func (s Scope) IsCompany() bool { return s.Level == Company || s.Level == "" }

// String writes the scope for people: "the company", "team EMEA",
// "owner Ana Silva".
func (s Scope) String() string {
	if s.IsCompany() {
		return "the company"
	}
	return string(s.Level) + " " + s.Value
}
