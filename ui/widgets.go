package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// keyEntry is a one-line entry that also reports the arrow keys and Escape, so a list of
// results can be driven from the keyboard without leaving the field.
type keyEntry struct {
	widget.Entry
	onUp, onDown, onEscape func()
}

func newKeyEntry() *keyEntry {
	e := &keyEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *keyEntry) TypedKey(key *fyne.KeyEvent) {
	switch {
	case key.Name == fyne.KeyDown && e.onDown != nil:
		e.onDown()
	case key.Name == fyne.KeyUp && e.onUp != nil:
		e.onUp()
	case key.Name == fyne.KeyEscape && e.onEscape != nil:
		e.onEscape()
	default:
		e.Entry.TypedKey(key)
	}
}

// selectAll selects the whole text, so that the next thing typed (or scanned) replaces it.
func (e *keyEntry) selectAll() { e.TypedShortcut(&fyne.ShortcutSelectAll{}) }

// messageBox is a line of text for errors and confirmations, coloured by importance.
type messageBox struct {
	background *canvas.Rectangle
	text       *widget.Label
	content    *fyne.Container
	// onShow, if set, hears every message shown (to scroll it into view, to trace it).
	onShow func(kind messageKind, text string)
}

func newMessageBox() *messageBox {
	m := &messageBox{background: canvas.NewRectangle(color.Transparent), text: widget.NewLabel("")}
	m.text.Wrapping = fyne.TextWrapWord
	m.text.TextStyle.Bold = true
	m.content = container.NewStack(m.background, m.text)
	m.content.Hide()
	return m
}

type messageKind int

const (
	messageInfo messageKind = iota
	messageSuccess
	messageWarning
	messageError
)

func (m *messageBox) show(kind messageKind, text string) {
	if text == "" {
		m.clear()
		return
	}
	colours := map[messageKind]fyne.ThemeColorName{
		messageInfo: theme.ColorNameInputBackground, messageSuccess: theme.ColorNameSuccess,
		messageWarning: theme.ColorNameWarning, messageError: theme.ColorNameError,
	}
	c := theme.Color(colours[kind])
	if kind != messageInfo {
		r, g, b, _ := c.RGBA()
		c = color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x40}
	}
	m.background.FillColor = c
	m.background.Refresh()
	m.text.SetText(text)
	m.content.Show()
	if m.onShow != nil {
		m.onShow(kind, text)
	}
}

func (m *messageBox) clear() {
	m.text.SetText("")
	m.content.Hide()
}

// heading is a bold title line.
func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// wrappedLabel is a text that wraps at the width it is given instead of widening the
// screen past a small window.
func wrappedLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// reasonDialog asks why a rule is overridden; the reason is required. Enter confirms,
// Escape cancels. It calls done with the reason only when one was given, cancelled (if
// not nil) when the volunteer gives up.
func reasonDialog(win fyne.Window, title, explanation, confirmLabel string, done func(reason string), cancelled func()) {
	text := widget.NewLabel(explanation)
	text.Wrapping = fyne.TextWrapWord
	reason := newKeyEntry()
	reason.SetPlaceHolder(lang.L("Reason (required)"))
	problem := widget.NewLabel("")
	problem.Hide()
	confirm := newButton(confirmLabel, theme.ConfirmIcon(), nil)
	confirm.Importance = widget.HighImportance
	cancel := newButton(lang.L("Cancel"), theme.CancelIcon(), nil)
	content := container.NewVBox(text, widget.NewLabel(lang.L("To go on anyway, say why:")), reason, problem,
		container.NewHBox(cancel, confirm))
	dlg := newModal(win, title, content)
	submit := func() {
		if r := trimmed(reason.Text); r != "" {
			dlg.Hide()
			done(r)
			return
		}
		problem.SetText(lang.L("Type a reason first, then press Enter."))
		problem.Show()
		win.Canvas().Focus(reason)
	}
	confirm.OnTapped = submit
	reason.OnSubmitted = func(string) { submit() }
	giveUp := func() {
		dlg.Hide()
		if cancelled != nil {
			cancelled()
		}
	}
	cancel.OnTapped = giveUp
	reason.onEscape = giveUp
	reason.OnChanged = func(string) { problem.Hide() } // the error goes once the field is fixed
	dlg.Show()
	win.Canvas().Focus(reason)
}

// resultRow is the template of a list row: a bold title over a detail line, both cut
// with an ellipsis rather than overflowing.
func resultRow() fyne.CanvasObject {
	title, detail := heading(""), widget.NewLabel("")
	title.Truncation = fyne.TextTruncateEllipsis
	detail.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(title, detail)
}

// passphraseDialog asks for a passphrase (hidden); Enter confirms, Escape cancels.
func passphraseDialog(win fyne.Window, title, explanation, confirmLabel string, done func(passphrase string)) {
	text := widget.NewLabel(explanation)
	text.Wrapping = fyne.TextWrapWord
	phrase := widget.NewPasswordEntry()
	phrase.SetPlaceHolder(lang.L("Backup passphrase (at least 8 characters)"))
	confirm := newButton(confirmLabel, theme.ConfirmIcon(), nil)
	confirm.Importance = widget.HighImportance
	cancel := newButton(lang.L("Cancel"), theme.CancelIcon(), nil)
	dlg := newModal(win, title, container.NewVBox(text, phrase, container.NewHBox(cancel, confirm)))
	submit := func() {
		dlg.Hide()
		done(phrase.Text)
	}
	confirm.OnTapped = submit
	phrase.OnSubmitted = func(string) { submit() }
	cancel.OnTapped = dlg.Hide
	dlg.Show()
	win.Canvas().Focus(phrase)
}

// button is Fyne's button that Enter also presses, as volunteers expect of a focused
// button (Fyne's own answers only Space).
type button struct{ widget.Button }

func newButton(label string, icon fyne.Resource, tapped func()) *button {
	b := &button{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *button) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		if !b.Disabled() && b.OnTapped != nil {
			b.OnTapped()
		}
		return
	}
	b.Button.TypedKey(ev)
}

// newSelect is Fyne's select with a placeholder in the volunteer's language (Fyne's own
// reads "(Select one)" whatever the language).
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = lang.L("(Choose)")
	return s
}

// confirmDialog asks before something that cannot be undone. The keyboard starts on the
// button that does nothing, so that a stray Enter changes nothing.
func confirmDialog(win fyne.Window, title, explanation, confirmLabel string, done func()) {
	text := widget.NewLabel(explanation)
	text.Wrapping = fyne.TextWrapWord
	keep := newButton(lang.L("Do nothing"), theme.CancelIcon(), nil)
	confirm := newButton(confirmLabel, theme.ConfirmIcon(), nil)
	confirm.Importance = widget.DangerImportance
	dlg := newModal(win, title, container.NewVBox(text, container.NewHBox(keep, confirm)))
	keep.OnTapped = dlg.Hide
	confirm.OnTapped = func() {
		dlg.Hide()
		done()
	}
	dlg.Show()
	win.Canvas().Focus(keep)
}

// setTitleDetail fills a resultRow.
func setTitleDetail(o fyne.CanvasObject, title, detail string) {
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(title)
	box.Objects[1].(*widget.Label).SetText(detail)
}
