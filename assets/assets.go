// Package assets holds what the program carries inside it: the icon and the translations.
package assets

import (
	"embed"
	_ "embed"
)

// Translations holds translations/fr.json and translations/en.json; keys are the English text.
//
//go:embed translations/*.json
var Translations embed.FS

// Icon is the application icon (PNG).
//
//go:embed icon.png
var Icon []byte
