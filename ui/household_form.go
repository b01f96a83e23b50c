package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"entraide/storage"
	"entraide/sync/printout"
	"entraide/sync/report"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// householdForm registers a household or edits one: members added and removed in the
// form, possible duplicates shown while typing, eligibility renewed, archive.
type householdForm struct {
	screen  *householdsScreen
	app     *App
	content fyne.CanvasObject

	household *storage.Household // nil for a new household
	title     *widget.Label

	members    []*memberRow
	membersBox *fyne.Container

	quartier      *widget.SelectEntry
	address       *widget.Entry
	phone         *widget.Entry
	referrals     choice[storage.Referral]
	referral      *widget.Select
	registeredOn  *widget.Entry
	eligibleUntil *widget.Entry
	consent       *widget.Check
	notes         *widget.Entry
	notesWarning  *widget.Label

	duplicates     *messageBox
	duplicateOpen  *button
	duplicateFirst string
	duplicateGen   int
	message        *messageBox

	saveButton    *button
	accessButton  *button
	eraseButton   *button
	archiveButton *button
	renewButton   *button
	// The household's card: printed, or replaced when lost.
	cardRow                            *fyne.Container
	printCardButton, replaceCardButton *button
	checkInButton                      *button

	// typedAtStart is what the form held when shown or last saved: anything else is
	// typing that Ctrl+N or another household must not throw away without asking.
	typedAtStart string
	// messageIsError: the message shown is an error, to take away once the form changes.
	messageIsError bool
}

// typed is everything typed in the form, to tell whether it was changed.
func (f *householdForm) typed() string {
	parts := []string{f.quartier.Text, f.address.Text, f.phone.Text, f.referral.Selected, f.registeredOn.Text,
		f.eligibleUntil.Text, strconv.FormatBool(f.consent.Checked), f.notes.Text}
	for _, m := range f.members {
		parts = append(parts, m.last.Text, m.first.Text, m.birth.Text, m.sex.Selected, m.relation.Selected)
	}
	return strings.Join(parts, "\x00")
}

// showManagerActions shows the export and erasure buttons (managers only) for a
// registered household; a new one has nothing to export or erase yet.
func (f *householdForm) showManagerActions(show bool) {
	for _, b := range []*button{f.accessButton, f.eraseButton} {
		switch {
		case b == nil:
		case show:
			b.Show()
		default:
			b.Hide()
		}
	}
}

// clearError takes an error message away once the volunteer changes what it was about:
// the next save says again if something is still wrong.
func (f *householdForm) clearError() {
	if f.messageIsError {
		f.message.clear()
		f.messageIsError = false
	}
}

// changed tells whether the volunteer typed something not saved yet.
func (f *householdForm) changed() bool { return f.typed() != f.typedAtStart }

// memberRow is one person of the household in the form.
type memberRow struct {
	id         string
	toComplete bool // imported from a count: the first name is asked at the next visit
	last       *keyEntry
	first      *keyEntry
	birth      *keyEntry
	sexes      choice[storage.Sex]
	sex        *widget.Select
	relations  choice[storage.Relation]
	relation   *widget.Select
	box        *fyne.Container
}

