package ui

import (
	"time"

	"fyne.io/fyne/v2"
)

// keypadWait is how long a digit key may go without its character before it is taken
// for a numeric keypad with Num Lock off (which sends the key and no character).
const keypadWait = 40 * time.Millisecond

// checkInField is the check-in search field. Every key goes through the screen: while a
// household loads, keys wait in a queue and are replayed in order once it shows, so that
// nothing typed or scanned is lost or applied to the wrong household.
type checkInField struct {
	keyEntry
	screen *checkInScreen
	onUndo func()
	// keypadDigit is a digit key whose character has not come (yet); 0 when none.
	keypadDigit fyne.KeyName
}

func newCheckInField(s *checkInScreen) *checkInField {
	f := &checkInField{screen: s}
	f.ExtendBaseWidget(f)
	return f
}

// setTextUnselected replaces the text and drops any selection: Fyne keeps a selection
// across SetText, and the next character typed would then erase the one before it.
func (f *checkInField) setTextUnselected(text string) {
	f.SetText(text)
	f.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
}

func (f *checkInField) TypedRune(r rune) {
	f.keypadDigit = "" // the digit key's own character came: not a keypad without Num Lock
	f.gate(func() { f.Entry.TypedRune(r) }, true)
}

func (f *checkInField) TypedKey(key *fyne.KeyEvent) {
	f.flushKeypad()
	if digit := keyDigit(key.Name); digit != 0 {
		// A character normally follows; if none comes, the keypad's Num Lock is off.
		f.keypadDigit = key.Name
		f.screen.app.worker.after(keypadWait, func() {
			if f.keypadDigit == key.Name {
				f.flushKeypad()
			}
		})
		return
	}
	if key.Name == fyne.KeyReturn || key.Name == fyne.KeyEnter {
		f.screen.app.trace("key", "Return") // when it came, for the latency figures
	}
	f.gate(func() { f.keyEntry.TypedKey(key) }, false)
}

// flushKeypad types the digit of a keypad key that came without its character.
func (f *checkInField) flushKeypad() {
	if f.keypadDigit == "" {
		return
	}
	r := keyDigit(f.keypadDigit)
	f.keypadDigit = ""
	f.gate(func() { f.Entry.TypedRune(r) }, true)
}

// TypedShortcut makes Ctrl+Z undo the last check-in, as the button says, instead of the
// field's last keystroke; Ctrl+N and the other shortcuts reach the window's menu first.
func (f *checkInField) TypedShortcut(sc fyne.Shortcut) {
	if _, undo := sc.(*fyne.ShortcutUndo); undo && f.onUndo != nil {
		f.flushKeypad()
		f.gate(f.onUndo, false)
		return
	}
	f.Entry.TypedShortcut(sc)
}

// gate runs key now, or queues it while it must wait its turn (text tells a character
// from Enter, the arrows and the others).
func (f *checkInField) gate(key func(), text bool) {
	if f.screen.mustWait(text) {
		f.screen.later(key, text)
		return
	}
	key()
}

func keyDigit(name fyne.KeyName) rune {
	if len(name) == 1 && name[0] >= '0' && name[0] <= '9' {
		return rune(name[0])
	}
	return 0
}
