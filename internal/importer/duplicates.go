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
// reading the file again. The filter is blocked: a key's 8 bits lie in
// one block of 512 bits, a cache line, so that a key costs one read of
// memory rather than one per bit (which made the filter an eighth of a
// re-import's work). With 1,000,000 keys a false alarm is about one in
// five million rows (the 2¹⁷ blocks hold 7.6 keys each on average), and
// an import of a million rows raises one about once in thirty.
type keyFilter struct {
	bits []uint64
	seed maphash.Seed
}

const (
	keyFilterBits = 1 << 26
	blockBits     = 512 // 1 << 9
	keyBits       = 8
)

func newKeyFilter() *keyFilter {
	return &keyFilter{bits: make([]uint64, keyFilterBits/64), seed: maphash.MakeSeed()}
}

// seen adds key and reports whether it may have been added before.
func (f *keyFilter) seen(key string) bool {
	h := maphash.String(f.seed, key)
	const words = blockBits / 64
	block := f.bits[(h&(keyFilterBits/blockBits-1))*words:][:words]
	all := true
	for range keyBits {
		// Each bit's position is the top 9 bits of the hash multiplied
		// again by an odd constant: they depend on all 64 bits, so two
		// keys of one block share their bits only by chance.
		h *= 0x9e3779b97f4a7c15
		i := h >> (64 - 9)
		w, m := i/64, uint64(1)<<(i%64)
		if block[w]&m == 0 {
			all = false
			block[w] |= m
		}
	}
	return all
}