func newHouseholdForm(screen *householdsScreen, h *storage.Household, typedName string) *householdForm {
	f := &householdForm{screen: screen, app: screen.app, household: h, duplicates: newMessageBox(), message: newMessageBox()}
	f.title = heading("")
	f.membersBox = container.NewVBox()
	f.quartier = widget.NewSelectEntry(storage.Quartiers)
	f.quartier.SetPlaceHolder(lang.L("Quartier"))
	f.address = widget.NewEntry()
	f.address.SetPlaceHolder(lang.L("Address (optional)"))
	f.phone = widget.NewEntry()
	f.phone.SetPlaceHolder(lang.L("Phone (optional)"))
	f.referrals = newChoice(append([]storage.Referral{""}, storage.Referrals...), referralLabel)
	f.referral = newSelect(f.referrals.labels, nil)
	f.registeredOn = widget.NewEntry()
	f.registeredOn.SetPlaceHolder(lang.L("DD/MM/YYYY (today if empty)"))
	f.eligibleUntil = widget.NewEntry()
	f.eligibleUntil.SetPlaceHolder(lang.L("DD/MM/YYYY (computed if empty)"))
	f.consent = widget.NewCheck(lang.L("Informed of how their data are used"), nil)
	notice := newButton(lang.L("Information notice (PDF)…"), theme.DocumentPrintIcon(), f.printNotice)
	f.notes = widget.NewMultiLineEntry()
	f.notes.SetPlaceHolder(lang.L("Short notes (no health or legal status)"))
	f.notes.SetMinRowsVisible(2)
	f.notesWarning = widget.NewLabel("")
	f.notesWarning.Wrapping = fyne.TextWrapWord
	f.notesWarning.Importance = widget.WarningImportance
	f.notesWarning.Hide()
	f.notes.OnChanged = func(text string) {
		if words := storage.ForbiddenNoteWords(text); len(words) > 0 {
			f.notesWarning.SetText(lang.L("These notes seem to hold health, religion or immigration details ({{.Words}}): the law forbids keeping them here. Please remove them.",
				map[string]any{"Words": strings.Join(words, ", ")}))
			f.notesWarning.Show()
		} else {
			f.notesWarning.Hide()
		}
	}
	for _, e := range []*widget.Entry{f.address, f.phone, f.registeredOn, f.eligibleUntil} {
		e.OnSubmitted = func(string) { f.app.win.Canvas().FocusNext() }
		e.OnChanged = func(string) { f.clearError() }
	}

	f.saveButton = newButton(lang.L("Save (Ctrl+S)"), theme.DocumentSaveIcon(), f.save)
	f.saveButton.Importance = widget.HighImportance
	closeButton := newButton(lang.L("Close"), theme.CancelIcon(), screen.closeForm)
	f.renewButton = newButton(lang.L("Renew registration"), theme.ViewRefreshIcon(), f.renew)
	f.archiveButton = newButton(lang.L("Archive"), theme.FolderIcon(), f.toggleArchive)
	f.printCardButton = newButton(lang.L("Print the card (PDF)…"), theme.DocumentPrintIcon(), f.printCard)
	f.replaceCardButton = newButton(lang.L("Replace a lost card…"), theme.ViewRefreshIcon(), f.askReplaceCard)
	// One under the other: side by side they would widen the form past a small screen.
	f.cardRow = container.NewVBox(container.NewHBox(f.printCardButton), container.NewHBox(f.replaceCardButton))
	f.checkInButton = newButton(lang.L("Record its distribution"), theme.ConfirmIcon(), func() {
		if f.household != nil {
			f.app.checkInHousehold(f.household.ID)
		}
	})
	f.duplicateOpen = newButton(lang.L("Open the registered household"), theme.SearchIcon(), func() {
		if f.duplicateFirst != "" {
			f.screen.open(f.duplicateFirst)
		}
	})
	f.duplicateOpen.Hide()
	addMember := newButton(lang.L("Add a person"), theme.ContentAddIcon(), func() {
		row := f.addMember(storage.Person{Relation: storage.RelationChild})
		f.app.win.Canvas().Focus(row.last)
	})

	details := widget.NewForm(
		widget.NewFormItem(lang.L("Card"), f.cardRow),
		widget.NewFormItem(lang.L("Quartier"), f.quartier),
		widget.NewFormItem(lang.L("Address"), f.address),
		widget.NewFormItem(lang.L("Phone"), f.phone),
		widget.NewFormItem(lang.L("Sent by"), f.referral),
		widget.NewFormItem(lang.L("Registered on"), f.registeredOn),
		widget.NewFormItem(lang.L("Registered until"), container.NewBorder(nil, nil, nil, f.renewButton, f.eligibleUntil)),
		widget.NewFormItem(lang.L("Consent"), container.NewVBox(f.consent, container.NewHBox(notice))),
		widget.NewFormItem(lang.L("Notes"), container.NewVBox(f.notes, f.notesWarning)),
	)
	// The duplicate warning sits above the persons: below them it appeared under the fold
	// of a small screen while the first person was being typed, where nobody saw it.
	body := container.NewVBox(
		f.title, f.message.content,
		f.duplicates.content, container.NewHBox(f.duplicateOpen),
		heading(lang.L("Persons in the household")),
		f.membersBox, container.NewHBox(addMember),
		widget.NewSeparator(), details,
	)
	// Two rows of buttons keep the form narrow enough for a small laptop with large text;
	// the manager's rare actions come last in the form, one under the other.
	buttons := container.NewGridWithColumns(2, f.saveButton, closeButton, f.checkInButton, f.archiveButton)
	if f.app.can(true) {
		f.accessButton = newButton(lang.L("Everything held on it (PDF)…"), theme.DocumentPrintIcon(), f.accessExport)
		f.eraseButton = newButton(lang.L("Erase this household…"), theme.DeleteIcon(), f.askErase)
		body.Add(widget.NewSeparator())
		body.Add(container.NewHBox(f.accessButton))
		body.Add(container.NewHBox(f.eraseButton))
	}
	f.content = container.NewBorder(nil, container.NewPadded(buttons), nil, nil, container.NewVScroll(container.NewPadded(body)))
	f.fill(typedName)
	f.typedAtStart = f.typed()
	if typedName != "" {
		f.typedAtStart = "" // a name carried from check-in is typing too
	}
	f.message.onShow = func(kind messageKind, _ string) {
		f.messageIsError = kind == messageError
		f.app.reveal(f.message.content)
	}
	// The warning comes into view once laid out, and so does the field being typed, which
	// the warning pushed down.
	f.duplicates.onShow = func(messageKind, string) {
		f.app.worker.after(50*time.Millisecond, func() {
			f.app.reveal(f.duplicates.content)
			if typing, ok := f.app.win.Canvas().Focused().(fyne.CanvasObject); ok {
				f.app.reveal(typing)
			}
		})
	}
	return f
}

