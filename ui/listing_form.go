package ui

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"entraide/storage"
	"entraide/sync/printout"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// listingForm edits a public listing: the association's own (Listing tab) or one the CCAS
// types for an association that does not use Entraide.
type listingForm struct {
	app     *App
	content fyne.CanvasObject

	name, description, accessDetails, documents, accessibility *widget.Entry
	activities                                                 codeChecks[storage.Activity]
	access                                                     codeChecks[storage.AccessKind]
	publics                                                    codeChecks[storage.Public]
	languages                                                  codeChecks[string]
	sitesBox                                                   *fyne.Container
	sites                                                      []*siteEditor
	referentsBox                                               *fyne.Container
	referents                                                  []*referentRow
	checkedOn                                                  storage.Date
	roomSeats                                                  *widget.Entry
	roomAccessible                                             *widget.Check
}

// codeChecks is a CheckGroup over codes shown in words.
type codeChecks[T ~string] struct {
	group *widget.CheckGroup
	c     choice[T]
}

func newCodeChecks[T ~string](codes []T, label func(T) string) codeChecks[T] {
	c := newChoice(codes, label)
	// Vertical: long French labels side by side would widen the window past a laptop screen.
	return codeChecks[T]{group: widget.NewCheckGroup(c.labels, nil), c: c}
}

func (cc codeChecks[T]) set(codes []T) {
	var labels []string
	for _, code := range codes {
		if l := cc.c.label(code); l != "" {
			labels = append(labels, l)
		}
	}
	cc.group.SetSelected(labels)
}

func (cc codeChecks[T]) get() []T {
	var codes []T
	for _, code := range cc.c.values {
		if slices.Contains(cc.group.Selected, cc.c.label(code)) {
			codes = append(codes, code)
		}
	}
	return codes
}

func newListingForm(a *App) *listingForm {
	f := &listingForm{app: a, name: widget.NewEntry(), description: widget.NewMultiLineEntry(),
		accessDetails: widget.NewEntry(), documents: widget.NewEntry(), accessibility: widget.NewEntry(),
		sitesBox: container.NewVBox(), referentsBox: container.NewVBox()}
	f.roomSeats = widget.NewEntry()
	f.roomSeats.SetPlaceHolder(lang.L("persons seated; empty: no room"))
	f.roomAccessible = widget.NewCheck(lang.L("accessible to a wheelchair"), nil)
	f.description.SetMinRowsVisible(2)
	f.description.Wrapping = fyne.TextWrapWord
	f.accessDetails.SetPlaceHolder(lang.L("e.g. 10 % of the shop price; appointment by phone"))
	f.documents.SetPlaceHolder(lang.L("e.g. identity document, proof of income"))
	f.activities = newCodeChecks(storage.Activities, activityLabel)
	f.access = newCodeChecks(storage.AccessKinds, accessLabel)
	f.publics = newCodeChecks(storage.Publics, publicLabel)
	f.languages = newCodeChecks(storage.Languages, languageLabel)
	addSite := newButton(lang.L("Add a place"), theme.ContentAddIcon(), func() { f.addSite(storage.ListingSite{}) })
	addReferent := newButton(lang.L("Add a referent"), theme.ContentAddIcon(), func() { f.addReferent(storage.Referent{}) })
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Name"), f.name),
		widget.NewFormItem(lang.L("Short description"), f.description),
		widget.NewFormItem(lang.L("Activities"), f.activities.group),
		widget.NewFormItem(lang.L("Access"), f.access.group),
		widget.NewFormItem(lang.L("Access details"), f.accessDetails),
		widget.NewFormItem(lang.L("Documents asked"), f.documents),
		widget.NewFormItem(lang.L("Publics welcomed"), f.publics.group),
		widget.NewFormItem(lang.L("Languages spoken"), f.languages.group),
		widget.NewFormItem(lang.L("Accessibility"), f.accessibility),
		widget.NewFormItem(lang.L("Room for the network's meetings"), container.NewGridWithColumns(2, f.roomSeats, f.roomAccessible)),
	)
	f.content = container.NewVBox(form, widget.NewSeparator(),
		heading(lang.L("Places and opening hours")), f.sitesBox, container.NewHBox(addSite), widget.NewSeparator(),
		heading(lang.L("Referents")), f.referentsBox, container.NewHBox(addReferent))
	return f
}

