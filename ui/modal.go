package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// modal is a dialog without Fyne's default buttons: the content brings its own, so that
// Enter and Escape do what the dialog says.
type modal struct {
	popUp *widget.PopUp
}

func newModal(win fyne.Window, title string, content fyne.CanvasObject) *modal {
	box := container.NewPadded(container.NewVBox(heading(title), widget.NewSeparator(), content))
	p := widget.NewModalPopUp(box, win.Canvas())
	width := win.Canvas().Size().Width * 0.6
	if width < 500 {
		width = 500
	}
	p.Resize(fyne.NewSize(width, box.MinSize().Height))
	return &modal{popUp: p}
}

// newLargeModal is a dialog that fills most of the window, its content taking all the
// room under the title (a file window, a long list).
func newLargeModal(win fyne.Window, title string, content fyne.CanvasObject) *modal {
	box := container.NewPadded(container.NewBorder(container.NewVBox(heading(title), widget.NewSeparator()), nil, nil, nil, content))
	p := widget.NewModalPopUp(box, win.Canvas())
	size := win.Canvas().Size()
	p.Resize(fyne.NewSize(size.Width*0.92, size.Height*0.92))
	return &modal{popUp: p}
}

func (m *modal) Show() { m.popUp.Show() }
func (m *modal) Hide() { m.popUp.Hide() }

func trimmed(s string) string { return strings.TrimSpace(s) }
