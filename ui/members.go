package ui

import (
	"context"
	"strings"

	"entraide/storage"
	"entraide/sync/exchange"
	"entraide/sync/report"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// membersScreen is the CCAS's list of the network's associations, and their invitations.
type membersScreen struct {
	app     *App
	content fyne.CanvasObject

	name     *widget.Entry
	list     *widget.List
	rows     []report.AssociationFigures
	selected int
	again    *button
	message  *messageBox
}

func newMembersScreen(a *App) *membersScreen {
	s := &membersScreen{app: a, name: widget.NewEntry(), message: newMessageBox(), selected: -1}
	s.name.SetPlaceHolder(lang.L("Name of the association to invite"))
	s.name.OnSubmitted = func(string) { s.askInvite(s.name.Text) }
	invite := newButton(lang.L("Make its invitation…"), theme.MailSendIcon(), func() { s.askInvite(s.name.Text) })
	invite.Importance = widget.HighImportance
	s.list = widget.NewList(func() int { return len(s.rows) }, resultRow,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(s.rows) {
				return
			}
			r := s.rows[id]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(r.Name + " — " + statusLabel(r.Status))
			box.Objects[1].(*widget.Label).SetText(memberDetail(r))
		})
	s.list.OnSelected = func(id widget.ListItemID) {
		s.selected = id
		s.again.Enable()
	}
	s.again = newButton(lang.L("Invite again (lost or new computer)…"), theme.ViewRefreshIcon(), func() {
		if s.selected >= 0 && s.selected < len(s.rows) {
			s.askInvite(s.rows[s.selected].Name)
		}
	})
	s.again.Disable()
	help := widget.NewLabel(lang.L("An invitation is a file: send it to the association (USB key or e-mail); it imports it in its Settings. Its first report then fixes its key."))
	help.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(heading(lang.L("Associations of the network")), help,
		container.NewBorder(nil, nil, nil, invite, s.name), s.message.content)
	s.content = container.NewBorder(top, container.NewHBox(s.again), nil, nil, s.list)
	return s
}

func statusLabel(status string) string {
	if status == storage.StatusActive {
		return lang.L("active")
	}
	return lang.L("invited, no report yet")
}

func memberDetail(r report.AssociationFigures) string {
	parts := []string{}
	if r.KeyFingerprint != "" {
		parts = append(parts, lang.L("key {{.FP}}", map[string]any{"FP": r.KeyFingerprint}))
	}
	if r.LastMonth != "" {
		parts = append(parts, lang.L("last report: {{.Month}}", map[string]any{"Month": monthLabel(r.LastMonth)}))
	}
	if len(r.MissingMonths) > 0 {
		missing := make([]string, len(r.MissingMonths))
		for i, m := range r.MissingMonths {
			missing[i] = monthLabel(m)
		}
		parts = append(parts, lang.L("missing: {{.Months}}", map[string]any{"Months": strings.Join(missing, ", ")}))
	}
	return strings.Join(parts, " · ")
}

func (s *membersScreen) shown() { s.load() }

// load reads the associations with their reports of the last twelve months.
func (s *membersScreen) load() {
	months := recentMonths(s.app.store.Today(), 12)
	inBackground(s.app, func() (report.NetworkFigures, error) {
		return report.Figures(context.Background(), s.app.store, months[len(months)-1], months[0])
	}, func(f report.NetworkFigures, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.rows = f.Associations
		s.selected = -1
		s.again.Disable()
		s.list.UnselectAll()
		s.list.Refresh()
	})
}

// askInvite makes the invitation, then asks where to save it.
func (s *membersScreen) askInvite(name string) {
	s.invite(name, func(file []byte, m storage.MemberAssociation) {
		s.app.saveFile(exchange.InvitationFileName(m.Name), file, func(path string, err error) { s.saved(m, path, err) })
	})
}

func (s *membersScreen) invite(name string, then func([]byte, storage.MemberAssociation)) {
	if trimmed(name) == "" {
		s.message.show(messageError, lang.L("Type the association's name first."))
		s.app.win.Canvas().Focus(s.name)
		return
	}
	type result struct {
		file   []byte
		member storage.MemberAssociation
	}
	inBackground(s.app, func() (result, error) {
		file, m, err := exchange.Invite(context.Background(), s.app.store, name, "")
		return result{file, m}, err
	}, func(r result, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.name.SetText("")
		s.load()
		then(r.file, r.member)
	})
}

func (s *membersScreen) saved(m storage.MemberAssociation, path string, err error) {
	if err != nil {
		s.message.show(messageError, fileWriteError(err))
		return
	}
	s.message.show(messageSuccess, lang.L("Invitation of {{.Name}} saved in {{.Path}}. Send it to the association.",
		map[string]any{"Name": m.Name, "Path": path}))
}
