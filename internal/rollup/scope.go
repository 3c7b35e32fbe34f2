package rollup

import "github.com/salesgoal/salesgoal/metric"

// Which keys a plan's scope holds: an owner's or a team's names are
// compared once a key and a plan, never once a cell or customer cell.

// matches reports whether the rows of key k count for the request's scope.
func (p *plan) matches(k KeyID) bool {
	if p.req.Scope.IsCompany() {
		return true
	}
	if p.scoped == nil {
		p.scoped = make([]bool, len(p.v.info))
		for i := range p.v.info {
			p.scoped[i] = p.keyInScope(KeyID(i))
		}
	}
	return p.scoped[k]
}

// keyInScope compares key k's owner or team with the request's scope.
func (p *plan) keyInScope(k KeyID) bool {
	info := &p.v.info[k]
	switch p.req.Scope.Level {
	case metric.Owner:
		return info.Owner == p.req.Scope.Value
	case metric.Team:
		return info.Team == p.req.Scope.Value
	}
	return true
}

// plansByKey lists, for each key, the plans whose scope holds it, in the
// plans' order.
func (v *View) plansByKey(plans []*plan) [][]*plan {
	forKey := make([][]*plan, len(v.info))
	for _, p := range plans {
		for k := range v.info {
			if p.matches(KeyID(k)) {
				forKey[k] = append(forKey[k], p)
			}
		}
	}
	return forKey
}

// anyOther reports whether a key of the plan's scope is in another
// currency than the plan's: only such keys' deals can be left out of money
// metrics (with or without conversion, a key in the plan's currency is
// always counted).
func (p *plan) anyOther() bool {
	for k := range p.v.info {
		if p.v.info[k].Currency != p.cur && p.matches(KeyID(k)) {
			return true
		}
	}
	return false
}
