package ui

import (
	"context"

	"entraide/storage"
	"entraide/sync/directory"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// listingScreen keeps the association's public listing and sends it to the CCAS.
type listingScreen struct {
	app     *App
	content fyne.CanvasObject

	form    *listingForm
	status  *widget.Label
	preview *widget.Label
	message *messageBox
	loaded  bool
}

func newListingScreen(a *App) *listingScreen {
	s := &listingScreen{app: a, form: newListingForm(a), status: widget.NewLabel(""), preview: widget.NewLabel(""),
		message: newMessageBox()}
	s.status.Wrapping = fyne.TextWrapWord
	s.preview.Wrapping = fyne.TextWrapWord
	save := newButton(lang.L("Save (checked today)"), theme.DocumentSaveIcon(), s.save)
	save.Importance = widget.HighImportance
	send := newButton(lang.L("Save the listing file for the CCAS…"), theme.MailSendIcon(), s.send)
	body := container.NewVBox(heading(lang.L("Our public listing")), s.status, s.message.content, s.form.content,
		widget.NewSeparator(), heading(lang.L("As the directory will show it:")), s.preview)
	s.content = container.NewBorder(nil, container.NewHBox(save, send), nil, nil, container.NewVScroll(container.NewPadded(body)))
	return s
}

func (s *listingScreen) shown() {
	if s.loaded {
		return
	}
	inBackground(s.app, func() (storage.Listing, error) {
		return s.app.store.Listing(context.Background())
	}, func(l storage.Listing, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.loaded = true
		s.show(l)
	})
}

func (s *listingScreen) show(l storage.Listing) {
	s.form.set(l)
	s.preview.SetText(listingSummary(l))
	if l.CheckedOn.IsZero() {
		s.status.SetText(lang.L("Never saved yet: check every part, then save."))
	} else {
		s.status.SetText(lang.L("Last checked on {{.Date}}.", map[string]any{"Date": l.CheckedOn.French()}))
	}
}

// save keeps the listing, checked today.
func (s *listingScreen) save() {
	l, err := s.form.get()
	if err != nil {
		s.message.show(messageError, err.Error())
		return
	}
	inBackground(s.app, func() (storage.Listing, error) {
		return s.app.store.SaveListing(context.Background(), l)
	}, func(saved storage.Listing, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.show(saved)
		s.message.show(messageSuccess, lang.L("Listing saved. Send it to the CCAS so the directory shows it."))
		s.app.checkIn.refreshReminder()
	})
}

// send saves the listing, then the signed file for the CCAS.
func (s *listingScreen) send() {
	l, err := s.form.get()
	if err != nil {
		s.message.show(messageError, err.Error())
		return
	}
	inBackground(s.app, func() ([]byte, error) {
		ctx := context.Background()
		if _, err := s.app.store.SaveListing(ctx, l); err != nil {
			return nil, err
		}
		return directory.SignedListing(ctx, s.app.store)
	}, func(file []byte, err error) {
		if err != nil {
			s.message.show(messageError, describeNetworkError(err))
			return
		}
		s.app.saveFileSaying(s.message, directory.ListingFileName(l.Name), file, func(path string) string {
			return lang.L("Listing file saved in {{.Path}}. Send it to the CCAS.", map[string]any{"Path": path})
		})
	})
}
