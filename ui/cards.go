package ui

import (
	"context"
	"errors"

	"entraide/storage"
	"entraide/sync/printout"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// cardsSection, in Settings, prints household cards (all of them, or those of the
// households registered since a day) and chooses what they show of the name.
type cardsSection struct {
	app     *App
	message *messageBox
	content fyne.CanvasObject

	names     choice[storage.CardName]
	nameShown *widget.Select
	since     *widget.Entry
}

func newCardsSection(a *App, message *messageBox) *cardsSection {
	c := &cardsSection{app: a, message: message, since: widget.NewEntry()}
	c.names = newChoice(storage.CardNames, func(n storage.CardName) string {
		switch n {
		case storage.CardNameNone:
			return lang.L("the number only")
		case storage.CardNameFull:
			return lang.L("first name and last name")
		}
		return lang.L("first name and initial (Marie L.)")
	})
	c.nameShown = newSelect(c.names.labels, func(string) { c.saveNameShown() })
	c.since.SetPlaceHolder(lang.L("DD/MM/YYYY"))
	c.since.OnSubmitted = func(string) { c.printSince() }
	help := widget.NewLabel(lang.L("Ten cards to an A4 sheet, with cutting marks; the check-in desk's scanner reads their barcode. Print at actual size (100 %)."))
	help.Wrapping = fyne.TextWrapWord
	c.content = container.NewVBox(heading(lang.L("Household cards")), help,
		widget.NewForm(widget.NewFormItem(lang.L("Name on the cards"), c.nameShown)),
		container.NewHBox(newButton(lang.L("Print all the cards…"), theme.DocumentPrintIcon(), c.printAll)),
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("Households registered since")),
			newButton(lang.L("Print their cards…"), theme.DocumentPrintIcon(), c.printSince), c.since))
	return c
}

// fill shows the association's choice.
func (c *cardsSection) fill() {
	onChanged := c.nameShown.OnChanged
	c.nameShown.OnChanged = nil // showing the setting is not changing it
	c.nameShown.SetSelected(c.names.label(c.app.settings.CardName))
	c.nameShown.OnChanged = onChanged
}

func (c *cardsSection) saveNameShown() {
	st := c.app.settings
	st.CardName = c.names.value(c.nameShown.Selected)
	inBackground(c.app, func() (storage.Settings, error) {
		ctx := context.Background()
		if err := c.app.store.SaveSettings(ctx, st); err != nil {
			return storage.Settings{}, err
		}
		return c.app.store.Settings(ctx)
	}, func(saved storage.Settings, err error) {
		if err != nil {
			c.message.show(messageError, describeError(err))
			return
		}
		c.app.settings = saved
		c.message.show(messageSuccess, lang.L("The cards will show: {{.Choice}}.", map[string]any{"Choice": c.nameShown.Selected}))
	})
}

func (c *cardsSection) printAll() { c.print(storage.CardFilter{}, "cartes.pdf") }

func (c *cardsSection) printSince() {
	day, err := storage.ParseDate(c.since.Text)
	if err != nil || day.IsZero() {
		c.message.show(messageError, lang.L("Type the day as DD/MM/YYYY, e.g. 01/09/2026."))
		c.app.win.Canvas().Focus(c.since)
		return
	}
	c.print(storage.CardFilter{RegisteredSince: day}, "cartes-depuis-"+day.String()+".pdf")
}

func (c *cardsSection) print(f storage.CardFilter, name string) {
	type printed struct {
		pdf   []byte
		cards int
	}
	inBackground(c.app, func() (printed, error) {
		pdf, holders, err := printout.Cards(context.Background(), c.app.store, f)
		return printed{pdf, len(holders)}, err
	}, func(p printed, err error) {
		if errors.Is(err, printout.ErrNoCards) {
			c.message.show(messageWarning, lang.L("No household matches: no card to print."))
			return
		}
		if err != nil {
			c.message.show(messageError, describeError(err))
			return
		}
		c.app.saveFileSaying(c.message, name, p.pdf, func(path string) string {
			return lang.N("{{.N}} card saved in {{.Path}}: print at actual size (100 %) and cut along the marks.", p.cards,
				map[string]any{"N": p.cards, "Path": path})
		})
	})
}
