package directory_test

import (
	"reflect"
	"testing"
	"time"

	"entraide/storage"
	"entraide/sync/directory"
)

func osmSchedules() []storage.Schedule {
	return []storage.Schedule{
		{Rules: []storage.OpeningRule{
			{Weekday: time.Saturday, Opens: "09:00", Closes: "12:00"},
			{Weekday: time.Saturday, Opens: "14:00", Closes: "16:30"},
			{Weekday: time.Tuesday, Positions: []int{1, 3}, Opens: "14:00", Closes: "17:00"},
			{Weekday: time.Friday, Positions: []int{-1}, Opens: "10:00", Closes: "12:30"},
		}, Closures: []storage.Closure{{From: storage.Date{Year: 2026, Month: 8, Day: 1}, To: storage.Date{Year: 2026, Month: 8, Day: 31}}}},
		{Rules: []storage.OpeningRule{{Weekday: time.Monday, Opens: "08:30", Closes: "18:00"}}, OpenOnHolidays: true},
		{},
	}
}

func TestOSMOpeningHoursString(t *testing.T) {
	got := directory.OSMOpeningHours(osmSchedules()[0])
	want := "Sa 09:00-12:00, Sa 14:00-16:30, Tu[1,3] 14:00-17:00, Fr[-1] 10:00-12:30; 2026 Aug 01-2026 Aug 31 off; PH off"
	if got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
}

// The string gives the same openings as the model, every day of two years.
func TestOSMRoundTrip(t *testing.T) {
	for _, s := range osmSchedules() {
		back, err := directory.ParseOSMOpeningHours(directory.OSMOpeningHours(s))
		if err != nil {
			t.Fatalf("%q: %v", directory.OSMOpeningHours(s), err)
		}
		for day := (storage.Date{Year: 2026, Month: 1, Day: 1}); day.Year < 2028; day = day.AddDays(1) {
			if a, b := s.Openings(day), back.Openings(day); !reflect.DeepEqual(a, b) {
				t.Fatalf("%s: %v before, %v after the round trip through %q", day, a, b, directory.OSMOpeningHours(s))
			}
		}
	}
}

func TestOSMRefusesWhatItDoesNotWrite(t *testing.T) {
	for _, s := range []string{"Mo-Fr 09:00-12:00", "Tu[7] 09:00-12:00", "Sa 12:00-09:00", "Xx 09:00-10:00", "Sa 09:00-12:00; sunrise-sunset"} {
		if _, err := directory.ParseOSMOpeningHours(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}
