package ui

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"

	"entraide/sync/householdfile"
	"entraide/sync/spreadsheet"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// householdImport is the wizard that brings an association's former list in: the file
// chosen, its sheet and row of titles, what each column holds (with the first rows as
// Entraide reads them), a check that writes nothing, then the import.
type householdImport struct {
	app     *App
	section *messageBox // Settings' message, for the outcome once the wizard is closed
	path    string
	book    spreadsheet.Workbook
	opts    householdfile.Options
	read    householdfile.Understood
	checked *householdfile.Summary // the last check, while nothing changed since

	modal     *modal
	sheet     *widget.Select
	headerRow *widget.Entry
	columns   *fyne.Container
	mapping   *container.Scroll
	picks     []*widget.Select // each column's field, in order
	preview   *widget.Table
	report    *widget.Label
	problems  *widget.List
	lines     []string
	message   *messageBox
	check     *button
	importNow *button
}

// previewColumnWidth shows a date or a name whole, a long address cut.
const previewColumnWidth = 150

// spreadsheetExtensions are the files the wizard offers.
var spreadsheetExtensions = []string{".xlsx", ".ods", ".csv", ".txt"}

// startHouseholdImport asks for the file, reads it, and opens the wizard.
func (a *App) startHouseholdImport(section *messageBox) {
	if err := a.store.RequireManager("importing households"); err != nil {
		section.show(messageError, describeError(err))
		return
	}
	a.chooseFile(chooseFile, lang.L("The list to import"), "", spreadsheetExtensions, func(path string) {
		a.importHouseholdFile(section, path)
	})
}

// importHouseholdFile reads the file in the background, then opens the wizard on it (or
// says in section why the file cannot be read).
func (a *App) importHouseholdFile(section *messageBox, path string) {
	section.show(messageInfo, lang.L("Reading {{.File}}…", map[string]any{"File": filepath.Base(path)}))
	inBackground(a, func() (spreadsheet.Workbook, error) {
		book, problem := householdfile.ReadFile(path)
		if problem != nil {
			return book, problemError{*problem}
		}
		return book, nil
	}, func(book spreadsheet.Workbook, err error) {
		if err != nil {
			section.show(messageError, describeImportError(err))
			return
		}
		section.clear()
		a.importer = &householdImport{app: a, section: section, path: path, book: book,
			opts: householdfile.Options{Today: a.store.Today(), Map: map[string]householdfile.Field{}}}
		a.importer.show()
	})
}

// problemError carries a file's problem to the UI thread.
type problemError struct{ problem householdfile.Problem }

func (e problemError) Error() string { return e.problem.French() }

func describeImportError(err error) string {
	if pe, ok := err.(problemError); ok {
		return problemText(pe.problem)
	}
	return describeError(err)
}

// problemText is a problem in the window's language, with its place.
func problemText(p householdfile.Problem) string {
	text := lang.L(p.Label(), p.Args)
	switch {
	case p.Row > 0 && p.Column != "":
		return lang.L("row {{.Row}}, column {{.Column}}", map[string]any{"Row": p.Row, "Column": p.Column}) + " : " + text
	case p.Row > 0:
		return lang.L("row {{.Row}}", map[string]any{"Row": p.Row}) + " : " + text
	}
	return text
}

