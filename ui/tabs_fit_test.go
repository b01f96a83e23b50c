package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// Every tab's name stays in the tab bar, on a netbook and with the largest text: the icons
// go first, and come back when there is room.
func TestEveryTabNameFits(t *testing.T) {
	for _, tc := range []struct {
		name      string
		ccas      bool
		window    fyne.Size
		text      float32
		wantIcons bool
	}{
		{"association, 1366×768", false, fyne.NewSize(1350, 700), DefaultTextSize, true},
		{"association, 1024×600", false, fyne.NewSize(1008, 560), DefaultTextSize, false},
		{"association, largest text, 1366×768", false, fyne.NewSize(1350, 700), TextSizes[len(TextSizes)-1], true},
		{"association, largest text, 1024×600", false, fyne.NewSize(1008, 560), TextSizes[len(TextSizes)-1], false},
		{"CCAS, 1366×768", true, fyne.NewSize(1350, 700), DefaultTextSize, true},
		{"CCAS, 1024×600", true, fyne.NewSize(1008, 560), DefaultTextSize, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var a *App
			if tc.ccas {
				a, _ = startCCAS(t)
			} else {
				a, _, _ = startApp(t)
			}
			a.applyTextSize(tc.text)
			a.win.Resize(tc.window)
			texts := visibleTexts(a.win.Content())
			for _, item := range a.tabs.Items {
				if !slices.Contains(texts, item.Text) {
					t.Errorf("the tab %q is not in the tab bar at %v (text ×%.1f)", item.Text, tc.window, tc.text)
				}
				if got := item.Icon != nil; got != tc.wantIcons {
					t.Errorf("tab %q shows its icon: %v, want %v", item.Text, got, tc.wantIcons)
				}
			}
			// Back to a wide window and the default text: the icons are back.
			a.applyTextSize(DefaultTextSize)
			a.win.Resize(fyne.NewSize(1350, 700))
			for _, item := range a.tabs.Items {
				if item.Icon == nil {
					t.Errorf("tab %q has no icon in a wide window", item.Text)
				}
			}
		})
	}
}

// Every screen fits the width of a 1024×600 netbook's window at the default text size:
// nothing is cut at the right edge or reached only by scrolling sideways.
func TestEveryScreenFitsASmallWindow(t *testing.T) {
	const width = 1024 - borderAllowance
	association, _, _ := startApp(t)
	ccas, _ := startCCAS(t)
	for _, a := range []*App{association, ccas} {
		for _, item := range a.tabs.Items {
			content := item.Content
			if scroll, ok := content.(*container.Scroll); ok {
				content = scroll.Content // showTabs lets a tall screen scroll; its width must fit
			}
			if got := content.MinSize().Width; got > width {
				t.Errorf("the %q screen needs %.0f wide, more than a 1024×600 window (%d)", item.Text, got, width)
			}
		}
	}
}
