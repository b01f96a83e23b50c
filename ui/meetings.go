package ui

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"entraide/storage"
	"entraide/sync/meeting"
	"entraide/sync/printout"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// meetingsScreen (CCAS) plans the network's meetings in turn at the associations that
// lend a room, and keeps each one's agenda, attendance, minutes and decisions, with the
// printouts and calendars.
type meetingsScreen struct {
	app     *App
	content fyne.CanvasObject
	message *messageBox

	year     *widget.Entry
	weekday  *widget.Select
	weekdays choice[time.Weekday]
	start    *widget.Entry
	propose  *button
	keepPlan *button
	plan     []meeting.Proposal
	planText *widget.Label

	meetings []storage.Meeting
	list     *widget.List

	// The selected meeting.
	current   *storage.Meeting
	agenda    meeting.Agenda
	members   []storage.MemberAssociation
	detail    *fyne.Container
	title     *widget.Label
	why       *widget.Label
	day       *widget.Entry
	time      *widget.Entry
	host      *widget.Select
	reason    *widget.Entry
	agendaTxt *widget.Label
	itemTitle *widget.Entry
	itemBy    *widget.Entry
	itemMins  *widget.Entry
	removeWho *widget.Select
	presence  *fyne.Container
	statuses  choice[string]
	rows      []attendanceRow
	minutes   *widget.Entry
	decisions *fyne.Container
	cancel    *button
}

type attendanceRow struct {
	member  storage.MemberAssociation
	status  *widget.Select
	persons *widget.Entry
}

func attendanceLabel(status string) string {
	switch status {
	case storage.AttendPresent:
		return lang.L("Present")
	case storage.AttendExcused:
		return lang.L("Excused")
	}
	return lang.L("Absent")
}

func meetingStatusLabel(status string) string {
	switch status {
	case storage.MeetingHeld:
		return lang.L("held")
	case storage.MeetingCancelled:
		return lang.L("cancelled")
	}
	return lang.L("planned")
}

func newMeetingsScreen(a *App) *meetingsScreen {
	s := &meetingsScreen{app: a, message: newMessageBox()}
	s.year = widget.NewEntry()
	s.year.SetText(strconv.Itoa(a.store.Today().Year + 1))
	s.year.OnSubmitted = func(string) { s.proposeYear() }
	s.weekdays = newChoice([]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		func(d time.Weekday) string { return frenchWeekday(storage.Date{Year: 2027, Month: 1, Day: 3 + int(d)}) })
	s.weekday = newSelect(s.weekdays.labels, nil)
	s.weekday.SetSelected(s.weekdays.label(time.Tuesday))
	s.start = widget.NewEntry()
	s.start.SetText("14:00")
	s.start.OnSubmitted = func(string) { s.proposeYear() }
	s.propose = newButton(lang.L("Propose the year"), theme.ViewRefreshIcon(), s.proposeYear)
	s.propose.Importance = widget.HighImportance
	s.keepPlan = newButton(lang.L("Keep these meetings"), theme.DocumentSaveIcon(), s.savePlan)
	s.keepPlan.Disable()
	s.planText = widget.NewLabel("")
	s.planText.Wrapping = fyne.TextWrapWord
	s.planText.Hide()

	s.list = widget.NewList(func() int { return len(s.meetings) }, resultRow, func(id widget.ListItemID, o fyne.CanvasObject) {
		m := s.meetings[id]
		setTitleDetail(o, frenchWeekday(m.Day)+" "+m.Day.French()+" · "+m.Start+" · "+m.Host,
			meetingStatusLabel(m.Status)+nonEmptyPrefix(" · ", m.Place))
	})
	s.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(s.meetings) {
			s.open(s.meetings[id].ID)
		}
	}

	planForm := widget.NewForm(
		widget.NewFormItem(lang.L("Year"), s.year),
		widget.NewFormItem(lang.L("Day of the week"), s.weekday),
		widget.NewFormItem(lang.L("Start time"), s.start),
	)
	left := container.NewBorder(container.NewVBox(heading(lang.L("Network meetings")), s.message.content, planForm,
		container.NewHBox(s.propose, s.keepPlan), s.planText, widget.NewSeparator(), heading(lang.L("Meetings kept"))), nil, nil, nil, s.list)

	s.buildDetail()
	split := container.NewHSplit(container.NewPadded(left), container.NewVScroll(container.NewPadded(s.detail)))
	split.Offset = 0.4
	s.content = split
	return s
}

