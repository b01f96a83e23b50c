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

// householdsScreen lists every household (virtualised: 20,000 rows stay fluid), with a
// search, and shows the selected household's form beside the list.
type householdsScreen struct {
	app     *App
	content fyne.CanvasObject

	search       *keyEntry
	showArchived *widget.Check
	count        *widget.Label
	list         *widget.List
	rows         []householdRow
	loadGen      int
	selecting    bool

	formHolder *fyne.Container
	form       *householdForm
}

type householdRow struct {
	id     string
	title  string
	detail string
}

func newHouseholdsScreen(a *App) *householdsScreen {
	s := &householdsScreen{app: a}
	s.search = newKeyEntry()
	s.search.SetPlaceHolder(lang.L("Search by name or card"))
	s.search.OnChanged = func(string) { s.load() }
	// Down moves into the list, where the arrows and Space choose a household.
	s.search.onDown = func() { s.app.win.Canvas().Focus(s.list) }
	s.search.onEscape = func() { s.search.SetText("") }
	s.search.OnSubmitted = func(string) {
		if len(s.rows) > 0 {
			s.list.Select(0)
		}
	}
	s.showArchived = widget.NewCheck(lang.L("Show archived"), func(bool) { s.load() })
	s.count = widget.NewLabel("")
	s.list = widget.NewList(
		func() int { return len(s.rows) },
		func() fyne.CanvasObject { return resultRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(s.rows) {
				return
			}
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(s.rows[id].title)
			box.Objects[1].(*widget.Label).SetText(s.rows[id].detail)
		})
	s.list.OnSelected = func(id widget.ListItemID) {
		if id < len(s.rows) && !s.selecting {
			s.open(s.rows[id].id)
		}
	}
	register := newButton(lang.L("New household (Ctrl+N)"), theme.ContentAddIcon(), func() { s.startNew("") })
	register.Importance = widget.HighImportance
	left := container.NewBorder(
		container.NewVBox(s.search, s.showArchived, s.count, register), nil, nil, nil, s.list)
	hint := widget.NewLabel(lang.L("Choose a household in the list, or register a new one."))
	hint.Wrapping = fyne.TextWrapWord
	s.formHolder = container.NewStack(container.NewPadded(hint))
	split := container.NewHSplit(left, s.formHolder)
	split.Offset = 0.32
	s.content = split
	return s
}

func (s *householdsScreen) shown() {
	if s.form == nil {
		s.load()
		s.app.win.Canvas().Focus(s.search)
	}
}

// load fills the list from the search field, in the background; stale loads are dropped.
func (s *householdsScreen) load() {
	s.loadGen++
	gen := s.loadGen
	text := s.search.Text
	archived := s.showArchived.Checked
	inBackground(s.app, func() ([]householdRow, error) {
		ctx := context.Background()
		if trimmed(text) != "" {
			found, err := s.app.store.Search(ctx, text, 200)
			rows := make([]householdRow, 0, len(found))
			for _, r := range found {
				if r.Archived && !archived {
					continue
				}
				rows = append(rows, householdRow{id: r.HouseholdID, title: r.Card + " — " + strings.Join(r.Members, ", "),
					detail: resultDetail(r)})
			}
			return rows, err
		}
		list, err := s.app.store.HouseholdSummaries(ctx, archived)
		rows := make([]householdRow, len(list))
		for i, h := range list {
			detail := lang.N("{{.Count}} person", h.Members, map[string]any{"Count": h.Members})
			if h.Quartier != "" {
				detail += " · " + h.Quartier
			}
			if h.Archived {
				detail += " · " + lang.L("archived")
			}
			rows[i] = householdRow{id: h.ID, title: h.Card + " — " + h.Applicant, detail: detail}
		}
		return rows, err
	}, func(rows []householdRow, err error) {
		if gen != s.loadGen {
			return
		}
		if err != nil {
			s.count.SetText(describeError(err))
			return
		}
		s.rows = rows
		s.count.SetText(lang.N("{{.Count}} household", len(rows), map[string]any{"Count": len(rows)}))
		s.selecting = true
		s.list.UnselectAll()
		s.selecting = false
		s.list.Refresh()
	})
}

// open shows a household's form.
func (s *householdsScreen) open(id string) {
	s.leaveForm(func() { s.openNow(id) })
}

func (s *householdsScreen) openNow(id string) {
	inBackground(s.app, func() (storage.Household, error) {
		return s.app.store.Household(context.Background(), id)
	}, func(h storage.Household, err error) {
		if err != nil {
			s.count.SetText(describeError(err))
			return
		}
		s.showForm(newHouseholdForm(s, &h, ""))
	})
}

// startNew shows an empty form; a name typed at check-in fills the first person.
func (s *householdsScreen) startNew(typedName string) {
	s.leaveForm(func() { s.showForm(newHouseholdForm(s, nil, typedName)) })
}

// leaveForm runs then, after asking first when the open form holds typing not saved.
// Keeping the typing is the default (Enter, Escape).
func (s *householdsScreen) leaveForm(then func()) {
	if s.form == nil || !s.form.changed() {
		then()
		return
	}
	text := widget.NewLabel(lang.L("The household being typed is not saved. Its typing will be lost."))
	text.Wrapping = fyne.TextWrapWord
	var dlg *modal
	keep := newButton(lang.L("Go on typing"), theme.DocumentCreateIcon(), func() {
		dlg.Hide()
		s.form.focus()
	})
	keep.Importance = widget.HighImportance
	discard := newButton(lang.L("Throw away the typing"), theme.DeleteIcon(), func() {
		dlg.Hide()
		s.form = nil
		then()
	})
	dlg = newModal(s.app.win, lang.L("Typing not saved"), container.NewVBox(text, container.NewHBox(keep, discard)))
	dlg.Show()
	s.app.win.Canvas().Focus(keep)
}

func (s *householdsScreen) showForm(f *householdForm) {
	s.form = f
	s.formHolder.Objects = []fyne.CanvasObject{f.content}
	s.formHolder.Refresh()
	f.focus()
	s.app.trace("screen", "household-form")
}

// closeForm goes back to the list.
func (s *householdsScreen) closeForm() {
	s.form = nil
	hint := widget.NewLabel(lang.L("Choose a household in the list, or register a new one."))
	s.formHolder.Objects = []fyne.CanvasObject{container.NewPadded(hint)}
	s.formHolder.Refresh()
	s.load()
	s.app.win.Canvas().Focus(s.search)
}
