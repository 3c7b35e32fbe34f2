package measure

import (
	"time"

	"github.com/salesgoal/salesgoal/metric"
)

// What a Source answers for a goal's path (Measurer.Paths): the
// aggregates of a range day by day, which add up to those of any part of
// it that starts on its first day or later.

// SeriesQuery asks for the aggregates of each day of a range, for one
// scope, or with Split for each owner and team: the deals, customers and
// spend of each pair of an owner and a team, from which the company's,
// every owner's and every team's series add up, so that one pass answers
// the goals of every scope.
type SeriesQuery struct {
	Query
	// Split asks for a series per owner and team; the Query's scope is
	// then the company.
	Split bool
	// Cycles asks for the won deals of each day by cycle length too, from
	// which a median of any part of the range is read.
	Cycles bool
}

// Series is the aggregates of one scope, or with Split of one owner and
// team, day by day over the range of a SeriesQuery.
type Series struct {
	// Owner and Team are the pair the series is of, with Split; "" and ""
	// otherwise.
	Owner, Team string
	// Company is true for the series of what only the company has, with
	// Split: its spend, which has no owner.
	Company bool
	// Days are the days on which a deal closed or was created or spend
	// was dated, in order. Each day's aggregates hold its deals and spend
	// only: the counts and sums that add up day by day (no median, no
	// customers, no OtherCurrency).
	Days []DayAggregates
	// Customers counts the customers of the scope by the day they were
	// acquired and the day they churned, from which S, R and N of any
	// part of the range follow (docs/metrics.md, "Retention and churn").
	Customers []CustomerCell
	// Cycles counts the won deals of each day by cycle length (with
	// SeriesQuery.Cycles).
	Cycles []CycleCell
}

// DayAggregates is the deals and spend of one day.
type DayAggregates struct {
	Day time.Time
	metric.Aggregates
}

// CustomerCell counts the customers acquired on one day and churned on
// another. A day before the range stands for any day before it (From − 1),
// a day after it for any day after it or never churned (To + 1).
// Customers acquired after the range, or acquired and churned before it,
// count in no part of it and are left out.
type CustomerCell struct {
	Acquired, Churned time.Time
	// Later are the customers' later intervals (they left and came back):
	// each from its first day to the day it ended, To + 1 for none. A cell
	// with later intervals is given unclamped.
	Later [][2]time.Time
	N     int64
}

// CycleCell counts the deals won on one day that took Days days.
type CycleCell struct {
	Day  time.Time
	Days int64
	Won  int64
}
