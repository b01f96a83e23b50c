package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Meeting statuses.
const (
	MeetingPlanned   = "planned"
	MeetingHeld      = "held"
	MeetingCancelled = "cancelled"
)

// Attendance statuses.
const (
	AttendPresent = "present"
	AttendExcused = "excused"
	AttendAbsent  = "absent"
)

// Meeting is one of the network's meetings, kept by the CCAS.
type Meeting struct {
	ID            string `gorm:"primaryKey" json:"id"`
	Day           Date   `json:"date"`
	Start         string `json:"start"` // HH:MM, Paris time
	LengthMinutes int    `json:"length_minutes"`
	HostID        string `json:"host_id,omitempty"`
	Host          string `json:"host"`
	Place         string `json:"place,omitempty"`
	// HostRule says, in French, why the rule chose the host; OverrideReason why the
	// coordinator chose another.
	HostRule       string    `json:"host_rule,omitempty"`
	OverrideReason string    `json:"override_reason,omitempty"`
	Status         string    `json:"status"`
	Sequence       int       `json:"sequence"`
	Minutes        string    `json:"minutes,omitempty"`
	CreatedAt      time.Time `json:"-"`
	UpdatedAt      time.Time `json:"-"`

	Items      []MeetingItem `gorm:"-" json:"agenda,omitempty"`
	Attendance []Attendance  `gorm:"-" json:"attendance,omitempty"`
	Decisions  []Decision    `gorm:"-" json:"decisions,omitempty"`
}

func (Meeting) TableName() string { return "meetings" }

// MeetingItem is a point of a meeting's agenda.
type MeetingItem struct {
	ID              string `gorm:"primaryKey" json:"-"`
	MeetingID       string `json:"-"`
	Position        int    `json:"-"`
	Title           string `json:"title"`
	BroughtBy       string `json:"brought_by,omitempty"`
	DurationMinutes int    `json:"duration_minutes,omitempty"`
}

func (MeetingItem) TableName() string { return "meeting_items" }

// Attendance is whether an association came to a meeting, and who came.
type Attendance struct {
	MeetingID     string `gorm:"primaryKey" json:"-"`
	AssociationID string `gorm:"primaryKey" json:"association_id"`
	Association   string `json:"association"`
	Status        string `json:"status"`
	Persons       string `json:"persons,omitempty"` // the names of who came, as signed
}

func (Attendance) TableName() string { return "meeting_attendance" }

// Decision is a decision of a meeting, followed until it is done.
type Decision struct {
	ID        string `gorm:"primaryKey" json:"id"`
	MeetingID string `json:"meeting_id"`
	Position  int    `json:"-"`
	Text      string `json:"text"`
	Done      bool   `json:"done"`
	DoneOn    string `json:"done_on,omitempty"`
	// MeetingDay is the day of the meeting that took it (filled by OpenDecisions).
	MeetingDay Date `gorm:"-" json:"meeting_date,omitzero"`
}

func (Decision) TableName() string { return "meeting_decisions" }

// Problems of a meeting change.
const (
	ProblemMeetingCancelled = "meeting_cancelled"
	ProblemBadAttendance    = "bad_attendance"
)

// ErrMeetingNotFound: no meeting has that identifier or date.
var ErrMeetingNotFound = fmt.Errorf("no such meeting: %w", ErrNotFound)

// PlanMeetings keeps planned meetings; a day that already has a meeting (not cancelled)
// is left as it is and returned in kept.
func (s *Store) PlanMeetings(ctx context.Context, planned []Meeting, actor string) (added []Meeting, kept []Date, err error) {
	if err := s.RequireManager("planning meetings"); err != nil {
		return nil, nil, err
	}
	err = s.write(ctx).Transaction(func(tx *gorm.DB) error {
		for _, m := range planned {
			if strings.TrimSpace(m.Host) == "" {
				return &ValidationError{Problem: ProblemEmptyAssocName, Field: "host"}
			}
			if _, err := ParseClock(m.Start); err != nil {
				return &ValidationError{Problem: ProblemBadHours, Field: "start", Value: m.Start}
			}
			var n int64
			if err := tx.Model(&Meeting{}).Where("day = ? AND status <> ?", m.Day, MeetingCancelled).Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				kept = append(kept, m.Day)
				continue
			}
			now := s.now()
			m.ID, m.Status, m.Sequence, m.CreatedAt, m.UpdatedAt = newID(), MeetingPlanned, 0, now, now
			if m.LengthMinutes <= 0 {
				m.LengthMinutes = 120
			}
			if err := tx.Create(&m).Error; err != nil {
				return err
			}
			added = append(added, m)
		}
		return audit(tx, s.now(), actor, AuditSettings, fmt.Sprintf("meetings planned: %d", len(added)))
	})
	if err != nil {
		return nil, nil, Classify(fmt.Errorf("planning meetings: %w", err))
	}
	return added, kept, nil
}

