package metric

// Input is something the data must hold for a metric to be measurable at
// all: won deals for revenue, costs for gross margin, spend rows for CAC.
type Input int

// The inputs metrics need beyond a deal's stage and dates.
const (
	InputDeals       Input = iota + 1 // deals with a created date
	InputClosedDeals                  // won or lost deals with a close date
	InputWonDeals                     // won deals with a close date
	InputCosts                        // won deals with a cost
	InputDiscounts                    // won deals with a discount given
	InputSpend                        // spend rows
	InputAcquired                     // customers with an acquisition date, given or from a won deal
	InputChurned                      // customers with a churn date
)

// Inputs counts, company-wide, the rows that hold each input, as the store
// finds them.
type Inputs struct {
	Deals             int64 // deals with a created date
	ClosedDeals       int64 // won or lost
	WonDeals          int64
	DealsWithCost     int64
	DealsWithDiscount int64
	SpendRows         int64
	Customers         int64 // with an acquisition date
	ChurnedCustomers  int64 // with a churn date
}

// Holds reports whether the data holds input i. It is the one place that
// decides it, so that how the data says what it holds can change here
// alone.
func (in Inputs) Holds(i Input) bool {
	switch i {
	case InputDeals:
		return in.Deals > 0
	case InputClosedDeals:
		return in.ClosedDeals > 0
	case InputWonDeals:
		return in.WonDeals > 0
	case InputCosts:
		return in.DealsWithCost > 0
	case InputDiscounts:
		return in.DealsWithDiscount > 0
	case InputSpend:
		return in.SpendRows > 0
	case InputAcquired:
		return in.Customers > 0
	case InputChurned:
		return in.ChurnedCustomers > 0
	}
	return false
}

// Need is an input a metric needs, with the sentence that says, when the
// data lacks it, what is missing and what to import.
type Need struct {
	Input   Input
	Missing string
	// Dull is true when the metric still has a value without the input,
	// one that says nothing: retention without churn dates reads 100%.
	Dull bool
}

// The needs several metrics share.
var (
	needWonDeals = Need{Input: InputWonDeals,
		Missing: "the data holds no won deals: import deals with a won stage and close dates"}
	needDatedDeals = Need{Input: InputDeals,
		Missing: "the data holds no deals with a created date: import deals with a created_at column"}
	needDiscounts = Need{Input: InputDiscounts,
		Missing: "no deal has a discount: import deals with a discount column"}
	needAcquired = Need{Input: InputAcquired,
		Missing: "no customer has an acquisition date: import customers or won deals with a customer"}
	needChurned = Need{Input: InputChurned,
		Missing: "no customer has a churn date, so churn cannot be measured: import customers with a churned_at column"}
)
