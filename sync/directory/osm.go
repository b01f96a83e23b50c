package directory

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"entraide/storage"
)

// OpenStreetMap opening_hours strings (https://wiki.openstreetmap.org/wiki/Key:opening_hours),
// as data·inclusion's horaires_accueil wants them. Weekly slots are additional rules
// (", ") so that several slots on one day add up; closures and public holidays are later
// normal rules ("; ... off"), which override them on their days.

var osmDays = []string{"Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"}
var osmMonths = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// OSMOpeningHours writes a schedule as an opening_hours string.
func OSMOpeningHours(s storage.Schedule) string {
	var slots []string
	for _, r := range s.Rules {
		day := osmDays[r.Weekday]
		if len(r.Positions) > 0 {
			positions := make([]string, len(r.Positions))
			for i, p := range r.Positions {
				positions[i] = strconv.Itoa(p)
			}
			day += "[" + strings.Join(positions, ",") + "]"
		}
		slots = append(slots, day+" "+r.Opens+"-"+r.Closes)
	}
	parts := []string{strings.Join(slots, ", ")}
	if len(slots) == 0 {
		parts = []string{"off"}
	}
	for _, c := range s.Closures {
		parts = append(parts, osmDate(c.From)+"-"+osmDate(c.To)+" off")
	}
	if !s.OpenOnHolidays {
		parts = append(parts, "PH off")
	}
	return strings.Join(parts, "; ")
}

func osmDate(d storage.Date) string {
	return fmt.Sprintf("%d %s %02d", d.Year, osmMonths[d.Month-1], d.Day)
}

// ParseOSMOpeningHours reads back the strings OSMOpeningHours writes.
func ParseOSMOpeningHours(text string) (storage.Schedule, error) {
	var s storage.Schedule
	s.OpenOnHolidays = true
	for i, part := range strings.Split(text, ";") {
		part = strings.TrimSpace(part)
		switch {
		case part == "PH off":
			s.OpenOnHolidays = false
		case part == "off" && i == 0:
		case i == 0:
			for _, slot := range strings.Split(part, ", ") {
				r, err := parseOSMSlot(slot)
				if err != nil {
					return s, err
				}
				s.Rules = append(s.Rules, r)
			}
		case strings.HasSuffix(part, " off"):
			from, to, ok := strings.Cut(strings.TrimSuffix(part, " off"), "-")
			if !ok {
				return s, fmt.Errorf("opening hours %q: closure without an end", part)
			}
			c := storage.Closure{}
			var err error
			if c.From, err = parseOSMDate(from); err != nil {
				return s, err
			}
			if c.To, err = parseOSMDate(to); err != nil {
				return s, err
			}
			s.Closures = append(s.Closures, c)
		default:
			return s, fmt.Errorf("opening hours: %q is not understood", part)
		}
	}
	return s, nil
}

func parseOSMSlot(slot string) (storage.OpeningRule, error) {
	var r storage.OpeningRule
	day, times, ok := strings.Cut(strings.TrimSpace(slot), " ")
	if !ok {
		return r, fmt.Errorf("opening hours %q: expected a day and a time range", slot)
	}
	name, positions, hasPositions := strings.Cut(day, "[")
	index := slices.Index(osmDays, name)
	if index < 0 {
		return r, fmt.Errorf("opening hours %q: unknown day %q", slot, name)
	}
	r.Weekday = time.Weekday(index)
	if hasPositions {
		for _, p := range strings.Split(strings.TrimSuffix(positions, "]"), ",") {
			n, err := strconv.Atoi(p)
			if err != nil {
				return r, fmt.Errorf("opening hours %q: week %q", slot, p)
			}
			r.Positions = append(r.Positions, n)
		}
	}
	r.Opens, r.Closes, ok = strings.Cut(times, "-")
	if !ok {
		return r, fmt.Errorf("opening hours %q: expected HH:MM-HH:MM", slot)
	}
	return r, r.Validate()
}

func parseOSMDate(s string) (storage.Date, error) {
	fields := strings.Fields(s)
	if len(fields) != 3 {
		return storage.Date{}, fmt.Errorf("opening hours date %q: expected YYYY Mon DD", s)
	}
	year, err1 := strconv.Atoi(fields[0])
	month := slices.Index(osmMonths, fields[1])
	day, err2 := strconv.Atoi(fields[2])
	if err1 != nil || err2 != nil || month < 0 {
		return storage.Date{}, fmt.Errorf("opening hours date %q: expected YYYY Mon DD", s)
	}
	return storage.ParseDate(fmt.Sprintf("%04d-%02d-%02d", year, month+1, day))
}
