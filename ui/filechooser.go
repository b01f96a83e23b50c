package ui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// prefLastFolder is the folder the file chooser opened last, offered first next time.
const prefLastFolder = "last_folder"

// chooseMode says what the file chooser is for.
type chooseMode int

const (
	chooseFile   chooseMode = iota // an existing file, to read
	chooseSave                     // a folder and a name, to write
	chooseFolder                   // a folder
)

// fileChooser is Entraide's own file window, in the volunteer's language, with the places
// people keep files (their folders, USB keys) on the left. Fyne's file dialog shows
// English names ("Home", "Computer") and slashes the Windows way round.
type fileChooser struct {
	app        *App
	mode       chooseMode
	extensions []string // files shown (lower case, with the dot); none: every file
	dir        string
	entries    []fs.DirEntry
	list       *chooserList
	where      *widget.Label
	name       *keyEntry
	message    *messageBox
	modal      *modal
	confirm    *button
	overwrite  string // a name already there, confirmed by pressing Save again
	done       func(path string)
}

func (a *App) chooseFile(mode chooseMode, title, suggested string, extensions []string, done func(path string)) {
	c := &fileChooser{app: a, mode: mode, extensions: extensions, done: done, message: newMessageBox()}
	c.where = widget.NewLabel("")
	c.where.Wrapping = fyne.TextWrapBreak
	c.list = newChooserList(func() int { return len(c.entries) },
		func() fyne.CanvasObject {
			label := widget.NewLabel("")
			label.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewIcon(nil), nil, label)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(c.entries) {
				return
			}
			row := o.(*fyne.Container)
			e := c.entries[id]
			icon := theme.FileIcon()
			if e.IsDir() {
				icon = theme.FolderIcon()
			}
			row.Objects[1].(*widget.Icon).SetResource(icon)
			row.Objects[0].(*widget.Label).SetText(e.Name())
		})
	c.list.OnSelected = func(id widget.ListItemID) {
		c.list.at = id
		c.list.UnselectAll()
		if id < len(c.entries) {
			c.picked(c.entries[id])
		}
	}
	parent := newButton(lang.L("Parent folder"), theme.NavigateBackIcon(), func() { c.open(filepath.Dir(c.dir)) })
	c.list.onEscape = c.close
	c.list.onBack = func() { c.open(filepath.Dir(c.dir)) }
	places := container.NewVBox(heading(lang.L("Places")))
	for _, p := range filePlaces() {
		place := p
		places.Add(newButton(place.label, place.icon, func() { c.open(place.path) }))
	}
	cancel := newButton(lang.L("Cancel"), theme.CancelIcon(), c.close)
	confirmLabel := map[chooseMode]string{chooseFile: lang.L("Open"), chooseSave: lang.L("Save"), chooseFolder: lang.L("Choose this folder")}[mode]
	c.confirm = newButton(confirmLabel, theme.ConfirmIcon(), c.confirmed)
	c.confirm.Importance = widget.HighImportance
	bottom := container.NewVBox(c.message.content)
	if mode == chooseSave {
		c.name = newKeyEntry()
		c.name.SetText(suggested)
		c.name.OnSubmitted = func(string) { c.confirmed() }
		c.name.onEscape = c.close
		c.name.OnChanged = func(string) { c.overwrite = ""; c.message.clear() }
		bottom.Add(container.NewBorder(nil, nil, widget.NewLabel(lang.L("File name:")), nil, c.name))
	}
	if mode == chooseFile {
		c.confirm.Hide() // a file opens when chosen in the list
	}
	bottom.Add(container.NewHBox(cancel, c.confirm))
	hint := widget.NewLabel(lang.L("Arrows and Space (or Enter) choose in the list: a folder opens, a file is taken. Backspace goes up a folder; Escape closes."))
	hint.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(container.NewVBox(c.where, container.NewHBox(parent), hint), bottom,
		container.NewVScroll(places), nil, c.list)
	c.modal = newLargeModal(a.win, title, body)
	start := a.fyne.Preferences().StringWithFallback(prefLastFolder, homeFolder())
	if info, err := os.Stat(start); err != nil || !info.IsDir() {
		start = homeFolder()
	}
	c.open(start)
	c.modal.Show()
	a.trace("screen", "files")
	if c.name != nil {
		a.win.Canvas().Focus(c.name)
		c.name.TypedShortcut(&fyne.ShortcutSelectAll{})
	} else {
		a.win.Canvas().Focus(c.list)
	}
}

// open shows the folders and files of dir.
func (c *fileChooser) open(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		c.message.show(messageError, lang.L("This folder cannot be read: {{.Err}}", map[string]any{"Err": plainError(err)}))
		return
	}
	c.dir = dir
	c.entries = c.entries[:0]
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if e.IsDir() || (c.mode != chooseFolder && c.wanted(e.Name())) {
			c.entries = append(c.entries, e)
		}
	}
	slices.SortStableFunc(c.entries, func(a, b fs.DirEntry) int {
		if a.IsDir() != b.IsDir() {
			if a.IsDir() {
				return -1
			}
			return 1
		}
		return strings.Compare(strings.ToLower(a.Name()), strings.ToLower(b.Name()))
	})
	c.where.SetText(lang.L("Folder: {{.Path}}", map[string]any{"Path": dir}))
	c.message.clear()
	c.list.toFirstRow()
	c.list.Refresh()
	c.list.ScrollToTop()
}

