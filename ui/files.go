package ui

import (
	"fmt"
	"io"
	"os"

	"fyne.io/fyne/v2/lang"
)

// saveFile asks where to save a file, suggesting name, and writes data there.
// done gets the path written, or the error; nothing happens if the volunteer cancels.
func (a *App) saveFile(name string, data []byte, done func(path string, err error)) {
	a.chooseFile(chooseSave, lang.L("Save a file"), name, nil, func(path string) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			done("", err)
			return
		}
		done(path, nil)
	})
}

// openFile asks for a .json file and reads it.
func (a *App) openFile(done func(path string, data []byte, err error)) {
	a.chooseFile(chooseFile, lang.L("Open a file"), "", []string{".json"}, func(path string) {
		f, err := os.Open(path)
		if err != nil {
			done(path, nil, err)
			return
		}
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, 8<<20))
		if err != nil {
			err = fmt.Errorf("reading %s: %w", path, err)
		}
		done(path, data, err)
	})
}

// openFolder asks for a folder.
func (a *App) openFolder(done func(path string)) {
	a.chooseFile(chooseFolder, lang.L("Choose a folder"), "", nil, done)
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
		map[string]any{"Err": plainError(err)})
}

// openAnyFile asks for a file (a backup) and gives its path.
func (a *App) openAnyFile(done func(path string)) {
	a.chooseFile(chooseFile, lang.L("Open a file"), "", nil, done)
}
