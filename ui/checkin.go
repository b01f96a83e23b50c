package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"entraide/storage"
	"entraide/sync/bulletin"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// checkInScreen is the opening screen: one field to find a household by name or card,
// Enter to open it, Enter again to record its distribution.
type checkInScreen struct {
	app     *App
	content fyne.CanvasObject

	search       *checkInField
	message      *messageBox
	results      *widget.List
	found        []storage.SearchResult
	selected     int
	searchCancel context.CancelFunc
	searchGen    int
	shownGen     int // the search whose results are shown; searchGen while one is under way
	settingText  bool

	household  *storage.Household
	violations []storage.Violation
	openedText string
	opening    bool // a household is being loaded
	openGen    int  // the newest load: only its answer is shown
	asking     bool // the reason dialog is open
	recording  int  // check-ins being written
	undoQueued bool // Ctrl+Z pressed while a check-in was being written

	// queued are keys typed while a household loads, replayed in order once it shows:
	// an Enter among them then records the household the volunteer sees. Enter and the
	// arrows also wait for the search of what was typed before them.
	queued []queuedKey

	detail        *fyne.Container
	hint          *widget.Label
	detailTitle   *widget.Label
	detailMembers *widget.Label
	detailStatus  *widget.Label
	warnings      *messageBox
	kinds         choice[storage.VisitKind]
	kind          *widget.Select
	recordButton  *button

	lastRecorded *recordedVisit
	undoButton   *button
	newButton    *button
	reminder     *widget.Label
}

type recordedVisit struct {
	visit storage.Visit
	card  string
	name  string
}

func newCheckInScreen(a *App) *checkInScreen {
	s := &checkInScreen{app: a, message: newMessageBox(), warnings: newMessageBox()}
	s.message.onShow = func(kind messageKind, text string) { a.trace("message", kindNames[kind]+" "+text) }
	s.search = newCheckInField(s)
	s.search.SetPlaceHolder(lang.L("Name or card number, then Enter"))
	s.search.OnChanged = s.textChanged
	s.search.OnSubmitted = s.submitted
	s.search.onDown = func() { s.moveSelection(1) }
	s.search.onUp = func() { s.moveSelection(-1) }
	s.search.onEscape = s.reset
	s.search.onUndo = s.undoLast

	s.results = widget.NewList(
		func() int { return len(s.found) },
		func() fyne.CanvasObject {
			return checkInRow()
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(s.found) {
				return
			}
			marked := id == s.selected // the household Enter opens; the arrows move it
			setResultRow(o, s.found[id], marked, a.store.Today())
		})
	// A click opens the household; the list's own selection is cleared at once so that
	// the same row can be clicked again.
	s.results.OnSelected = func(id widget.ListItemID) {
		s.results.UnselectAll()
		s.selected = id
		s.results.Refresh()
		s.openSelected()
	}

	s.detailTitle = heading("")
	s.detailMembers = widget.NewLabel("")
	s.detailMembers.Wrapping = fyne.TextWrapWord
	s.detailStatus = widget.NewLabel("")
	s.detailStatus.Wrapping = fyne.TextWrapWord
	s.kinds = newChoice(storage.VisitKinds, kindLabel)
	s.kind = newSelect(s.kinds.labels, nil)
	s.kind.SetSelected(s.kinds.labels[0])
	s.recordButton = newButton(lang.L("Record the distribution (Enter)"), theme.ConfirmIcon(), s.record)
	s.recordButton.Importance = widget.HighImportance
	edit := newButton(lang.L("Open the household's file"), theme.DocumentIcon(), func() {
		if s.household != nil {
			a.editHousehold(s.household.ID)
		}
	})
	// The action comes right after the title and warnings, so it is visible without scrolling.
	s.detail = container.NewVBox(s.detailTitle, s.detailStatus, s.warnings.content, s.recordButton,
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("Given:")), nil, s.kind),
		s.detailMembers, edit)
	s.detail.Hide()
	s.hint = widget.NewLabel(lang.L("1. Type a name, or scan the card.\n2. Enter opens the household (arrows choose another).\n3. Enter again records the distribution.\nEscape clears the field."))
	s.hint.Wrapping = fyne.TextWrapWord

	s.undoButton = newButton(lang.L("Undo the last check-in (Ctrl+Z)"), theme.ContentUndoIcon(), s.undoLast)
	s.undoButton.Disable()
	s.newButton = newButton(lang.L("Register a new household (Ctrl+N)"), theme.ContentAddIcon(), func() {
		a.newHousehold(a.typedName())
	})

	site := container.NewBorder(nil, nil, widget.NewLabel(lang.L("Site:")), nil, a.siteSelect)
	top := container.NewVBox(container.NewGridWithColumns(2, heading(lang.L("Find a household")), site),
		s.search, s.message.content)
	split := container.NewHSplit(s.results, container.NewVScroll(container.NewVBox(s.hint, s.detail)))
	split.Offset = 0.55
	s.reminder = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	s.reminder.Wrapping = fyne.TextWrapWord
	s.reminder.Hide()
	bottom := container.NewVBox(s.reminder, container.NewHBox(s.undoButton, s.newButton))
	s.content = container.NewBorder(top, bottom, nil, nil, split)
	return s
}

