package rollup

import (
	"fmt"
	"slices"
	"strings"
)

// Policy is how a deal in another currency is converted into the
// database's (docs/metrics.md, "Several currencies").
type Policy uint8

// The rate policies of `salesgoal config set rate-policy`.
const (
	// CloseDate converts each day's cells at the last rate on or before
	// that day: a won or lost deal at its close date, a created deal at
	// its create date. Before a currency's first rate nothing converts.
	CloseDate Policy = iota
	// PeriodAverage converts at the mean of the rates dated in the range
	// asked, or, when none is, at the last rate before it.
	PeriodAverage
	// Latest converts at the last rate on or before the as-of day.
	Latest
)

var policyNames = []string{"close-date", "period-average", "latest"}

// ParsePolicy reads a policy's name.
func ParsePolicy(s string) (Policy, error) {
	if i := slices.Index(policyNames, s); i >= 0 {
		return Policy(i), nil
	}
	return 0, fmt.Errorf("%q is not a rate policy: give %s", s, strings.Join(policyNames, ", "))
}

func (p Policy) String() string { return policyNames[p] }

// Conversion says whether and how a Source converts money in other
// currencies into the database's.
type Conversion struct {
	On       bool
	Policy   Policy
	AsOf     Day    // the Latest policy's today
	Currency string // the database's
}
