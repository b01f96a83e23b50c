package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// barChart draws one bar per month with its value above and its label below: the
// twelve-month trend, for people to look at rather than to read numbers from a table.
type barChart struct {
	widget.BaseWidget
	labels []string
	values []int
}

func newBarChart() *barChart {
	c := &barChart{}
	c.ExtendBaseWidget(c)
	return c
}

// set replaces the data and redraws.
func (c *barChart) set(labels []string, values []int) {
	c.labels, c.values = labels, values
	c.Refresh()
}

func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barChartRenderer{chart: c}
	r.rebuild()
	return r
}

type barChartRenderer struct {
	chart   *barChart
	bars    []*canvas.Rectangle
	values  []*canvas.Text
	labels  []*canvas.Text
	objects []fyne.CanvasObject
}

func (r *barChartRenderer) rebuild() {
	r.bars, r.values, r.labels, r.objects = nil, nil, nil, nil
	for i := range r.chart.values {
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		value := canvas.NewText(fmt.Sprint(r.chart.values[i]), theme.Color(theme.ColorNameForeground))
		value.Alignment = fyne.TextAlignCenter
		value.TextSize = theme.CaptionTextSize()
		label := canvas.NewText(r.chart.labels[i], theme.Color(theme.ColorNameForeground))
		label.Alignment = fyne.TextAlignCenter
		label.TextSize = theme.CaptionTextSize()
		r.bars, r.values, r.labels = append(r.bars, bar), append(r.values, value), append(r.labels, label)
		r.objects = append(r.objects, bar, value, label)
	}
}

func (r *barChartRenderer) Layout(size fyne.Size) {
	n := len(r.bars)
	if n == 0 {
		return
	}
	maxValue := 1
	for _, v := range r.chart.values {
		maxValue = max(maxValue, v)
	}
	textHeight := theme.CaptionTextSize() * 1.6
	slot := size.Width / float32(n)
	usable := size.Height - 2*textHeight
	for i, bar := range r.bars {
		h := usable * float32(r.chart.values[i]) / float32(maxValue)
		x := float32(i) * slot
		bar.Move(fyne.NewPos(x+slot*0.15, textHeight+usable-h))
		bar.Resize(fyne.NewSize(slot*0.7, h))
		r.values[i].Move(fyne.NewPos(x, textHeight+usable-h-textHeight))
		r.values[i].Resize(fyne.NewSize(slot, textHeight))
		r.labels[i].Move(fyne.NewPos(x, size.Height-textHeight))
		r.labels[i].Resize(fyne.NewSize(slot, textHeight))
	}
}

func (r *barChartRenderer) MinSize() fyne.Size {
	return fyne.NewSize(float32(len(r.bars))*40, 160)
}

func (r *barChartRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.chart.Size())
	canvas.Refresh(r.chart)
}

func (r *barChartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *barChartRenderer) Destroy()                     {}
