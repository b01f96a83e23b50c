package ui

import (
	"context"
	"strconv"

	"entraide/storage"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// setupScreen is the first start: the association, its first site and its visit rule.
type setupScreen struct {
	app     *App
	content fyne.CanvasObject

	name        *widget.Entry
	site        *widget.Entry
	rules       *rulesFields
	message     *messageBox
	startButton *widget.Button
}

// rulesFields are the visit rule entries shared by the setup and the settings.
type rulesFields struct {
	minDays  *widget.Entry
	maxMonth *widget.Entry
	months   *widget.Entry
}

func newRulesFields(minDays, maxMonth, months int) *rulesFields {
	r := &rulesFields{minDays: widget.NewEntry(), maxMonth: widget.NewEntry(), months: widget.NewEntry()}
	r.minDays.SetText(strconv.Itoa(minDays))
	r.maxMonth.SetText(strconv.Itoa(maxMonth))
	r.months.SetText(strconv.Itoa(months))
	return r
}

func (r *rulesFields) items() []*widget.FormItem {
	return []*widget.FormItem{
		{Text: lang.L("Days between two visits (at least)"), Widget: r.minDays,
			HintText: lang.L("7 = once a week; 0 = no minimum")},
		{Text: lang.L("Visits per month (at most)"), Widget: r.maxMonth, HintText: lang.L("0 = no maximum")},
		{Text: lang.L("Registration length (months)"), Widget: r.months, HintText: lang.L("renewable in the household's file")},
	}
}

// values reads the three numbers; a field that is not a whole number is named.
func (r *rulesFields) values() (minDays, maxMonth, months int, problem string) {
	read := func(e *widget.Entry, label string) int {
		n, err := strconv.Atoi(trimmed(e.Text))
		if err != nil && problem == "" {
			problem = lang.L("“{{.Field}}” must be a whole number.", map[string]any{"Field": label})
		}
		return n
	}
	minDays = read(r.minDays, lang.L("Days between two visits (at least)"))
	maxMonth = read(r.maxMonth, lang.L("Visits per month (at most)"))
	months = read(r.months, lang.L("Registration length (months)"))
	return
}

func newSetupScreen(a *App) *setupScreen {
	s := &setupScreen{app: a, name: widget.NewEntry(), site: widget.NewEntry(), message: newMessageBox()}
	s.name.SetPlaceHolder(lang.L("e.g. Les Restos du Pile"))
	s.site.SetPlaceHolder(lang.L("e.g. Local rue de l'Alma"))
	s.rules = newRulesFields(7, 0, 12)
	items := append([]*widget.FormItem{
		{Text: lang.L("Association name"), Widget: s.name},
		{Text: lang.L("First distribution site"), Widget: s.site},
	}, s.rules.items()...)
	form := widget.NewForm(items...)
	for _, e := range []*widget.Entry{s.name, s.site, s.rules.minDays, s.rules.maxMonth} {
		e.OnSubmitted = func(string) { a.win.Canvas().FocusNext() }
	}
	s.rules.months.OnSubmitted = func(string) { s.submit() }
	s.startButton = widget.NewButtonWithIcon(lang.L("Start"), theme.ConfirmIcon(), s.submit)
	s.startButton.Importance = widget.HighImportance
	intro := widget.NewLabel(lang.L("Welcome. A few questions and Entraide is ready. You can change everything later in Settings."))
	intro.Wrapping = fyne.TextWrapWord
	s.content = container.NewPadded(container.NewVBox(
		heading(lang.L("Setting up the association")), intro, form, s.message.content, container.NewHBox(s.startButton)))
	return s
}

func (s *setupScreen) focus() { s.app.win.Canvas().Focus(s.name) }

func (s *setupScreen) submit() {
	minDays, maxMonth, months, problem := s.rules.values()
	if problem != "" {
		s.message.show(messageError, problem)
		return
	}
	in := storage.SetupInput{AssociationName: s.name.Text, SiteName: s.site.Text,
		MinDaysBetweenVisits: minDays, MaxVisitsPerMonth: maxMonth, EligibilityMonths: months}
	s.startButton.Disable()
	inBackground(s.app, func() (struct{}, error) {
		return struct{}{}, s.app.store.Setup(context.Background(), in)
	}, func(_ struct{}, err error) {
		s.startButton.Enable()
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.app.setup = nil
		s.app.showMain()
	})
}
