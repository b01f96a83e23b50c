package ui

import (
	"context"
	"errors"
	"image/color"
	"time"

	"entraide/storage"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// IdleLock is how long without a key pressed before the window locks itself.
const IdleLock = 10 * time.Minute

// loginScreen: pick your name, type your PIN, Enter.
type loginScreen struct {
	app     *App
	content fyne.CanvasObject
	users   []storage.User
	names   *widget.Select
	pin     *widget.Entry
	message *messageBox
}

func newLoginScreen(a *App, users []storage.User) *loginScreen {
	s := &loginScreen{app: a, users: users, pin: widget.NewPasswordEntry(), message: newMessageBox()}
	names := make([]string, len(users))
	for i, u := range users {
		names[i] = u.Name
	}
	s.names = newSelect(names, func(string) { a.win.Canvas().Focus(s.pin) })
	s.names.PlaceHolder = lang.L("Choose your name")
	s.pin.SetPlaceHolder(lang.L("Your PIN, then Enter"))
	s.pin.OnSubmitted = func(string) { s.submit() }
	enter := newButton(lang.L("Enter"), theme.LoginIcon(), s.submit)
	enter.Importance = widget.HighImportance
	// Wide enough for the whole hint and for long names, at any text size.
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(28*theme.TextSize(), 0))
	s.content = container.NewCenter(container.NewStack(width, container.NewVBox(
		heading(lang.L("Who is at the desk?")), s.names, s.pin, s.message.content, container.NewHBox(enter))))
	return s
}

func (s *loginScreen) focus() {
	if len(s.users) == 1 {
		s.names.SetSelectedIndex(0)
	}
	if s.names.SelectedIndex() >= 0 {
		s.app.win.Canvas().Focus(s.pin)
	} else {
		s.app.win.Canvas().Focus(s.names)
	}
}

func (s *loginScreen) submit() {
	i := s.names.SelectedIndex()
	if i < 0 {
		s.message.show(messageInfo, lang.L("Choose your name first."))
		return
	}
	id, pin := s.users[i].ID, s.pin.Text
	inBackground(s.app, func() (storage.User, error) {
		return s.app.store.Authenticate(context.Background(), id, pin)
	}, func(u storage.User, err error) {
		var wait *storage.TooManyAttemptsError
		switch {
		case errors.As(err, &wait):
			s.message.show(messageError, lang.L("Too many wrong PINs: wait {{.Seconds}} seconds, then try again.",
				map[string]any{"Seconds": int(wait.Wait.Seconds()) + 1}))
		case errors.Is(err, storage.ErrBadSecret):
			s.message.show(messageError, lang.L("Wrong PIN. Try again; after three mistakes you will have to wait a little."))
			s.pin.SetText("")
		case err != nil:
			s.message.show(messageError, describeError(err))
		default:
			s.app.touch()
			s.app.showMain()
		}
	})
}

// showLogin locks the window: whoever comes must log in; nothing typed is kept.
func (a *App) showLogin() {
	users, err := a.store.Users(context.Background())
	if err != nil {
		a.win.SetContent(errorScreen(describeError(err)))
		return
	}
	a.store.EndSession()
	a.win.SetMainMenu(nil)
	a.login = newLoginScreen(a, users)
	a.win.SetContent(a.login.content)
	a.login.focus()
}

// touch notes activity, which keeps the window unlocked.
func (a *App) touch() { a.lastActivity = time.Now() }

// WatchIdle locks the window after IdleLock without a key pressed (the program calls it
// once; tests lock by hand).
func (a *App) WatchIdle() {
	if dc, ok := a.win.Canvas().(desktop.Canvas); ok {
		dc.SetOnKeyDown(func(*fyne.KeyEvent) { a.touch() })
	}
	a.touch()
	var check func()
	check = func() {
		if _, ok := a.store.SessionUser(); ok && time.Since(a.lastActivity) > a.idleLock {
			a.showLogin()
		}
		a.worker.after(30*time.Second, check)
	}
	a.worker.after(30*time.Second, check)
	a.followFocus()
}

// can tells whether the user logged in may use a manager's screen: the store's own rule
// (without accounts, everyone can).
func (a *App) can(managerOnly bool) bool {
	return !managerOnly || a.store.RequireManager("opening a manager's screen") == nil
}

// recorder is who records a distribution: the user logged in, else the name set for the computer.
func (a *App) recorder() string {
	if u, ok := a.store.SessionUser(); ok {
		return u.Name
	}
	return a.fyne.Preferences().String(prefRecorder)
}
