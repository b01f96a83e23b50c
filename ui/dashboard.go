package ui

import (
	"context"
	"fmt"
	"strings"

	"entraide/sync/report"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// dashboardScreen shows the network's figures for a month or a year: totals, each
// association, missing reports, ages, the twelve-month trend and the distinct persons.
type dashboardScreen struct {
	app     *App
	content fyne.CanvasObject

	periods [][2]string // from, to
	period  *widget.Select
	unique  *widget.Label
	// uniqueMeaning says in one sentence what the figure counts.
	uniqueMeaning *widget.Label
	totals        *widget.Label
	ages          *widget.Label
	warnings      *messageBox
	chart         *barChart
	rows          *fyne.Container
	figures       report.NetworkFigures
	message       *messageBox
	loadGen       int
}

func newDashboardScreen(a *App) *dashboardScreen {
	s := &dashboardScreen{app: a, message: newMessageBox(), warnings: newMessageBox(), chart: newBarChart()}
	var labels []string
	for _, m := range recentMonths(a.store.Today(), 12) {
		s.periods = append(s.periods, [2]string{m, m})
		labels = append(labels, monthLabel(m))
	}
	for y := a.store.Today().Year; y > a.store.Today().Year-3; y-- {
		s.periods = append(s.periods, [2]string{fmt.Sprintf("%d-01", y), fmt.Sprintf("%d-12", y)})
		labels = append(labels, lang.L("Year {{.Year}}", map[string]any{"Year": y}))
	}
	s.period = newSelect(labels, func(string) { s.load() })
	s.unique = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.unique.SizeName = theme.SizeNameSubHeadingText // the figure the CCAS quotes
	s.unique.Wrapping = fyne.TextWrapWord
	s.uniqueMeaning = widget.NewLabel("")
	s.uniqueMeaning.Wrapping = fyne.TextWrapWord
	s.totals = widget.NewLabel("")
	s.totals.Wrapping = fyne.TextWrapWord
	s.ages = widget.NewLabel("")
	s.ages.Wrapping = fyne.TextWrapWord
	s.rows = container.NewVBox()
	csv := newButton(lang.L("Export for a spreadsheet (CSV)…"), theme.DocumentSaveIcon(), func() { s.export(false) })
	xlsx := newButton(lang.L("Export as Excel (XLSX)…"), theme.DocumentSaveIcon(), func() { s.export(true) })
	top := container.NewVBox(container.NewBorder(nil, nil, heading(lang.L("Network figures")), nil, s.period), s.message.content)
	// A network has about ten associations: their rows scroll with the figures.
	body := container.NewVBox(s.unique, s.uniqueMeaning, s.totals, s.warnings.content, s.ages,
		heading(lang.L("Persons served, last twelve months")), s.chart,
		heading(lang.L("Each association")), s.rows)
	s.content = container.NewBorder(top, container.NewHBox(csv, xlsx), nil, nil, container.NewVScroll(body))
	return s
}

func associationLine(a report.AssociationFigures) string {
	line := lang.L("{{.Households}} households, {{.Persons}} persons, {{.Visits}} visits",
		map[string]any{"Households": a.HouseholdsServed, "Persons": a.PersonsServed, "Visits": a.Visits})
	if len(a.MissingMonths) > 0 {
		months := make([]string, len(a.MissingMonths))
		for i, m := range a.MissingMonths {
			months[i] = monthLabel(m)
		}
		line += " · " + lang.L("missing: {{.Months}}", map[string]any{"Months": strings.Join(months, ", ")})
	}
	if a.KeyFingerprintMismatch {
		line += " · " + lang.L("another passphrase!")
	}
	return line
}

func (s *dashboardScreen) shown() {
	s.app.trace("screen", "dashboard")
	if s.period.SelectedIndex() < 0 {
		s.period.SetSelectedIndex(0)
		return
	}
	s.load()
}

func (s *dashboardScreen) load() {
	i := s.period.SelectedIndex()
	if i < 0 {
		return
	}
	from, to := s.periods[i][0], s.periods[i][1]
	s.loadGen++
	gen := s.loadGen
	inBackground(s.app, func() (report.NetworkFigures, error) {
		return report.Figures(context.Background(), s.app.store, from, to)
	}, func(f report.NetworkFigures, err error) {
		if gen != s.loadGen {
			return
		}
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.message.clear()
		s.show(f)
	})
}

func (s *dashboardScreen) show(f report.NetworkFigures) {
	s.figures = f
	headline, meaning := distinctPersonsText(f)
	s.unique.SetText(headline)
	s.uniqueMeaning.SetText(meaning)
	s.totals.SetText(lang.L("Registrations: {{.N}} (each association's distinct persons, added up).", map[string]any{"N": f.Registrations}) + "\n" +
		lang.L("Households served: {{.Households}} · persons served: {{.Persons}} · visits: {{.Visits}} · weight: {{.Weight}} kg · reports: {{.Reports}} received, {{.Missing}} missing",
			map[string]any{"Households": f.HouseholdsServed, "Persons": f.PersonsServed, "Visits": f.Visits,
				"Weight": frenchDecimal(f.WeightKg), "Reports": f.Reports, "Missing": f.Missing}))
	var mismatched []string
	for _, a := range f.Associations {
		if a.KeyFingerprintMismatch {
			mismatched = append(mismatched, a.Name)
		}
	}
	if len(mismatched) > 0 {
		s.warnings.show(messageWarning, lang.L("Not the same network passphrase as the others: {{.Names}}. Their persons are left out of the distinct count until they type the agreed phrase.",
			map[string]any{"Names": strings.Join(mismatched, ", ")}))
	} else {
		s.warnings.clear()
	}
	var ages []string
	for _, band := range report.AgeBands {
		if n := f.AgeBands[band]; n > 0 {
			ages = append(ages, categoryLabel(report.MarginAge, band)+" : "+fmt.Sprint(n))
		}
	}
	s.ages.SetText(lang.L("Ages: {{.Ages}}", map[string]any{"Ages": strings.Join(ages, " · ")}))
	labels, values := make([]string, len(f.Trend)), make([]int, len(f.Trend))
	for i, p := range f.Trend {
		labels[i] = monthShort(p.Month)
		values[i] = p.PersonsServed
	}
	s.chart.set(labels, values)
	s.rows.RemoveAll()
	for _, a := range f.Associations {
		detail := widget.NewLabel(associationLine(a))
		detail.Wrapping = fyne.TextWrapWord
		s.rows.Add(container.NewVBox(heading(a.Name), detail))
	}
}

func (s *dashboardScreen) export(xlsx bool) {
	f := s.figures
	name := "entraide-reseau-" + f.From
	if f.To != f.From {
		name += "-" + f.To
	}
	format := "csv"
	if xlsx {
		format = "xlsx"
	}
	name += "." + format
	actor := s.app.recorder()
	inBackground(s.app, func() ([]byte, error) {
		return report.ExportFigures(context.Background(), s.app.store, f, format, actor)
	}, func(data []byte, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.app.saveFileSaying(s.message, name, data, func(path string) string {
			return lang.L("Figures saved in {{.Path}}.", map[string]any{"Path": path})
		})
	})
}

// distinctPersonsText is the network's headline figure and, in one sentence, what it means.
func distinctPersonsText(f report.NetworkFigures) (headline, meaning string) {
	d := f.DistinctPersons
	number := func(n int) string { return frenchDecimal(float64(n)) }
	headline = lang.L("About {{.N}} distinct persons helped.", map[string]any{"N": number(d.Estimate)})
	text := lang.L("Each person is counted once even if they go to several associations; between {{.Low}} and {{.High}} given the estimate's margin.",
		map[string]any{"Low": number(d.Low), "High": number(d.High)})
	switch {
	case d.Method == report.ByBirthDate:
		text += " " + lang.L("{{.N}} persons without a full birth date are counted apart: {{.Old}} reports come from an older Entraide; ask those associations to send these months again.",
			map[string]any{"N": d.NotSketched, "Old": d.OldReports})
	case d.NotSketchedHigh > 0:
		text += " " + lang.L("{{.N}} persons without a birth year cannot be matched and are counted once per association.", map[string]any{"N": d.NotSketched})
	}
	return headline, text
}
