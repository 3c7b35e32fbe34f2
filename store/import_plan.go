package store

import (
	"strconv"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// batchRows is how many rows one INSERT carries. 100 and 500 measured the
// same on this project's machine (docs/architecture.md); 200 keeps each
// statement well under SQLite's limit on parameters.
const batchRows = 200

// plan is the upsert for one file: which columns it writes, and which of
// them it changes on a row that already exists (only the fields the file
// carries, docs/import.md).
type plan struct {
	kind     row.Kind
	table    string
	conflict string
	all      []string // every column of the kind's rows, in the order of the positions below
	pick     []int    // positions in all of the columns inserted
	insert   []string // names of the picked columns
	update   []string // columns set when the row exists
	literal  string   // a constant column added to every row (customers: implicit = 0)
	// bulk: the table was empty when the import's transaction began, so
	// every row is new and the statement only inserts (import_bulk.go).
	bulk bool
	// source: the id of the deals file's source (sources.go), written into
	// each deal it inserts or changes; 0 for none. A literal of the
	// statement, not an argument: it is the same on every row.
	source int64
	// hashed: each row carries, after its picked columns, its fingerprint
	// (the hash column of deals, import_hash.go). The deals the upsert
	// is given are all new or changed: it updates without comparing.
	hashed bool
	// updateAt are the positions in pick of the columns in update.
	updateAt []int
	// signature is what every row's fingerprint starts with: the columns
	// in update (import_hash.go). Set on the goroutine that fills batches.
	signature []byte
}

// Positions of the deal columns in plan.all (dealColumns).
const (
	dealID = iota
	dealName
	dealCustomer
	dealOwner
	dealTeam
	dealStage
	dealLabel
	dealType
	dealAmount
	dealCost
	dealDiscount
	dealCurrency
	dealCreated
	dealClosed
)

// Positions of the customer columns in plan.all (customerColumns).
const (
	custID = iota
	custName
	custOwner
	custTeam
	custSegment
	custAcquired
	custChurned
)

// Positions of the spend columns in plan.all (spendColumns).
const (
	spendDate = iota
	spendChannel
	spendAmount
	spendCategory
	spendCurrency
)

// The columns of each table that an import writes, and the field of a file
// that feeds each.
var (
	dealColumns     = dealColumnsArray[:]
	dealFields      = []string{"id", "name", "customer_id", "owner", "team", "stage", "stage", "type", "amount", "cost", "discount", "currency", "created_at", "closed_at"}
	customerColumns = []string{"id", "name", "owner", "team", "segment", "acquired_at", "churned_at"}
	customerFields  = customerColumns
	spendColumns    = []string{"date", "channel", "amount", "category", "currency"}
	spendFields     = spendColumns
	eventColumns    = []string{"customer_id", "churned_at", "reactivation", "reactivated_at"}
	subColumns      = []string{"id", "customer_id", "started_at", "ended_at", "counts"}
)

// Positions of the churn-event and subscription columns in plan.all.
const (
	evCustomer = iota
	evDay
	evReactivation
	evReactivatedAt
)

const (
	subID = iota
	subCustomer
	subStarted
	subEnded
	subCounts
)

// newPlan decides the columns of the upsert from the fields the file
// carries. currencyGiven says the user named the file's currency, so it
// may overwrite a stored one.
func newPlan(kind row.Kind, carried []string, currencyGiven bool) *plan {
	p := &plan{kind: kind, table: string(kind), conflict: "id"}
	var fields []string
	// always: inserted even when the file lacks the column (a required
	// field, or one with a default of ours); updated only when carried.
	always := map[string]bool{"id": true, "currency": true}
	switch kind {
	case row.KindDeals:
		p.all, fields = dealColumns, dealFields
		always["stage"] = true // from the stage column or the won/closed flags
	case row.KindCustomers:
		p.all, fields = customerColumns, customerFields
		p.literal = "implicit" // a customers file makes a customer explicit
	case row.KindSpend:
		p.all, fields = spendColumns, spendFields
		p.conflict = "date, channel"
		for _, c := range []string{"date", "channel", "amount"} {
			always[c] = true
		}
	case row.KindChurnEvents:
		p.all, fields, p.table = eventColumns, eventColumns, "churn_events"
		p.conflict = "customer_id, churned_at, reactivation"
		for _, c := range eventColumns[:3] {
			always[c] = true
		}
	case row.KindSubscriptions:
		p.all, fields = subColumns, subColumns
		always["customer_id"], always["started_at"], always["counts"] = true, true, true
		carried = append(carried, "counts")
	}
	has := map[string]bool{}
	for _, f := range carried {
		has[f] = true
	}
	for i, col := range p.all {
		c := has[fields[i]] || (col == "currency" && currencyGiven) || (col == "stage" && kind == row.KindDeals)
		if !c && !always[col] {
			continue
		}
		p.pick = append(p.pick, i)
		p.insert = append(p.insert, col)
		if c && !strings.Contains(p.conflict, col) {
			p.update = append(p.update, col)
			p.updateAt = append(p.updateAt, len(p.pick)-1)
		}
	}
	p.hashed = kind == row.KindDeals
	return p
}

// width is the number of arguments of one row.
func (p *plan) width() int {
	if p.hashed {
		return len(p.pick) + 1
	}
	return len(p.pick)
}

// sql is the INSERT … ON CONFLICT DO UPDATE statement for n rows. The
// update's WHERE clause makes a row whose carried fields are all equal a
// no-op, which SQLite does not count as a change: so RowsAffected counts
// exactly the rows inserted or updated.
func (p *plan) sql(n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + p.table + " (" + strings.Join(p.insert, ", "))
	tuple := "(" + marks("?", len(p.insert))
	if p.hashed {
		b.WriteString(", hash")
		tuple += ", ?"
	}
	if p.literal != "" {
		b.WriteString(", " + p.literal)
		tuple += ", 0"
	}
	if p.source != 0 {
		b.WriteString(", source")
		tuple += ", " + strconv.FormatInt(p.source, 10)
	}
	tuple += ")"
	b.WriteString(") VALUES ")
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(tuple)
	}
	b.WriteString(" ON CONFLICT (" + p.conflict + ") ")
	if p.bulk {
		// A key repeated in the file keeps its first row here; the
		// duplicate check then refuses the file, naming both lines.
		b.WriteString("DO NOTHING")
		return b.String()
	}
	sets := append([]string(nil), p.update...)
	if p.literal != "" {
		sets = append(sets, p.literal)
	}
	if len(sets) == 0 {
		b.WriteString("DO NOTHING")
		return b.String()
	}
	b.WriteString("DO UPDATE SET ")
	for i, c := range sets {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c + " = excluded." + c)
	}
	if p.source != 0 {
		// A changed deal is the file's source's; the source alone does not
		// make a deal changed (the WHERE below leaves it out).
		b.WriteString(", source = excluded.source")
	}
	if p.hashed {
		// The deals are new or changed: compared before, in Go.
		b.WriteString(", hash = excluded.hash")
		return b.String()
	}
	b.WriteString(" WHERE ")
	for i, c := range sets {
		if i > 0 {
			b.WriteString(" OR ")
		}
		b.WriteString(p.table + "." + c + " IS NOT excluded." + c)
	}
	return b.String()
}
