package importer

import (
	"errors"
	"hash/maphash"
	"io"
	"sort"

	"github.com/salesgoal/salesgoal/internal/crm"
)

// duplicates reads the file again to find every line of the keys that the
// filter flagged during the import pass, and returns a problem for each
// line after the first of a key that really occurs more than once. Without
// a way to read the file again, it trusts the filter and names one line.
func (p *pass) duplicates(r io.Reader, seeker io.Seeker, first *crm.Reader) ([]*crm.RowError, error) {
	var out []*crm.RowError
	if seeker == nil {
		for key, line := range p.candidates {
			out = append(out, first.Duplicate(line, key, 0))
		}
		return out, nil
	}
	if _, err := seeker.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	rd, _, err := p.open(r, false)
	if err != nil {
		return nil, err
	}
	lines := map[string][]int{}
	for {
		line, err := rd.NextReadable()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		key, ok := rd.LineKey()
		if _, cand := p.candidates[key]; ok && cand {
			lines[key] = append(lines[key], line)
		}
	}
	for key, ls := range lines {
		if len(ls) < 2 {
			continue // the filter's false alarm
		}
		for _, l := range ls {
			other := ls[0]
			if l == ls[0] {
				other = ls[1]
			}
			if l == ls[0] && !p.opts.SkipInvalid {
				continue // one problem per extra line; the first is named in it
			}
			out = append(out, rd.Duplicate(l, key, other))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out, nil
}

// keyFilter remembers the keys of a file in a fixed 8 MiB Bloom filter,
// so that duplicate ids are caught without memory that grows with the
// file. A key it has "seen" is only a candidate: Import confirms it by
// reading the file again. With 1,000,000 keys a false alarm is about one
// in two million rows.
type keyFilter struct {
	bits []uint64
	seed maphash.Seed
}

const keyFilterBits = 1 << 26

func newKeyFilter() *keyFilter {
	return &keyFilter{bits: make([]uint64, keyFilterBits/64), seed: maphash.MakeSeed()}
}

// seen adds key and reports whether it may have been added before.
func (f *keyFilter) seen(key string) bool {
	h := maphash.String(f.seed, key)
	a, b := h, h>>33|1
	all := true
	for range 6 {
		i := a & (keyFilterBits - 1)
		w, m := i/64, uint64(1)<<(i%64)
		if f.bits[w]&m == 0 {
			all = false
			f.bits[w] |= m
		}
		a += b
	}
	return all
}