func (w *householdImport) show() {
	a := w.app
	w.message = newMessageBox()
	w.sheet = newSelect(w.book.SheetNames(), func(name string) {
		if name != w.opts.Sheet {
			w.opts.Sheet, w.opts.HeaderRow, w.opts.Map = name, 0, map[string]householdfile.Field{}
			w.understand()
		}
	})
	w.headerRow = widget.NewEntry()
	w.headerRow.OnSubmitted = func(text string) {
		n, err := strconv.Atoi(strings.TrimSpace(text))
		if err != nil || n < 1 {
			w.message.show(messageError, lang.L("Type the number of the row of titles, e.g. 3."))
			return
		}
		w.opts.HeaderRow = n
		w.understand()
	}
	w.columns = container.NewVBox()
	w.preview = widget.NewTable(func() (int, int) { return w.previewSize() },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(w.previewCell(id.Row, id.Col))
		})
	w.report = widget.NewLabel("")
	w.report.Wrapping = fyne.TextWrapWord
	w.problems = widget.NewList(func() int { return len(w.lines) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Wrapping = fyne.TextWrapWord
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(w.lines) {
				o.(*widget.Label).SetText(w.lines[id])
				w.problems.SetItemHeight(id, o.MinSize().Height)
			}
		})
	cancel := newButton(lang.L("Cancel"), theme.CancelIcon(), w.close)
	w.check = newButton(lang.L("Check (nothing is written)"), theme.SearchIcon(), w.dryRun)
	w.check.Importance = widget.HighImportance
	w.importNow = newButton(lang.L("Import"), theme.DownloadIcon(), w.commit)
	w.importNow.Disable()

	help := widget.NewLabel(lang.L("Say what each column holds. A column left on “Not imported” does not come in: keep out what the distribution does not need (nationality, health, income)."))
	help.Wrapping = fyne.TextWrapWord
	choices := container.NewGridWithColumns(2,
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("Sheet")), nil, w.sheet),
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("Row of titles (Enter)")), nil, w.headerRow))
	top := container.NewVBox(container.NewBorder(nil, nil,
		widget.NewLabel(lang.L("File: {{.File}}", map[string]any{"File": filepath.Base(w.path)})), nil, choices),
		help, w.message.content)
	w.mapping = container.NewVScroll(w.columns)
	w.mapping.SetMinSize(fyne.NewSize(380, 120))
	previewBox := container.NewBorder(heading(lang.L("First rows as Entraide reads them")), nil, nil, nil, w.preview)
	reportBox := container.NewBorder(w.report, nil, nil, nil, w.problems)
	middle := container.NewHSplit(container.NewBorder(heading(lang.L("Columns")), nil, nil, nil, w.mapping),
		container.NewVSplit(previewBox, reportBox))
	middle.Offset = 0.36
	buttons := container.NewHBox(cancel, w.check, w.importNow)
	w.modal = newLargeModal(a.win, lang.L("Import a list of households"), container.NewBorder(top, buttons, nil, nil, middle))
	w.modal.Show()
	a.trace("screen", "import")
	w.understand()
	if len(w.book.Sheets) > 0 {
		w.sheet.OnChanged = nil // showing the sheet read is not choosing another
		w.sheet.SetSelected(w.read.Sheet)
		w.sheet.OnChanged = func(name string) {
			if name != w.opts.Sheet {
				w.opts.Sheet, w.opts.HeaderRow, w.opts.Map = name, 0, map[string]householdfile.Field{}
				w.understand()
			}
		}
	}
	a.win.Canvas().Focus(w.check)
}

// understand reads the sheet again with the current choices (in memory, fast) and
// forgets the last check.
func (w *householdImport) understand() {
	read, err := householdfile.Understand(w.book, w.opts)
	if err != nil {
		w.message.show(messageError, problemText(householdfile.FileProblem(err)))
		return
	}
	w.read, w.checked = read, nil
	w.importNow.Disable()
	w.headerRow.SetText(strconv.Itoa(read.HeaderRow))
	w.fillColumns()
	for c := range read.Columns {
		w.preview.SetColumnWidth(c, previewColumnWidth)
	}
	w.preview.Refresh()
	w.showProblems(lang.L("Check the columns, then press “Check”: nothing is written before “Import”."), read.Errors, read.Warnings)
}

// fieldChoice is the list offered for each column.
func fieldChoice() choice[householdfile.Field] {
	return newChoice(append([]householdfile.Field{householdfile.FieldNone}, householdfile.Fields...),
		func(f householdfile.Field) string { return lang.L(f.Label()) })
}

func (w *householdImport) fillColumns() {
	w.columns.RemoveAll()
	w.picks = w.picks[:0]
	fields := fieldChoice()
	for _, c := range w.read.Columns {
		title := c.Header
		if title == "" {
			title = "—"
		}
		pick := newSelect(fields.labels, nil)
		pick.SetSelected(fields.label(c.Field))
		letter := c.Letter
		pick.OnChanged = func(label string) {
			w.opts.Map[letter] = fields.value(label)
			w.understand()
		}
		w.picks = append(w.picks, pick)
		label := widget.NewLabel(letter + " · " + title)
		label.Truncation = fyne.TextTruncateEllipsis
		w.columns.Add(container.NewGridWithColumns(2, label, pick))
	}
	w.columns.Refresh()
	if w.mapping != nil {
		w.mapping.ScrollToTop()
	}
}

func (w *householdImport) previewSize() (int, int) {
	return len(w.read.Preview) + 1, len(w.read.Columns)
}

// previewCell: the first row names each column's field; then the rows as read.
func (w *householdImport) previewCell(row, col int) string {
	if col >= len(w.read.Columns) {
		return ""
	}
	if row == 0 {
		return w.read.Columns[col].Letter + " · " + lang.L(w.read.Columns[col].Field.Label())
	}
	if row-1 < len(w.read.Preview) && col < len(w.read.Preview[row-1]) {
		return strings.ReplaceAll(w.read.Preview[row-1][col], "\n", " ")
	}
	return ""
}

