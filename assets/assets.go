// Package assets holds what the program carries inside it: the icon and the translations.
package assets

import (
	"embed"
	_ "embed"
	"encoding/json"
	"sync"
)

// Translations holds translations/fr.json and translations/en.json, whose keys are the
// English text, and translations/fyne/base.*.json, Fyne's own messages.
//
//go:embed translations/*.json translations/fyne/*.json
var Translations embed.FS

// Icon is the application icon (PNG).
//
//go:embed icon.png
var Icon []byte

// French is the French text of an English key of translations/fr.json, for what is
// printed in French whatever the screen's language (guide, slip, standard exports); the
// key itself when fr.json lacks it.
func French(key string) string {
	frenchOnce.Do(func() {
		data, err := Translations.ReadFile("translations/fr.json")
		var entries map[string]json.RawMessage // plural forms are objects; labels are strings
		if err == nil {
			err = json.Unmarshal(data, &entries)
		}
		if err != nil {
			panic("the embedded fr.json is unreadable: " + err.Error()) // caught by every test
		}
		frenchTexts = map[string]string{}
		for key, raw := range entries {
			var text string
			if json.Unmarshal(raw, &text) == nil {
				frenchTexts[key] = text
			}
		}
	})
	if text, ok := frenchTexts[key]; ok && text != "" {
		return text
	}
	return key
}

var (
	frenchOnce  sync.Once
	frenchTexts map[string]string // read once from the embedded file, never changed
)
