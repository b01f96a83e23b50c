package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"entraide/storage"
	"entraide/sync/directory"
	"entraide/sync/envelope"
	"entraide/sync/exchange"
	"entraide/sync/printout"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// directoryScreen finds, offline, who can help a person now, and prints a referral slip.
type directoryScreen struct {
	app     *App
	content fyne.CanvasObject

	directory    directory.Directory
	status       *widget.Label
	importButton *button
	focusOnLoad  bool // put the keyboard on the screen once the directory is read
	activities   choice[storage.Activity]
	activity     *widget.Select
	when         *widget.Select
	whenTimes    []time.Time // zero: any time; the second option is "now"
	languages    choice[string]
	language     *widget.Select
	noReferral   *widget.Check
	free         *widget.Check
	undocumented *widget.Check
	quartier     *widget.SelectEntry
	text         *keyEntry
	list         *widget.List
	hits         []directory.DirectoryHit
	slipLines    *widget.Label
	firstName    *widget.Entry
	printButton  *button
	selected     int
	message      *messageBox
	now          func() time.Time
}

func newDirectoryScreen(a *App) *directoryScreen {
	s := &directoryScreen{app: a, status: widget.NewLabel(""), message: newMessageBox(), selected: -1, now: a.store.Now}
	s.status.Wrapping = fyne.TextWrapWord
	s.activities = newChoice(append([]storage.Activity{""}, storage.Activities...), func(code storage.Activity) string {
		if code == "" {
			return lang.L("any activity")
		}
		return activityLabel(code)
	})
	s.activity = newSelect(s.activities.labels, func(string) { s.search() })
	s.activity.SetSelectedIndex(0)
	s.when = newSelect(nil, func(string) { s.search() })
	s.fillWhen()
	s.languages = newChoice(append([]string{""}, storage.Languages...), func(code string) string {
		if code == "" {
			return lang.L("any language")
		}
		return languageLabel(code)
	})
	s.language = newSelect(s.languages.labels, func(string) { s.search() })
	s.language.SetSelectedIndex(0)
	s.noReferral = widget.NewCheck(lang.L("no referral needed"), func(bool) { s.search() })
	s.free = widget.NewCheck(lang.L("free"), func(bool) { s.search() })
	s.undocumented = widget.NewCheck(lang.L("welcomes undocumented people"), func(bool) { s.search() })
	s.quartier = widget.NewSelectEntry(append([]string{""}, storage.Quartiers...))
	s.quartier.SetPlaceHolder(lang.L("any quartier"))
	s.quartier.OnChanged = func(string) { s.search() }
	s.text = newKeyEntry()
	s.text.SetPlaceHolder(lang.L("Words in the name or description (Enter or ↓: the results)"))
	s.text.OnChanged = func(string) { s.search() }
	// From the words straight to the results, the first one chosen: the slip shows at once.
	s.text.onDown = s.toResults
	s.text.OnSubmitted = func(string) { s.toResults() }
	s.list = widget.NewList(func() int { return len(s.hits) }, resultRow,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(s.hits) {
				return
			}
			h := s.hits[id]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(h.Entry.Listing.Name + " — " + h.Site.Name)
			box.Objects[1].(*widget.Label).SetText(hitDetail(h))
		})
	s.list.OnSelected = func(id widget.ListItemID) {
		s.selected = id
		s.showSlip()
		if id >= 0 && id < len(s.hits) {
			a.trace("directory-hit", s.hits[id].Entry.Listing.Name)
		}
	}
	s.slipLines = widget.NewLabel(lang.L("Choose an association in the list to see its referral slip."))
	s.slipLines.Wrapping = fyne.TextWrapWord
	s.firstName = widget.NewEntry()
	s.firstName.SetPlaceHolder(lang.L("Person's first name (only if they agree)"))
	s.firstName.OnChanged = func(string) { s.showSlip() }
	s.printButton = newButton(lang.L("Print the referral slip (PDF)…"), theme.DocumentPrintIcon(), s.printSlip)
	s.printButton.Disable()
	s.importButton = newButton(lang.L("Import the CCAS's directory…"), theme.FolderOpenIcon(), func() {
		a.openFile(func(path string, data []byte, err error) {
			if err != nil {
				s.message.show(messageError, refusalText(envelope.ReasonUnreadable))
				return
			}
			s.importData(data)
		})
	})
	filters := container.NewVBox(
		container.NewGridWithColumns(2, s.when, s.activity, s.quartier, s.language), s.text,
		container.NewGridWithColumns(3, s.noReferral, s.free, s.undocumented))
	top := container.NewVBox(container.NewBorder(nil, nil, heading(lang.L("Who can help?")), s.importButton), s.status,
		s.message.content, filters)
	slip := container.NewBorder(container.NewVBox(heading(lang.L("Referral slip")), s.firstName), container.NewHBox(s.printButton),
		nil, nil, container.NewVScroll(s.slipLines))
	split := container.NewHSplit(s.list, slip)
	split.Offset = 0.5
	s.content = container.NewBorder(top, nil, nil, nil, split)
	return s
}