func (f *listingForm) set(l storage.Listing) {
	f.name.SetText(l.Name)
	f.description.SetText(l.Description)
	f.accessDetails.SetText(l.AccessDetails)
	f.documents.SetText(l.Documents)
	f.accessibility.SetText(l.Accessibility)
	f.activities.set(l.Activities)
	f.access.set(l.Access)
	f.publics.set(l.Publics)
	f.languages.set(l.Languages)
	f.checkedOn = l.CheckedOn
	f.roomSeats.SetText("")
	f.roomAccessible.SetChecked(false)
	if l.MeetingRoom != nil {
		f.roomSeats.SetText(strconv.Itoa(l.MeetingRoom.Capacity))
		f.roomAccessible.SetChecked(l.MeetingRoom.Accessible)
	}
	f.sitesBox.RemoveAll()
	f.sites = nil
	for _, s := range l.Sites {
		f.addSite(s)
	}
	f.referentsBox.RemoveAll()
	f.referents = nil
	for _, r := range l.Referents {
		f.addReferent(r)
	}
}

func (f *listingForm) get() (storage.Listing, error) {
	l := storage.Listing{Name: f.name.Text, Description: trimmed(f.description.Text), AccessDetails: trimmed(f.accessDetails.Text),
		Documents: trimmed(f.documents.Text), Accessibility: trimmed(f.accessibility.Text), Activities: f.activities.get(),
		Access: f.access.get(), Publics: f.publics.get(), Languages: f.languages.get(), CheckedOn: f.checkedOn}
	if seats := trimmed(f.roomSeats.Text); seats != "" {
		n, err := strconv.Atoi(seats)
		if err != nil || n < 2 || n > 500 {
			return l, errors.New(lang.L("Type the persons the room seats as a number (2 to 500), or leave it empty."))
		}
		l.MeetingRoom = &storage.MeetingRoom{Capacity: n, Accessible: f.roomAccessible.Checked}
	}
	for i, s := range f.sites {
		site, err := s.get()
		if err != nil {
			return l, errors.New(lang.L("Place {{.N}}: {{.Problem}}", map[string]any{"N": i + 1, "Problem": err.Error()}))
		}
		l.Sites = append(l.Sites, site)
	}
	for _, r := range f.referents {
		if ref := r.get(); ref.Name != "" || ref.Phone != "" || ref.Email != "" {
			l.Referents = append(l.Referents, ref)
		}
	}
	return l, nil
}

func (f *listingForm) addSite(s storage.ListingSite) {
	e := newSiteEditor(f, s)
	f.sites = append(f.sites, e)
	f.sitesBox.Add(e.box)
}

func (f *listingForm) removeSite(e *siteEditor) {
	f.sites = slices.DeleteFunc(f.sites, func(x *siteEditor) bool { return x == e })
	f.sitesBox.Remove(e.box)
}

// referentRow is a contact person.
type referentRow struct {
	name, role, phone, email *widget.Entry
	box                      *fyne.Container
}

func (f *listingForm) addReferent(r storage.Referent) {
	row := &referentRow{name: widget.NewEntry(), role: widget.NewEntry(), phone: widget.NewEntry(), email: widget.NewEntry()}
	row.name.SetPlaceHolder(lang.L("Name"))
	row.role.SetPlaceHolder(lang.L("Role"))
	row.phone.SetPlaceHolder(lang.L("Phone"))
	row.email.SetPlaceHolder(lang.L("E-mail"))
	row.name.SetText(r.Name)
	row.role.SetText(r.Role)
	row.phone.SetText(r.Phone)
	row.email.SetText(r.Email)
	remove := newButton("", theme.DeleteIcon(), nil)
	row.box = container.NewBorder(nil, nil, nil, remove, container.NewGridWithColumns(2, row.name, row.role, row.phone, row.email))
	remove.OnTapped = func() {
		f.referents = slices.DeleteFunc(f.referents, func(x *referentRow) bool { return x == row })
		f.referentsBox.Remove(row.box)
	}
	f.referents = append(f.referents, row)
	f.referentsBox.Add(row.box)
}

func (r *referentRow) get() storage.Referent {
	return storage.Referent{Name: trimmed(r.name.Text), Role: trimmed(r.role.Text), Phone: trimmed(r.phone.Text), Email: trimmed(r.email.Text)}
}

// siteEditor is one place with its weekly hours and closures.
type siteEditor struct {
	siteID                string
	name, address         *widget.Entry
	coordinates           *widget.Entry
	quartier              *widget.SelectEntry
	holidays              *widget.Check
	rulesBox, closuresBox *fyne.Container
	rules                 []*ruleRow
	closures              []*closureRow
	box                   *fyne.Container
}

