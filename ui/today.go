package ui

import (
	"context"
	"strings"

	"entraide/storage"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// todayScreen shows a day's distributions per site, and cancels one that was a mistake.
type todayScreen struct {
	app     *App
	content fyne.CanvasObject

	day      storage.Date
	dayLabel *widget.Label
	sites    *widget.Label
	list     *widget.List
	summary  storage.DaySummary
	selected int
	cancel   *button
	message  *messageBox
	loadGen  int
}

func newTodayScreen(a *App) *todayScreen {
	s := &todayScreen{app: a, selected: -1, message: newMessageBox()}
	s.dayLabel = heading("")
	s.sites = widget.NewLabel("")
	s.sites.Wrapping = fyne.TextWrapWord
	s.list = widget.NewList(
		func() int { return len(s.summary.Visits) },
		func() fyne.CanvasObject { return resultRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(s.summary.Visits) {
				return
			}
			v := s.summary.Visits[id]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(visitTitle(v))
			box.Objects[1].(*widget.Label).SetText(visitDetail(v))
		})
	s.list.OnSelected = func(id widget.ListItemID) {
		s.selected = id
		if id < len(s.summary.Visits) && !s.summary.Visits[id].Cancelled {
			s.cancel.Enable()
		} else {
			s.cancel.Disable()
		}
	}
	s.cancel = newButton(lang.L("Cancel this distribution"), theme.ContentUndoIcon(), s.cancelSelected)
	s.cancel.Disable()
	previous := newButton(lang.L("Previous day"), theme.NavigateBackIcon(), func() { s.show(s.day.AddDays(-1)) })
	next := newButton(lang.L("Next day"), theme.NavigateNextIcon(), func() { s.show(s.day.AddDays(1)) })
	today := newButton(lang.L("Today"), nil, func() { s.show(a.store.Today()) })
	top := container.NewVBox(container.NewHBox(previous, s.dayLabel, next, today), s.sites, s.message.content)
	s.content = container.NewBorder(top, container.NewHBox(s.cancel), nil, nil, s.list)
	return s
}

func visitTitle(v storage.DayVisit) string {
	title := v.At.In(storage.Paris).Format("15:04") + " — " + v.Card + " — " + v.Applicant
	if v.Cancelled {
		title += " — " + lang.L("CANCELLED")
	}
	return title
}

func visitDetail(v storage.DayVisit) string {
	parts := []string{lang.N("{{.Count}} person", v.PersonsServed, map[string]any{"Count": v.PersonsServed}),
		kindLabel(v.Kind), v.SiteName}
	if v.RecordedBy != "" {
		parts = append(parts, lang.L("by {{.Name}}", map[string]any{"Name": v.RecordedBy}))
	}
	if v.OverrideReason != "" {
		parts = append(parts, lang.L("reason: {{.Reason}}", map[string]any{"Reason": v.OverrideReason}))
	}
	if v.Cancelled && v.CancelReason != "" {
		parts = append(parts, lang.L("cancelled: {{.Reason}}", map[string]any{"Reason": v.CancelReason}))
	}
	return strings.Join(parts, " · ")
}

func (s *todayScreen) shown() {
	if s.day.IsZero() {
		s.day = s.app.store.Today()
	}
	s.show(s.day)
}

// show loads a day in the background.
func (s *todayScreen) show(day storage.Date) {
	s.day = day
	s.loadGen++
	gen := s.loadGen
	inBackground(s.app, func() (storage.DaySummary, error) {
		return s.app.store.Day(context.Background(), day)
	}, func(sum storage.DaySummary, err error) {
		if gen != s.loadGen {
			return
		}
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.summary = sum
		s.selected = -1
		s.cancel.Disable()
		s.list.UnselectAll()
		s.list.Refresh()
		s.dayLabel.SetText(frenchWeekday(day) + " " + day.French())
		s.sites.SetText(daySites(sum))
	})
}

func daySites(sum storage.DaySummary) string {
	if sum.Total.Visits == 0 {
		return lang.L("No distribution recorded this day.")
	}
	counts := func(name string, c storage.SiteDay) string {
		return lang.L("{{.Name}} — households: {{.Households}} · persons served: {{.Persons}}",
			map[string]any{"Name": name, "Households": c.Households, "Persons": c.Persons})
	}
	lines := []string{counts(lang.L("All sites"), sum.Total)}
	for _, site := range sum.Sites {
		lines = append(lines, counts(site.SiteName, site))
	}
	return strings.Join(lines, "\n")
}

func frenchWeekday(d storage.Date) string {
	names := []string{lang.L("Sunday"), lang.L("Monday"), lang.L("Tuesday"), lang.L("Wednesday"),
		lang.L("Thursday"), lang.L("Friday"), lang.L("Saturday")}
	return names[d.Time().Weekday()]
}

func (s *todayScreen) cancelSelected() {
	if s.selected < 0 || s.selected >= len(s.summary.Visits) {
		return
	}
	v := s.summary.Visits[s.selected]
	reasonDialog(s.app.win, lang.L("Cancel a distribution"),
		lang.L("Cancel the distribution of {{.Time}} for card {{.Card}} ({{.Name}})? It stays in the history, marked cancelled.",
			map[string]any{"Time": v.At.In(storage.Paris).Format("15:04"), "Card": v.Card, "Name": v.Applicant}),
		lang.L("Cancel the distribution"), func(reason string) {
			inBackground(s.app, func() (struct{}, error) {
				return struct{}{}, s.app.store.CancelVisit(context.Background(), v.VisitID, reason)
			}, func(_ struct{}, err error) {
				if err != nil {
					s.message.show(messageError, describeError(err))
					return
				}
				s.message.show(messageSuccess, lang.L("Distribution cancelled."))
				s.app.refreshCounter()
				s.show(s.day)
			})
		}, nil)
}