func hitDetail(h directory.DirectoryHit) string {
	var parts []string
	switch {
	case h.OpenNow:
		parts = append(parts, lang.L("open now"))
	case h.ClosedReason != "" && !h.NextOpening.IsZero():
		parts = append(parts, lang.L("closed ({{.Why}}), reopens {{.When}}", map[string]any{"Why": h.ClosedReason, "When": whenText(h.NextOpening)}))
	case !h.NextOpening.IsZero():
		parts = append(parts, lang.L("next opening {{.When}}", map[string]any{"When": whenText(h.NextOpening)}))
	default:
		parts = append(parts, lang.L("no opening known"))
	}
	if h.Site.Quartier != "" {
		parts = append(parts, h.Site.Quartier)
	}
	return strings.Join(parts, " · ")
}

func whenText(t time.Time) string {
	local := t.In(storage.Paris)
	return fmt.Sprintf("%s %s %d h %02d", frenchWeekday(storage.DateOf(t)), storage.DateOf(t).French(), local.Hour(), local.Minute())
}

// fillWhen offers: any time, now, then the mornings and afternoons of the coming week.
func (s *directoryScreen) fillWhen() {
	options := []string{lang.L("any time"), lang.L("open now")}
	s.whenTimes = []time.Time{{}, {}}
	today := storage.DateOf(s.now())
	for i := 0; i < 7; i++ {
		day := today.AddDays(i)
		for _, slot := range []struct {
			hour  int
			label string
		}{{10, lang.L("morning")}, {15, lang.L("afternoon")}} {
			s.whenTimes = append(s.whenTimes, day.Time().Add(time.Duration(slot.hour)*time.Hour))
			options = append(options, lang.L("open {{.Day}} {{.Date}}, {{.Slot}}",
				map[string]any{"Day": frenchWeekday(day), "Date": day.French()[:5], "Slot": slot.label}))
		}
	}
	s.when.Options = options
	s.when.SetSelectedIndex(0)
}

// shown puts the keyboard where the screen starts: the search words once a directory is
// held, else the button that imports it.
func (s *directoryScreen) shown() {
	s.fillWhen()
	s.focusOnLoad = true
	s.load()
}

func (s *directoryScreen) load() {
	inBackground(s.app, func() (directory.Directory, error) {
		return directory.Held(context.Background(), s.app.store)
	}, func(d directory.Directory, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.directory = d
		if s.focusOnLoad {
			s.focusOnLoad = false
			if d.Version == 0 {
				s.app.win.Canvas().Focus(s.importButton)
			} else {
				s.app.win.Canvas().Focus(s.text)
			}
			s.app.trace("screen", "directory")
		}
		if d.Version == 0 {
			s.status.SetText(lang.L("No directory yet: import the file the CCAS publishes."))
		} else {
			s.status.SetText(lang.L("Directory of {{.Network}}, version {{.Version}} of {{.Date}}.",
				map[string]any{"Network": d.NetworkName, "Version": d.Version, "Date": storage.DateOf(d.PublishedAt).French()}))
		}
		s.search()
	})
}

func (s *directoryScreen) importData(data []byte) {
	inBackground(s.app, func() (exchange.Verdict, error) {
		return exchange.ImportFile(context.Background(), s.app.store, data)
	}, func(_ exchange.Verdict, err error) {
		if err != nil {
			s.message.show(messageError, describeNetworkError(err))
			return
		}
		s.message.show(messageSuccess, lang.L("Directory imported."))
		s.load()
	})
}

// search filters the directory held in memory: instant, no database involved.
func (s *directoryScreen) search() {
	if s.list == nil {
		return
	}
	q := directory.DirectoryQuery{Activity: s.activities.value(s.activity.Selected), NoReferral: s.noReferral.Checked,
		Free: s.free.Checked, Undocumented: s.undocumented.Checked, Quartier: trimmed(s.quartier.Text), Text: s.text.Text,
		Language: s.languages.value(s.language.Selected)}
	now := s.now()
	switch i := s.when.SelectedIndex(); {
	case i == 1:
		q.OpenAt = now
	case i > 1:
		q.OpenAt = s.whenTimes[i]
	}
	s.hits = directory.Search(s.directory, q, now)
	s.selected = -1
	s.list.UnselectAll()
	s.list.Refresh()
	s.printButton.Disable()
}

// toResults puts the keyboard on the results with the first one chosen (arrows and Space
// choose another; Tab goes on to the person's first name and the print button).
func (s *directoryScreen) toResults() {
	if len(s.hits) == 0 {
		return
	}
	s.app.win.Canvas().Focus(s.list)
	if s.selected < 0 {
		s.list.Select(0)
	}
}

func (s *directoryScreen) slip() (printout.Slip, bool) {
	if s.selected < 0 || s.selected >= len(s.hits) {
		return printout.Slip{}, false
	}
	h := s.hits[s.selected]
	return printout.NewSlip(s.app.settings.AssociationName, h.Entry, h.Site, s.firstName.Text, s.now()), true
}

func (s *directoryScreen) showSlip() {
	slip, ok := s.slip()
	if !ok {
		return
	}
	s.slipLines.SetText(strings.Join(slip.Lines(), "\n"))
	s.printButton.Enable()
}

func (s *directoryScreen) printSlip() {
	slip, ok := s.slip()
	if !ok {
		return
	}
	pdf, err := printout.SlipPDF(slip)
	if err != nil {
		s.message.show(messageError, describeError(err))
		return
	}
	s.app.saveFileSaying(s.message, "fiche-de-liaison.pdf", pdf, func(path string) string {
		return lang.L("Referral slip saved in {{.Path}}: open it to print it.", map[string]any{"Path": path})
	})
}
