package ui

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"entraide/assets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// visibleTexts is every piece of text drawn under o (hidden parts apart), as the
// renderers draw it: labels, buttons, placeholders, tabs, list rows.
func visibleTexts(o fyne.CanvasObject) []string {
	if o == nil || !o.Visible() {
		return nil
	}
	switch v := o.(type) {
	case *canvas.Text:
		if t := strings.TrimSpace(v.Text); t != "" {
			return []string{t}
		}
		return nil
	case *fyne.Container:
		var texts []string
		for _, child := range v.Objects {
			texts = append(texts, visibleTexts(child)...)
		}
		return texts
	case fyne.Widget:
		var texts []string
		for _, child := range test.WidgetRenderer(v).Objects() {
			texts = append(texts, visibleTexts(child)...)
		}
		return texts
	}
	return nil
}

// englishOnly is the English a French screen must not show: Entraide's and Fyne's
// English messages whose French differs, and what Fyne writes without translating.
func englishOnly(t *testing.T) map[string]bool {
	t.Helper()
	read := func(file string) map[string]any {
		data, err := assets.Translations.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	english := map[string]bool{"(Select one)": true, "Home": true, "Computer": true, "Open File": true,
		"Save File": true, "Open Folder": true, "(Parent)": true, "Desktop": true, "Downloads": true}
	for _, pair := range [][2]string{{"translations/en.json", "translations/fr.json"}, {"translations/fyne/base.en.json", "translations/fyne/base.fr.json"}} {
		en, fr := read(pair[0]), read(pair[1])
		for key, value := range en {
			text, ok := value.(string)
			if !ok || strings.Contains(text, "{{") {
				continue // plurals and templates never show as they are written
			}
			if french, ok := fr[key].(string); ok && french != text && len(text) > 2 {
				english[text] = true
			}
		}
	}
	return english
}

var englishWords = regexp.MustCompile(`\b(the|Select|File|Folder|Open|Save|Cancel|Quit|Home|Computer|Parent|Name|Size|Yes|No)\b`)

// checkFrench fails on any English text on screen.
func checkFrench(t *testing.T, where string, english map[string]bool, o fyne.CanvasObject) {
	t.Helper()
	for _, text := range visibleTexts(o) {
		if english[text] || englishWords.MatchString(text) {
			t.Errorf("%s shows English: %q", where, text)
		}
	}
}

// Every screen, the menus, the reason dialog and the file windows speak French only.
func TestEveryScreenIsInFrench(t *testing.T) {
	english := englishOnly(t)
	a, s, _ := startApp(t)
	register(t, s, person("Lefèvre", "Marie", 1980))
	win := a.win
	for i, item := range a.tabs.Items {
		a.showTab(i)
		checkFrench(t, "tab "+item.Text, english, win.Content())
	}
	for _, menu := range win.MainMenu().Items {
		checkFrench(t, "menu", english, canvas.NewText(menu.Label, nil))
		for _, it := range menu.Items {
			if it.Label == "Quit" || englishWords.MatchString(it.Label) {
				t.Errorf("menu %s shows English: %q", menu.Label, it.Label)
			}
		}
	}
	a.newHousehold("Benali Nadia")
	checkFrench(t, "registration form", english, win.Content())

	overlays := func() fyne.CanvasObject {
		list := win.Canvas().Overlays().List()
		if len(list) == 0 {
			t.Fatal("no window open over the screen")
		}
		return list[len(list)-1]
	}
	for _, open := range []struct {
		name string
		show func()
	}{
		{"save window", func() { a.saveFile("rapport.json", []byte("{}"), func(string, error) {}) }},
		{"open window", func() { a.openFile(func(string, []byte, error) {}) }},
		{"folder window", func() { a.openFolder(func(string) {}) }},
		{"reason dialog", func() {
			reasonDialog(win, "Une règle n'est pas respectée", "Déjà servi", "Enregistrer quand même", func(string) {}, nil)
		}},
	} {
		open.show()
		top := overlays()
		checkFrench(t, open.name, english, top)
		top.Hide()
	}

	// The entries' own menu (right click): Fyne's words, in French.
	a.showTab(tabCheckIn)
	a.checkIn.search.TappedSecondary(&fyne.PointEvent{})
	menu := overlays()
	texts := visibleTexts(menu)
	if !slices.Contains(texts, "Coller") || !slices.Contains(texts, "Tout sélectionner") {
		t.Errorf("the field's menu shows %q, want Fyne's French (Coller, Tout sélectionner)", texts)
	}
	checkFrench(t, "field menu", english, menu)
}

func TestCCASScreensAreInFrench(t *testing.T) {
	english := englishOnly(t)
	a, _ := startCCAS(t)
	for i, item := range a.tabs.Items {
		a.showTab(i)
		checkFrench(t, "CCAS tab "+item.Text, english, a.win.Content())
	}
	for _, menu := range a.win.MainMenu().Items {
		for _, it := range menu.Items {
			if englishWords.MatchString(it.Label) {
				t.Errorf("CCAS menu %s shows English: %q", menu.Label, it.Label)
			}
		}
	}
}
