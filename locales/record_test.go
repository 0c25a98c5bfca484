package locales

import (
	"reflect"
	"testing"
)

// TestRecordSlots checks that slot numbers every string field of a
// cldrLocale after its tag exactly once, in the struct's order, array
// elements one by one: the numbering the generator writes cldrRecords in.
func TestRecordSlots(t *testing.T) {
	var r cldrLocale
	var want []*string
	v := reflect.ValueOf(&r).Elem()
	for i := 1; i < v.NumField(); i++ { // field 0 is the tag
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			want = append(want, (*string)(f.Addr().UnsafePointer()))
		case reflect.Array:
			for j := 0; j < f.Len(); j++ {
				want = append(want, (*string)(f.Index(j).Addr().UnsafePointer()))
			}
		default:
			t.Fatalf("field %s is a %s; slot and the generator number only strings", v.Type().Field(i).Name, f.Kind())
		}
	}
	if len(want) != recordSlots {
		t.Fatalf("cldrLocale has %d string slots, recordSlots says %d", len(want), recordSlots)
	}
	for k, p := range want {
		if got := r.slot(k); got != p {
			t.Errorf("slot(%d) is not field slot %d", k, k)
		}
	}
	if r.slot(recordSlots) != nil {
		t.Errorf("slot(%d) is not nil", recordSlots)
	}
}

// TestRecords decodes every locale's record and checks a few known values,
// so a table written with another slot order or length coding fails here as
// well as in the date tests.
func TestRecords(t *testing.T) {
	if len(cldrRecordEnds) != len(cldrTags) {
		t.Fatalf("%d record ends for %d tags", len(cldrRecordEnds), len(cldrTags))
	}
	for i := range cldrTags {
		r := record(i) // panics on a malformed record
		if r.tag != cldrTags[i] {
			t.Fatalf("record(%d).tag = %q", i, r.tag)
		}
	}
	check := func(tag string, got func(cldrLocale) string, want string) {
		t.Helper()
		i := indexOf(tag)
		if i < 0 {
			t.Fatalf("no locale %s", tag)
		}
		if g := got(record(i)); g != want {
			t.Errorf("%s: got %q, want %q", tag, g, want)
		}
	}
	check("de", func(r cldrLocale) string { return r.months[2] }, "März")
	check("ar", func(r cldrLocale) string { return r.order }, "rtl")
	check("fr", func(r cldrLocale) string { return r.days[0] }, "dimanche")
	check("und", func(r cldrLocale) string { return r.utcShort }, "UTC")
}
