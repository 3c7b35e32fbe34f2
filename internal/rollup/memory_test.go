package rollup

import (
	"context"
	"slices"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// memTable keeps the blobs in memory: a Table for Changes and a Loader for
// a View, as a storage engine would.
type memTable struct {
	blobs   map[int64][]byte
	keys    *Keys
	spilled map[int64][][]byte
	carried map[string][]string
	rates   []row.Rate
}

func newMemTable() *memTable {
	return &memTable{blobs: map[int64][]byte{}, keys: NewKeys(), spilled: map[int64][][]byte{}}
}

func (m *memTable) Get(kind Kind, id int64) ([]byte, error) { return m.blobs[Slot(kind, id)], nil }

func (m *memTable) Put(kind Kind, id int64, blob []byte) error {
	if blob == nil {
		delete(m.blobs, Slot(kind, id))
	} else {
		m.blobs[Slot(kind, id)] = blob
	}
	return nil
}

func (m *memTable) PutKey(id KeyID, k Key, c Counters) error {
	m.keys.Load(id, k, c)
	return nil
}

func (m *memTable) Spill(chunk int64, seq int, part []byte) error {
	if seq != len(m.spilled[chunk]) {
		panic("parts out of order")
	}
	m.spilled[chunk] = append(m.spilled[chunk], slices.Clone(part))
	return nil
}

func (m *memTable) Spilled(chunk int64) ([][]byte, error) { return m.spilled[chunk], nil }

func (m *memTable) Keys(context.Context) (*Keys, error) {
	k := NewKeys()
	for i := range m.keys.Len() {
		k.Load(KeyID(i), m.keys.Key(KeyID(i)), m.keys.Counters(KeyID(i)))
	}
	return k, nil
}

func (m *memTable) Days(_ context.Context, from, to Day, fn func(Day, []byte) error) error {
	for _, s := range slices.Sorted(mapKeys(m.blobs)) {
		if kind, id := SlotID(s); kind == KindDay && Day(id) >= from && Day(id) <= to {
			if err := fn(Day(id), m.blobs[s]); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m *memTable) All(_ context.Context, kind Kind, fn func(int64, []byte) error) error {
	for _, s := range slices.Sorted(mapKeys(m.blobs)) {
		if k, id := SlotID(s); k == kind {
			if err := fn(id, m.blobs[s]); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m *memTable) Range(ctx context.Context, kind Kind, from, to int64, fn func(int64, []byte) error) error {
	return m.All(ctx, kind, func(id int64, blob []byte) error {
		if id < from || id > to {
			return nil
		}
		return fn(id, blob)
	})
}

func (m *memTable) Carried(context.Context) (map[string][]string, error) { return m.carried, nil }

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func (m *memTable) Rates(context.Context, []string, Day, Day) ([]row.Rate, error) {
	return m.rates, nil
}