// fill puts the household (or an empty registration) into the form.
func (f *householdForm) fill(typedName string) {
	h := f.household
	f.membersBox.RemoveAll()
	f.members = nil
	if h == nil {
		f.title.SetText(lang.L("New household"))
		first := storage.Person{Relation: storage.RelationApplicant}
		if words := strings.Fields(typedName); len(words) > 0 {
			first.LastName, first.FirstName = words[0], strings.Join(words[1:], " ")
		}
		f.addMember(first)
		f.referral.SetSelected(f.referrals.labels[0])
		f.consent.SetChecked(false)
		f.renewButton.Hide()
		f.archiveButton.Hide()
		f.checkInButton.Hide()
		f.cardRow.Hide() // the card number is given when the household is saved
		f.showManagerActions(false)
		return
	}
	f.showManagerActions(true)
	f.title.SetText(lang.L("Household — card {{.Card}}", map[string]any{"Card": h.Card}))
	for _, m := range h.Members {
		f.addMember(m)
	}
	f.quartier.SetText(h.Quartier)
	f.address.SetText(h.Address)
	f.phone.SetText(h.Phone)
	f.referral.SetSelected(f.referrals.label(h.Referral))
	f.registeredOn.SetText(h.RegisteredOn.French())
	f.eligibleUntil.SetText(h.EligibleUntil.French())
	f.consent.SetChecked(!h.ConsentOn.IsZero())
	f.notes.SetText(h.Notes)
	f.renewButton.Show()
	f.archiveButton.Show()
	f.checkInButton.Show()
	f.cardRow.Show()
	if h.Archived() {
		f.archiveButton.SetText(lang.L("Restore"))
		f.message.show(messageWarning, lang.L("This household is archived."))
	} else {
		f.archiveButton.SetText(lang.L("Archive"))
	}
}

func (f *householdForm) focus() {
	if len(f.members) > 0 {
		f.app.win.Canvas().Focus(f.members[0].last)
	}
}

