package row

import "strconv"

// MaxMoney bounds, in minor units, an amount, a cost or spend, and also
// the sum, as if every one were positive, of the amounts of the deals in
// one currency, of their costs, and of the spend in one currency:
// 10,000,000,000,000.00. Every value salesgoal prints is a part of such a
// sum, or a ratio of them, so each fits a float64 exactly to the cent and
// prints exactly (docs/import.md, "Why amounts have a limit").
const MaxMoney int64 = 10_000_000_000_000_00

// FormatMoney writes minor units as major units with two decimals and
// thousands separators: 123456 → "1,234.56".
func FormatMoney(minor int64) string {
	sign := ""
	u := uint64(minor)
	if minor < 0 {
		sign, u = "-", uint64(-minor)
	}
	whole := strconv.FormatUint(u/100, 10)
	var b []byte
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, whole[i])
	}
	frac := u % 100
	return sign + string(b) + "." + string([]byte{byte('0' + frac/10), byte('0' + frac%10)})
}
