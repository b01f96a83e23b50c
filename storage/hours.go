package storage

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// OpeningRule is a weekly time slot, optionally only some weeks of the month:
// Positions [1 3] is "1st and 3rd Tuesday", [-1] "last Friday"; empty is every week.
type OpeningRule struct {
	Weekday   time.Weekday `json:"weekday"`
	Positions []int        `json:"positions,omitempty"`
	Opens     string       `json:"opens"`  // "09:00"
	Closes    string       `json:"closes"` // "12:00"
}

// Closure is a temporary closure, both days included (e.g. the whole of August).
type Closure struct {
	From    Date   `json:"from"`
	To      Date   `json:"to"`
	Message string `json:"message,omitempty"`
}

// Schedule is when a site is open.
type Schedule struct {
	Rules          []OpeningRule `json:"rules"`
	Closures       []Closure     `json:"closures,omitempty"`
	OpenOnHolidays bool          `json:"open_on_holidays"`
}

// ParseClock reads "HH:MM" as minutes after midnight.
func ParseClock(s string) (int, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hours, err1 := strconv.Atoi(h)
	minutes, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hours < 0 || hours > 24 || minutes < 0 || minutes > 59 || (hours == 24 && minutes > 0) {
		return 0, fmt.Errorf("time %q: expected HH:MM", s)
	}
	return hours*60 + minutes, nil
}

// Validate checks the rule's times and week positions.
func (r OpeningRule) Validate() error {
	opens, err := ParseClock(r.Opens)
	if err != nil {
		return err
	}
	closes, err := ParseClock(r.Closes)
	if err != nil {
		return err
	}
	if closes <= opens {
		return fmt.Errorf("%s-%s: closes before it opens", r.Opens, r.Closes)
	}
	if r.Weekday < time.Sunday || r.Weekday > time.Saturday {
		return fmt.Errorf("weekday %d", r.Weekday)
	}
	for _, p := range r.Positions {
		if p == 0 || p < -1 || p > 5 {
			return fmt.Errorf("week of the month %d: expected 1 to 5, or -1 for the last", p)
		}
	}
	return nil
}

// appliesOn tells whether the rule's weekday and week position match day.
func (r OpeningRule) appliesOn(day Date) bool {
	t := time.Date(day.Year, day.Month, day.Day, 12, 0, 0, 0, time.UTC)
	if t.Weekday() != r.Weekday {
		return false
	}
	if len(r.Positions) == 0 {
		return true
	}
	nth := (day.Day-1)/7 + 1
	last := t.AddDate(0, 0, 7).Month() != t.Month()
	return slices.Contains(r.Positions, nth) || (last && slices.Contains(r.Positions, -1))
}

// Interval is an opening on one day, in minutes after midnight.
type Interval struct {
	Opens, Closes int
}

// ClosedOn says whether the site is closed all day, and why (a closure's message, or a
// public holiday's name).
func (s Schedule) ClosedOn(day Date) (bool, string) {
	for _, c := range s.Closures {
		if !day.Before(c.From) && !c.To.Before(day) {
			return true, c.Message
		}
	}
	if name, holiday := PublicHoliday(day); holiday && !s.OpenOnHolidays {
		return true, name
	}
	return false, ""
}

// Openings lists the day's openings in order.
func (s Schedule) Openings(day Date) []Interval {
	if closed, _ := s.ClosedOn(day); closed {
		return nil
	}
	var list []Interval
	for _, r := range s.Rules {
		if !r.appliesOn(day) {
			continue
		}
		opens, err1 := ParseClock(r.Opens)
		closes, err2 := ParseClock(r.Closes)
		if err1 == nil && err2 == nil {
			list = append(list, Interval{opens, closes})
		}
	}
	slices.SortFunc(list, func(a, b Interval) int { return a.Opens - b.Opens })
	return list
}

// OpenAt tells whether the site is open at t.
func (s Schedule) OpenAt(t time.Time) bool {
	local := t.In(Paris)
	minute := local.Hour()*60 + local.Minute()
	for _, iv := range s.Openings(DateOf(t)) {
		if minute >= iv.Opens && minute < iv.Closes {
			return true
		}
	}
	return false
}

// NextOpening is the start of the next opening at or after t (within a year), or, when
// open at t, the start of the current one.
func (s Schedule) NextOpening(t time.Time) (time.Time, bool) {
	local := t.In(Paris)
	minute := local.Hour()*60 + local.Minute()
	day := DateOf(t)
	for i := 0; i < 370; i++ {
		for _, iv := range s.Openings(day) {
			if i > 0 || iv.Closes > minute {
				start := day.Time().Add(time.Duration(iv.Opens) * time.Minute)
				if start.Before(t) {
					start = t
				}
				return start, true
			}
		}
		day = day.AddDays(1)
	}
	return time.Time{}, false
}

// PublicHoliday tells whether day is a French public holiday, and its name.
func PublicHoliday(day Date) (string, bool) {
	fixed := map[[2]int]string{
		{1, 1}: "Jour de l'an", {5, 1}: "Fête du travail", {5, 8}: "Victoire 1945", {7, 14}: "Fête nationale",
		{8, 15}: "Assomption", {11, 1}: "Toussaint", {11, 11}: "Armistice", {12, 25}: "Noël",
	}
	if name, ok := fixed[[2]int{int(day.Month), day.Day}]; ok {
		return name, true
	}
	easter := Easter(day.Year)
	for offset, name := range map[int]string{1: "Lundi de Pâques", 39: "Ascension", 50: "Lundi de Pentecôte"} {
		if easter.AddDays(offset) == day {
			return name, true
		}
	}
	return "", false
}

// Easter is Easter Sunday of the year (anonymous Gregorian computus).
func Easter(year int) Date {
	a, b, c := year%19, year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	dayOfMonth := (h+l-7*m+114)%31 + 1
	return Date{year, time.Month(month), dayOfMonth}
}
