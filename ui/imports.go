package ui

import (
	"context"
	"path/filepath"

	"entraide/sync/envelope"
	"entraide/sync/exchange"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// importScreen imports the associations' report files, one or a whole folder, and shows
// a verdict for each.
type importScreen struct {
	app     *App
	content fyne.CanvasObject

	progress *widget.ProgressBar
	summary  *widget.Label
	list     *widget.List
	verdicts []exchange.Verdict
	buttons  []*button
}

func newImportScreen(a *App) *importScreen {
	s := &importScreen{app: a, progress: widget.NewProgressBar(), summary: widget.NewLabel("")}
	s.summary.Wrapping = fyne.TextWrapWord
	s.progress.Hide()
	file := newButton(lang.L("Import a file…"), theme.FileIcon(), func() {
		a.openFile(func(path string, _ []byte, err error) {
			if err == nil {
				s.importPaths([]string{path})
			}
		})
	})
	folder := newButton(lang.L("Import a whole folder…"), theme.FolderOpenIcon(), func() {
		a.openFolder(func(path string) { s.importPaths([]string{path}) })
	})
	folder.Importance = widget.HighImportance
	s.buttons = []*button{file, folder}
	s.list = widget.NewList(func() int { return len(s.verdicts) }, resultRow,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(s.verdicts) {
				return
			}
			box := o.(*fyne.Container)
			title, detail := verdictText(s.verdicts[id])
			box.Objects[0].(*widget.Label).SetText(title)
			box.Objects[1].(*widget.Label).SetText(detail)
		})
	help := widget.NewLabel(lang.L("Each file is checked (signature, association, month, version) before anything is kept. A file imported twice changes nothing."))
	help.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(heading(lang.L("Import the monthly reports")), help, container.NewHBox(folder, file),
		s.progress, s.summary)
	s.content = container.NewBorder(top, nil, nil, nil, s.list)
	return s
}

func (s *importScreen) shown() {}

func verdictText(v exchange.Verdict) (string, string) {
	name := filepath.Base(v.File)
	what := ""
	if v.Association != "" {
		what = v.Association + ", " + monthLabel(v.Month) + " — "
	}
	if !v.Accepted {
		return "✘ " + lang.L("Refused") + " — " + name, what + refusalText(v.Code)
	}
	return "✔ " + lang.L("Accepted") + " — " + name, what + outcomeLabel(v)
}

func outcomeLabel(v exchange.Verdict) string {
	switch v.Outcome {
	case "new":
		return lang.L("imported")
	case "replaced":
		return lang.L("imported; replaces the older report of that month (kept in history)")
	case "history":
		return lang.L("older than the report held for that month: kept in history only")
	case "duplicate":
		return lang.L("already imported: nothing changed")
	}
	return v.Reason
}

// importPaths imports files and folders in the background, with a progress bar.
func (s *importScreen) importPaths(paths []string) {
	files, err := exchange.ReportFiles(paths)
	if err != nil {
		s.summary.SetText(refusalText(envelope.ReasonUnreadable))
		return
	}
	for _, b := range s.buttons {
		b.Disable()
	}
	s.progress.SetValue(0)
	s.progress.Show()
	inBackground(s.app, func() ([]exchange.Verdict, error) {
		return exchange.ImportFiles(context.Background(), s.app.store, files, func(done, total int) {
			s.app.worker.ui(func() { s.progress.SetValue(float64(done) / float64(total)) })
		}), nil
	}, func(verdicts []exchange.Verdict, _ error) {
		for _, b := range s.buttons {
			b.Enable()
		}
		s.progress.Hide()
		s.verdicts = verdicts
		s.list.Refresh()
		accepted := 0
		for _, v := range verdicts {
			if v.Accepted {
				accepted++
			}
		}
		s.summary.SetText(lang.L("{{.Accepted}} file(s) accepted, {{.Refused}} refused, out of {{.Total}}.",
			map[string]any{"Accepted": accepted, "Refused": len(verdicts) - accepted, "Total": len(verdicts)}))
	})
}