// buildDetail makes the selected meeting's pane: its host and why, the change form, the
// agenda, attendance, minutes with decisions, printouts and calendars.
func (s *meetingsScreen) buildDetail() {
	s.title = widget.NewLabelWithStyle(lang.L("Choose a meeting in the list, or propose a year."), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.title.Wrapping = fyne.TextWrapWord
	s.why = widget.NewLabel("")
	s.why.Wrapping = fyne.TextWrapWord
	s.day, s.time, s.reason = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.day.SetPlaceHolder(lang.L("DD/MM/YYYY"))
	s.reason.SetPlaceHolder(lang.L("Why another host (kept)"))
	s.host = newSelect(nil, nil)
	change := newButton(lang.L("Save the change"), theme.DocumentSaveIcon(), s.saveChange)
	s.reason.OnSubmitted = func(string) { s.saveChange() }

	s.agendaTxt = widget.NewLabel("")
	s.agendaTxt.Wrapping = fyne.TextWrapWord
	s.itemTitle, s.itemBy, s.itemMins = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.itemTitle.SetPlaceHolder(lang.L("New point, e.g. Spring collection"))
	s.itemBy.SetPlaceHolder(lang.L("Brought by"))
	s.itemMins.SetPlaceHolder(lang.L("Minutes"))
	for _, e := range []*widget.Entry{s.itemTitle, s.itemBy, s.itemMins} {
		e.OnSubmitted = func(string) { s.addItem() }
	}
	add := newButton(lang.L("Add to the agenda"), theme.ContentAddIcon(), s.addItem)
	s.removeWho = newSelect(nil, func(string) {})
	remove := newButton(lang.L("Remove this point"), theme.ContentRemoveIcon(), s.removeItem)

	s.statuses = newChoice([]string{storage.AttendPresent, storage.AttendExcused, storage.AttendAbsent}, attendanceLabel)
	s.presence = container.NewVBox()
	savePresence := newButton(lang.L("Save the attendance"), theme.DocumentSaveIcon(), s.saveAttendance)

	s.minutes = widget.NewMultiLineEntry()
	s.minutes.SetMinRowsVisible(6)
	s.minutes.Wrapping = fyne.TextWrapWord
	s.minutes.SetPlaceHolder(lang.L("What was said. A line that begins with “Décision :” becomes a decision followed until done."))
	saveMinutes := newButton(lang.L("Save the minutes"), theme.DocumentSaveIcon(), s.saveMinutes)
	s.decisions = container.NewVBox()

	convocation := newButton(lang.L("Convocation (PDF)…"), theme.DocumentPrintIcon(), func() { s.print("convocation", "convocation") })
	attendance := newButton(lang.L("Attendance sheet (PDF)…"), theme.DocumentPrintIcon(), func() { s.print("attendance", "emargement") })
	minutesPDF := newButton(lang.L("Minutes (PDF)…"), theme.DocumentPrintIcon(), func() { s.print("minutes", "compte-rendu") })
	ics := newButton(lang.L("Calendar of this meeting (.ics)…"), theme.MailAttachmentIcon(), func() { s.calendar(false) })
	yearICS := newButton(lang.L("Calendar of the year (.ics)…"), theme.MailAttachmentIcon(), func() { s.calendar(true) })
	s.cancel = newButton(lang.L("Cancel the meeting…"), theme.CancelIcon(), s.cancelMeeting)

	changeForm := widget.NewForm(
		widget.NewFormItem(lang.L("Date"), s.day),
		widget.NewFormItem(lang.L("Start time"), s.time),
		widget.NewFormItem(lang.L("Host"), s.host),
		widget.NewFormItem(lang.L("Reason"), s.reason),
	)
	agendaForm := container.NewBorder(nil, nil, nil, add, container.NewGridWithColumns(3, s.itemTitle, s.itemBy, s.itemMins))
	s.detail = container.NewVBox(s.title, s.why, changeForm, change, widget.NewSeparator(),
		heading(lang.L("Agenda")), s.agendaTxt, agendaForm, container.NewBorder(nil, nil, nil, remove, s.removeWho), widget.NewSeparator(),
		heading(lang.L("Attendance")), s.presence, savePresence, widget.NewSeparator(),
		heading(lang.L("Minutes")), s.minutes, saveMinutes, s.decisions, widget.NewSeparator(),
		container.NewGridWithColumns(2, convocation, attendance, minutesPDF, ics, yearICS, s.cancel))
	s.showDetail(false)
}

// showDetail shows the pane's parts only once a meeting is chosen.
func (s *meetingsScreen) showDetail(on bool) {
	for _, o := range s.detail.Objects[1:] {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
}

// shown puts the keyboard on the list of meetings (Down, then Space opens one), or on
// the year to plan when none is kept yet.
// shown lists the meetings; the first time, it opens the next one to come, which is what
// the coordinator usually comes for (its agenda, who comes).
func (s *meetingsScreen) shown() {
	s.load("", func() {
		if len(s.meetings) == 0 {
			s.app.win.Canvas().Focus(s.year)
		} else {
			if s.current == nil {
				if i := nextMeeting(s.meetings, s.app.store.Today()); i >= 0 {
					s.list.Select(i)
					s.list.ScrollTo(i)
				}
			}
			s.app.win.Canvas().Focus(s.list)
		}
		s.app.trace("screen", "meetings")
	})
}

// nextMeeting is the index of the first planned meeting from today on, or -1.
func nextMeeting(meetings []storage.Meeting, today storage.Date) int {
	for i, m := range meetings {
		if m.Status == storage.MeetingPlanned && !m.Day.Before(today) {
			return i
		}
	}
	return -1
}

// load lists the meetings kept, then opens the one with that id (if any) and calls then.
func (s *meetingsScreen) load(open string, then func()) {
	inBackground(s.app, func() ([]storage.Meeting, error) { return s.app.store.Meetings(context.Background()) },
		func(list []storage.Meeting, err error) {
			if err != nil {
				s.message.show(messageError, describeError(err))
				return
			}
			s.meetings = list
			s.list.UnselectAll()
			s.list.Refresh()
			for i, m := range list {
				if m.ID == open {
					s.list.Select(i)
					s.list.ScrollTo(i)
				}
			}
			if then != nil {
				then()
			}
		})
}

func (s *meetingsScreen) proposeYear() {
	year, err := strconv.Atoi(strings.TrimSpace(s.year.Text))
	if err != nil || year < 2000 || year > 2100 {
		s.message.show(messageError, lang.L("Type the year to plan, e.g. 2027."))
		s.app.win.Canvas().Focus(s.year)
		return
	}
	if _, err := storage.ParseClock(strings.TrimSpace(s.start.Text)); err != nil {
		s.message.show(messageError, lang.L("Type the start as hours and minutes, e.g. 14:00."))
		s.app.win.Canvas().Focus(s.start)
		return
	}
	weekday, start := s.weekdays.value(s.weekday.Selected), strings.TrimSpace(s.start.Text)
	inBackground(s.app, func() ([]meeting.Proposal, error) {
		return meeting.Plan(context.Background(), s.app.store, year, weekday, start)
	}, func(plan []meeting.Proposal, err error) {
		if err == meeting.ErrNoHost {
			s.message.show(messageError, lang.L("No association lends a room yet: an association says so in its listing (“Meeting room”), then sends it."))
			return
		}
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.plan = plan
		var lines []string
		for _, p := range plan {
			line := frenchWeekday(p.Date) + " " + p.Date.French() + " · " + p.Start + " · " + p.Host + "\n   " + p.HostRule
			if p.Moved != "" {
				line += " " + upperFirst(p.Moved) + "."
			}
			lines = append(lines, line)
		}
		s.planText.SetText(strings.Join(lines, "\n"))
		s.planText.Show()
		s.keepPlan.Enable()
		s.message.show(messageInfo, lang.L("{{.Count}} meetings proposed: check them, then keep them.", map[string]any{"Count": len(plan)}))
		s.app.win.Canvas().Focus(s.keepPlan)
		s.app.trace("meetings", "proposed "+strconv.Itoa(len(plan)))
	})
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func (s *meetingsScreen) savePlan() {
	plan := s.plan
	if len(plan) == 0 {
		return
	}
	type saved struct {
		added []storage.Meeting
		kept  []storage.Date
	}
	inBackground(s.app, func() (saved, error) {
		added, kept, err := meeting.Save(context.Background(), s.app.store, plan, 2*time.Hour, s.app.recorder())
		return saved{added, kept}, err
	}, func(r saved, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.plan = nil
		s.keepPlan.Disable()
		s.planText.Hide()
		text := lang.L("{{.Count}} meetings kept.", map[string]any{"Count": len(r.added)})
		if len(r.kept) > 0 {
			text += " " + lang.L("{{.Count}} days already had a meeting, left as they were.", map[string]any{"Count": len(r.kept)})
		}
		s.message.show(messageSuccess, text)
		first := ""
		if len(r.added) > 0 {
			first = r.added[0].ID
		}
		// The first meeting kept opens, the keyboard on the list to go through the others.
		s.load(first, func() {
			s.app.win.Canvas().Focus(s.list)
			s.app.trace("meetings", "kept "+strconv.Itoa(len(r.added)))
		})
	})
}

type meetingView struct {
	meeting storage.Meeting
	agenda  meeting.Agenda
	members []storage.MemberAssociation
}

// open reads a meeting whole and shows it.
func (s *meetingsScreen) open(id string) {
	inBackground(s.app, func() (meetingView, error) {
		ctx := context.Background()
		m, err := s.app.store.FindMeeting(ctx, id)
		if err != nil {
			return meetingView{}, err
		}
		agenda, err := meeting.AgendaOf(ctx, s.app.store, m)
		if err != nil {
			return meetingView{}, err
		}
		members, err := s.app.store.MemberAssociations(ctx)
		return meetingView{m, agenda, members}, err
	}, func(v meetingView, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.show(v)
	})
}

func (s *meetingsScreen) show(v meetingView) {
	m := v.meeting
	s.current, s.agenda, s.members = &m, v.agenda, v.members
	s.title.SetText(upperFirst(m.Day.LongFrench()) + " · " + m.Start + " · " + lang.L("at {{.Host}}", map[string]any{"Host": m.Host}) +
		nonEmptyPrefix(", ", m.Place) + " (" + meetingStatusLabel(m.Status) + ")")
	why := m.HostRule
	if m.OverrideReason != "" {
		why += "\n" + lang.L("Host chosen by the coordinator: {{.Reason}}", map[string]any{"Reason": m.OverrideReason})
	}
	s.why.SetText(why)
	s.day.SetText(m.Day.French())
	s.time.SetText(m.Start)
	s.reason.SetText("")
	hosts := make([]string, len(v.members))
	for i, a := range v.members {
		hosts[i] = a.Name
	}
	if !slices.Contains(hosts, m.Host) {
		hosts = append([]string{m.Host}, hosts...)
	}
	s.host.SetOptions(hosts)
	s.host.SetSelected(m.Host)

	text := v.agenda.Text()
	if text == "" {
		text = lang.L("No point yet.")
	}
	s.agendaTxt.SetText(text)
	titles := make([]string, len(m.Items))
	for i, item := range m.Items {
		titles[i] = strconv.Itoa(i+1) + ". " + item.Title
	}
	s.removeWho.SetOptions(titles)
	s.removeWho.ClearSelected()

	recorded := map[string]storage.Attendance{}
	for _, a := range m.Attendance {
		recorded[a.AssociationID] = a
	}
	s.rows = nil
	s.presence.RemoveAll()
	for _, member := range v.members {
		row := attendanceRow{member: member, status: newSelect(s.statuses.labels, nil), persons: widget.NewEntry()}
		row.persons.SetPlaceHolder(lang.L("Who came, e.g. Mme Leroy, M. Diallo"))
		if a, ok := recorded[member.ID]; ok {
			row.status.SetSelected(s.statuses.label(a.Status))
			row.persons.SetText(a.Persons)
		}
		row.persons.OnSubmitted = func(string) { s.saveAttendance() }
		s.rows = append(s.rows, row)
		name := widget.NewLabel(member.Name)
		name.Truncation = fyne.TextTruncateEllipsis
		s.presence.Add(container.NewGridWithColumns(3, name, row.status, row.persons))
	}
	s.minutes.SetText(m.Minutes)
	s.showDecisions(m.Decisions)
	s.showDetail(true)
	if m.Status == storage.MeetingCancelled {
		s.cancel.Disable()
	} else {
		s.cancel.Enable()
	}
	s.app.trace("meeting", m.Day.String())
}

func (s *meetingsScreen) showDecisions(decisions []storage.Decision) {
	s.decisions.RemoveAll()
	if len(decisions) == 0 {
		return
	}
	s.decisions.Add(widget.NewLabelWithStyle(lang.L("Decisions (tick when done)"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, d := range decisions {
		id := d.ID
		check := widget.NewCheck(d.Text, nil)
		check.SetChecked(d.Done)
		check.OnChanged = func(done bool) {
			inBackground(s.app, func() (struct{}, error) {
				return struct{}{}, s.app.store.SetDecisionDone(context.Background(), id, done)
			}, func(_ struct{}, err error) {
				if err != nil {
					s.message.show(messageError, describeError(err))
				}
			})
		}
		s.decisions.Add(check)
	}
}

// write runs a change of the current meeting, then shows it again with what it says.
func (s *meetingsScreen) write(change func(ctx context.Context, m storage.Meeting) error, success string) {
	if s.current == nil {
		return
	}
	m := *s.current
	inBackground(s.app, func() (struct{}, error) { return struct{}{}, change(context.Background(), m) }, func(_ struct{}, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.message.show(messageSuccess, success)
		s.load(m.ID, nil)
	})
}

func (s *meetingsScreen) saveChange() {
	if s.current == nil {
		return
	}
	day, err := storage.ParseDate(strings.TrimSpace(s.day.Text))
	if err != nil || day.IsZero() {
		s.message.show(messageError, lang.L("Type the date as DD/MM/YYYY, e.g. 12/01/2027."))
		s.app.win.Canvas().Focus(s.day)
		return
	}
	c := storage.MeetingChange{Day: day, Start: strings.TrimSpace(s.time.Text), HostID: s.current.HostID, Host: s.current.Host,
		Place: s.current.Place, Reason: strings.TrimSpace(s.reason.Text)}
	if s.host.Selected != s.current.Host {
		for _, a := range s.members {
			if a.Name == s.host.Selected {
				c.HostID, c.Host, c.Place = a.ID, a.Name, ""
			}
		}
	}
	actor := s.app.recorder()
	s.write(func(ctx context.Context, m storage.Meeting) error {
		if c.HostID != m.HostID {
			id, host, place, err := meeting.FindHost(ctx, s.app.store, c.Host)
			if err != nil {
				return err
			}
			c.HostID, c.Host, c.Place = id, host, place
		}
		_, err := s.app.store.ChangeMeeting(ctx, m.ID, c, actor)
		return err
	}, lang.L("Meeting changed: the next directory and calendars will say so."))
}

func (s *meetingsScreen) addItem() {
	if s.current == nil {
		return
	}
	title := strings.TrimSpace(s.itemTitle.Text)
	if title == "" {
		s.message.show(messageError, lang.L("Type the point's title first."))
		s.app.win.Canvas().Focus(s.itemTitle)
		return
	}
	minutes := 0
	if text := strings.TrimSpace(s.itemMins.Text); text != "" {
		n, err := strconv.Atoi(text)
		if err != nil || n < 0 || n > 480 {
			s.message.show(messageError, lang.L("Type the point's length in minutes, e.g. 20 (or leave it empty)."))
			s.app.win.Canvas().Focus(s.itemMins)
			return
		}
		minutes = n
	}
	items := append(append([]storage.MeetingItem{}, s.current.Items...), storage.MeetingItem{Title: title, BroughtBy: strings.TrimSpace(s.itemBy.Text), DurationMinutes: minutes})
	s.itemTitle.SetText("")
	s.itemBy.SetText("")
	s.itemMins.SetText("")
	s.write(func(ctx context.Context, m storage.Meeting) error { return s.app.store.SetAgenda(ctx, m.ID, items) },
		lang.L("Point added to the agenda."))
	s.app.win.Canvas().Focus(s.itemTitle)
}

func (s *meetingsScreen) removeItem() {
	i := s.removeWho.SelectedIndex()
	if s.current == nil || i < 0 || i >= len(s.current.Items) {
		s.message.show(messageError, lang.L("Choose the point to remove first."))
		return
	}
	items := append(append([]storage.MeetingItem{}, s.current.Items[:i]...), s.current.Items[i+1:]...)
	s.write(func(ctx context.Context, m storage.Meeting) error { return s.app.store.SetAgenda(ctx, m.ID, items) },
		lang.L("Point removed from the agenda."))
}

func (s *meetingsScreen) saveAttendance() {
	if s.current == nil {
		return
	}
	var list []storage.Attendance
	for _, r := range s.rows {
		if r.status.Selected == "" {
			continue
		}
		list = append(list, storage.Attendance{MeetingID: s.current.ID, AssociationID: r.member.ID, Association: r.member.Name,
			Status: s.statuses.value(r.status.Selected), Persons: strings.TrimSpace(r.persons.Text)})
	}
	if len(list) == 0 {
		s.message.show(messageError, lang.L("Choose present, excused or absent for at least one association."))
		return
	}
	s.write(func(ctx context.Context, _ storage.Meeting) error {
		for _, a := range list {
			if err := s.app.store.SetAttendance(ctx, a); err != nil {
				return err
			}
		}
		return nil
	}, lang.L("Attendance saved."))
}

func (s *meetingsScreen) saveMinutes() {
	text, actor := s.minutes.Text, s.app.recorder()
	s.write(func(ctx context.Context, m storage.Meeting) error {
		_, err := meeting.SaveMinutes(ctx, s.app.store, m.ID, text, actor)
		return err
	}, lang.L("Minutes saved; their decisions will be followed up at the next meeting."))
}

func (s *meetingsScreen) cancelMeeting() {
	if s.current == nil {
		return
	}
	m := *s.current
	confirmDialog(s.app.win, lang.L("Cancel the meeting"),
		lang.L("Cancel the meeting of {{.Date}} at {{.Host}}? The associations will see it cancelled in the next directory; give them the calendar file so that their agendas remove it.",
			map[string]any{"Date": m.Day.French(), "Host": m.Host}), lang.L("Cancel the meeting"), func() {
			actor := s.app.recorder()
			s.write(func(ctx context.Context, m storage.Meeting) error {
				_, err := s.app.store.CancelMeeting(ctx, m.ID, actor)
				return err
			}, lang.L("Meeting cancelled."))
		})
}

// print saves one of the meeting's printouts.
func (s *meetingsScreen) print(kind, fileName string) {
	if s.current == nil {
		return
	}
	m := *s.current
	inBackground(s.app, func() ([]byte, error) {
		paper, err := printout.MeetingPaperOf(context.Background(), s.app.store, m)
		if err != nil {
			return nil, err
		}
		return printout.MeetingPrintouts[kind](m, paper)
	}, func(data []byte, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.app.saveFileSaying(s.message, fmt.Sprintf("reunion-%s-%s.pdf", m.Day, fileName), data, func(path string) string {
			return lang.L("Saved in {{.Path}}.", map[string]any{"Path": path})
		})
	})
}

// calendar saves the meeting's calendar, or its year's.
func (s *meetingsScreen) calendar(year bool) {
	if s.current == nil {
		return
	}
	m := *s.current
	name := fmt.Sprintf("reunion-%s.ics", m.Day)
	if year {
		name = fmt.Sprintf("reunions-%d.ics", m.Day.Year)
	}
	inBackground(s.app, func() ([]byte, error) {
		ctx := context.Background()
		network, err := s.app.store.Network(ctx)
		if err != nil {
			return nil, err
		}
		meetings := []storage.Meeting{m}
		if year {
			meetings = nil
			for _, other := range s.meetings {
				if other.Day.Year == m.Day.Year {
					meetings = append(meetings, other)
				}
			}
		}
		return meeting.CalendarOf(ctx, s.app.store, meetings, network.Name)
	}, func(data []byte, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.app.saveFileSaying(s.message, name, data, func(path string) string {
			return lang.L("Calendar saved in {{.Path}}: open it with any agenda (Outlook, Thunderbird, phone).", map[string]any{"Path": path})
		})
	})
}

func nonEmptyPrefix(prefix, s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return prefix + s
}
