package importer

import (
	"fmt"
	"testing"
)

// TestKeyFilter: a key added again is always "seen" (no false negative),
// and a million distinct keys raise almost no false alarm. Worked out: the
// filter's 2²⁶ bits are 2¹⁷ blocks of 512; after i keys a block holds
// n ~ Poisson(i / 2¹⁷) of them, and a new key's 8 bits are all set with
// chance E[(1 − (1 − 1/512)^(8n))^8]: 2.2 × 10⁻⁷ at a million keys, and
// summed over the million keys as they are added, 0.033 false alarms
// expected. Five or more (Poisson, mean 0.033) has a chance below 10⁻⁹.
func TestKeyFilter(t *testing.T) {
	for _, tt := range []struct {
		name   string
		keys   int
		prefix string
	}{
		{"short ids", 1_000_000, ""},
		{"long ids", 200_000, "opportunity-0062x00000AbCdEf-"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newKeyFilter()
			alarms := 0
			for i := range tt.keys {
				if f.seen(fmt.Sprint(tt.prefix, i)) {
					alarms++
				}
			}
			if alarms >= 5 {
				t.Errorf("%d false alarms among %d distinct keys, want almost none", alarms, tt.keys)
			}
			for i := 0; i < tt.keys; i += 997 {
				if k := fmt.Sprint(tt.prefix, i); !f.seen(k) {
					t.Fatalf("key %q added before is not seen", k)
				}
			}
		})
	}
}
