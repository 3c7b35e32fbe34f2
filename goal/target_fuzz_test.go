package goal

import (
	"errors"
	"math"
	"testing"
)

// FuzzParseTarget: no panic; every error matches ErrInvalidTarget; an
// accepted target is finite and round-trips: its tidied Spec parses to the
// same target.
func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{"120000", "30", "30%", "+9%", "-15%", "+5pp", "-3pp", "1,500.50", " + 9 % ",
		"+0%", "1e308", "NaN", "-0", "12,5O", "++5pp", "+5PP", "%", "pp", ".5", "9" + string(make([]byte, 400))} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseTarget(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidTarget) {
				t.Fatalf("ParseTarget(%q): %v does not match ErrInvalidTarget", s, err)
			}
			return
		}
		if math.IsNaN(got.Value) || math.IsInf(got.Value, 0) {
			t.Fatalf("ParseTarget(%q) = %v, not finite", s, got.Value)
		}
		again, err := ParseTarget(got.Spec)
		if err != nil {
			t.Fatalf("ParseTarget(%q) = %+v, but its spec %q is refused: %v", s, got, got.Spec, err)
		}
		if again != got {
			t.Fatalf("ParseTarget(%q) = %+v, but its spec reads as %+v", s, got, again)
		}
	})
}
