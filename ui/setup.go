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

// setupScreen is the first start: an association (its name, first site and visit rule)
// or the CCAS (its name and the network's).
type setupScreen struct {
	app     *App
	content fyne.CanvasObject

	userName    *widget.Entry
	userPIN     *widget.Entry
	modes       []string
	mode        *widget.RadioGroup
	nameLabel   *widget.Label
	name        *widget.Entry
	site        *widget.Entry
	network     *widget.Entry
	rules       *rulesFields
	association *widget.Form
	ccas        *widget.Form
	message     *messageBox
	startButton *button
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
	s := &setupScreen{app: a, name: widget.NewEntry(), site: widget.NewEntry(), network: widget.NewEntry(),
		message: newMessageBox(), nameLabel: widget.NewLabel(""), userName: widget.NewEntry(), userPIN: widget.NewPasswordEntry()}
	s.name.SetPlaceHolder(lang.L("e.g. Les Restos du Pile"))
	s.site.SetPlaceHolder(lang.L("e.g. Local rue de l'Alma"))
	s.network.SetPlaceHolder(lang.L("e.g. Food-aid network of Roubaix"))
	s.rules = newRulesFields(7, 0, 12)
	s.modes = []string{lang.L("An association (distributions, households)"), lang.L("The CCAS (coordinating the network)")}
	s.mode = widget.NewRadioGroup(s.modes, nil)
	s.mode.SetSelected(s.modes[0])
	s.mode.Required = true
	s.association = widget.NewForm(append([]*widget.FormItem{
		{Text: lang.L("First distribution site"), Widget: s.site},
	}, s.rules.items()...)...)
	s.ccas = widget.NewForm(&widget.FormItem{Text: lang.L("Network name"), Widget: s.network,
		HintText: lang.L("shown to the associations in their invitation")})
	// Enter goes to the next question, as Tab does; in the last one (the PIN) it starts.
	for _, e := range []*widget.Entry{s.name, s.site, s.rules.minDays, s.rules.maxMonth, s.rules.months, s.network, s.userName} {
		e.OnSubmitted = func(string) { a.win.Canvas().FocusNext() }
		e.OnChanged = func(string) { s.recheck() }
	}
	s.userPIN.OnSubmitted = func(string) { s.submit() }
	s.userPIN.OnChanged = func(string) { s.recheck() }
	s.message.onShow = func(messageKind, string) { a.reveal(s.message.content) }
	s.startButton = newButton(lang.L("Start"), theme.ConfirmIcon(), s.submit)
	s.startButton.Importance = widget.HighImportance
	intro := widget.NewLabel(lang.L("Welcome. A few questions and Entraide is ready. You can change everything later in Settings."))
	intro.Wrapping = fyne.TextWrapWord
	s.content = container.NewVScroll(container.NewPadded(container.NewVBox(
		heading(lang.L("Setting up")), intro,
		widget.NewLabel(lang.L("This installation is for:")), s.mode,
		container.NewBorder(nil, nil, s.nameLabel, nil, s.name),
		s.association, s.ccas,
		widget.NewForm(&widget.FormItem{Text: lang.L("Your first name"), Widget: s.userName,
			HintText: lang.L("you will manage the accounts; leave empty for no accounts on this computer")},
			&widget.FormItem{Text: lang.L("Your PIN"), Widget: s.userPIN}),
		s.message.content, container.NewHBox(s.startButton))))
	s.mode.OnChanged = func(string) { s.showFields() }
	s.userName.SetPlaceHolder(lang.L("e.g. Josiane"))
	s.userPIN.SetPlaceHolder(lang.L("at least 4 digits"))
	s.showFields()
	return s
}

func (s *setupScreen) isCCAS() bool { return s.mode.Selected == s.modes[1] }

// showFields shows the questions of the chosen kind of installation.
func (s *setupScreen) showFields() {
	if s.isCCAS() {
		s.nameLabel.SetText(lang.L("Name of the CCAS"))
		s.name.SetPlaceHolder(lang.L("e.g. CCAS de Roubaix"))
		s.association.Hide()
		s.ccas.Show()
	} else {
		s.nameLabel.SetText(lang.L("Association name"))
		s.name.SetPlaceHolder(lang.L("e.g. Les Restos du Pile"))
		s.association.Show()
		s.ccas.Hide()
	}
}

func (s *setupScreen) focus() {
	s.app.win.Canvas().Focus(s.name)
	s.app.trace("screen", "setup")
}

// problem is what keeps the answers from being saved, in plain words ("" when none).
func (s *setupScreen) problem() string {
	if !s.isCCAS() {
		if _, _, _, problem := s.rules.values(); problem != "" {
			return problem
		}
	}
	if trimmed(s.userName.Text) != "" && len([]rune(s.userPIN.Text)) < storage.MinPINLength {
		return lang.L("Choose a PIN of at least 4 digits.")
	}
	return ""
}

// recheck takes an error message away as soon as the answer is fixed.
func (s *setupScreen) recheck() {
	if s.message.content.Visible() && s.problem() == "" {
		s.message.clear()
	}
}

func (s *setupScreen) submit() {
	if problem := s.problem(); problem != "" {
		s.message.show(messageError, problem)
		return
	}
	var work func() error
	role := storage.RoleManager
	if s.isCCAS() {
		role = storage.RoleCoordinator
		in := storage.CCASSetupInput{Name: s.name.Text, NetworkName: s.network.Text}
		work = func() error { return s.app.store.SetupCCAS(context.Background(), in) }
	} else {
		minDays, maxMonth, months, _ := s.rules.values()
		in := storage.SetupInput{AssociationName: s.name.Text, SiteName: s.site.Text,
			MinDaysBetweenVisits: minDays, MaxVisitsPerMonth: maxMonth, EligibilityMonths: months}
		work = func() error { return s.app.store.Setup(context.Background(), in) }
	}
	userName, pin := trimmed(s.userName.Text), s.userPIN.Text
	s.startButton.Disable()
	inBackground(s.app, func() (storage.User, error) {
		if err := work(); err != nil {
			return storage.User{}, err
		}
		if userName == "" {
			return storage.User{}, nil
		}
		u, err := s.app.store.AddUser(context.Background(), userName, role, pin)
		if err != nil {
			return u, err
		}
		return s.app.store.Authenticate(context.Background(), u.ID, pin) // the session starts with the first manager
	}, func(_ storage.User, err error) {
		s.startButton.Enable()
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.app.setup = nil
		s.app.trace("setup", "done")
		s.app.showMain()
	})
}