// refreshReminder says when last month's report for the CCAS has not been saved yet.
func (s *checkInScreen) refreshReminder() {
	month := recentMonths(s.app.store.Today(), 1)[0]
	type due struct {
		report, listing bool
		meeting         string
	}
	inBackground(s.app, func() (due, error) {
		ctx := context.Background()
		var d due
		var err error
		if d.listing, err = s.app.store.ListingDue(ctx); err != nil {
			return d, err
		}
		if _, err := s.app.store.Membership(ctx); err != nil {
			return d, nil // not in a network: no report to send
		}
		saved, err := s.app.store.ReportSaved(ctx, month)
		d.report = !saved
		if news, err := bulletin.Meetings(ctx, s.app.store); err == nil {
			d.meeting = news.Reminder(s.app.store.Today())
		}
		return d, err
	}, func(d due, err error) {
		var lines []string
		if d.meeting != "" {
			lines = append(lines, d.meeting+" "+lang.L("(Network tab, Ctrl+7)"))
		}
		if err == nil && d.report {
			lines = append(lines, lang.L("Reminder: the report of {{.Month}} has not been saved for the CCAS yet (Report tab, Ctrl+4).",
				map[string]any{"Month": monthLabel(month)}))
		}
		if err == nil && d.listing {
			lines = append(lines, lang.L("Reminder: the association's public listing has not been checked for five months (Listing tab, Ctrl+5)."))
		}
		if len(lines) == 0 {
			s.reminder.SetText("")
			s.reminder.Hide()
			return
		}
		s.reminder.SetText(strings.Join(lines, "\n"))
		s.reminder.Show()
	})
}

// checkInRow is one found household on one line: the applicant's name, which takes the
// room it needs, then the card, the last visit and whether it is archived.
func checkInRow() fyne.CanvasObject {
	name, detail := heading(""), widget.NewLabel("")
	name.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, widget.NewIcon(nil), detail, name)
}

// setResultRow fills a row: the mark (the household Enter opens), the applicant's name
// first, then the card and the last visit in short.
func setResultRow(o fyne.CanvasObject, r storage.SearchResult, marked bool, today storage.Date) {
	row := o.(*fyne.Container)
	name, mark, detail := row.Objects[0].(*widget.Label), row.Objects[1].(*widget.Icon), row.Objects[2].(*widget.Label)
	if marked {
		mark.SetResource(theme.NavigateNextIcon())
	} else {
		mark.SetResource(nil)
	}
	text := ""
	if len(r.Members) > 0 {
		text += r.Members[0]
	}
	if len(r.Members) > 1 {
		text += " +" + strconv.Itoa(len(r.Members)-1)
	}
	if r.Matched != "" {
		text += " (" + r.Matched + ")"
	}
	name.SetText(text)
	name.Importance = widget.MediumImportance
	if r.Archived {
		name.Importance = widget.LowImportance
	}
	detail.SetText(shortResultDetail(r, today))
}

