package ui

import (
	"fmt"

	"entraide/assets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"github.com/jeandeaual/go-locale"
)

// Languages offered in the settings; French is the default.
var Languages = []string{"fr", "en"}

// DefaultLanguage is the language used until the user picks another.
const DefaultLanguage = "fr"

// UseLanguage makes lang.L answer in code ("fr" or "en") whatever the system's locale.
// Fyne picks a translation by the system locale, so the chosen language's messages are
// registered under every locale the system lists, and under the fallback "en".
func UseLanguage(code string) error {
	data, err := assets.Translations.ReadFile("translations/" + code + ".json")
	if err != nil {
		return fmt.Errorf("loading %s translations: %w", code, err)
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