// showProblems lists errors first, then what is left out or said.
func (w *householdImport) showProblems(summary string, lists ...[]householdfile.Problem) {
	w.report.SetText(summary)
	w.lines = w.lines[:0]
	for _, list := range lists {
		for _, p := range list {
			w.lines = append(w.lines, "• "+problemText(p))
		}
	}
	w.problems.Refresh()
}

// dryRun asks storage what importing would do, writing nothing.
func (w *householdImport) dryRun() {
	read := w.read
	w.check.Disable()
	w.message.show(messageInfo, lang.L("Checking…"))
	inBackground(w.app, func() (householdfile.Summary, error) {
		return householdfile.Run(context.Background(), w.app.store, read, w.app.recorder(), true)
	}, func(s householdfile.Summary, err error) {
		w.check.Enable()
		if err != nil {
			w.message.show(messageError, describeError(err))
			return
		}
		w.message.clear()
		w.checked = &s
		w.app.trace("import-checked", strconv.Itoa(s.Households))
		if len(s.Errors) > 0 {
			w.showProblems(lang.N("{{.Count}} problem to fix in the file (or in the columns chosen): nothing can be imported yet.", len(s.Errors),
				map[string]any{"Count": len(s.Errors)}), s.Problems)
			return
		}
		w.showProblems(lang.L("{{.Households}} households ({{.Persons}} persons) will be registered, with new card numbers; {{.Left}} left out.",
			map[string]any{"Households": s.Households, "Persons": s.Persons, "Left": len(s.Duplicates)}), s.Problems)
		if s.Households > 0 {
			w.importNow.Enable()
			w.app.win.Canvas().Focus(w.importNow)
		}
	})
}

// commit imports what was checked, in one transaction.
func (w *householdImport) commit() {
	if w.checked == nil {
		return
	}
	read := w.read
	w.importNow.Disable()
	w.check.Disable()
	w.message.show(messageInfo, lang.L("Importing…"))
	inBackground(w.app, func() (householdfile.Summary, error) {
		return householdfile.Run(context.Background(), w.app.store, read, w.app.recorder(), false)
	}, func(s householdfile.Summary, err error) {
		w.check.Enable()
		if err != nil || !s.Imported {
			if err == nil {
				w.showProblems(lang.L("Nothing was imported."), s.Problems)
				w.message.clear()
				return
			}
			w.message.show(messageError, describeError(err))
			return
		}
		w.app.trace("imported", strconv.Itoa(s.Households))
		w.close()
		w.section.show(messageSuccess, lang.L("{{.Households}} households ({{.Persons}} persons) imported. Their old numbers open them at the check-in until new cards are handed out.",
			map[string]any{"Households": s.Households, "Persons": s.Persons}))
		if w.app.households != nil {
			w.app.households.load()
		}
	})
}

func (w *householdImport) close() { w.modal.Hide() }

// spreadsheetSection, in Settings, brings a former list of households in and writes all
// the households out as a spreadsheet.
func newSpreadsheetSection(a *App, message *messageBox) fyne.CanvasObject {
	help := widget.NewLabel(lang.L("An Excel, LibreOffice or CSV list kept before Entraide: Entraide shows what it understood and what it cannot read before anything is written. The export writes one row per person, for Excel or LibreOffice."))
	help.Wrapping = fyne.TextWrapWord
	export := func(format string) func() {
		return func() {
			type exported struct {
				content []byte
				persons int
			}
			inBackground(a, func() (exported, error) {
				content, persons, err := householdfile.Export(context.Background(), a.store, format, a.recorder())
				return exported{content, persons}, err
			}, func(e exported, err error) {
				if err != nil {
					message.show(messageError, describeError(err))
					return
				}
				a.saveFileSaying(message, "foyers-"+a.store.Today().String()+"."+format, e.content, func(path string) string {
					return lang.N("{{.N}} person written in {{.Path}}. Keep this file safe: it holds personal data.", e.persons,
						map[string]any{"N": e.persons, "Path": path})
				})
			})
		}
	}
	// Imports on one row, exports on the next: four buttons in a row were wider than a
	// 1024×600 window.
	return container.NewVBox(heading(lang.L("Lists of households")), help, container.NewHBox(
		newButton(lang.L("Import a list (Excel, LibreOffice, CSV)…"), theme.FolderOpenIcon(), func() { a.startHouseholdImport(message) }),
		newButton(lang.L("Import past distributions…"), theme.HistoryIcon(), func() { a.startPastVisitsImport(message) })),
		container.NewHBox(
			newButton(lang.L("Export (Excel)…"), theme.DocumentSaveIcon(), export("xlsx")),
			newButton(lang.L("Export (CSV)…"), theme.DocumentSaveIcon(), export("csv"))))
}