// weekChoices are the week-of-month patterns offered, as rule positions.
var weekChoices = [][]int{nil, {1}, {2}, {3}, {4}, {-1}, {1, 3}, {2, 4}}

func weekLabel(positions []int) string {
	switch {
	case len(positions) == 0:
		return lang.L("every week")
	case slices.Equal(positions, []int{-1}):
		return lang.L("last of the month")
	case slices.Equal(positions, []int{1, 3}):
		return lang.L("1st and 3rd of the month")
	case slices.Equal(positions, []int{2, 4}):
		return lang.L("2nd and 4th of the month")
	}
	return lang.L("week {{.N}} of the month", map[string]any{"N": positions[0]})
}

type ruleRow struct {
	day, weeks    *widget.Select
	opens, closes *widget.Entry
	box           *fyne.Container
}

type closureRow struct {
	from, to, message *widget.Entry
	box               *fyne.Container
}

func newSiteEditor(f *listingForm, s storage.ListingSite) *siteEditor {
	e := &siteEditor{siteID: s.SiteID, name: widget.NewEntry(),
		address: widget.NewEntry(), quartier: widget.NewSelectEntry(storage.Quartiers),
		holidays: widget.NewCheck(lang.L("Open on public holidays"), nil), rulesBox: container.NewVBox(), closuresBox: container.NewVBox()}
	e.name.SetText(s.Name)
	e.name.SetPlaceHolder(lang.L("Name of the place"))
	e.address.SetText(s.Address)
	e.address.SetPlaceHolder(lang.L("e.g. 12 rue de l'Alma, 59100 Roubaix"))
	e.quartier.SetText(s.Quartier)
	e.coordinates = widget.NewEntry()
	e.coordinates.SetPlaceHolder(lang.L("coordinates (optional), e.g. 50.6942, 3.1746"))
	if s.Latitude != nil && s.Longitude != nil {
		e.coordinates.SetText(strconv.FormatFloat(*s.Latitude, 'f', -1, 64) + ", " + strconv.FormatFloat(*s.Longitude, 'f', -1, 64))
	}
	e.quartier.SetPlaceHolder(lang.L("Quartier"))
	e.holidays.SetChecked(s.Schedule.OpenOnHolidays)
	for _, r := range s.Schedule.Rules {
		e.addRule(r)
	}
	for _, c := range s.Schedule.Closures {
		e.addClosure(c)
	}
	addRule := newButton(lang.L("Add opening hours"), theme.ContentAddIcon(), func() {
		e.addRule(storage.OpeningRule{Weekday: time.Monday, Opens: "09:00", Closes: "12:00"})
	})
	addClosure := newButton(lang.L("Add a closure"), theme.ContentAddIcon(), func() { e.addClosure(storage.Closure{}) })
	remove := newButton(lang.L("Remove this place"), theme.DeleteIcon(), func() { f.removeSite(e) })
	e.box = container.NewVBox(
		container.NewGridWithColumns(2, e.name, e.address, e.quartier, e.coordinates),
		e.rulesBox, container.NewHBox(addRule, addClosure, e.holidays, remove), e.closuresBox, widget.NewSeparator())
	return e
}

func (e *siteEditor) addRule(r storage.OpeningRule) {
	days := []string{lang.L("Monday"), lang.L("Tuesday"), lang.L("Wednesday"), lang.L("Thursday"), lang.L("Friday"),
		lang.L("Saturday"), lang.L("Sunday")}
	weeks := make([]string, len(weekChoices))
	for i, w := range weekChoices {
		weeks[i] = weekLabel(w)
	}
	row := &ruleRow{day: newSelect(days, nil), weeks: newSelect(weeks, nil), opens: widget.NewEntry(), closes: widget.NewEntry()}
	row.day.SetSelectedIndex((int(r.Weekday) + 6) % 7)
	row.weeks.SetSelected(weekLabel(r.Positions))
	row.opens.SetText(r.Opens)
	row.closes.SetText(r.Closes)
	row.opens.SetPlaceHolder("09:00")
	row.closes.SetPlaceHolder("12:00")
	remove := newButton("", theme.DeleteIcon(), nil)
	row.box = container.NewBorder(nil, nil, nil, remove, container.NewGridWithColumns(4, row.day, row.weeks, row.opens, row.closes))
	remove.OnTapped = func() {
		e.rules = slices.DeleteFunc(e.rules, func(x *ruleRow) bool { return x == row })
		e.rulesBox.Remove(row.box)
	}
	e.rules = append(e.rules, row)
	e.rulesBox.Add(row.box)
}