// Meetings lists every meeting by day, without agendas, attendance or decisions.
func (s *Store) Meetings(ctx context.Context) ([]Meeting, error) {
	var list []Meeting
	if err := s.reader.WithContext(ctx).Order("day, start").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("reading meetings: %w", err)
	}
	return list, nil
}

// FindMeeting reads a meeting whole, by identifier or by day (YYYY-MM-DD; the meeting of
// that day that is not cancelled, else the cancelled one).
func (s *Store) FindMeeting(ctx context.Context, ref string) (Meeting, error) {
	db := s.reader.WithContext(ctx)
	var m Meeting
	q := db.Where("id = ?", ref)
	if day, err := ParseDate(ref); err == nil {
		q = db.Where("day = ?", day).Order("status = 'cancelled'")
	}
	if err := q.Take(&m).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return m, fmt.Errorf("%q: %w", ref, ErrMeetingNotFound)
		}
		return m, fmt.Errorf("reading a meeting: %w", err)
	}
	if err := db.Where("meeting_id = ?", m.ID).Order("position").Find(&m.Items).Error; err != nil {
		return m, fmt.Errorf("reading the agenda: %w", err)
	}
	if err := db.Where("meeting_id = ?", m.ID).Order("association COLLATE NOCASE").Find(&m.Attendance).Error; err != nil {
		return m, fmt.Errorf("reading the attendance: %w", err)
	}
	if err := db.Where("meeting_id = ?", m.ID).Order("position").Find(&m.Decisions).Error; err != nil {
		return m, fmt.Errorf("reading the decisions: %w", err)
	}
	return m, nil
}

// MeetingChange is what the coordinator changes of a planned meeting.
type MeetingChange struct {
	Day           Date
	Start         string
	LengthMinutes int
	HostID        string
	Host          string
	Place         string
	// Reason is required when the host is not the one the rule proposed.
	Reason string
}

// ChangeMeeting moves a meeting or gives it another host, and raises its sequence so
// that calendars replace it. Choosing a host other than the rule's needs a reason.
func (s *Store) ChangeMeeting(ctx context.Context, id string, c MeetingChange, actor string) (Meeting, error) {
	if err := s.RequireManager("changing a meeting"); err != nil {
		return Meeting{}, err
	}
	if _, err := ParseClock(c.Start); err != nil {
		return Meeting{}, &ValidationError{Problem: ProblemBadHours, Field: "start", Value: c.Start}
	}
	if strings.TrimSpace(c.Host) == "" {
		return Meeting{}, &ValidationError{Problem: ProblemEmptyAssocName, Field: "host"}
	}
	var m Meeting
	err := s.write(ctx).Transaction(func(tx *gorm.DB) error {
		if err := takeMeeting(tx, id, &m); err != nil {
			return err
		}
		if m.Status == MeetingCancelled {
			return &ValidationError{Problem: ProblemMeetingCancelled, Field: "status"}
		}
		if c.LengthMinutes <= 0 {
			c.LengthMinutes = m.LengthMinutes
		}
		if c.Day == m.Day && c.Start == m.Start && c.LengthMinutes == m.LengthMinutes && c.HostID == m.HostID && c.Host == m.Host && c.Place == m.Place {
			return nil // nothing changes: calendars keep their copy
		}
		hostChanged := c.HostID != m.HostID || c.Host != m.Host
		reason := strings.TrimSpace(c.Reason)
		if hostChanged && reason == "" {
			return &ValidationError{Problem: ProblemEmptyReason, Field: "override_reason"}
		}
		if hostChanged {
			m.OverrideReason = reason
		}
		m.LengthMinutes = c.LengthMinutes
		m.Day, m.Start, m.HostID, m.Host, m.Place = c.Day, c.Start, c.HostID, strings.TrimSpace(c.Host), c.Place
		m.Sequence++
		m.UpdatedAt = s.now()
		if err := tx.Select("day", "start", "length_minutes", "host_id", "host", "place", "override_reason", "sequence", "updated_at").Updates(&m).Error; err != nil {
			return err
		}
		detail := fmt.Sprintf("meeting of %s changed: %s %s at %s", m.Day, m.Day, m.Start, m.Host)
		if hostChanged {
			detail += " (host chosen by the coordinator: " + reason + ")"
		}
		return audit(tx, s.now(), actor, AuditSettings, detail)
	})
	if err != nil {
		return m, Classify(fmt.Errorf("changing the meeting: %w", err))
	}
	return m, nil
}