func (f *householdForm) addMember(p storage.Person) *memberRow {
	r := &memberRow{id: p.ID, toComplete: p.ToComplete, last: newKeyEntry(), first: newKeyEntry(), birth: newKeyEntry()}
	r.last.SetText(p.LastName)
	if !p.ToComplete {
		r.first.SetText(p.FirstName)
	}
	switch {
	case !p.BirthDate.IsZero():
		r.birth.SetText(p.BirthDate.French())
	case p.BirthYear != nil:
		r.birth.SetText(strconv.Itoa(*p.BirthYear))
	}
	r.last.SetPlaceHolder(lang.L("Last name"))
	r.first.SetPlaceHolder(lang.L("First name"))
	if p.ToComplete {
		r.first.SetPlaceHolder(lang.L("First name (to ask)"))
	}
	r.birth.SetPlaceHolder(lang.L("DD/MM/YYYY or year"))
	r.sexes = newChoice(storage.Sexes, sexLabel)
	r.sex = newSelect(r.sexes.labels, nil)
	r.sex.SetSelected(r.sexes.label(p.Sex))
	r.relations = newChoice(storage.Relations, relationLabel)
	r.relation = newSelect(r.relations.labels, nil)
	r.relation.SetSelected(r.relations.label(p.Relation))
	for _, e := range []*keyEntry{r.last, r.first, r.birth} {
		e.OnChanged = func(string) {
			f.clearError()
			f.scheduleDuplicateCheck()
		}
		e.OnSubmitted = func(string) { f.app.win.Canvas().FocusNext() }
	}
	remove := newButton(lang.L("Remove"), theme.DeleteIcon(), func() { f.removeMember(r) })
	labelled := func(label string, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(widget.NewLabel(label), o)
	}
	// Two short lines per person, so the form fits a small laptop screen with large text.
	r.box = container.NewVBox(
		container.NewGridWithColumns(3, labelled(lang.L("Last name"), r.last), labelled(lang.L("First name"), r.first),
			labelled(lang.L("Birth"), r.birth)),
		container.NewGridWithColumns(3, labelled(lang.L("Sex"), r.sex), labelled(lang.L("Relation"), r.relation),
			container.NewVBox(widget.NewLabel(""), remove)),
		widget.NewSeparator())
	f.members = append(f.members, r)
	f.membersBox.Add(r.box)
	return r
}

func (f *householdForm) removeMember(r *memberRow) {
	for i, m := range f.members {
		if m == r {
			f.members = append(f.members[:i], f.members[i+1:]...)
		}
	}
	f.membersBox.Remove(r.box)
	f.scheduleDuplicateCheck()
}

// input reads the form; a date that cannot be read is reported before anything is sent.
func (f *householdForm) input() (storage.HouseholdInput, error) {
	in := storage.HouseholdInput{Quartier: f.quartier.Text, Address: f.address.Text, Phone: f.phone.Text,
		Referral: f.referrals.value(f.referral.Selected), Notes: f.notes.Text, By: f.app.recorder()}
	if f.household != nil {
		in.ID = f.household.ID
	}
	var err error
	if in.RegisteredOn, err = storage.ParseDate(f.registeredOn.Text); err != nil {
		return in, errors.New(lang.L("The registration date is not readable: type DD/MM/YYYY."))
	}
	if in.EligibleUntil, err = storage.ParseDate(f.eligibleUntil.Text); err != nil {
		return in, errors.New(lang.L("The end of registration is not readable: type DD/MM/YYYY."))
	}
	if f.consent.Checked {
		in.ConsentOn = f.app.store.Today()
		if f.household != nil && !f.household.ConsentOn.IsZero() {
			in.ConsentOn = f.household.ConsentOn
		}
	}
	for i, r := range f.members {
		m, err := r.input()
		if err != nil {
			return in, errors.New(lang.L("The birth of person {{.Member}} is not readable: type DD/MM/YYYY, or only the year.",
				map[string]any{"Member": i + 1}))
		}
		in.Members = append(in.Members, m)
	}
	return in, nil
}

