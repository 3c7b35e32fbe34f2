package rollup

import (
	"encoding/binary"
	"testing"
)

// TestVarintFastPath checks the one-byte path of reader.uvarint and
// reader.varint against encoding/binary for every value around it.
func TestVarintFastPath(t *testing.T) {
	for v := int64(-300); v <= 300; v++ {
		b := binary.AppendVarint(nil, v)
		b = binary.AppendUvarint(b, uint64(v+300))
		r := reader{b: b}
		if got := r.varint(); got != v {
			t.Errorf("varint of %d read as %d", v, got)
		}
		if got := r.uvarint(); got != uint64(v+300) {
			t.Errorf("uvarint of %d read as %d", v+300, got)
		}
		if !r.done() || r.err != nil {
			t.Errorf("after %d: %d bytes left, err %v", v, len(r.b), r.err)
		}
	}
	r := reader{b: []byte{0x80}} // a varint cut short
	if r.uvarint(); r.err == nil {
		t.Error("a cut varint read without an error")
	}
}
