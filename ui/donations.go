package ui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"entraide/storage"
	"entraide/sync/donation"
	"entraide/sync/printout"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// donationsScreen (CCAS) shares a donation among the associations by a need their
// reports give: the table shows each one's need, exact share and quantity, and the method
// in words; the coordinator can leave an association out, with a reason.
type donationsScreen struct {
	app     *App
	content fyne.CanvasObject
	message *messageBox

	name, quantity, unit, floor, cap, pickup *widget.Entry
	bases                                    choice[donation.Basis]
	basis                                    *widget.Select
	months                                   *widget.Select
	methods                                  choice[donation.Method]
	method                                   *widget.Select
	excludeWho                               *widget.Select
	excludeWhy                               *widget.Entry
	excludedLabel                            *widget.Label
	showAll                                  *widget.Check

	excluded  map[string]string
	focusKeep bool // the table computed on Enter: the keyboard goes to "Keep this sharing"
	table     *donation.Table
	grid      *widget.Table
	rule      *widget.Label
	save      *button
	export    *button
	print     *button
	kept      []storage.Donation
	keptList  *widget.Select
}

func basisLabel(b donation.Basis) string {
	switch b {
	case donation.BasisInfants:
		return lang.L("Infants aged 0 to 2 served")
	case donation.BasisHouseholds:
		return lang.L("Households served")
	case donation.BasisVisits:
		return lang.L("Distributions")
	}
	return lang.L("Persons served")
}

func newDonationsScreen(a *App) *donationsScreen {
	s := &donationsScreen{app: a, message: newMessageBox(), excluded: map[string]string{}}
	entry := func(placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(placeholder)
		e.OnSubmitted = func(string) { // Enter shares, then Enter again keeps
			s.focusKeep = true
			s.compute()
		}
		return e
	}
	s.name = entry(lang.L("e.g. Nappies size 3"))
	s.quantity = entry(lang.L("e.g. 400"))
	s.unit = entry(lang.L("packs, euros, kg…"))
	s.floor = entry("0")
	s.cap = entry(lang.L("none"))
	s.pickup = entry(lang.L("e.g. to collect on 12 December at the CCAS"))
	s.bases = newChoice(donation.Bases, basisLabel)
	s.basis = newSelect(s.bases.labels, func(string) { s.compute() })
	s.basis.SetSelected(s.bases.label(donation.BasisPersons))
	s.months = newSelect([]string{"1", "3", "6"}, func(string) { s.compute() })
	s.months.PlaceHolder = ""
	s.months.SetSelected("3")
	s.methods = newChoice([]donation.Method{donation.Hamilton, donation.SainteLague}, func(m donation.Method) string {
		if m == donation.SainteLague {
			return lang.L("Sainte-Laguë")
		}
		return lang.L("Largest remainders (Hamilton)")
	})
	s.method = newSelect(s.methods.labels, func(string) { s.compute() })
	s.method.SetSelected(s.methods.label(donation.Hamilton))
	s.excludeWho = newSelect(nil, nil)
	s.excludeWhy = entry(lang.L("Why (kept with the donation)"))
	s.excludeWhy.OnSubmitted = func(string) { s.exclude() }
	s.showAll = widget.NewCheck(lang.L("Every association sees the whole table"), func(bool) { s.compute() })
	s.excludedLabel = widget.NewLabel("")
	s.excludedLabel.Wrapping = fyne.TextWrapWord
	s.rule = widget.NewLabel("")
	s.rule.Wrapping = fyne.TextWrapWord

	// The quantity next to the name: on a small screen the other columns scroll.
	columns := []string{lang.L("Association"), lang.L("Quantity"), lang.L("Need"), lang.L("Exact share"), lang.L("Months")}
	widths := []float32{230, 100, 100, 110, 70}
	s.grid = widget.NewTableWithHeaders(func() (int, int) {
		if s.table == nil {
			return 0, len(columns)
		}
		return len(s.table.Lines) + 1, len(columns)
	}, func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.cell(id.Row, id.Col)) })
	s.grid.ShowHeaderColumn = false
	s.grid.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	s.grid.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(columns) {
			o.(*widget.Label).SetText(columns[id.Col])
		}
	}
	for i, w := range widths {
		s.grid.SetColumnWidth(i, w)
	}

	compute := newButton(lang.L("Share"), theme.ViewRefreshIcon(), s.compute)
	compute.Importance = widget.HighImportance
	s.save = newButton(lang.L("Keep this sharing"), theme.DocumentSaveIcon(), s.keep)
	s.export = newButton(lang.L("Export (Excel)…"), theme.DocumentSaveIcon(), s.exportXLSX)
	s.print = newButton(lang.L("Print (PDF)…"), theme.DocumentPrintIcon(), s.exportPDF)
	s.save.Disable()
	s.export.Disable()
	s.print.Disable()
	form := widget.NewForm(
		widget.NewFormItem(lang.L("What"), s.name),
		widget.NewFormItem(lang.L("Quantity"), container.NewGridWithColumns(2, s.quantity, s.unit)),
		widget.NewFormItem(lang.L("Collected"), s.pickup),
		widget.NewFormItem(lang.L("Shared by"), s.basis),
		widget.NewFormItem(lang.L("Over the last months"), s.months),
		widget.NewFormItem(lang.L("Method"), s.method),
		widget.NewFormItem(lang.L("Floor and cap"), container.NewGridWithColumns(2, s.floor, s.cap)),
		widget.NewFormItem(lang.L("Leave out"), s.excludeWho),
		widget.NewFormItem("", s.excludeWhy),
		widget.NewFormItem(lang.L("Sent to"), container.NewVBox(s.showAll, wrappedLabel(lang.L("Otherwise each association sees only its own line.")))),
	)
	s.keptList = newSelect(nil, func(label string) { s.showKept(label) })
	s.keptList.PlaceHolder = lang.L("(none yet)")
	left := container.NewVScroll(container.NewPadded(container.NewVBox(heading(lang.L("Share a donation by need")), s.message.content,
		form, container.NewHBox(compute, s.save), container.NewHBox(s.export, s.print), s.excludedLabel,
		widget.NewSeparator(), widget.NewForm(widget.NewFormItem(lang.L("Sharings kept"), s.keptList)))))
	// The table first: on a small screen the method's words scroll under it.
	right := container.NewVSplit(s.grid, container.NewVScroll(container.NewPadded(s.rule)))
	right.Offset = 0.68
	split := container.NewHSplit(left, right)
	split.Offset = 0.42
	s.content = split
	return s
}

