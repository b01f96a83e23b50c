package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"entraide/storage"
	"entraide/sync/bulletin"
	"entraide/sync/directory"
	"entraide/sync/meeting"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// networkScreen (association, read-only) shows what the last directory file brought of
// the network's life: the next meeting with its agenda, the donations to collect with
// the association's own quantity, and the minutes of past meetings.
type networkScreen struct {
	app      *App
	content  fyne.CanvasObject
	message  *messageBox
	next     *widget.Label
	gifts    *widget.Label
	past     *widget.Label
	calendar *button
	news     bulletin.News
}

func newNetworkScreen(a *App) *networkScreen {
	s := &networkScreen{app: a, message: newMessageBox()}
	label := func() *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	s.next, s.gifts, s.past = label(), label(), label()
	s.calendar = newButton(lang.L("Add the coming meetings to an agenda (.ics)…"), theme.MailAttachmentIcon(), s.saveCalendar)
	s.content = container.NewVScroll(container.NewPadded(container.NewVBox(
		heading(lang.L("Next network meeting")), s.message.content, s.next, s.calendar, widget.NewSeparator(),
		heading(lang.L("Donations of the CCAS")), s.gifts, widget.NewSeparator(),
		heading(lang.L("Past meetings")), s.past)))
	return s
}

func (s *networkScreen) shown() {
	s.app.win.Canvas().Focus(s.calendar)
	inBackground(s.app, func() (bulletin.News, error) { return bulletin.Read(context.Background(), s.app.store) },
		func(news bulletin.News, err error) {
			s.app.trace("screen", "network")
			switch {
			case errors.Is(err, bulletin.ErrSealedLine):
				s.message.show(messageWarning, lang.L("A donation line meant for the association cannot be read on this computer: ask the CCAS to invite the association again."))
			case err != nil:
				s.message.show(messageError, describeError(err))
				return
			default:
				s.message.clear()
			}
			s.news = news
			s.fill(s.app.store.Today())
		})
}

// fill writes the three parts in plain sentences.
func (s *networkScreen) fill(today storage.Date) {
	if len(s.news.Meetings) == 0 && len(s.news.Donations) == 0 {
		s.next.SetText(lang.L("Nothing yet: the meetings and donations come with the directory file the CCAS publishes (Directory tab, Ctrl+6)."))
		s.gifts.SetText("")
		s.past.SetText("")
		s.calendar.Disable()
		return
	}
	if m, ok := s.news.NextMeeting(today); ok {
		text := upperFirst(m.Date.LongFrench()) + ", " + m.Start + " — " + lang.L("at {{.Host}}", map[string]any{"Host": m.Host}) + nonEmptyPrefix(", ", m.Place)
		if agenda := fileAgendaText(m); agenda != "" {
			text += "\n" + lang.L("Agenda:") + "\n" + agenda
		}
		s.next.SetText(text)
		s.calendar.Enable()
	} else {
		s.next.SetText(lang.L("No meeting planned yet."))
		s.calendar.Disable()
	}
	var cancelled []string
	for _, m := range s.news.Meetings {
		if m.Status == storage.MeetingCancelled && !m.Date.Before(today) {
			cancelled = append(cancelled, lang.L("The meeting of {{.Date}} is cancelled.", map[string]any{"Date": m.Date.French()}))
		}
	}
	if len(cancelled) > 0 {
		s.next.SetText(s.next.Text + "\n\n" + strings.Join(cancelled, "\n"))
	}
	var gifts []string
	for _, d := range s.news.Donations {
		line := d.Sentence()
		if len(d.Lines) > 0 {
			var all []string
			for _, l := range d.Lines {
				all = append(all, fmt.Sprintf("%s %d", l.Association, l.Quantity))
			}
			line += "\n   " + lang.L("Whole table: {{.Lines}}", map[string]any{"Lines": strings.Join(all, " ; ")})
		}
		gifts = append(gifts, line)
	}
	if len(gifts) == 0 {
		gifts = []string{lang.L("No donation shared in the last three months.")}
	}
	s.gifts.SetText(strings.Join(gifts, "\n\n"))
	var past []string
	for i := len(s.news.Meetings) - 1; i >= 0; i-- {
		m := s.news.Meetings[i]
		if m.Status != storage.MeetingHeld {
			continue
		}
		text := m.Date.French() + " — " + lang.L("at {{.Host}}", map[string]any{"Host": m.Host}) + "\n" + m.Minutes
		for _, d := range m.Decisions {
			state := lang.L("to do")
			if d.Done {
				state = lang.L("done")
			}
			text += "\n • " + d.Text + " (" + state + ")"
		}
		past = append(past, text)
	}
	if len(past) == 0 {
		past = []string{lang.L("No minutes yet.")}
	}
	s.past.SetText(strings.Join(past, "\n\n"))
}

func fileAgendaText(m directory.FileMeeting) string {
	agenda := meeting.Agenda{}
	for _, item := range m.Agenda {
		agenda.Items = append(agenda.Items, storage.MeetingItem{Title: item.Title, BroughtBy: item.BroughtBy, DurationMinutes: item.DurationMinutes})
	}
	for _, d := range m.FollowUp {
		agenda.FollowUp = append(agenda.FollowUp, storage.Decision{Text: d.Text, MeetingDay: d.MeetingDate})
	}
	return agenda.Text()
}

// saveCalendar writes the coming meetings (cancelled ones too, so agendas remove them).
func (s *networkScreen) saveCalendar() {
	today := s.app.store.Today()
	var events []meeting.Event
	for _, m := range s.news.Meetings {
		if m.Date.Before(today) {
			continue
		}
		sm := storage.Meeting{ID: m.ID, Day: m.Date, Start: m.Start, LengthMinutes: m.LengthMinutes, Host: m.Host, Place: m.Place,
			Status: m.Status, Sequence: m.Sequence}
		e, err := meeting.EventOf(sm, meeting.Agenda{}, s.news.Network)
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		e.Agenda = fileAgendaText(m)
		events = append(events, e)
	}
	cal, err := meeting.Calendar(s.news.Network, events, time.Now())
	if err != nil {
		s.message.show(messageError, describeError(err))
		return
	}
	s.app.saveFileSaying(s.message, "reunions-reseau.ics", cal, func(path string) string {
		return lang.L("Calendar saved in {{.Path}}: open it with any agenda (Outlook, Thunderbird, phone).", map[string]any{"Path": path})
	})
}
