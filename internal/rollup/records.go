package rollup

// An import's changes are recorded, slot by slot (a day, a month of
// customers, a bucket of fingerprints), as compact records of what was
// added or taken away: a deal by its close or created day, a cell (a
// customer's first won day, spend), a customer cell. Only
// when the import finishes are a slot's records applied to its stored
// blob; until then they take a dozen bytes a deal, and, past a budget,
// are spilled to the storage engine.

// Record tags: the kind in the low two bits, then the sign.
const (
	recClosed  = 0
	recCreated = 1
	recCell    = 2
	recNeg     = 1 << 2
)

// Flags of a closed-deal record.
const (
	flCost = 1 << iota
	flDiscount
	flDiscounted
	flLag
	flCustomer
)

func tag(kind byte, sign int64) byte {
	if sign < 0 {
		return kind | recNeg
	}
	return kind
}

func signOf(t byte) int64 {
	if t&recNeg != 0 {
		return -1
	}
	return 1
}

// putClosed records d on its close day.
func putClosed(b []byte, d *Deal, sign int64) []byte {
	var fl byte
	if d.HasCost {
		fl |= flCost
	}
	if d.HasDiscount {
		fl |= flDiscount
		if d.Discount > 0 {
			fl |= flDiscounted
		}
	}
	if d.Created != NoDay {
		fl |= flLag
	}
	if d.Customer != "" {
		fl |= flCustomer
	}
	b = append(b, tag(recClosed, sign), byte(d.Stage)|byte(d.Type)<<2, fl)
	b = putUvarint(b, uint64(d.Key))
	b = putVarint(b, d.Amount)
	if d.HasCost {
		b = putVarint(b, d.Cost)
	}
	if d.HasDiscount {
		b = putVarint(b, micro(d.Discount))
	}
	if d.Created != NoDay {
		b = putVarint(b, int64(d.Closed-d.Created))
	}
	return b
}

// putCreated records d on its created day.
func putCreated(b []byte, d *Deal, sign int64) []byte {
	b = append(b, tag(recCreated, sign), byte(d.Stage))
	b = putUvarint(b, uint64(d.Key))
	return putVarint(b, d.Amount)
}

// putCellRec records a cell.
func putCellRec(b []byte, k KeyID, c *Cell, sign int64) []byte {
	b = append(b, tag(recCell, sign))
	b = putUvarint(b, uint64(k))
	return putCell(b, c)
}

// applyDay applies a day's records to d.
func applyDay(d *dayCells, recs []byte) error {
	r := reader{b: recs}
	for !r.done() {
		t := r.byte()
		sign := signOf(t)
		switch t &^ recNeg {
		case recClosed:
			st := r.byte()
			fl := r.byte()
			deal := Deal{Stage: Stage(st & 3), Type: Type(st >> 2), Key: KeyID(r.uvarint()), Created: NoDay}
			deal.Amount = r.varint()
			if fl&flCost != 0 {
				deal.HasCost, deal.Cost = true, r.varint()
			}
			var disc int64
			if fl&flDiscount != 0 {
				deal.HasDiscount, disc = true, r.varint()
			}
			if fl&flCustomer != 0 {
				deal.Customer = "x"
			}
			c := deal.closedCell()
			if c[fWithDiscount] != 0 {
				c[fDiscount], c[fDiscounted] = disc, 0
				if fl&flDiscounted != 0 {
					c[fDiscounted] = 1
				}
			}
			d.cell(deal.Key).add(&c, sign)
			if fl&flLag != 0 {
				d.lag(lagKey{deal.Key, deal.Stage, int32(r.varint())}, sign, sign*deal.Amount)
			}
		case recCreated:
			deal := Deal{Stage: Stage(r.byte()), Key: KeyID(r.uvarint())}
			deal.Amount = r.varint()
			c := deal.createdCell()
			d.cell(deal.Key).add(&c, sign)
		case recCell:
			k := KeyID(r.uvarint())
			r.cell(d.cell(k), sign)
		default:
			r.fail()
		}
	}
	return r.err
}

// putCustomerRec records a customer cell.
func putCustomerRec(b []byte, k custKey, sign int64) []byte {
	b = append(b, tag(recCell, sign))
	b = putUvarint(b, uint64(k.key))
	b = putVarint(b, int64(k.acq))
	b = putVarint(b, int64(k.churned))
	b = putUvarint(b, uint64(len(k.later)))
	return append(b, k.later...)
}

func applyCustomers(m custCells, recs []byte) error {
	r := reader{b: recs}
	for !r.done() {
		sign := signOf(r.byte())
		k := custKey{key: KeyID(r.uvarint()), acq: Day(r.varint()), churned: Day(r.varint())}
		if l := r.uvarint(); l > uint64(len(r.b)) {
			r.fail()
		} else {
			k.later, r.b = string(r.b[:l]), r.b[l:]
		}
		if r.err == nil {
			m[k] += sign
		}
	}
	return r.err
}
