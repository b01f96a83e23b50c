package ui

import (
	"context"
	"errors"

	"entraide/storage"
	"entraide/sync/envelope"
	"entraide/sync/report"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// reportScreen makes the month's report for the CCAS: pick a month, read exactly what
// will be sent, save the signed file.
type reportScreen struct {
	app     *App
	content fyne.CanvasObject

	months     []string
	month      *widget.Select
	status     *widget.Label
	lines      []string
	preview    *widget.List
	saveButton *button
	message    *messageBox

	file    []byte
	report  report.Report
	loadGen int
}

func newReportScreen(a *App) *reportScreen {
	s := &reportScreen{app: a, message: newMessageBox(), status: widget.NewLabel("")}
	s.status.Wrapping = fyne.TextWrapWord
	s.months = recentMonths(a.store.Today(), 12)
	labels := make([]string, len(s.months))
	for i, m := range s.months {
		labels[i] = monthLabel(m)
	}
	s.month = newSelect(labels, func(string) { s.load() })
	s.preview = widget.NewList(func() int { return len(s.lines) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.lines[id]) })
	s.saveButton = newButton(lang.L("Save the signed report…"), theme.DocumentSaveIcon(), s.askWhereToSave)
	s.saveButton.Importance = widget.HighImportance
	s.saveButton.Disable()
	top := container.NewVBox(heading(lang.L("Monthly report for the CCAS")), s.status,
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("Month:")), nil, s.month),
		s.message.content, heading(lang.L("Exactly what the file holds:")))
	s.content = container.NewBorder(top, container.NewHBox(s.saveButton), nil, nil, s.preview)
	return s
}

func (s *reportScreen) selectedMonth() string {
	if i := s.month.SelectedIndex(); i >= 0 {
		return s.months[i]
	}
	return ""
}

func (s *reportScreen) shown() {
	if s.month.SelectedIndex() < 0 {
		s.month.SetSelectedIndex(0) // last month, which loads it
		return
	}
	s.load()
}

// load computes the month's report in the background.
func (s *reportScreen) load() {
	month := s.selectedMonth()
	if month == "" {
		return
	}
	s.loadGen++
	gen := s.loadGen
	s.saveButton.Disable()
	type result struct {
		file   []byte
		report report.Report
		saved  bool
	}
	inBackground(s.app, func() (result, error) {
		ctx := context.Background()
		file, r, err := report.MonthlyReport(ctx, s.app.store, month)
		if err != nil {
			return result{}, err
		}
		saved, err := s.app.store.ReportSaved(ctx, month)
		return result{file, r, saved}, err
	}, func(r result, err error) {
		if gen != s.loadGen {
			return
		}
		if err != nil {
			s.lines = nil
			s.preview.Refresh()
			s.status.SetText("")
			s.message.show(messageError, describeNetworkError(err))
			return
		}
		s.file, s.report = r.file, r.report
		s.lines = reportLines(r.report)
		s.preview.Refresh()
		s.message.clear()
		s.status.SetText(lang.L("Counts only: no name, birth date, address, phone, card number or note leaves this computer. Small counts are sent as “fewer than {{.K}}”.",
			map[string]any{"K": r.report.SmallCellK}))
		if r.saved {
			s.message.show(messageInfo, lang.L("The report of {{.Month}} was already saved; saving it again makes a newer one, which replaces it at the CCAS.",
				map[string]any{"Month": monthLabel(month)}))
		}
		s.saveButton.Enable()
	})
}

func (s *reportScreen) askWhereToSave() {
	if s.file == nil {
		return
	}
	s.app.saveFile(report.FileName(s.report.AssociationName, s.report.Month), s.file, s.saved)
}

// saved notes the report as sent, once its file is written.
func (s *reportScreen) saved(path string, err error) {
	if err != nil {
		s.message.show(messageError, fileWriteError(err))
		return
	}
	month := s.report.Month
	inBackground(s.app, func() (struct{}, error) {
		return struct{}{}, s.app.store.RecordSentReport(context.Background(), month, path)
	}, func(_ struct{}, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.message.show(messageSuccess, lang.L("Report saved in {{.Path}}. Send this file to the CCAS (USB key or e-mail).",
			map[string]any{"Path": path}))
		s.app.checkIn.refreshReminder()
	})
}

// describeNetworkError explains the errors of network files and reports.
func describeNetworkError(err error) string {
	var re *envelope.RefusedError
	switch {
	case errors.As(err, &re):
		return refusalText(re.Reason)
	case errors.Is(err, storage.ErrNotJoined):
		return lang.L("This association has not joined the CCAS network yet: import the invitation the CCAS sent (Settings, Network).")
	case errors.Is(err, report.ErrMonthNotOver):
		return lang.L("This month is not over yet: its report can be made from the first day of next month.")
	case errors.Is(err, storage.ErrBeforeJoined):
		return lang.L("This month is before the association joined the network: the CCAS does not take its report.")
	}
	return describeError(err)
}

// refusalText says in plain French why a file was refused.
func refusalText(r envelope.Reason) string {
	switch r {
	case envelope.ReasonNotEntraide:
		return lang.L("This is not an Entraide file.")
	case envelope.ReasonMalformed:
		return lang.L("The file is damaged or incomplete: ask for it again.")
	case envelope.ReasonNewerVersion:
		return lang.L("The file comes from a newer Entraide: update Entraide.")
	case envelope.ReasonBadSignature:
		return lang.L("The signature does not match: the file was changed after it was signed. Ask for it again.")
	case envelope.ReasonWrongFormat:
		return lang.L("This Entraide file is not of the expected kind (an invitation instead of a report, or the reverse).")
	case envelope.ReasonOtherNetwork:
		return lang.L("The file belongs to another network.")
	case envelope.ReasonUnknownAssociation:
		return lang.L("This association is not in the network: invite it first.")
	case envelope.ReasonKeyMismatch:
		return lang.L("The file is signed by another computer than the association's usual one. If it changed computer, invite it again.")
	case envelope.ReasonFutureMonth:
		return lang.L("The report is for a month that is not over yet.")
	case envelope.ReasonBeforeJoined:
		return lang.L("The report is for a month before the association joined the network.")
	case envelope.ReasonWrongInstallation:
		return lang.L("This file is not meant for this kind of installation (association or CCAS).")
	case envelope.ReasonUnreadable:
		return lang.L("The file cannot be read: check the USB key or the folder.")
	}
	return string(r)
}
