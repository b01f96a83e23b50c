package ui

import (
	"encoding/json"
	"fmt"
	"maps"

	"entraide/assets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"github.com/jeandeaual/go-locale"
)

// Languages offered in the settings; French is the default.
var Languages = []string{"fr", "en"}

// DefaultLanguage is the language used until the user picks another.
const DefaultLanguage = "fr"

// UseLanguage makes lang.L answer in code ("fr" or "en") whatever the system's locale,
// for Entraide's messages and for Fyne's own (menus, dialogs, the entries' menu).
// Fyne picks a translation by the system locale and does not fall back from "fr-FR" to
// "fr", so the chosen language's messages, Fyne's and Entraide's together, are
// registered under every locale the system lists, under "fr" and under the fallback "en".
func UseLanguage(code string) error {
	data, err := translations(code)
	if err != nil {
		return err
	}
	for _, l := range []string{"en", "fr"} {
		if err := lang.AddTranslationsForLocale(data, fyne.Locale(l)); err != nil {
			return fmt.Errorf("loading %s translations: %w", code, err)
		}
	}
	system, _ := locale.GetLocales()
	for _, l := range system {
		// A locale name the translation engine cannot read only loses that alias.
		_ = lang.AddTranslationsForLocale(data, fyne.Locale(l))
	}
	return nil
}

// translations is Fyne's messages in code with Entraide's on top, as one JSON document.
func translations(code string) ([]byte, error) {
	merged := map[string]any{}
	for _, file := range []string{"translations/fyne/base." + code + ".json", "translations/" + code + ".json"} {
		data, err := assets.Translations.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("loading %s translations: %w", code, err)
		}
		var messages map[string]any
		if err := json.Unmarshal(data, &messages); err != nil {
			return nil, fmt.Errorf("reading %s: %w", file, err)
		}
		maps.Copy(merged, messages)
	}
	data, err := json.Marshal(merged)
	if err != nil {
		return nil, fmt.Errorf("loading %s translations: %w", code, err)
	}
	return data, nil
}
