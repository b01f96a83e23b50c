package meeting

import (
	"bytes"
	"fmt"
	"time"

	"entraide/storage"

	ics "github.com/arran4/golang-ical"
)

// Event is a meeting as a calendar shows it.
type Event struct {
	ID        string // stable: the same meeting keeps its UID across files
	Start     time.Time
	Duration  time.Duration
	Title     string
	Place     string
	Agenda    string
	Sequence  int // raised at each change, so agendas replace their copy
	Cancelled bool
}

// Calendar writes events as an RFC 5545 calendar: CRLF line ends, lines folded at 75
// octets, times in UTC, a stable UID per meeting, SEQUENCE, and METHOD:CANCEL with
// STATUS:CANCELLED for a calendar of cancelled meetings (a single cancelled event).
func Calendar(network string, events []Event, stamp time.Time) ([]byte, error) {
	cal := ics.NewCalendarFor("Entraide")
	cal.SetMethod(ics.MethodPublish)
	if len(events) == 1 && events[0].Cancelled {
		cal.SetMethod(ics.MethodCancel)
	}
	cal.SetName("Réunions — " + network)
	for _, e := range events {
		ev := cal.AddEvent(e.ID + "@entraide")
		ev.SetDtStampTime(stamp)
		ev.SetStartAt(e.Start)
		ev.SetEndAt(e.Start.Add(e.Duration))
		ev.SetSummary(e.Title)
		ev.SetLocation(e.Place)
		if e.Agenda != "" {
			ev.SetDescription(e.Agenda)
		}
		ev.SetSequence(e.Sequence)
		if e.Cancelled {
			ev.SetStatus(ics.ObjectStatusCancelled)
		} else {
			ev.SetStatus(ics.ObjectStatusConfirmed)
		}
	}
	var b bytes.Buffer
	if err := cal.SerializeTo(&b, ics.WithNewLineWindows); err != nil {
		return nil, fmt.Errorf("writing the calendar: %w", err)
	}
	return foldOctets(b.Bytes()), nil
}

// ProposalEvents are a plan's meetings as events of the given length.
func ProposalEvents(plan []Proposal, network string, length time.Duration) ([]Event, error) {
	events := make([]Event, 0, len(plan))
	for _, p := range plan {
		minutes, err := storage.ParseClock(p.Start)
		if err != nil {
			return nil, fmt.Errorf("the start of %s: %w", p.Date, err)
		}
		start := p.Date.Time().Add(time.Duration(minutes) * time.Minute)
		events = append(events, Event{ID: "reunion-" + p.Date.String(), Start: start, Duration: length,
			Title: "Réunion du réseau " + network + " — chez " + p.Host, Place: p.Host + nonEmpty(", ", p.Place)})
	}
	return events, nil
}

func nonEmpty(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

// foldOctets folds every content line at 75 octets, never inside a UTF-8 character: the
// library folds at 75 characters, which accented French text makes longer than RFC 5545
// allows.
func foldOctets(calendar []byte) []byte {
	unfolded := bytes.ReplaceAll(calendar, []byte("\r\n "), nil)
	var out bytes.Buffer
	for _, line := range bytes.Split(bytes.TrimSuffix(unfolded, []byte("\r\n")), []byte("\r\n")) {
		limit := 75
		for len(line) > limit {
			cut := limit
			for cut > 0 && line[cut]&0xC0 == 0x80 { // not inside a character
				cut--
			}
			out.Write(line[:cut])
			out.WriteString("\r\n ")
			line = line[cut:]
			limit = 74 // the continuation's leading space counts
		}
		out.Write(line)
		out.WriteString("\r\n")
	}
	return out.Bytes()
}
