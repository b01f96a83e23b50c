package ui

import (
	"context"

	"entraide/storage"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// accountsSection lists the accounts, adds and closes them; both kinds of installation
// show it in their settings.
type accountsSection struct {
	app     *App
	message *messageBox
	content fyne.CanvasObject
	box     *fyne.Container
	name    *widget.Entry
	roles   choice[string]
	role    *widget.Select
	pin     *widget.Entry
}

func newAccountsSection(a *App, message *messageBox, roles []string, help string) *accountsSection {
	s := &accountsSection{app: a, message: message, box: container.NewVBox(), name: widget.NewEntry(),
		pin: widget.NewPasswordEntry(), roles: newChoice(roles, roleLabel)}
	s.name.SetPlaceHolder(lang.L("First name"))
	s.pin.SetPlaceHolder(lang.L("PIN (at least 4 digits)"))
	s.role = newSelect(s.roles.labels, nil)
	s.role.SetSelectedIndex(0)
	add := newButton(lang.L("Add the account"), theme.ContentAddIcon(), s.add)
	s.pin.OnSubmitted = func(string) { s.add() }
	helpLabel := widget.NewLabel(help)
	helpLabel.Wrapping = fyne.TextWrapWord
	s.content = container.NewVBox(heading(lang.L("Accounts")), helpLabel, s.box,
		container.NewBorder(nil, nil, nil, add, container.NewGridWithColumns(3, s.name, s.role, s.pin)))
	return s
}

func roleLabel(role string) string {
	switch role {
	case storage.RoleManager:
		return lang.L("Manager")
	case storage.RoleCoordinator:
		return lang.L("Coordinator")
	}
	return lang.L("Volunteer")
}

// fill lists the accounts, each with a button to close it.
func (s *accountsSection) fill() {
	inBackground(s.app, func() ([]storage.User, error) {
		return s.app.store.Users(context.Background())
	}, func(users []storage.User, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.box.RemoveAll()
		if len(users) == 0 {
			s.box.Add(widget.NewLabel(lang.L("No accounts: anyone at this computer can do everything.")))
		}
		for _, u := range users {
			id := u.ID
			disable := newButton(lang.L("Close this account"), theme.DeleteIcon(), func() { s.disable(id) })
			if me, ok := s.app.store.SessionUser(); ok && me.ID == id {
				disable.Disable() // one does not lock oneself out
			}
			s.box.Add(container.NewBorder(nil, nil, nil, disable, widget.NewLabel(u.Name+" — "+roleLabel(u.Role))))
		}
	})
}

func (s *accountsSection) disable(id string) {
	inBackground(s.app, func() (struct{}, error) {
		return struct{}{}, s.app.store.DisableUser(context.Background(), id)
	}, func(_ struct{}, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.message.show(messageSuccess, lang.L("Account closed."))
		s.fill()
	})
}

func (s *accountsSection) add() {
	name, pin, role := s.name.Text, s.pin.Text, s.roles.value(s.role.Selected)
	inBackground(s.app, func() (storage.User, error) {
		return s.app.store.AddUser(context.Background(), name, role, pin)
	}, func(_ storage.User, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.name.SetText("")
		s.pin.SetText("")
		s.message.show(messageSuccess, lang.L("Account added. From the next start, or after Lock, everyone logs in."))
		s.fill()
	})
}
