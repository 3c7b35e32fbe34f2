package cmd

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMerge: flags given on the command line override the remembered ones
// of the same field or label; the rest of the remembered reading applies.
func TestMerge(t *testing.T) {
	saved := reading{Map: []string{"id=Opp Ref", "owner=Rep"}, Stage: []string{"Signed=won", "Dropped=lost"},
		Type: []string{"Services=upsell"}, DateFormat: "dmy", Currency: "EUR"}
	tests := []struct {
		name         string
		given        reading
		merged, used reading
	}{
		{"nothing given: all of it applies", reading{}, saved, saved},
		{"a label given again", reading{Stage: []string{"dropped=open"}},
			reading{Map: saved.Map, Stage: []string{"Signed=won", "dropped=open"}, Type: saved.Type, DateFormat: "dmy", Currency: "EUR"},
			reading{Map: saved.Map, Stage: []string{"Signed=won"}, Type: saved.Type, DateFormat: "dmy", Currency: "EUR"}},
		{"a field given a value drops its column", reading{Set: []string{"owner=Ana"}},
			reading{Map: []string{"id=Opp Ref"}, Set: []string{"owner=Ana"}, Stage: saved.Stage, Type: saved.Type, DateFormat: "dmy", Currency: "EUR"},
			reading{Map: []string{"id=Opp Ref"}, Stage: saved.Stage, Type: saved.Type, DateFormat: "dmy", Currency: "EUR"}},
		{"an id built from columns drops the id column", reading{IDFrom: "Name,Close"},
			reading{Map: []string{"owner=Rep"}, Stage: saved.Stage, Type: saved.Type, DateFormat: "dmy", IDFrom: "Name,Close", Currency: "EUR"},
			reading{Map: []string{"owner=Rep"}, Stage: saved.Stage, Type: saved.Type, DateFormat: "dmy", Currency: "EUR"}},
		{"a scalar given replaces it", reading{DateFormat: "mdy", DecimalComma: true},
			reading{Map: saved.Map, Stage: saved.Stage, Type: saved.Type, DateFormat: "mdy", Currency: "EUR", DecimalComma: true},
			reading{Map: saved.Map, Stage: saved.Stage, Type: saved.Type, Currency: "EUR"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			merged, used := merge(saved, tt.given)
			if diff := cmp.Diff(tt.merged, merged); diff != "" {
				t.Errorf("merged (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.used, used); diff != "" {
				t.Errorf("used (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadingFlags(t *testing.T) {
	r := reading{Kind: "deals", Map: []string{"id=Opp Ref"}, Stage: []string{"Closed: abandoned=lost", "Signed=won"},
		Header: "id,_,stage", DecimalComma: true}
	if got, want := r.flags(), `--kind deals --header id,_,stage --map 'id=Opp Ref' --stage 'Closed: abandoned=lost' --stage Signed=won --decimal-comma`; got != want {
		t.Errorf("flags() = %s, want %s", got, want)
	}
	if !(reading{}).empty() || r.empty() {
		t.Error("empty() is wrong")
	}
}