func (e *siteEditor) addClosure(c storage.Closure) {
	row := &closureRow{from: widget.NewEntry(), to: widget.NewEntry(), message: widget.NewEntry()}
	row.from.SetPlaceHolder(lang.L("closed from DD/MM/YYYY"))
	row.to.SetPlaceHolder(lang.L("to DD/MM/YYYY"))
	row.message.SetPlaceHolder(lang.L("message, e.g. closed in August"))
	row.from.SetText(c.From.French())
	row.to.SetText(c.To.French())
	row.message.SetText(c.Message)
	remove := newButton("", theme.DeleteIcon(), nil)
	row.box = container.NewBorder(nil, nil, nil, remove, container.NewGridWithColumns(3, row.from, row.to, row.message))
	remove.OnTapped = func() {
		e.closures = slices.DeleteFunc(e.closures, func(x *closureRow) bool { return x == row })
		e.closuresBox.Remove(row.box)
	}
	e.closures = append(e.closures, row)
	e.closuresBox.Add(row.box)
}

func (e *siteEditor) get() (storage.ListingSite, error) {
	s := storage.ListingSite{SiteID: e.siteID, Name: trimmed(e.name.Text), Address: trimmed(e.address.Text),
		Quartier: trimmed(e.quartier.Text)}
	if text := trimmed(e.coordinates.Text); text != "" {
		lat, lon, ok := strings.Cut(text, ",")
		latitude, err1 := strconv.ParseFloat(trimmed(lat), 64)
		longitude, err2 := strconv.ParseFloat(trimmed(lon), 64)
		if !ok || err1 != nil || err2 != nil || latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180 {
			return s, errors.New(lang.L("the coordinates are not readable: type the latitude, a comma, the longitude (e.g. 50.6942, 3.1746)."))
		}
		s.Latitude, s.Longitude = &latitude, &longitude
	}
	s.Schedule.OpenOnHolidays = e.holidays.Checked
	for _, r := range e.rules {
		rule := storage.OpeningRule{Weekday: time.Weekday((r.day.SelectedIndex() + 1) % 7), Positions: weekChoices[max(r.weeks.SelectedIndex(), 0)],
			Opens: trimmed(r.opens.Text), Closes: trimmed(r.closes.Text)}
		if err := rule.Validate(); err != nil {
			return s, errors.New(lang.L("the hours {{.Opens}}–{{.Closes}} are not readable: type HH:MM, closing after opening.",
				map[string]any{"Opens": rule.Opens, "Closes": rule.Closes}))
		}
		s.Schedule.Rules = append(s.Schedule.Rules, rule)
	}
	for _, c := range e.closures {
		from, err1 := storage.ParseDate(c.from.Text)
		to, err2 := storage.ParseDate(c.to.Text)
		if err1 != nil || err2 != nil || from.IsZero() || to.IsZero() || to.Before(from) {
			return s, errors.New(lang.L("a closure's dates are not readable: type DD/MM/YYYY, the end after the start."))
		}
		s.Schedule.Closures = append(s.Schedule.Closures, storage.Closure{From: from, To: to, Message: trimmed(c.message.Text)})
	}
	return s, nil
}

// The vocabularies' words come from their one table in storage, translated here.
func activityLabel(a storage.Activity) string { return lang.L(a.Label()) }
func accessLabel(a storage.AccessKind) string { return lang.L(a.Label()) }
func publicLabel(p storage.Public) string     { return lang.L(p.Label()) }
func languageLabel(code string) string        { return lang.L(storage.LanguageLabel(code)) }

// listingSummary is how the directory shows a listing: the preview.
func listingSummary(l storage.Listing) string {
	var lines []string
	lines = append(lines, l.Name)
	if l.Description != "" {
		lines = append(lines, l.Description)
	}
	var words []string
	for _, a := range l.Activities {
		words = append(words, activityLabel(a))
	}
	lines = append(lines, lang.L("Activities: {{.List}}", map[string]any{"List": strings.Join(words, ", ")}))
	words = nil
	for _, a := range l.Access {
		words = append(words, accessLabel(a))
	}
	lines = append(lines, lang.L("Access: {{.List}}", map[string]any{"List": strings.Join(words, ", ")}))
	for _, s := range l.Sites {
		lines = append(lines, "• "+s.Name+" — "+s.Address+" ("+s.Quartier+")", "   "+printout.HoursFrench(s.Schedule))
	}
	return strings.Join(lines, "\n")
}