func (s *donationsScreen) shown() {
	s.app.trace("screen", "donations")
	s.app.win.Canvas().Focus(s.name)
	s.loadKept()
}

// loadKept lists the sharings kept, newest first.
func (s *donationsScreen) loadKept() {
	inBackground(s.app, func() ([]storage.Donation, error) { return s.app.store.Donations(context.Background()) },
		func(list []storage.Donation, err error) {
			if err != nil {
				s.message.show(messageError, describeError(err))
				return
			}
			s.kept = list
			labels := make([]string, len(list))
			for i, d := range list {
				labels[i] = keptLabel(d)
			}
			s.keptList.SetOptions(labels)
		})
}

func keptLabel(d storage.Donation) string {
	return storage.DateOf(d.CreatedAt).French() + " · " + d.Name + " · " + strconv.Itoa(d.Quantity) + " " + d.Unit
}

// showKept shows a kept sharing's table as it was computed.
func (s *donationsScreen) showKept(label string) {
	for _, d := range s.kept {
		if keptLabel(d) != label {
			continue
		}
		t, err := donation.Saved(d)
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.table = &t
		s.grid.Refresh()
		s.rule.SetText(t.Rule)
		s.save.Disable() // already kept
		s.export.Enable()
		s.print.Enable()
		s.showExcluded()
	}
}

// request reads the form; the error is a plain sentence.
func (s *donationsScreen) request() (donation.Request, error) {
	quantity, err := strconv.Atoi(strings.TrimSpace(s.quantity.Text))
	if err != nil || quantity < 1 {
		return donation.Request{}, errors.New(lang.L("Type the quantity to share as a whole number, e.g. 400."))
	}
	number := func(e *widget.Entry) (int, error) {
		text := strings.TrimSpace(e.Text)
		if text == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(text)
		if err != nil || n < 0 {
			return 0, errors.New(lang.L("Type the floor and the cap as whole numbers (or leave them empty)."))
		}
		return n, nil
	}
	floor, err := number(s.floor)
	if err != nil {
		return donation.Request{}, err
	}
	cap, err := number(s.cap)
	if err != nil {
		return donation.Request{}, err
	}
	months, _ := strconv.Atoi(s.months.Selected)
	name := strings.TrimSpace(s.name.Text)
	if name == "" {
		name = fmt.Sprintf("%d %s", quantity, strings.TrimSpace(s.unit.Text))
	}
	excluded := map[string]string{}
	for k, v := range s.excluded {
		excluded[k] = v
	}
	return donation.Request{Name: name, Unit: strings.TrimSpace(s.unit.Text), Quantity: quantity,
		Basis: s.bases.value(s.basis.Selected), Months: months, Last: storage.MonthOf(s.app.store.Today()).Add(-1),
		Rules:    donation.Rules{Method: s.methods.value(s.method.Selected), Floor: floor, Cap: cap},
		Excluded: excluded, Pickup: strings.TrimSpace(s.pickup.Text), ShownToAll: s.showAll.Checked}, nil
}

