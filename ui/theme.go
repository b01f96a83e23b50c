package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// TextSizes are the text size choices, as a scale of Fyne's default sizes.
var TextSizes = []float32{1.0, 1.3, 1.6}

// DefaultTextSize is large: volunteers are often tired, the laptop screen small.
const DefaultTextSize float32 = 1.3

// scaledTheme enlarges every size of the default theme (text, padding, icons), so the
// whole screen grows together and stays balanced.
type scaledTheme struct {
	fyne.Theme
	scale float32
}

func newScaledTheme(scale float32) fyne.Theme {
	return &scaledTheme{Theme: theme.DefaultTheme(), scale: scale}
}

func (t *scaledTheme) Size(name fyne.ThemeSizeName) float32 {
	return t.Theme.Size(name) * t.scale
}

// Color is always the light variant: dark text on a light background reads best in a
// bright room and on old screens.
func (t *scaledTheme) Color(name fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(name, theme.VariantLight)
}
