package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
)

// tabsFit lays out the tabs and drops their icons when the window is too narrow for every
// tab's icon and name: without it Fyne hides the last tabs behind « … », where a volunteer
// on a 1024×600 netbook or with large text does not find Réglages. Names matter more than
// pictures; the icons come back when the window is wide enough again.
type tabsFit struct {
	tabs  *container.AppTabs
	icons []fyne.Resource // each tab's icon, whether shown or not
	width float32         // the width last laid out at
}

func newTabsFit(tabs *container.AppTabs) *tabsFit {
	fit := &tabsFit{tabs: tabs}
	for _, item := range tabs.Items {
		fit.icons = append(fit.icons, item.Icon)
	}
	return fit
}

func (f *tabsFit) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	f.width = size.Width
	f.apply()
	layout.NewStackLayout().Layout(objects, size)
}

func (f *tabsFit) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return layout.NewStackLayout().MinSize(objects)
}

// apply shows or hides the icons for the width last laid out at and the current theme
// (the text size chosen in the settings).
func (f *tabsFit) apply() {
	if f.width <= 0 {
		return
	}
	withIcons := tabBarWidth(f.tabs.Items, f.icons) <= f.width
	changed := false
	for i, item := range f.tabs.Items {
		want := f.icons[i]
		if !withIcons {
			want = nil
		}
		if item.Icon != want {
			item.Icon = want
			changed = true
		}
	}
	if changed {
		f.tabs.Refresh()
	}
}

// tabBarWidth is the width Fyne's tab bar needs to show every tab: each button holds its
// bold name, its icon and a padding between them, inside an inner padding on both sides;
// the buttons are a padding apart (container/tabs.go, tabButtonRenderer.MinSize). icons
// holds each tab's icon, nil for none.
func tabBarWidth(items []*container.TabItem, icons []fyne.Resource) float32 {
	th := theme.Current()
	textSize := th.Size(theme.SizeNameText)
	inner := th.Size(theme.SizeNameInnerPadding)
	padding := th.Size(theme.SizeNamePadding)
	var width float32
	for i, item := range items {
		if i > 0 {
			width += padding
		}
		width += fyne.MeasureText(item.Text, textSize, fyne.TextStyle{Bold: true}).Width + 2*inner
		if i < len(icons) && icons[i] != nil {
			width += th.Size(theme.SizeNameInlineIcon) + padding
		}
	}
	return width
}