func (s *donationsScreen) compute() {
	focusKeep := s.focusKeep
	s.focusKeep = false
	if strings.TrimSpace(s.quantity.Text) == "" {
		return // choosing a basis before typing a quantity shares nothing yet
	}
	req, err := s.request()
	if err != nil {
		s.message.show(messageError, err.Error())
		return
	}
	inBackground(s.app, func() (donation.Table, error) {
		return donation.Compute(context.Background(), s.app.store, req)
	}, func(t donation.Table, err error) {
		switch {
		case errors.Is(err, donation.ErrNoBasis):
			s.message.show(messageError, lang.L("No association has this need in the reports of these months: choose more months or another need (or import the reports first)."))
			return
		case errors.Is(err, donation.ErrFloorsTooHigh):
			s.message.show(messageError, lang.L("The floors alone need more than the quantity: lower the floor."))
			return
		case err != nil:
			s.message.show(messageError, describeError(err))
			return
		}
		s.table = &t
		s.grid.Refresh()
		s.rule.SetText(t.Rule)
		names := make([]string, 0, len(t.Lines))
		for _, l := range t.Lines {
			if !l.Excluded {
				names = append(names, l.Name)
			}
		}
		s.excludeWho.SetOptions(names)
		s.save.Enable()
		s.export.Enable()
		s.print.Enable()
		s.showExcluded()
		if focusKeep {
			s.app.win.Canvas().Focus(s.save)
		}
		if t.Left > 0 {
			s.message.show(messageWarning, lang.L("Every association reached the cap: {{.Left}} remain to share otherwise.", map[string]any{"Left": t.Left}))
		} else {
			s.message.clear()
		}
		s.app.trace("donation", strconv.Itoa(t.Quantity))
	})
}

// exclude leaves the chosen association out, with the reason typed.
func (s *donationsScreen) exclude() {
	who, why := s.excludeWho.Selected, strings.TrimSpace(s.excludeWhy.Text)
	if who == "" || why == "" {
		s.message.show(messageError, lang.L("Choose the association to leave out and say why."))
		return
	}
	s.excluded[who] = why
	s.excludeWhy.SetText("")
	s.compute()
}

func (s *donationsScreen) showExcluded() {
	var parts []string
	for _, l := range s.table.Lines {
		if l.Excluded {
			parts = append(parts, l.Name+" ("+l.Reason+")")
		}
	}
	if len(parts) == 0 {
		s.excludedLabel.SetText("")
		return
	}
	s.excludedLabel.SetText(lang.L("Left out: {{.Names}}", map[string]any{"Names": strings.Join(parts, " ; ")}))
}

// cell is the table's text: a line per association, then the total.
func (s *donationsScreen) cell(row, col int) string {
	t := s.table
	if t == nil {
		return ""
	}
	if row == len(t.Lines) {
		switch col {
		case 0:
			return lang.L("Total")
		case 1:
			return strconv.Itoa(t.Quantity - t.Left)
		}
		return ""
	}
	l := t.Lines[row]
	switch col {
	case 0:
		return l.Name
	case 1:
		return strconv.Itoa(l.Quantity)
	case 2:
		need := twoDecimals(l.Basis)
		if l.Estimated > 0 {
			need = "≈ " + need + " " + lang.L("(hidden cells)")
		}
		if l.Excluded {
			need = lang.L("left out")
		}
		return need
	case 3:
		return twoDecimals(l.Share)
	case 4:
		return fmt.Sprintf("%d / %d", l.Months, t.Months)
	}
	return ""
}

// twoDecimals rounds a share for the table (the exact value is in the export).
func twoDecimals(x float64) string { return frenchDecimal(math.Round(x*100) / 100) }

func (s *donationsScreen) keep() {
	if s.table == nil {
		return
	}
	t := *s.table
	inBackground(s.app, func() (storage.Donation, error) {
		return donation.Save(context.Background(), s.app.store, t, s.app.recorder())
	}, func(d storage.Donation, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.message.show(messageSuccess, lang.L("Sharing of “{{.Name}}” kept.", map[string]any{"Name": d.Name}))
		s.save.Disable() // kept once
		s.loadKept()
		s.app.trace("donation-kept", d.Name)
	})
}

func (s *donationsScreen) exportXLSX() {
	if s.table == nil {
		return
	}
	t := *s.table
	inBackground(s.app, func() ([]byte, error) { return donation.XLSX(t) }, func(data []byte, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.app.saveFileSaying(s.message, "don-"+s.app.store.Today().String()+".xlsx", data, func(path string) string {
			return lang.L("Table saved in {{.Path}}.", map[string]any{"Path": path})
		})
	})
}

func (s *donationsScreen) exportPDF() {
	if s.table == nil {
		return
	}
	t, ccas := *s.table, s.app.settings.AssociationName
	inBackground(s.app, func() ([]byte, error) { return printout.DonationPDF(t, ccas) }, func(data []byte, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.app.saveFileSaying(s.message, "don-"+s.app.store.Today().String()+".pdf", data, func(path string) string {
			return lang.L("Table saved in {{.Path}}.", map[string]any{"Path": path})
		})
	})
}