// shortResultDetail is the card, the day of the last visit and "ARCHIVÉ", in few letters,
// so that the name keeps the room.
func shortResultDetail(r storage.SearchResult, today storage.Date) string {
	parts := []string{r.Card}
	if r.OldNumber != "" {
		parts[0] += " (" + r.OldNumber + ")" // the number on the card the person still holds
	}
	if r.LastVisit != nil {
		parts = append(parts, shortDay(storage.DateOf(*r.LastVisit), today))
	} else {
		parts = append(parts, lang.L("never came"))
	}
	if r.Archived {
		parts = append(parts, strings.ToUpper(lang.L("archived")))
	}
	return strings.Join(parts, " · ")
}

// shortDay is "12/11" for a day of this year, "12/11/2025" before.
func shortDay(d, today storage.Date) string {
	if d.Year == today.Year {
		return fmt.Sprintf("%02d/%02d", d.Day, d.Month)
	}
	return d.French()
}

func resultDetail(r storage.SearchResult) string {
	parts := []string{lang.L("card {{.Card}}", map[string]any{"Card": r.Card})}
	if r.OldNumber != "" {
		parts = append(parts, lang.L("old number {{.Number}}", map[string]any{"Number": r.OldNumber}))
	}
	if r.LastVisit != nil {
		parts = append(parts, lang.L("last visit {{.Date}}", map[string]any{"Date": storage.DateOf(*r.LastVisit).French()}))
	} else {
		parts = append(parts, lang.L("no visit yet"))
	}
	if r.Archived {
		parts = append(parts, strings.ToUpper(lang.L("archived")))
	}
	return strings.Join(parts, " · ")
}

// shown puts the cursor in the search field.
func (s *checkInScreen) shown() {
	s.app.win.Canvas().Focus(s.search)
	s.app.trace("screen", "checkin")
	s.refreshReminder()
}

func (s *checkInScreen) reset() {
	s.setSearchText("")
	s.closeHousehold()
	s.found = nil
	s.results.Refresh()
	s.message.clear()
	s.app.win.Canvas().Focus(s.search)
}

func (s *checkInScreen) setSearchText(text string) {
	s.settingText = true
	s.search.setTextUnselected(text)
	s.settingText = false
}

// busy tells whether keys must wait: a household is loading or the reason dialog is open.
func (s *checkInScreen) busy() bool { return s.opening || s.asking }

// queuedKey is a key kept for later; text keys need not wait for a search.
type queuedKey struct {
	run  func()
	text bool
}

// searching tells whether the results shown are not yet those of the text typed.
func (s *checkInScreen) searching() bool { return s.shownGen != s.searchGen }

// mustWait tells whether a key has to wait its turn: the screen is busy, keys already
// wait, or it is Enter or an arrow and the results of the text before it have not come.
func (s *checkInScreen) mustWait(text bool) bool {
	return s.busy() || len(s.queued) > 0 || (!text && s.searching())
}

// later keeps a key, to be replayed in order.
func (s *checkInScreen) later(run func(), text bool) {
	s.queued = append(s.queued, queuedKey{run: run, text: text})
}

// replay hands the waiting keys to the field in order, until one of them makes the
// screen busy again (an Enter that opens a household) or needs a search to answer.
func (s *checkInScreen) replay() {
	for len(s.queued) > 0 && !s.busy() {
		key := s.queued[0]
		if !key.text && s.searching() {
			return // replayed when the search answers
		}
		s.queued = s.queued[1:]
		key.run()
	}
}

