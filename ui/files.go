package ui

import (
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fstorage "fyne.io/fyne/v2/storage"
)

// saveFile asks where to save a file, suggesting name, and writes data there.
// done gets the path written, or the error; nothing happens if the volunteer cancels.
func (a *App) saveFile(name string, data []byte, done func(path string, err error)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			if err != nil {
				done("", err)
			}
			return
		}
		_, err = w.Write(data)
		if closeErr := w.Close(); err == nil {
			err = closeErr
		}
		done(w.URI().Path(), err)
	}, a.win)
	d.SetFileName(name)
	if home, err := os.UserHomeDir(); err == nil {
		if dir, err := fstorage.ListerForURI(fstorage.NewFileURI(home)); err == nil {
			d.SetLocation(dir)
		}
	}
	d.Resize(a.win.Canvas().Size())
	d.Show()
}

// openFile asks for a .json file and reads it.
func (a *App) openFile(done func(path string, data []byte, err error)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			if err != nil {
				done("", nil, err)
			}
			return
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, 8<<20))
		done(r.URI().Path(), data, err)
	}, a.win)
	d.SetFilter(fstorage.NewExtensionFileFilter([]string{".json", ".JSON"}))
	d.Resize(a.win.Canvas().Size())
	d.Show()
}

// openFolder asks for a folder.
func (a *App) openFolder(done func(path string)) {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err == nil && l != nil {
			done(filepath.Clean(l.Path()))
		}
	}, a.win)
	d.Resize(a.win.Canvas().Size())
	d.Show()
}

// saveFileSaying saves a file through saveFile and tells the outcome in m: the plain
// sentence for a write error, or done's own message once written.
func (a *App) saveFileSaying(m *messageBox, name string, data []byte, done func(path string) string) {
	a.saveFile(name, data, func(path string, err error) {
		if err != nil {
			m.show(messageError, fileWriteError(err))
			return
		}
		if text := done(path); text != "" {
			m.show(messageSuccess, text)
		}
	})
}

func fileWriteError(err error) string {
	return lang.L("The file could not be written: {{.Err}}. Choose another place (a USB key, the Documents folder).",
		map[string]any{"Err": err.Error()})
}

// openAnyFile asks for a file (a backup) and gives its path.
func (a *App) openAnyFile(done func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err == nil && r != nil {
			r.Close()
			done(r.URI().Path())
		}
	}, a.win)
	d.Resize(a.win.Canvas().Size())
	d.Show()
}