func (c *fileChooser) wanted(name string) bool {
	if len(c.extensions) == 0 {
		return true
	}
	return slices.Contains(c.extensions, strings.ToLower(filepath.Ext(name)))
}

func (c *fileChooser) picked(e fs.DirEntry) {
	path := filepath.Join(c.dir, e.Name())
	switch {
	case e.IsDir():
		c.open(path)
	case c.mode == chooseFile:
		c.finish(path)
	case c.mode == chooseSave:
		c.name.SetText(e.Name())
		c.app.win.Canvas().Focus(c.name)
	}
}

func (c *fileChooser) confirmed() {
	switch c.mode {
	case chooseFolder:
		c.finish(c.dir)
	case chooseSave:
		name := trimmed(c.name.Text)
		if name == "" || strings.ContainsAny(name, `/\:*?"<>|`) {
			c.message.show(messageError, lang.L("Type a file name without / \\ : * ? \" < > |."))
			return
		}
		path := filepath.Join(c.dir, name)
		if _, err := os.Stat(path); err == nil && c.overwrite != path {
			c.overwrite = path
			c.message.show(messageWarning, lang.L("A file is already called {{.Name}} here. Press Save again to replace it, or change the name.",
				map[string]any{"Name": name}))
			return
		}
		c.finish(path)
	case chooseFile:
		c.message.show(messageInfo, lang.L("Choose a file in the list."))
	}
}

func (c *fileChooser) finish(path string) {
	c.app.trace("file", path)
	c.app.fyne.Preferences().SetString(prefLastFolder, filepath.Dir(path))
	if c.mode == chooseFolder {
		c.app.fyne.Preferences().SetString(prefLastFolder, path)
	}
	c.close()
	c.done(path)
}

func (c *fileChooser) close() { c.modal.Hide() }

// filePlace is a place offered on the left of the file chooser.
type filePlace struct {
	label string
	icon  fyne.Resource
	path  string
}

// filePlaces lists the user's own folders and the removable drives (USB keys) found now.
func filePlaces() []filePlace {
	home := homeFolder()
	places := []filePlace{{lang.L("My folder"), theme.HomeIcon(), home}}
	for _, f := range []struct{ label, name string }{
		{lang.L("Desktop"), "Desktop"}, {lang.L("Documents"), "Documents"}, {lang.L("Downloads"), "Downloads"},
		{lang.L("Desktop"), "Bureau"}, {lang.L("Downloads"), "Téléchargements"},
	} {
		path := filepath.Join(home, f.name)
		if info, err := os.Stat(path); err == nil && info.IsDir() {
			places = append(places, filePlace{f.label, theme.FolderIcon(), path})
		}
	}
	for _, drive := range removableDrives() {
		places = append(places, filePlace{lang.L("USB key or disk: {{.Name}}", map[string]any{"Name": filepath.Base(drive)}), theme.StorageIcon(), drive})
	}
	return places
}

// removableDrives are the mounted USB keys and disks: drive letters on Windows, the
// folders where Linux desktops mount them otherwise.
func removableDrives() []string {
	var drives []string
	if runtime.GOOS == "windows" {
		for letter := 'D'; letter <= 'Z'; letter++ {
			root := string(letter) + `:\`
			if _, err := os.Stat(root); err == nil {
				drives = append(drives, root)
			}
		}
		return drives
	}
	user := os.Getenv("USER")
	for _, base := range []string{filepath.Join("/media", user), filepath.Join("/run/media", user), "/media", "/mnt"} {
		entries, err := os.ReadDir(base)
		if err != nil {
			continue
		}
		for _, e := range entries {
			path := filepath.Join(base, e.Name())
			if e.IsDir() && e.Name() != user && !slices.Contains(drives, path) {
				drives = append(drives, path)
			}
		}
	}
	return drives
}

func homeFolder() string {
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return "."
}

// plainError is the system's reason without the path it repeats.
func plainError(err error) string {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return pathErr.Err.Error()
	}
	return err.Error()
}

// chooserList is the file list: Enter chooses like Space, Backspace goes up, Escape closes.
type chooserList struct {
	widget.List
	onEscape, onBack func()
	// at mirrors the row the keyboard is on (Fyne keeps it private), so that a new
	// folder starts on its first row.
	at int
}

// toFirstRow puts the keyboard back on the first row.
func (l *chooserList) toFirstRow() {
	for ; l.at > 0; l.at-- {
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	}
}

func newChooserList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *chooserList {
	l := &chooserList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

func (l *chooserList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		l.onEscape()
	case fyne.KeyBackspace:
		l.onBack()
	case fyne.KeyReturn, fyne.KeyEnter:
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	case fyne.KeyDown:
		if l.Length != nil && l.at < l.Length()-1 {
			l.at++
		}
		l.List.TypedKey(ev)
	case fyne.KeyUp:
		l.at = max(l.at-1, 0)
		l.List.TypedKey(ev)
	default:
		l.List.TypedKey(ev)
	}
}
