package storage

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Windows has no zoneinfo: embed it so Europe/Paris always loads.
)

// Paris is the time zone every day boundary is computed in.
var Paris = mustLoadParis()

func mustLoadParis() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(fmt.Sprintf("loading Europe/Paris from embedded tzdata: %v", err))
	}
	return loc
}

// Date is a calendar day without time zone, stored as 'YYYY-MM-DD'. The zero Date is "unknown".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is the day t falls on in Paris.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Paris).Date()
	return Date{y, m, d}
}

// IsZero tells whether the date is unknown.
func (d Date) IsZero() bool { return d == Date{} }

// Time is midnight of d in Paris.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, Paris) }

// AddDays moves d by n days.
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n).Add(12 * time.Hour)) }

// AddMonths moves d by n months, staying on the last day of a shorter month.
func (d Date) AddMonths(n int) Date {
	first := time.Date(d.Year, d.Month+time.Month(n), 1, 12, 0, 0, 0, Paris)
	last := first.AddDate(0, 1, -1).Day()
	day := d.Day
	if day > last {
		day = last
	}
	return Date{first.Year(), first.Month(), day}
}

// DaysUntil is the number of calendar days from d to other (negative when other is before).
func (d Date) DaysUntil(other Date) int {
	a := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	b := time.Date(other.Year, other.Month, other.Day, 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

// Before tells whether d is strictly earlier than other.
func (d Date) Before(other Date) bool {
	if d.Year != other.Year {
		return d.Year < other.Year
	}
	if d.Month != other.Month {
		return d.Month < other.Month
	}
	return d.Day < other.Day
}

// FirstOfMonth is the first day of d's month.
func (d Date) FirstOfMonth() Date { return Date{d.Year, d.Month, 1} }

// String is the ISO form, or "" for an unknown date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// French is the form volunteers read and type: 23/11/2026.
func (d Date) French() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// ParseDate reads 'YYYY-MM-DD' or the French 'JJ/MM/AAAA' (also with '-' or '.'); "" is the zero Date.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	var parts []string
	iso := false
	switch {
	case strings.Count(s, "-") == 2 && len(s) == 10 && s[4] == '-':
		parts, iso = strings.Split(s, "-"), true
	default:
		parts = strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' || r == ' ' })
	}
	if len(parts) != 3 {
		return Date{}, fmt.Errorf("date %q: expected JJ/MM/AAAA", s)
	}
	nums := make([]int, 3)
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return Date{}, fmt.Errorf("date %q: expected JJ/MM/AAAA", s)
		}
		nums[i] = n
	}
	y, m, d := nums[2], nums[1], nums[0]
	if iso {
		y, d = nums[0], nums[2]
	}
	if y < 100 || m < 1 || m > 12 || d < 1 || d > 31 {
		return Date{}, fmt.Errorf("date %q: expected JJ/MM/AAAA", s)
	}
	t := time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return Date{}, fmt.Errorf("date %q does not exist", s)
	}
	return Date{y, time.Month(m), d}, nil
}

// Value stores the date as text, or NULL when unknown.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a stored date.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case string:
		parsed, err := ParseDate(v)
		*d = parsed
		return err
	case []byte:
		return d.Scan(string(v))
	case time.Time:
		*d = Date{v.Year(), v.Month(), v.Day()}
		return nil
	}
	return fmt.Errorf("cannot read a date from %T", src)
}

// MarshalJSON writes a Date as "YYYY-MM-DD" (null when unknown).
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	s, err := strconv.Unquote(string(b))
	if err != nil {
		return fmt.Errorf("date %s: %w", b, err)
	}
	parsed, err := ParseDate(s)
	*d = parsed
	return err
}

// BirthYear is the year a person was born: from the full date when known, else the year
// typed alone; ok is false when nothing is known.
func BirthYear(date Date, year *int) (int, bool) {
	switch {
	case !date.IsZero():
		return date.Year, true
	case year != nil && *year > 0:
		return *year, true
	}
	return 0, false
}

// AgeOn is the one age rule: full years on day from the birth date, or day's year minus
// the birth year when only the year is known; ok is false when nothing is known.
func AgeOn(date Date, year *int, day Date) (int, bool) {
	if date.IsZero() {
		y, ok := BirthYear(date, year)
		return day.Year - y, ok
	}
	age := day.Year - date.Year
	if day.Month < date.Month || (day.Month == date.Month && day.Day < date.Day) {
		age--
	}
	return age, true
}

// AgeOn is the person's age on day (see the package's AgeOn).
func (p Person) AgeOn(day Date) (int, bool) { return AgeOn(p.BirthDate, p.BirthYear, day) }

// Month is a calendar month, written "YYYY-MM" in files and the database.
type Month string

// MonthOf is the month a day is in.
func MonthOf(d Date) Month { return Month(d.String()[:7]) }

// ParseMonth reads "YYYY-MM".
func ParseMonth(s string) (Month, error) {
	if len(s) != 7 {
		return "", fmt.Errorf("month %q: expected YYYY-MM", s)
	}
	if _, err := ParseDate(s + "-01"); err != nil {
		return "", fmt.Errorf("month %q: expected YYYY-MM", s)
	}
	return Month(s), nil
}

// MonthStart reads "YYYY-MM" as the first day of that month.
func MonthStart(s string) (Date, error) {
	m, err := ParseMonth(s)
	if err != nil {
		return Date{}, err
	}
	return m.First(), nil
}

// First is the first day of the month.
func (m Month) First() Date {
	d, err := ParseDate(string(m) + "-01")
	if err != nil {
		panic(fmt.Sprintf("month %q was not read with ParseMonth", string(m)))
	}
	return d
}

// Add is the month n months later (earlier when n < 0).
func (m Month) Add(n int) Month { return MonthOf(m.First().AddMonths(n)) }

func (m Month) String() string { return string(m) }

var longWeekdays = []string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
var longMonths = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
	"octobre", "novembre", "décembre"}

// LongFrench writes the date in words, as a letter does: "mardi 12 janvier 2027"
// ("1er" for the first of the month).
func (d Date) LongFrench() string {
	if d.IsZero() {
		return ""
	}
	day := fmt.Sprint(d.Day)
	if d.Day == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %s %d", longWeekdays[d.Time().Weekday()], day, longMonths[d.Month-1], d.Year)
}
