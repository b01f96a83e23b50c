package storage

import (
	"testing"
	"time"
)

func TestEasterAndHolidays(t *testing.T) {
	for year, want := range map[int]string{2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28", 2038: "2038-04-25"} {
		if got := Easter(year).String(); got != want {
			t.Errorf("Easter %d = %s, want %s", year, got, want)
		}
	}
	tests := map[string]bool{"2026-04-06": true, "2026-05-14": true, "2026-05-25": true, "2026-07-14": true,
		"2026-11-11": true, "2026-11-12": false, "2026-04-05": false, "2026-12-25": true}
	for s, want := range tests {
		d, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		if _, got := PublicHoliday(d); got != want {
			t.Errorf("PublicHoliday(%s) = %v, want %v", s, got, want)
		}
	}
}

// A site open Saturday mornings, the 1st and 3rd Tuesday afternoons and the last Friday,
// closed in August, closed on public holidays.
func testSchedule() Schedule {
	return Schedule{
		Rules: []OpeningRule{
			{Weekday: time.Saturday, Opens: "09:00", Closes: "12:00"},
			{Weekday: time.Tuesday, Positions: []int{1, 3}, Opens: "14:00", Closes: "17:00"},
			{Weekday: time.Friday, Positions: []int{-1}, Opens: "10:00", Closes: "12:30"},
		},
		Closures: []Closure{{From: Date{2026, 8, 1}, To: Date{2026, 8, 31}, Message: "fermé en août"}},
	}
}

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, Paris)
	if err != nil {
		panic(err)
	}
	return t
}

func TestOpenAtAndNextOpening(t *testing.T) {
	s := testSchedule()
	tests := []struct {
		when string
		open bool
		next string
	}{
		{"2026-11-21 10:00", true, "2026-11-21 10:00"},  // a Saturday morning
		{"2026-11-21 12:00", false, "2026-11-27 10:00"}, // closing time; next: the last Friday of November
		{"2026-11-03 15:00", true, "2026-11-03 15:00"},  // 1st Tuesday
		{"2026-11-10 15:00", false, "2026-11-14 09:00"}, // 2nd Tuesday: closed
		{"2026-11-17 14:00", true, "2026-11-17 14:00"},  // 3rd Tuesday
		{"2026-07-31 11:00", true, "2026-07-31 11:00"},  // last Friday of July
		{"2026-08-08 10:00", false, "2026-09-01 14:00"}, // August closure; reopens the 1st Tuesday of September
		{"2026-08-31 23:00", false, "2026-09-01 14:00"}, // the day the closure ends
		{"2026-07-14 15:00", false, "2026-07-18 09:00"}, // a Tuesday? no: 14 July is a Tuesday (2nd): closed anyway
		{"2026-11-07 09:30", true, "2026-11-07 09:30"},
		{"2026-12-26 10:00", true, "2026-12-26 10:00"},
	}
	for _, tt := range tests {
		when := at(tt.when)
		if got := s.OpenAt(when); got != tt.open {
			t.Errorf("OpenAt(%s) = %v, want %v", tt.when, got, tt.open)
		}
		next, ok := s.NextOpening(when)
		if !ok || next.Format("2006-01-02 15:04") != tt.next {
			t.Errorf("NextOpening(%s) = %s, want %s", tt.when, next.Format("2006-01-02 15:04"), tt.next)
		}
	}
	holidayTuesday := Schedule{Rules: []OpeningRule{{Weekday: time.Tuesday, Opens: "09:00", Closes: "12:00"}}}
	if holidayTuesday.OpenAt(at("2026-07-14 10:00")) {
		t.Error("open on 14 July")
	}
	holidayTuesday.OpenOnHolidays = true
	if !holidayTuesday.OpenAt(at("2026-07-14 10:00")) {
		t.Error("closed on 14 July although open on public holidays")
	}
	if closed, why := s.ClosedOn(Date{2026, 8, 15}); !closed || why != "fermé en août" {
		t.Errorf("ClosedOn(15 August) = %v %q, want the closure's message", closed, why)
	}
}

func TestRuleValidation(t *testing.T) {
	bad := []OpeningRule{
		{Weekday: time.Monday, Opens: "12:00", Closes: "09:00"},
		{Weekday: time.Monday, Opens: "9h", Closes: "12:00"},
		{Weekday: time.Monday, Opens: "09:00", Closes: "12:00", Positions: []int{6}},
		{Weekday: 9, Opens: "09:00", Closes: "12:00"},
	}
	for _, r := range bad {
		if r.Validate() == nil {
			t.Errorf("rule %+v accepted", r)
		}
	}
	if err := testSchedule().Rules[1].Validate(); err != nil {
		t.Fatal(err)
	}
}
