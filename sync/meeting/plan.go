// Package meeting plans the network's meetings, held every two months in turn in the
// premises of the associations that lend a room, and writes them as calendars (.ics) that
// any agenda reads.
package meeting

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"entraide/storage"
)

// Host is an association that lends a room for the meetings.
type Host struct {
	AssociationID string
	Name          string
	Room          storage.MeetingRoom
	Address       string
	// Closures are its closures (from its listing's places): no meeting on those days.
	Closures []storage.Closure
	// LastHosted is the day of the last meeting it hosted; zero if never.
	LastHosted storage.Date
}

// Proposal is one planned meeting and why its host was chosen.
type Proposal struct {
	Date     storage.Date `json:"date"`
	Start    string       `json:"start"` // HH:MM, Paris time
	HostID   string       `json:"host_id"`
	Host     string       `json:"host"`
	Place    string       `json:"place"`
	HostRule string       `json:"host_rule"` // in French
	Moved    string       `json:"moved,omitempty"`
}

// meetingMonths are the months of a year's meetings: every two months, from January.
var meetingMonths = []time.Month{time.January, time.March, time.May, time.July, time.September, time.November}

// ErrNoHost: no association lends a room.
var ErrNoHost = errors.New("no association lends a room for the meetings: say so in a listing (room for the network's meetings)")

// PlanYear proposes the year's six meetings: the second given weekday of every other
// month from January, moved a week later (within the month) when it is a public holiday
// or the host is closed. The host is, among the associations that lend a room, the one
// that hosted least recently (never first), never the previous meeting's host when
// another can; ties go by name. previousHost is the last meeting's host before the year.
func PlanYear(year int, weekday time.Weekday, start string, hosts []Host, previousHost string) ([]Proposal, error) {
	if len(hosts) == 0 {
		return nil, ErrNoHost
	}
	if _, err := storage.ParseClock(start); err != nil {
		return nil, fmt.Errorf("start %q: %w", start, err)
	}
	pool := make([]Host, len(hosts))
	copy(pool, hosts)
	var plan []Proposal
	for _, month := range meetingMonths {
		host, rule := nextHost(pool, previousHost)
		day, moved, ok := meetingDay(year, month, weekday, pool[host])
		if !ok {
			continue // every candidate day of the month is a holiday or a closure
		}
		plan = append(plan, Proposal{Date: day, Start: start, HostID: pool[host].AssociationID, Host: pool[host].Name,
			Place: pool[host].Address, HostRule: rule, Moved: moved})
		pool[host].LastHosted = day
		previousHost = pool[host].AssociationID
	}
	return plan, nil
}

// nextHost applies the rule and says it in French.
func nextHost(hosts []Host, previous string) (int, string) {
	order := make([]int, len(hosts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ha, hb := hosts[order[a]], hosts[order[b]]
		if ha.LastHosted != hb.LastHosted {
			return ha.LastHosted.Before(hb.LastHosted) // zero (never) sorts first
		}
		return ha.Name < hb.Name
	})
	chosen := order[0]
	skipped := ""
	if hosts[chosen].AssociationID == previous && len(order) > 1 {
		skipped = hosts[chosen].Name
		chosen = order[1]
	}
	h := hosts[chosen]
	rule := fmt.Sprintf("%s a accueilli la réunion il y a le plus longtemps (le %s)", h.Name, h.LastHosted.French())
	if h.LastHosted.IsZero() {
		rule = h.Name + " n'a encore jamais accueilli la réunion"
	}
	if skipped != "" {
		rule += " ; " + skipped + " vient d'accueillir la précédente : jamais deux fois de suite"
	}
	return chosen, rule + "."
}

// meetingDay is the second weekday of the month, or a later one of the same month when
// that one is a public holiday or the host is closed; moved says why it moved.
func meetingDay(year int, month time.Month, weekday time.Weekday, host Host) (storage.Date, string, bool) {
	first := time.Date(year, month, 1, 12, 0, 0, 0, storage.Paris)
	offset := (int(weekday) - int(first.Weekday()) + 7) % 7
	day := first.AddDate(0, 0, offset+7) // the second one
	var reasons []string
	for ; day.Month() == month; day = day.AddDate(0, 0, 7) {
		d := storage.DateOf(day)
		if name, holiday := storage.PublicHoliday(d); holiday {
			reasons = append(reasons, d.French()+" : "+name)
			continue
		}
		if closed, why := (storage.Schedule{Closures: host.Closures, OpenOnHolidays: true}).ClosedOn(d); closed {
			reasons = append(reasons, d.French()+" : "+host.Name+" fermé ("+why+")")
			continue
		}
		moved := ""
		if len(reasons) > 0 {
			moved = "décalée d'une semaine ou plus : " + joinFrench(reasons)
		}
		return d, moved, true
	}
	return storage.Date{}, "", false
}

func joinFrench(parts []string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += " ; "
		}
		out += p
	}
	return out
}