func (s *checkInScreen) textChanged(text string) {
	if s.settingText {
		return
	}
	if s.household != nil && text != s.openedText {
		s.closeHousehold()
	}
	s.startSearch(text)
}

// startSearch queries in the background; a newer keystroke cancels and supersedes it.
func (s *checkInScreen) startSearch(text string) {
	if s.searchCancel != nil {
		s.searchCancel()
	}
	s.searchGen++
	gen := s.searchGen
	if strings.TrimSpace(text) == "" {
		s.showResults(nil)
		s.shownGen = gen
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.searchCancel = cancel
	inBackground(s.app, func() ([]storage.SearchResult, error) {
		return s.app.store.Search(ctx, text, 20)
	}, func(found []storage.SearchResult, err error) {
		if gen != s.searchGen {
			return // a newer search is under way or done: this one is stale
		}
		s.shownGen = gen
		if err != nil {
			s.message.show(messageError, describeError(err))
			s.replay()
			return
		}
		s.showResults(found)
		s.replay() // an Enter typed before the results came opens what they found
	})
}

// showResults lists what was found, keeping the household chosen with the arrows if it is
// still there.
func (s *checkInScreen) showResults(found []storage.SearchResult) {
	keep := 0
	if s.selected < len(s.found) {
		for i, r := range found {
			if r.HouseholdID == s.found[s.selected].HouseholdID {
				keep = i
			}
		}
	}
	s.found = found
	s.selected = keep
	s.results.Refresh()
	if len(found) > 0 {
		s.results.ScrollTo(keep)
		s.message.clear()
	} else if trimmed(s.search.Text) != "" && !storage.LooksLikeCard(s.search.Text) {
		s.showNotFound(s.search.Text)
	}
}

func (s *checkInScreen) showNotFound(text string) {
	s.message.show(messageInfo, lang.L("No household found for “{{.Text}}”. Check the spelling, or register a new household (Ctrl+N).",
		map[string]any{"Text": trimmed(text)}))
}

// moveSelection moves the mark. What Enter records is always the household marked and
// shown: with a household open, the marked one opens in its place.
func (s *checkInScreen) moveSelection(delta int) {
	if len(s.found) == 0 {
		return
	}
	next := min(max(s.selected+delta, 0), len(s.found)-1)
	if next == s.selected {
		return
	}
	s.selected = next
	s.results.Refresh()
	s.results.ScrollTo(next)
	if s.household != nil {
		s.closeHousehold()
		s.openSelected()
	}
}

// submitted is Enter in the search field: open what was typed, or record if already open.
func (s *checkInScreen) submitted(text string) {
	s.app.trace("enter", text)
	switch {
	case s.household != nil && text == s.openedText:
		s.record()
	case strings.TrimSpace(text) == "":
		s.message.show(messageInfo, lang.L("Type a name or a card number."))
	case storage.LooksLikeCard(text):
		s.openCard(text)
	case len(s.found) > 0: // the results of this very text: Enter waited for them
		s.openSelected()
	default:
		s.showNotFound(text)
	}
}

// openCard opens the household of a typed or scanned card; the field is busy meanwhile.
func (s *checkInScreen) openCard(text string) {
	s.opening = true
	s.openGen++
	gen := s.openGen
	inBackground(s.app, func() (openedHousehold, error) {
		ctx := context.Background()
		id, err := s.app.store.HouseholdIDByCard(ctx, text)
		if err != nil {
			return openedHousehold{}, err
		}
		return s.loadHousehold(ctx, id)
	}, func(o openedHousehold, err error) {
		s.opened(gen, o, err)
	})
}

func (s *checkInScreen) openSelected() {
	if s.selected < len(s.found) {
		s.openHousehold(s.found[s.selected].HouseholdID)
	}
}

type openedHousehold struct {
	household  storage.Household
	violations []storage.Violation
	last       *storage.Visit
}

// openHousehold shows a household with what its check-in would break, ready for Enter.
// Keys typed meanwhile wait, and are replayed once it shows.
func (s *checkInScreen) openHousehold(id string) {
	s.opening = true
	s.openGen++
	gen := s.openGen
	inBackground(s.app, func() (openedHousehold, error) {
		return s.loadHousehold(context.Background(), id)
	}, func(o openedHousehold, err error) {
		s.opened(gen, o, err)
	})
}

func (s *checkInScreen) loadHousehold(ctx context.Context, id string) (openedHousehold, error) {
	var o openedHousehold
	var err error
	if o.household, err = s.app.store.Household(ctx, id); err != nil {
		return o, err
	}
	if o.violations, err = s.app.store.CheckRules(ctx, id, time.Time{}); err != nil {
		return o, err
	}
	o.last, err = s.app.store.LastVisit(ctx, id)
	return o, err
}

// opened ends a load. Only the newest load is shown; then the keys typed meanwhile are
// replayed in order.
func (s *checkInScreen) opened(gen int, o openedHousehold, err error) {
	if gen != s.openGen {
		return // another household was asked for meanwhile: its load ends the wait
	}
	s.opening = false
	if err != nil {
		s.message.show(messageError, describeError(err))
		s.search.selectAll()
		s.replay()
		return
	}
	s.showHousehold(o)
	s.replay()
}

func (s *checkInScreen) showHousehold(o openedHousehold) {
	h := o.household
	s.violations = o.violations
	if s.search.Text == "" || storage.LooksLikeCard(s.search.Text) {
		s.setSearchText(h.Card)
	}
	s.openedText = s.search.Text
	s.message.clear()
	s.detailTitle.SetText(lang.L("Card {{.Card}}", map[string]any{"Card": h.Card}))
	names := make([]string, len(h.Members))
	for i, m := range h.Members {
		names[i] = "• " + storage.DisplayName(m.FirstName, m.LastName) + memberAge(m, s.app.store.Today())
	}
	s.detailMembers.SetText(strings.Join(names, "\n"))
	status := []string{lang.N("{{.Count}} person", len(h.Members), map[string]any{"Count": len(h.Members)}),
		lang.L("registered until {{.Date}}", map[string]any{"Date": h.EligibleUntil.French()})}
	if o.last != nil {
		status = append(status, lang.L("last visit {{.Date}}", map[string]any{"Date": o.last.Day.French()}))
	} else {
		status = append(status, lang.L("no visit yet"))
	}
	s.detailStatus.SetText(strings.Join(status, " · "))
	if len(o.violations) > 0 {
		s.warnings.show(messageWarning, describeViolations(o.violations))
		s.recordButton.SetText(lang.L("Record anyway, with a reason (Enter)"))
		s.recordButton.Importance = widget.WarningImportance
	} else {
		s.warnings.clear()
		s.recordButton.SetText(lang.L("Record the distribution (Enter)"))
		s.recordButton.Importance = widget.HighImportance
	}
	s.recordButton.Refresh()
	s.hint.Hide()
	s.detail.Show()
	s.app.win.Canvas().Focus(s.search)
	s.search.selectAll()
	s.household = &h // last: the household counts as open once everything shows it
	s.app.trace("shown", h.Card)
}

func memberAge(p storage.Person, today storage.Date) string {
	age, known := p.AgeOn(today)
	if !known {
		return ""
	}
	return " " + lang.N("({{.Age}} year)", age, map[string]any{"Age": age})
}

func (s *checkInScreen) closeHousehold() {
	s.household, s.violations, s.openedText = nil, nil, ""
	s.detail.Hide()
	s.hint.Show()
}

// record is the second Enter: the distribution is saved, or a reason is asked first.
func (s *checkInScreen) record() {
	if s.household == nil {
		return
	}
	if len(s.violations) > 0 {
		s.askReason(*s.household, s.violations)
		return
	}
	s.save(*s.household, "")
}

// askReason opens the reason dialog; keys typed before it opened wait until it closes.
func (s *checkInScreen) askReason(h storage.Household, violations []storage.Violation) {
	s.asking = true
	reasonDialog(s.app.win, lang.L("A rule is not met"), describeViolations(violations),
		lang.L("Record anyway"), func(reason string) {
			s.asking = false
			s.save(h, reason)
			s.replay()
		}, func() {
			s.asking = false
			s.app.win.Canvas().Focus(s.search)
			s.replay()
		})
}

// save records h's distribution. The field is emptied at once, so the next card typed
// or scanned while this one is written lands whole in it.
func (s *checkInScreen) save(h storage.Household, reason string) {
	s.recording++
	req := storage.CheckInRequest{HouseholdID: h.ID, SiteID: s.app.siteID, Kind: s.kinds.value(s.kind.Selected),
		OverrideReason: reason, RecordedBy: s.app.recorder()}
	name := applicantName(h)
	s.app.trace("recording", h.Card)
	s.reset()
	s.message.show(messageInfo, lang.L("Recording: card {{.Card}}, {{.Name}}…", map[string]any{"Card": h.Card, "Name": name}))
	inBackground(s.app, func() (storage.Visit, error) {
		return s.app.store.CheckIn(context.Background(), req)
	}, func(v storage.Visit, err error) {
		s.recording--
		var re *storage.RuleError
		if err != nil {
			s.undoQueued = false // Ctrl+Z was meant for this check-in, which did not happen
		}
		switch {
		case errors.As(err, &re):
			// The rules changed since the household was opened (another check-in meanwhile).
			s.askReason(h, re.Violations)
		case err != nil:
			s.message.show(messageError, lang.L("Not recorded: card {{.Card}}, {{.Name}}. {{.Err}}",
				map[string]any{"Card": h.Card, "Name": name, "Err": describeError(err)}))
		default:
			s.app.trace("recorded", h.Card)
			s.lastRecorded = &recordedVisit{visit: v, card: h.Card, name: name}
			s.undoButton.Enable()
			s.message.show(messageSuccess, lang.N("Distribution recorded: card {{.Card}}, {{.Name}}, {{.Count}} person.",
				v.PersonsServed, map[string]any{"Card": h.Card, "Name": name, "Count": v.PersonsServed}))
			s.app.refreshCounter()
		}
		if s.undoQueued && s.recording == 0 {
			s.undoQueued = false
			s.undoLast()
		}
	})
}

func applicantName(h storage.Household) string {
	if len(h.Members) == 0 {
		return ""
	}
	return storage.ListName(h.Members[0].FirstName, h.Members[0].LastName)
}

// undoLast cancels the last check-in made on this screen; it stays in the history.
func (s *checkInScreen) undoLast() {
	if s.recording > 0 {
		s.undoQueued = true // the check-in being written is the one to undo
		return
	}
	last := s.lastRecorded
	if last == nil {
		s.message.show(messageInfo, lang.L("No check-in to undo."))
		return
	}
	inBackground(s.app, func() (struct{}, error) {
		return struct{}{}, s.app.store.CancelVisit(context.Background(), last.visit.ID, lang.L("undone at check-in"))
	}, func(_ struct{}, err error) {
		if err != nil && !errors.Is(err, storage.ErrNotFound) {
			s.message.show(messageError, describeError(err))
			return
		}
		s.app.trace("undone", last.card)
		s.lastRecorded = nil
		s.undoButton.Disable()
		s.message.show(messageWarning, lang.L("Check-in undone: card {{.Card}}, {{.Name}}.",
			map[string]any{"Card": last.card, "Name": last.name}))
		s.app.refreshCounter()
		s.app.win.Canvas().Focus(s.search)
	})
}