func (r *memberRow) input() (storage.MemberInput, error) {
	m := storage.MemberInput{ID: r.id, LastName: r.last.Text, FirstName: r.first.Text, ToComplete: r.toComplete,
		Sex: r.sexes.value(r.sex.Selected), Relation: r.relations.value(r.relation.Selected)}
	birth := trimmed(r.birth.Text)
	if len(birth) == 4 {
		year, err := strconv.Atoi(birth)
		if err != nil {
			return m, fmt.Errorf("birth year %q", birth)
		}
		m.BirthYear = year
		return m, nil
	}
	var err error
	m.BirthDate, err = storage.ParseDate(birth)
	return m, err
}

// scheduleDuplicateCheck looks for already registered persons shortly after typing stops.
func (f *householdForm) scheduleDuplicateCheck() {
	f.duplicateGen++
	gen := f.duplicateGen
	f.app.worker.after(300*time.Millisecond, func() {
		if gen == f.duplicateGen {
			f.checkDuplicates()
		}
	})
}

func (f *householdForm) checkDuplicates() {
	gen := f.duplicateGen
	var typed []storage.MemberInput
	for _, r := range f.members {
		if m, err := r.input(); err == nil && r.id == "" {
			typed = append(typed, m)
		}
	}
	exclude := ""
	if f.household != nil {
		exclude = f.household.ID
	}
	check := storage.DuplicateCheck{Members: typed, ExcludeHouseholdID: exclude, Address: f.address.Text, Phone: f.phone.Text}
	inBackground(f.app, func() ([]storage.DuplicateMatch, error) {
		return f.app.store.FindDuplicates(context.Background(), check)
	}, func(matches []storage.DuplicateMatch, err error) {
		if gen != f.duplicateGen || err != nil {
			return
		}
		f.showDuplicates(matches)
	})
}

func (f *householdForm) showDuplicates(matches []storage.DuplicateMatch) {
	if len(matches) == 0 {
		f.duplicates.clear()
		f.duplicateOpen.Hide()
		f.duplicateFirst = ""
		return
	}
	f.duplicates.show(messageWarning, describeDuplicates(matches))
	f.duplicateFirst = matches[0].HouseholdID
	f.duplicateOpen.Show()
	f.app.trace("duplicates", matches[0].Grade.String()+" "+matches[0].Card)
}

// describeDuplicates lists the matches, the probable ones first, each with why it looks
// like the person typed: "même nom, date de naissance proche : jour et mois inversés ?".
func describeDuplicates(matches []storage.DuplicateMatch) string {
	var lines []string
	for _, grade := range []storage.MatchGrade{storage.MatchProbable, storage.MatchPossible} {
		first := true
		for _, m := range matches {
			if m.Grade != grade {
				continue
			}
			if first {
				if grade == storage.MatchProbable {
					lines = append(lines, lang.L("This person is probably already registered:"))
				} else {
					lines = append(lines, lang.L("This person may already be registered (check with them):"))
				}
				first = false
			}
			born := m.BirthDate.French()
			if born == "" {
				born = strconv.Itoa(m.BirthYear)
			}
			line := lang.L("• {{.First}} {{.Last}}, born {{.Born}}, card {{.Card}}", map[string]any{
				"First": m.FirstName, "Last": strings.ToUpper(m.LastName), "Born": born, "Card": m.Card})
			if m.Archived {
				line += " (" + lang.L("archived") + ")"
			}
			lines = append(lines, line+" — "+matchReason(m))
		}
	}
	return strings.Join(lines, "\n")
}

// matchReason says in words why a registered person looks like the one typed.
func matchReason(m storage.DuplicateMatch) string {
	var name string
	switch m.Name {
	case storage.NameSame:
		name = lang.L("same name")
	case storage.NameOneLetter:
		name = lang.L("name one letter apart")
	case storage.NameCompoundPart:
		name = lang.L("one part of a compound name")
	case storage.NameSoundsAlike:
		name = lang.L("name that sounds the same")
	case storage.NameOtherLastName:
		name = lang.L("same first name, another last name (maiden or married name?), same address or phone")
	}
	var birth string
	switch m.Birth {
	case storage.BirthSame:
		birth = lang.L("same birth date")
	case storage.BirthYearOnly:
		birth = lang.L("same birth year")
	case storage.BirthDayMonthSwaped:
		birth = lang.L("close birth date: day and month swapped?")
	case storage.BirthOneDigit:
		birth = lang.L("close birth date: one digit apart")
	}
	return name + ", " + birth
}

