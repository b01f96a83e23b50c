package meeting

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"entraide/storage"
)

// Agenda is what a meeting will go through: its own points, then the decisions of earlier
// meetings still to do (the follow-up).
type Agenda struct {
	Items    []storage.MeetingItem `json:"items"`
	FollowUp []storage.Decision    `json:"follow_up,omitempty"`
}

// AgendaOf reads a meeting's agenda with the decisions it follows up.
func AgendaOf(ctx context.Context, s *storage.Store, m storage.Meeting) (Agenda, error) {
	open, err := s.OpenDecisions(ctx, m.Day)
	if err != nil {
		return Agenda{}, err
	}
	return Agenda{Items: m.Items, FollowUp: open}, nil
}

// Text is the agenda as a calendar's description or a convocation lists it.
func (a Agenda) Text() string {
	var b strings.Builder
	for i, item := range a.Items {
		fmt.Fprintf(&b, "%d. %s", i+1, item.Title)
		var details []string
		if item.BroughtBy != "" {
			details = append(details, item.BroughtBy)
		}
		if item.DurationMinutes > 0 {
			details = append(details, fmt.Sprintf("%d min", item.DurationMinutes))
		}
		if len(details) > 0 {
			b.WriteString(" (" + strings.Join(details, ", ") + ")")
		}
		b.WriteString("\n")
	}
	if len(a.FollowUp) > 0 {
		fmt.Fprintf(&b, "%d. Suivi des décisions :\n", len(a.Items)+1)
		for _, d := range a.FollowUp {
			fmt.Fprintf(&b, "   - %s (réunion du %s)\n", d.Text, d.MeetingDay.French())
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// decisionPrefixes start the lines of minutes that are decisions.
var decisionPrefixes = []string{"décision :", "décision:", "decision :", "decision:", "décidé :", "décidé:"}

// Decisions are the lines of minutes that begin with "Décision :", without that word.
func Decisions(minutes string) []string {
	var out []string
	for _, line := range strings.Split(minutes, "\n") {
		trimmed := strings.TrimLeft(strings.TrimSpace(line), "-•* ")
		lower := strings.ToLower(trimmed)
		for _, p := range decisionPrefixes {
			if strings.HasPrefix(lower, p) {
				if text := strings.TrimSpace(trimmed[len(p):]); text != "" {
					out = append(out, text)
				}
				break
			}
		}
	}
	return out
}

// SaveMinutes keeps a meeting's minutes; its decisions are the lines that begin with
// "Décision :".
func SaveMinutes(ctx context.Context, s *storage.Store, id, minutes, actor string) ([]string, error) {
	decisions := Decisions(minutes)
	return decisions, s.SaveMinutes(ctx, id, strings.TrimSpace(minutes), decisions, actor)
}

// Events are kept meetings as calendar events: stable UID, their sequence, the agenda as
// description, cancelled ones marked so.
func Events(ctx context.Context, s *storage.Store, meetings []storage.Meeting, network string) ([]Event, error) {
	events := make([]Event, 0, len(meetings))
	for _, m := range meetings {
		full, err := s.FindMeeting(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		agenda, err := AgendaOf(ctx, s, full)
		if err != nil {
			return nil, err
		}
		e, err := EventOf(full, agenda, network)
		if err != nil {
			return nil, err
		}
		events = append(events, e)
	}
	return events, nil
}

// EventOf is one kept meeting as a calendar event.
func EventOf(m storage.Meeting, agenda Agenda, network string) (Event, error) {
	minutes, err := storage.ParseClock(m.Start)
	if err != nil {
		return Event{}, fmt.Errorf("the start of the meeting of %s: %w", m.Day, err)
	}
	length := time.Duration(m.LengthMinutes) * time.Minute
	if length <= 0 {
		length = 2 * time.Hour
	}
	return Event{ID: "reunion-" + m.ID, Start: m.Day.Time().Add(time.Duration(minutes) * time.Minute), Duration: length,
		Title: "Réunion du réseau " + network + " — chez " + m.Host, Place: m.Host + nonEmpty(", ", m.Place),
		Agenda: agenda.Text(), Sequence: m.Sequence, Cancelled: m.Status == storage.MeetingCancelled}, nil
}

// CalendarOf is the calendar of kept meetings (METHOD:CANCEL for one cancelled meeting).
func CalendarOf(ctx context.Context, s *storage.Store, meetings []storage.Meeting, network string) ([]byte, error) {
	events, err := Events(ctx, s, meetings, network)
	if err != nil {
		return nil, err
	}
	return Calendar(network, events, s.Now())
}

// ErrUnknownAssociation: no association of the network has that name.
var ErrUnknownAssociation = errors.New("no association of the network has that name: 'entraidectl network' lists them")

// FindMember is the network's association of that name (accents and case ignored).
func FindMember(ctx context.Context, s *storage.Store, name string) (storage.MemberAssociation, error) {
	members, err := s.MemberAssociations(ctx)
	if err != nil {
		return storage.MemberAssociation{}, err
	}
	want := storage.NormalizeName(name)
	for _, m := range members {
		if storage.NormalizeName(m.Name) == want {
			return m, nil
		}
	}
	return storage.MemberAssociation{}, fmt.Errorf("%q: %w", name, ErrUnknownAssociation)
}

// FindHost is the association of that name as a meeting's host: its identifier, its
// name and, when its listing gives one, its address.
func FindHost(ctx context.Context, s *storage.Store, name string) (id, host, place string, err error) {
	member, err := FindMember(ctx, s, name)
	if err != nil {
		return "", "", "", err
	}
	hosts, err := Hosts(ctx, s, storage.Date{Year: 9999, Month: time.December, Day: 31})
	if err != nil {
		return "", "", "", err
	}
	for _, h := range hosts {
		if h.AssociationID == member.ID {
			return h.AssociationID, h.Name, h.Address, nil
		}
	}
	return member.ID, member.Name, "", nil
}
