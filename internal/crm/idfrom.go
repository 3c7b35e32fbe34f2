package crm

import (
	"errors"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// An id built from columns (docs/import.md, "Files nearly right"): a
// report whose author left the id column out still names each deal, and
// its name with its customer and create date tell deals apart. The id is
// those cells joined by "|", so next week's export of the same deals gives
// the same ids; a file in which they do not tell two lines apart is
// refused, naming both lines, like a repeated id.

// applyIDFrom records the columns an id is built from. It replaces an id
// column the file may have: the user chose.
func applyIDFrom(c *Columns, keys, headers []string) error {
	for _, h := range headers {
		hk := HeaderKey(h)
		col := -1
		for i, k := range keys {
			if k == hk && k != "" {
				col = i
				break
			}
		}
		if col < 0 {
			return &NoIDColumn{Header: h, Columns: c.Header}
		}
		c.IDFrom = append(c.IDFrom, col)
	}
	if len(c.IDFrom) > 0 {
		delete(c.Index, "id")
	}
	return nil
}

// idColumns suggests the columns an id could be built from: the deal's
// name, its customer, and its create date (else its close date), those
// the file has. A create date is better than a close date, which moves as
// a deal progresses.
func idColumns(c Columns) []string {
	var out []string
	fields := []string{"name", "customer_id", "created_at"}
	if _, ok := c.Index["created_at"]; !ok {
		fields[2] = "closed_at"
	}
	if c.Kind == row.KindCustomers {
		fields = []string{"name", "acquired_at"}
	}
	for _, f := range fields {
		if i, ok := c.Index[f]; ok {
			out = append(out, c.Header[i])
		}
	}
	return out
}

// unmapped reports whether err says a header fits no kind or lacks a
// required column: the errors of a first line that may be data.
func unmapped(err error) bool {
	var mc *MissingColumns
	var uk *UnknownKind
	return errors.As(err, &mc) || errors.As(err, &uk)
}

// closest lists, best first, at most three of the headers not in used
// that are nearest to one of aliases: within a few edits of it ("Stage
// Name" for "stagename"), or sharing a word of four letters or more with
// it ("Opportunity Number" for "opportunity id").
func closest(header []string, used map[int]bool, field string, aliases []string) []string {
	type cand struct {
		h    string
		dist int
	}
	var cands []cand
	for i, h := range header {
		if used[i] || HeaderKey(h) == "" {
			continue
		}
		best := -1
		for _, a := range aliases {
			if d := nearness(h, a, field == "id"); d >= 0 && (best < 0 || d < best) {
				best = d
			}
		}
		if best >= 0 {
			cands = append(cands, cand{h, best})
		}
	}
	for i := 1; i < len(cands); i++ {
		for j := i; j > 0 && cands[j].dist < cands[j-1].dist; j-- {
			cands[j], cands[j-1] = cands[j-1], cands[j]
		}
	}
	var out []string
	for _, c := range cands[:min(3, len(cands))] {
		out = append(out, c.h)
	}
	return out
}

// nearness is how far header h is from alias a: the edit distance of their
// keys when it is at most 3 and a fifth of the longer one; else the
// distance plus 100 when they share a word that says what the field is
// (not the name of a CRM's object: "deal", "opportunity", "account"…) or,
// for an id (id), a word of h starts with "id" ("Identifier"); -1 when
// they are not near at all.
func nearness(h, a string, id bool) int {
	hk, ak := HeaderKey(h), HeaderKey(a)
	d := editDistance(hk, ak)
	if d <= 3 && d*5 <= max(len(hk), len(ak)) {
		return d
	}
	aw := words(a)
	for _, w := range words(h) {
		if id && strings.HasPrefix(w, "id") {
			return 100 + d
		}
		for _, x := range aw {
			if !objectWords[x] && w == x && len(w) >= 3 {
				return 100 + d
			}
		}
	}
	return -1
}

// objectWords name a CRM's objects rather than a field of them.
var objectWords = map[string]bool{"deal": true, "opportunity": true, "account": true, "customer": true, "company": true,
	"organization": true, "record": true, "associated": true, "hubspot": true, "sales": true}

// editDistance is the Levenshtein distance of a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !(r >= 'a' && r <= 'z' || r > 127) })
}