// save sends the form; a possible duplicate asks for a reason first.
func (f *householdForm) save() {
	in, err := f.input()
	if err != nil {
		f.message.show(messageError, err.Error())
		return
	}
	f.send(in)
}

func (f *householdForm) send(in storage.HouseholdInput) {
	f.saveButton.Disable()
	inBackground(f.app, func() (storage.Household, error) {
		return f.app.store.SaveHousehold(context.Background(), in)
	}, func(h storage.Household, err error) {
		f.saveButton.Enable()
		var dup *storage.DuplicateError
		if errors.As(err, &dup) {
			f.showDuplicates(dup.Matches)
			f.app.trace("duplicate-reason", "asked")
			reasonDialog(f.app.win, lang.L("Probable duplicate"), describeDuplicates(dup.Matches),
				lang.L("Register anyway"), func(reason string) {
					in.DuplicateOverride = reason
					f.send(in)
				}, nil)
			return
		}
		if err != nil {
			f.message.show(messageError, describeError(err))
			f.focusProblem(err)
			return
		}
		isNew := f.household == nil
		f.household = &h
		f.fill("")
		f.typedAtStart = f.typed()
		f.duplicates.clear()
		f.duplicateOpen.Hide()
		f.app.trace("household-saved", h.Card)
		if isNew {
			f.message.show(messageSuccess, lang.L("Household registered: card number {{.Card}}. Write it on the card.",
				map[string]any{"Card": h.Card}))
			f.app.win.Canvas().Focus(f.checkInButton)
		} else {
			f.message.show(messageSuccess, lang.L("Changes saved."))
		}
		f.screen.load()
	})
}

// focusProblem puts the cursor where the form is wrong.
func (f *householdForm) focusProblem(err error) {
	var ve *storage.ValidationError
	if !errors.As(err, &ve) || ve.Member < 1 || ve.Member > len(f.members) {
		return
	}
	r := f.members[ve.Member-1]
	switch ve.Field {
	case "first_name":
		f.app.win.Canvas().Focus(r.first)
	case "birth":
		f.app.win.Canvas().Focus(r.birth)
	default:
		f.app.win.Canvas().Focus(r.last)
	}
}

func (f *householdForm) renew() {
	if f.household == nil {
		return
	}
	id := f.household.ID
	inBackground(f.app, func() (storage.Date, error) {
		return f.app.store.RenewEligibility(context.Background(), id)
	}, func(until storage.Date, err error) {
		if err != nil {
			f.message.show(messageError, describeError(err))
			return
		}
		f.household.EligibleUntil = until
		f.eligibleUntil.SetText(until.French())
		f.message.show(messageSuccess, lang.L("Registration renewed until {{.Date}}.", map[string]any{"Date": until.French()}))
	})
}

func (f *householdForm) toggleArchive() {
	if f.household == nil {
		return
	}
	id, archive := f.household.ID, !f.household.Archived()
	inBackground(f.app, func() (storage.Household, error) {
		if err := f.app.store.SetHouseholdArchived(context.Background(), id, archive); err != nil {
			return storage.Household{}, err
		}
		return f.app.store.Household(context.Background(), id)
	}, func(h storage.Household, err error) {
		if err != nil {
			f.message.show(messageError, describeError(err))
			return
		}
		f.household = &h
		f.fill("")
		if !archive {
			f.message.show(messageSuccess, lang.L("Household restored."))
		}
		f.screen.load()
	})
}