// startPastVisitsImport asks for a history file, checks it (writing nothing), and shows
// what it would record, with Import offered only when the file has no error.
func (a *App) startPastVisitsImport(section *messageBox) {
	if err := a.store.RequireManager("importing past visits"); err != nil {
		section.show(messageError, describeError(err))
		return
	}
	a.chooseFile(chooseFile, lang.L("The history to import"), "", spreadsheetExtensions, func(path string) {
		a.importPastVisitsFile(section, path)
	})
}

type checkedVisits struct {
	read    householdfile.VisitsUnderstood
	summary householdfile.VisitsSummary
}

func (a *App) importPastVisitsFile(section *messageBox, path string) {
	section.show(messageInfo, lang.L("Reading {{.File}}…", map[string]any{"File": filepath.Base(path)}))
	inBackground(a, func() (checkedVisits, error) {
		book, problem := householdfile.ReadFile(path)
		if problem != nil {
			return checkedVisits{}, problemError{*problem}
		}
		read, err := householdfile.UnderstandVisits(book, householdfile.Options{Today: a.store.Today()})
		if err != nil {
			return checkedVisits{}, problemError{householdfile.FileProblem(err)}
		}
		summary, err := householdfile.RunVisits(context.Background(), a.store, read, a.recorder(), true)
		return checkedVisits{read, summary}, err
	}, func(c checkedVisits, err error) {
		if err != nil {
			section.show(messageError, describeImportError(err))
			return
		}
		section.clear()
		a.showPastVisitsCheck(section, path, c)
	})
}

func (a *App) showPastVisitsCheck(section *messageBox, path string, c checkedVisits) {
	var lines []string
	for _, p := range c.summary.Problems {
		lines = append(lines, "• "+problemText(p))
	}
	list := widget.NewList(func() int { return len(lines) },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Wrapping = fyne.TextWrapWord; return l },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(lines[id]) })
	summary := widget.NewLabel("")
	summary.Wrapping = fyne.TextWrapWord
	ok := len(c.summary.Errors) == 0 && c.summary.Visits > 0
	if len(c.summary.Errors) > 0 {
		summary.SetText(lang.N("{{.Count}} problem to fix in the file (or in the columns chosen): nothing can be imported yet.", len(c.summary.Errors),
			map[string]any{"Count": len(c.summary.Errors)}))
	} else {
		summary.SetText(lang.L("{{.Visits}} past distributions will be recorded; {{.Left}} already there are left out.",
			map[string]any{"Visits": c.summary.Visits, "Left": len(c.summary.Already)}))
	}
	var m *modal
	cancel := newButton(lang.L("Cancel"), theme.CancelIcon(), func() { m.Hide() })
	importNow := newButton(lang.L("Import"), theme.DownloadIcon(), func() {
		m.Hide()
		section.show(messageInfo, lang.L("Importing…"))
		inBackground(a, func() (householdfile.VisitsSummary, error) {
			return householdfile.RunVisits(context.Background(), a.store, c.read, a.recorder(), false)
		}, func(s householdfile.VisitsSummary, err error) {
			if err != nil || !s.Imported {
				if err == nil {
					section.show(messageError, lang.L("Nothing was imported."))
					return
				}
				section.show(messageError, describeError(err))
				return
			}
			a.trace("visits-imported", strconv.Itoa(s.Visits))
			section.show(messageSuccess, lang.N("{{.Count}} past distribution recorded.", s.Visits, map[string]any{"Count": s.Visits}))
		})
	})
	importNow.Importance = widget.HighImportance
	if !ok {
		importNow.Disable()
	}
	body := container.NewBorder(container.NewVBox(
		widget.NewLabel(lang.L("File: {{.File}}", map[string]any{"File": filepath.Base(path)})), summary),
		container.NewHBox(cancel, importNow), nil, nil, list)
	m = newLargeModal(a.win, lang.L("Import past distributions"), body)
	m.Show()
	a.trace("screen", "visits-check")
	if ok {
		a.win.Canvas().Focus(importNow)
	} else {
		a.win.Canvas().Focus(cancel)
	}
}
