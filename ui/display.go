package ui

import (
	"entraide/storage"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

var languageNames = map[string]string{"fr": "Français", "en": "English"}

// displayItems are the language and text size choices, for either kind of installation.
func displayItems(a *App, showError func(string)) []*widget.FormItem {
	language := newSelect([]string{languageNames["fr"], languageNames["en"]}, nil)
	language.SetSelected(languageNames[Language(a.fyne)])
	language.OnChanged = func(name string) {
		for code, n := range languageNames {
			if n == name && code != Language(a.fyne) {
				if err := a.rebuild(code); err != nil {
					showError(describeError(err))
				}
			}
		}
	}
	sizeNames := []string{lang.L("Normal"), lang.L("Large"), lang.L("Very large")}
	size := newSelect(sizeNames, nil)
	for i, v := range TextSizes {
		if v == a.textSize() {
			size.SetSelected(sizeNames[i])
		}
	}
	size.OnChanged = func(name string) {
		for i, n := range sizeNames {
			if n == name {
				a.applyTextSize(TextSizes[i])
			}
		}
	}
	return []*widget.FormItem{widget.NewFormItem(lang.L("Language"), language), widget.NewFormItem(lang.L("Text size"), size)}
}

func dataFolderLabel(a *App) *widget.Label {
	text := lang.L("Data are kept in: {{.Path}}", map[string]any{"Path": a.store.Path()})
	if a.logPath != "" {
		text += "\n" + lang.L("Technical log (for whoever helps you when something goes wrong; it holds no one's data): {{.Path}}",
			map[string]any{"Path": a.logPath})
	}
	folder := widget.NewLabel(text)
	folder.Wrapping = fyne.TextWrapBreak
	return folder
}

// SetLogPath names the technical log, shown in Settings.
func (a *App) SetLogPath(path string) { a.logPath = path }

// ccasSettingsScreen holds what a CCAS installation can change: its accounts and the display.
type ccasSettingsScreen struct {
	content  fyne.CanvasObject
	message  *messageBox
	accounts *accountsSection
}

func newCCASSettingsScreen(a *App) *ccasSettingsScreen {
	s := &ccasSettingsScreen{message: newMessageBox()}
	s.accounts = newAccountsSection(a, s.message, []string{storage.RoleCoordinator},
		lang.L("With accounts, each CCAS agent logs in with a PIN and the window locks itself when left unused."))
	form := widget.NewForm(displayItems(a, func(msg string) { s.message.show(messageError, msg) })...)
	s.content = container.NewVScroll(container.NewPadded(container.NewVBox(s.message.content,
		s.accounts.content, widget.NewSeparator(),
		heading(lang.L("This computer")), form, widget.NewSeparator(), dataFolderLabel(a))))
	return s
}

func (s *ccasSettingsScreen) shown() { s.accounts.fill() }