func takeMeeting(tx *gorm.DB, id string, m *Meeting) error {
	if err := tx.Where("id = ?", id).Take(m).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("%q: %w", id, ErrMeetingNotFound)
		}
		return err
	}
	return nil
}

// touchMeeting raises a meeting's sequence: its calendar event changed.
func touchMeeting(tx *gorm.DB, id string, now time.Time) error {
	return tx.Model(&Meeting{}).Where("id = ?", id).Updates(map[string]any{"sequence": gorm.Expr("sequence + 1"), "updated_at": now}).Error
}

// CancelMeeting cancels a meeting; calendars that import it again remove it.
func (s *Store) CancelMeeting(ctx context.Context, id, actor string) (Meeting, error) {
	if err := s.RequireManager("cancelling a meeting"); err != nil {
		return Meeting{}, err
	}
	var m Meeting
	err := s.write(ctx).Transaction(func(tx *gorm.DB) error {
		if err := takeMeeting(tx, id, &m); err != nil {
			return err
		}
		if m.Status == MeetingCancelled {
			return nil
		}
		m.Status, m.Sequence, m.UpdatedAt = MeetingCancelled, m.Sequence+1, s.now()
		if err := tx.Select("status", "sequence", "updated_at").Updates(&m).Error; err != nil {
			return err
		}
		return audit(tx, s.now(), actor, AuditSettings, fmt.Sprintf("meeting of %s cancelled", m.Day))
	})
	if err != nil {
		return m, Classify(fmt.Errorf("cancelling the meeting: %w", err))
	}
	return m, nil
}

// SetAgenda replaces a meeting's agenda.
func (s *Store) SetAgenda(ctx context.Context, id string, items []MeetingItem) error {
	if err := s.RequireManager("changing a meeting's agenda"); err != nil {
		return err
	}
	err := s.write(ctx).Transaction(func(tx *gorm.DB) error {
		var m Meeting
		if err := takeMeeting(tx, id, &m); err != nil {
			return err
		}
		if err := tx.Where("meeting_id = ?", id).Delete(&MeetingItem{}).Error; err != nil {
			return err
		}
		for i, item := range items {
			item.Title = strings.TrimSpace(item.Title)
			if item.Title == "" {
				return &ValidationError{Problem: ProblemEmptyName, Field: "title", Member: i + 1}
			}
			if item.DurationMinutes < 0 {
				item.DurationMinutes = 0
			}
			item.ID, item.MeetingID, item.Position, item.BroughtBy = newID(), id, i, strings.TrimSpace(item.BroughtBy)
			if err := tx.Create(&item).Error; err != nil {
				return err
			}
		}
		return touchMeeting(tx, id, s.now())
	})
	if err != nil {
		return Classify(fmt.Errorf("changing the agenda: %w", err))
	}
	return nil
}

// SetAttendance records whether an association came to a meeting, and who came.
func (s *Store) SetAttendance(ctx context.Context, a Attendance) error {
	if err := s.RequireManager("recording attendance"); err != nil {
		return err
	}
	switch a.Status {
	case AttendPresent, AttendExcused, AttendAbsent:
	default:
		return &ValidationError{Problem: ProblemBadAttendance, Field: "status", Value: a.Status}
	}
	a.Persons = strings.TrimSpace(a.Persons)
	err := s.write(ctx).Transaction(func(tx *gorm.DB) error {
		var m Meeting
		if err := takeMeeting(tx, a.MeetingID, &m); err != nil {
			return err
		}
		return tx.Save(&a).Error
	})
	if err != nil {
		return Classify(fmt.Errorf("recording attendance: %w", err))
	}
	return nil
}

