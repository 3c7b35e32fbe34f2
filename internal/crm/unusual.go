package crm

// Values that are unusual but meaningful (docs/import.md, "Unusual
// values"): kept, counted, and named by their first lines, rather than
// refused.

// Lines counts the rows that carry one unusual value and keeps the first
// few of their line numbers, so that a warning can name them without
// memory that grows with the file.
type Lines struct {
	N     int64
	First []int // at most MaxLines, in the order met
}

// MaxLines is how many line numbers a Lines keeps.
const MaxLines = 3

func (l *Lines) add(line int) {
	l.N++
	if len(l.First) < MaxLines {
		l.First = append(l.First, line)
	}
}

// Unusual is what a deals file held that is unusual but kept.
type Unusual struct {
	// CloseBeforeCreate: deals that closed before they were created (in
	// Salesforce, deals keyed in after they closed): left out of cycle time.
	CloseBeforeCreate Lines
	// ClosedWithoutCreated: won or lost deals without a create date: they
	// count in win rate and revenue, not in cycle time or new deals.
	ClosedWithoutCreated Lines
	// NegativeAmount: credits, refunds and downgrades: sums are net,
	// average deal size and discounts leave them out.
	NegativeAmount Lines
	// UnknownTypes: the deal-type labels read as empty, and how many deals
	// carry each (at most memoMax labels).
	UnknownTypes map[string]int64
}

// The unusual values of the line being converted, as bits, applied by
// count once the line is known to be valid.
const (
	unusualCloseBeforeCreate = 1 << iota
	unusualClosedWithoutCreated
	unusualNegativeAmount
	unusualType
)

// note records one unusual value of the line being converted.
func (r *Reader) note(bit int) { r.unusual |= bit }

// countUnusual counts the unusual values of a valid line.
func (r *Reader) countUnusual(u *Understood, typeLabel string) {
	b := r.unusual
	if b&unusualCloseBeforeCreate != 0 {
		u.Unusual.CloseBeforeCreate.add(r.line)
	}
	if b&unusualClosedWithoutCreated != 0 {
		u.Unusual.ClosedWithoutCreated.add(r.line)
	}
	if b&unusualNegativeAmount != 0 {
		u.Unusual.NegativeAmount.add(r.line)
	}
	if b&unusualType != 0 && (len(u.Unusual.UnknownTypes) < memoMax || u.Unusual.UnknownTypes[typeLabel] > 0) {
		u.Unusual.UnknownTypes[typeLabel]++
	}
}
