// Package assets holds what the program carries inside it: the icon and the translations.
package assets

import (
	"embed"
	_ "embed"
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
