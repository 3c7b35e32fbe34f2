package metric

import (
	"reflect"
	"testing"
)

// TestAggregatesAddEveryField sets every field of b and adds it to an empty
// Aggregates: a field Add forgets (a new count without its line) stays 0.
func TestAggregatesAddEveryField(t *testing.T) {
	var a, b Aggregates
	vb := reflect.ValueOf(&b).Elem()
	for i := range vb.NumField() {
		switch f := vb.Field(i); f.Kind() {
		case reflect.Int64:
			f.SetInt(int64(i + 1))
		case reflect.Float64:
			f.SetFloat(float64(i + 1))
		default:
			t.Fatalf("field %s is a %s: Add knows counts and sums only", vb.Type().Field(i).Name, f.Kind())
		}
	}
	a.Add(&b)
	a.Add(&Aggregates{})
	if a != b {
		va := reflect.ValueOf(a)
		for i := range va.NumField() {
			if va.Field(i).Interface() != vb.Field(i).Interface() {
				t.Errorf("Add leaves out %s", va.Type().Field(i).Name)
			}
		}
	}
}