// SaveMinutes keeps a meeting's minutes and decisions; the meeting is then held. A
// decision kept with the same text keeps its follow-up state.
func (s *Store) SaveMinutes(ctx context.Context, id, minutes string, decisions []string, actor string) error {
	if err := s.RequireManager("writing minutes"); err != nil {
		return err
	}
	err := s.write(ctx).Transaction(func(tx *gorm.DB) error {
		var m Meeting
		if err := takeMeeting(tx, id, &m); err != nil {
			return err
		}
		if m.Status == MeetingCancelled {
			return &ValidationError{Problem: ProblemMeetingCancelled, Field: "status"}
		}
		var before []Decision
		if err := tx.Where("meeting_id = ?", id).Find(&before).Error; err != nil {
			return err
		}
		state := map[string]Decision{}
		for _, d := range before {
			state[d.Text] = d
		}
		if err := tx.Where("meeting_id = ?", id).Delete(&Decision{}).Error; err != nil {
			return err
		}
		position := 0
		for _, text := range decisions {
			text = strings.TrimSpace(text)
			if text == "" {
				continue
			}
			d := Decision{ID: newID(), MeetingID: id, Position: position, Text: text}
			if old, ok := state[text]; ok {
				d.ID, d.Done, d.DoneOn = old.ID, old.Done, old.DoneOn
			}
			if err := tx.Create(&d).Error; err != nil {
				return err
			}
			position++
		}
		if err := tx.Model(&m).Updates(map[string]any{"minutes": minutes, "status": MeetingHeld, "updated_at": s.now()}).Error; err != nil {
			return err
		}
		return audit(tx, s.now(), actor, AuditSettings, fmt.Sprintf("minutes of the meeting of %s: %d decisions", m.Day, position))
	})
	if err != nil {
		return Classify(fmt.Errorf("saving the minutes: %w", err))
	}
	return nil
}

// SetDecisionDone marks a decision done (today) or to do again.
func (s *Store) SetDecisionDone(ctx context.Context, id string, done bool) error {
	if err := s.RequireManager("following a decision"); err != nil {
		return err
	}
	doneOn := ""
	if done {
		doneOn = s.Today().String()
	}
	res := s.write(ctx).Model(&Decision{}).Where("id = ?", id).Updates(map[string]any{"done": done, "done_on": doneOn})
	if res.Error != nil {
		return Classify(fmt.Errorf("following a decision: %w", res.Error))
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("decision %q: %w", id, ErrNotFound)
	}
	return nil
}

// OpenDecisions are the decisions still to do of the meetings held before day: the next
// meeting's agenda follows them up.
func (s *Store) OpenDecisions(ctx context.Context, before Date) ([]Decision, error) {
	type row struct {
		Decision
		Day Date
	}
	var rows []row
	err := s.reader.WithContext(ctx).Table("meeting_decisions d").Select("d.*, m.day").
		Joins("JOIN meetings m ON m.id = d.meeting_id").
		Where("d.done = 0 AND m.day < ? AND m.status <> ?", before, MeetingCancelled).
		Order("m.day, d.position").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("reading the decisions to follow: %w", err)
	}
	out := make([]Decision, len(rows))
	for i, r := range rows {
		out[i] = r.Decision
		out[i].MeetingDay = r.Day
	}
	return out, nil
}

// LastHosted is, per host, the day of the last meeting it hosted or will host before
// day (cancelled meetings do not count).
func (s *Store) LastHosted(ctx context.Context, before Date) (map[string]Date, error) {
	type row struct {
		HostID string
		Day    Date
	}
	var rows []row
	err := s.reader.WithContext(ctx).Model(&Meeting{}).Select("host_id, MAX(day) AS day").
		Where("status <> ? AND day < ? AND host_id <> ''", MeetingCancelled, before).Group("host_id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("reading past hosts: %w", err)
	}
	out := map[string]Date{}
	for _, r := range rows {
		out[r.HostID] = r.Day
	}
	return out, nil
}

// PreviousHost is the host of the last meeting before day (not cancelled), or "".
func (s *Store) PreviousHost(ctx context.Context, before Date) (string, error) {
	var m Meeting
	err := s.reader.WithContext(ctx).Where("status <> ? AND day < ?", MeetingCancelled, before).Order("day DESC").Take(&m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading the previous meeting: %w", err)
	}
	return m.HostID, nil
}