// accessExport gives the person everything held on the household (right of access).
func (f *householdForm) accessExport() {
	if f.household == nil {
		return
	}
	id := f.household.ID
	inBackground(f.app, func() ([]byte, error) {
		pdf, _, err := printout.AccessExport(context.Background(), f.app.store, id, "pdf", f.app.recorder())
		return pdf, err
	}, func(pdf []byte, err error) {
		if err != nil {
			f.message.show(messageError, describeError(err))
			return
		}
		f.app.saveFileSaying(f.message, "donnees-foyer.pdf", pdf, func(path string) string {
			return lang.L("Saved in {{.Path}}: print it and give it to the person.", map[string]any{"Path": path})
		})
	})
}

// askErase deletes the household's identity at the person's request, after a reason.
func (f *householdForm) askErase() {
	if f.household == nil {
		return
	}
	id := f.household.ID
	reasonDialog(f.app.win, lang.L("Erase this household"),
		lang.L("Names, birth dates, card, address, phone and notes will be deleted for good; only the anonymous counts stay. This cannot be undone."),
		lang.L("Erase for good"), func(string) {
			inBackground(f.app, func() (int, error) {
				// The reason confirms the gesture; it is not kept, as it may name the person.
				return report.PurgeHouseholds(context.Background(), f.app.store, []string{id}, f.app.recorder(), storage.AuditErase)
			}, func(_ int, err error) {
				if err != nil {
					f.message.show(messageError, describeError(err))
					return
				}
				f.screen.closeForm()
			})
		}, nil)
}

// printNotice prints the information notice to give (or read) to the person.
func (f *householdForm) printNotice() {
	pdf, err := printout.InformationNoticePDF(f.app.settings.AssociationName, f.app.store.Now())
	if err != nil {
		f.message.show(messageError, describeError(err))
		return
	}
	f.app.saveFileSaying(f.message, "notice-information.pdf", pdf, func(path string) string {
		return lang.L("Saved in {{.Path}}: print it and give it to the person.", map[string]any{"Path": path})
	})
}

// printCard makes the household's card as a PDF to print and cut.
func (f *householdForm) printCard() {
	if f.household == nil {
		return
	}
	card := f.household.Card
	inBackground(f.app, func() ([]byte, error) {
		pdf, _, err := printout.Cards(context.Background(), f.app.store, storage.CardFilter{Cards: []string{card}})
		return pdf, err
	}, func(pdf []byte, err error) {
		if err != nil {
			f.message.show(messageError, describeError(err))
			return
		}
		f.app.saveFileSaying(f.message, "carte-"+card+".pdf", pdf, func(path string) string {
			return lang.L("Card saved in {{.Path}}: print it at actual size (100 %) and cut along the marks.", map[string]any{"Path": path})
		})
	})
}

// askReplaceCard gives a new card number once the volunteer says why (the reason is not
// kept: it only makes the replacement deliberate); the lost card is then refused at the
// check-in desk.
func (f *householdForm) askReplaceCard() {
	if f.household == nil {
		return
	}
	id, card := f.household.ID, f.household.Card
	reasonDialog(f.app.win, lang.L("Replace a lost card"),
		lang.L("Card {{.Card}} will no longer open this household: the check-in desk will say it was replaced. A new number is given; print the new card. Type what happened (e.g. lost, torn):",
			map[string]any{"Card": card}),
		lang.L("Give a new card"), func(string) { f.replaceCard(id, card) }, nil)
}

func (f *householdForm) replaceCard(id, card string) {
	by := f.app.recorder()
	inBackground(f.app, func() (string, error) {
		_, replacement, err := f.app.store.ReplaceCard(context.Background(), id, by)
		return replacement, err
	}, func(replacement string, err error) {
		if err != nil {
			f.message.show(messageError, describeError(err))
			return
		}
		if f.household != nil && f.household.ID == id {
			f.household.Card = replacement
			f.title.SetText(lang.L("Household — card {{.Card}}", map[string]any{"Card": replacement}))
		}
		f.message.show(messageSuccess, lang.L("New card {{.New}} given; card {{.Old}} is refused from now on. Print the new card.",
			map[string]any{"New": replacement, "Old": card}))
	})
}
