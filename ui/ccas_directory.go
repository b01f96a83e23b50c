package ui

import (
	"context"
	"encoding/json"
	"strings"

	"entraide/storage"
	"entraide/sync/bulletin"
	"entraide/sync/directory"
	"entraide/sync/printout"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ccasDirectoryScreen gathers the listings, lets the CCAS type entries for associations
// without Entraide, publishes the signed directory and exports it for the web and print.
type ccasDirectoryScreen struct {
	app     *App
	content fyne.CanvasObject

	directory directory.Directory
	changes   map[string][]string
	list      *widget.List
	editing   string // id of the CCAS entry in the form; "" for a new one
	form      *listingForm
	formBox   *fyne.Container
	status    *widget.Label
	message   *messageBox
}

func newCCASDirectoryScreen(a *App) *ccasDirectoryScreen {
	s := &ccasDirectoryScreen{app: a, form: newListingForm(a), status: widget.NewLabel(""), message: newMessageBox()}
	s.status.Wrapping = fyne.TextWrapWord
	s.list = widget.NewList(func() int { return len(s.directory.Entries) }, resultRow,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(s.directory.Entries) {
				return
			}
			e := s.directory.Entries[id]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(e.Listing.Name)
			box.Objects[1].(*widget.Label).SetText(entryDetail(e, s.changes[e.ID]))
		})
	s.list.OnSelected = func(id widget.ListItemID) {
		if id < len(s.directory.Entries) && s.directory.Entries[id].Source == directory.SourceCCAS {
			s.edit(s.directory.Entries[id])
		}
	}
	publish := newButton(lang.L("Publish the directory…"), theme.MailSendIcon(), s.publish)
	publish.Importance = widget.HighImportance
	add := newButton(lang.L("Type an association without Entraide"), theme.ContentAddIcon(), func() {
		s.edit(directory.Entry{Listing: storage.Listing{Languages: []string{"fr"}}})
	})
	export := func(label, format string) *button {
		return newButton(label, theme.DocumentSaveIcon(), func() { s.export(format) })
	}
	save := newButton(lang.L("Save this entry"), theme.DocumentSaveIcon(), s.saveEntry)
	s.formBox = container.NewBorder(nil, container.NewHBox(save), nil, nil, container.NewVScroll(s.form.content))
	s.formBox.Hide()
	top := container.NewVBox(heading(lang.L("Network directory")), s.status, s.message.content,
		container.NewHBox(publish, add),
		container.NewHBox(export(lang.L("HSDS (web)…"), "hsds"), export(lang.L("data·inclusion…"), "data-inclusion"),
			export(lang.L("Guide (HTML)…"), "html"), export(lang.L("Guide (PDF)…"), "pdf")))
	split := container.NewHSplit(s.list, s.formBox)
	split.Offset = 0.4
	s.content = container.NewBorder(top, nil, nil, nil, split)
	return s
}

func entryDetail(e directory.Entry, changed []string) string {
	parts := []string{}
	if e.Source == directory.SourceCCAS {
		parts = append(parts, lang.L("typed by the CCAS"))
	} else {
		parts = append(parts, lang.L("sent by the association"))
	}
	switch {
	case len(changed) == 1 && changed[0] == "new":
		parts = append(parts, lang.L("NEW since the last published directory"))
	case len(changed) > 0:
		labels := make([]string, len(changed))
		for i, field := range changed {
			labels[i] = listingPartLabel(field)
		}
		parts = append(parts, lang.L("CHANGED: {{.Parts}}", map[string]any{"Parts": strings.Join(labels, ", ")}))
	}
	return strings.Join(parts, " · ")
}

func (s *ccasDirectoryScreen) shown() { s.load() }

func (s *ccasDirectoryScreen) load() {
	type result struct {
		d       directory.Directory
		changes map[string][]string
		last    storage.PublishedDirectory
	}
	inBackground(s.app, func() (result, error) {
		ctx := context.Background()
		d, err := directory.Current(ctx, s.app.store)
		if err != nil {
			return result{}, err
		}
		changes, err := directory.EntryChanges(ctx, s.app.store, d)
		if err != nil {
			return result{}, err
		}
		last, err := s.app.store.LastPublishedDirectory(ctx)
		return result{d, changes, last}, err
	}, func(r result, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.directory, s.changes = r.d, r.changes
		s.directory.Version, s.directory.PublishedAt = r.last.Version, r.last.PublishedAt
		if r.last.Version == 0 {
			s.status.SetText(lang.L("Not published yet. {{.N}} entries.", map[string]any{"N": len(r.d.Entries)}))
		} else {
			s.status.SetText(lang.L("Last published: version {{.Version}} of {{.Date}}. {{.N}} entries, {{.Changed}} new or changed since.",
				map[string]any{"Version": r.last.Version, "Date": storage.DateOf(r.last.PublishedAt).French(),
					"N": len(r.d.Entries), "Changed": len(r.changes)}))
		}
		s.list.UnselectAll()
		s.list.Refresh()
	})
}

func (s *ccasDirectoryScreen) edit(e directory.Entry) {
	s.editing = e.ID
	s.form.set(e.Listing)
	s.formBox.Show()
	s.app.win.Canvas().Focus(s.form.name)
}

func (s *ccasDirectoryScreen) saveEntry() {
	l, err := s.form.get()
	if err != nil {
		s.message.show(messageError, err.Error())
		return
	}
	l.CheckedOn = s.app.store.Today()
	id := s.editing
	inBackground(s.app, func() (string, error) {
		return directory.SaveEntry(context.Background(), s.app.store, id, l)
	}, func(newID string, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.editing = newID
		s.message.show(messageSuccess, lang.L("Entry saved; it appears in the next published directory."))
		s.load()
	})
}

func (s *ccasDirectoryScreen) publish() {
	inBackground(s.app, func() ([]byte, error) {
		file, _, err := bulletin.Publish(context.Background(), s.app.store)
		return file, err
	}, func(file []byte, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		var env struct {
			Payload directory.Directory `json:"payload"`
		}
		_ = json.Unmarshal(file, &env)
		s.load()
		s.app.saveFileSaying(s.message, directory.FileName(env.Payload), file, func(path string) string {
			return lang.L("Directory version {{.Version}} saved in {{.Path}}. Send it to every association.",
				map[string]any{"Version": env.Payload.Version, "Path": path})
		})
	})
}

// export writes the directory as it stands for the web (HSDS, data·inclusion) or print.
func (s *ccasDirectoryScreen) export(format string) {
	d := s.directory
	var data []byte
	var err error
	name := "annuaire"
	switch format {
	case "hsds":
		data, err = json.MarshalIndent(directory.HSDSOrganizations(d), "", "  ")
		name += "-hsds.json"
	case "data-inclusion":
		data, err = json.MarshalIndent(directory.DataInclusionExport(d, s.app.store.Now()), "", "  ")
		name += "-data-inclusion.json"
	case "html":
		data, err = printout.GuideHTML(d)
		name = "guide-aide-alimentaire.html"
	case "pdf":
		data, err = printout.GuidePDF(d)
		name = "guide-aide-alimentaire.pdf"
	}
	if err != nil {
		s.message.show(messageError, describeError(err))
		return
	}
	s.app.saveFileSaying(s.message, name, data, func(path string) string {
		return lang.L("Figures saved in {{.Path}}.", map[string]any{"Path": path})
	})
}
