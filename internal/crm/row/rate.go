package row

import (
	"fmt"
	"strings"
)

// Rate is one exchange rate as imported (docs/metrics.md, "Several
// currencies"): on Date, 1 Currency is worth Value units of Base; or, when
// PerBase, 1 Base is worth Value units of Currency, as the European
// Central Bank quotes its reference rates (units of a currency per euro).
// Value is the positive decimal as written, kept as text so that no rate
// is ever rounded.
type Rate struct {
	Date     string // YYYY-MM-DD
	Currency string
	Base     string
	Value    string
	PerBase  bool
}

// RateValue checks that s is a positive decimal written with digits and at
// most one point ("1.0856", "0.85", "157"), and returns it without
// leading zeros of the whole part or trailing zeros of the fraction.
func RateValue(s string) (string, error) {
	s = strings.TrimSpace(s)
	whole, frac, _ := strings.Cut(s, ".")
	if s == "" || whole+frac == "" || strings.Trim(whole+frac, "0123456789") != "" {
		return "", fmt.Errorf("%q is not a rate: write a positive decimal such as 1.0856", s)
	}
	whole = strings.TrimLeft(whole, "0")
	frac = strings.TrimRight(frac, "0")
	if strings.Trim(whole+frac, "0") == "" {
		return "", fmt.Errorf("%q is not a rate: a rate is above 0", s)
	}
	if len(whole)+len(frac) > 18 {
		return "", fmt.Errorf("%q is not a rate: salesgoal keeps at most 18 digits", s)
	}
	if whole == "" {
		whole = "0"
	}
	if frac == "" {
		return whole, nil
	}
	return whole + "." + frac, nil
}
