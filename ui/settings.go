package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"entraide/storage"
	"entraide/sync/envelope"
	"entraide/sync/exchange"
	"entraide/sync/report"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// settingsScreen changes the association, its sites and rules, the language and the text size.
type settingsScreen struct {
	app     *App
	content fyne.CanvasObject

	name     *widget.Entry
	rules    *rulesFields
	sitesBox *fyne.Container
	newSite  *widget.Entry
	message  *messageBox

	network    *widget.Label
	passphrase *widget.Entry
	keyStatus  *widget.Label

	accounts     *accountsSection
	cards        *cardsSection
	privacy      *widget.Label
	purge        *button
	trail        *widget.Label
	trailActions choice[string]
	trailFilter  *widget.Select
	inactive     []string
}

func newSettingsScreen(a *App) *settingsScreen {
	s := &settingsScreen{app: a, name: widget.NewEntry(), message: newMessageBox(), sitesBox: container.NewVBox()}
	s.rules = newRulesFields(0, 0, 0)
	association := widget.NewForm(append([]*widget.FormItem{{Text: lang.L("Association name"), Widget: s.name}},
		s.rules.items()...)...)
	save := newButton(lang.L("Save the association and rules"), theme.DocumentSaveIcon(), s.save)
	save.Importance = widget.HighImportance

	s.newSite = widget.NewEntry()
	s.newSite.SetPlaceHolder(lang.L("Name of a new distribution site"))
	s.newSite.OnSubmitted = func(string) { s.addSite() }
	addSite := newButton(lang.L("Add the site"), theme.ContentAddIcon(), s.addSite)

	recorder := widget.NewEntry()
	recorder.SetText(a.fyne.Preferences().String(prefRecorder))
	recorder.SetPlaceHolder(lang.L("e.g. Josiane, or Alma desk"))
	recorder.OnChanged = func(name string) { a.fyne.Preferences().SetString(prefRecorder, trimmed(name)) }
	folder := dataFolderLabel(a)
	idleChoices := []int{5, 10, 15, 30}
	idleNames := make([]string, len(idleChoices))
	for i, m := range idleChoices {
		idleNames[i] = lang.L("after {{.N}} minutes", map[string]any{"N": m})
	}
	idle := newSelect(idleNames, nil)
	for i, m := range idleChoices {
		if time.Duration(m)*time.Minute == a.idleLock {
			idle.SetSelectedIndex(i)
		}
	}
	idle.OnChanged = func(string) {
		m := idleChoices[idle.SelectedIndex()]
		a.idleLock = time.Duration(m) * time.Minute
		a.fyne.Preferences().SetInt(prefIdle, m)
	}
	display := widget.NewForm(append([]*widget.FormItem{
		{Text: lang.L("Recorded by"), Widget: recorder,
			HintText: lang.L("kept with each distribution recorded on this computer")},
		{Text: lang.L("Lock the window"), Widget: idle, HintText: lang.L("without use, when there are accounts")},
	}, displayItems(a, func(msg string) { s.message.show(messageError, msg) })...)...)
	s.network = widget.NewLabel("")
	s.network.Wrapping = fyne.TextWrapWord
	join := newButton(lang.L("Import the CCAS's invitation…"), theme.FolderOpenIcon(), func() {
		a.openFile(func(path string, data []byte, err error) {
			if err != nil {
				s.message.show(messageError, refusalText(envelope.ReasonUnreadable))
				return
			}
			s.join(data)
		})
	})
	s.passphrase = widget.NewPasswordEntry()
	s.passphrase.SetPlaceHolder(lang.L("The phrase agreed among the associations"))
	s.passphrase.OnSubmitted = func(string) { s.savePassphrase() }
	suggest := newButton(lang.L("Suggest a phrase"), theme.ViewRefreshIcon(), func() {
		s.passphrase.Password = false
		s.passphrase.SetText(report.SuggestPassphrase())
		s.passphrase.Refresh()
	})
	savePhrase := newButton(lang.L("Save the phrase"), theme.DocumentSaveIcon(), s.savePassphrase)
	s.keyStatus = widget.NewLabel("")
	s.keyStatus.Wrapping = fyne.TextWrapWord
	phraseHelp := widget.NewLabel(lang.L("The network passphrase lets the CCAS count the persons helped by several associations once, without anyone seeing who they are. Every association types the same phrase; the CCAS never knows it."))
	phraseHelp.Wrapping = fyne.TextWrapWord
	networkBox := container.NewVBox(heading(lang.L("Network")), s.network, container.NewHBox(join),
		phraseHelp, container.NewBorder(nil, nil, nil, container.NewHBox(suggest, savePhrase), s.passphrase), s.keyStatus)

	s.accounts = newAccountsSection(a, s.message, []string{storage.RoleVolunteer, storage.RoleManager},
		lang.L("With accounts, each volunteer logs in with a PIN and the window locks itself after 10 minutes without use. Volunteers do check-in, households and the directory; managers do everything."))
	usersSection := s.accounts.content

	s.privacy = widget.NewLabel("")
	s.privacy.Wrapping = fyne.TextWrapWord
	s.purge = newButton(lang.L("Delete these households…"), theme.DeleteIcon(), s.askPurge)
	s.purge.Disable()
	s.trail = widget.NewLabel("")
	s.trail.Wrapping = fyne.TextWrapWord
	actions := []string{"", storage.AuditLoginFailure, storage.AuditReportSaved, storage.AuditImport, storage.AuditExport,
		storage.AuditAccessExport, storage.AuditPurge, storage.AuditErase, storage.AuditUsers, storage.AuditSettings, storage.AuditBackup, storage.AuditRestore}
	s.trailActions = newChoice(actions, func(a string) string {
		if a == "" {
			return lang.L("all actions")
		}
		return auditLabel(a)
	})
	s.trailFilter = newSelect(s.trailActions.labels, func(string) { s.showPrivacy() })
	privacySection := container.NewVBox(heading(lang.L("Personal data")), s.privacy, container.NewHBox(s.purge),
		container.NewBorder(nil, nil, heading(lang.L("Recent sensitive actions")), nil, s.trailFilter), s.trail)
	backupHelp := widget.NewLabel(lang.L("A copy is made each day when Entraide closes, in the data folder. Also keep an encrypted copy on a USB key, away from the laptop."))
	backupHelp.Wrapping = fyne.TextWrapWord
	backupSection := container.NewVBox(heading(lang.L("Backups")), backupHelp, container.NewHBox(
		newButton(lang.L("Encrypted backup on a USB key…"), theme.UploadIcon(), s.encryptedBackup),
		newButton(lang.L("Restore a backup…"), theme.HistoryIcon(), s.askRestore)))

	s.cards = newCardsSection(a, s.message)
	body := container.NewVBox(
		s.message.content,
		heading(lang.L("Association and visit rules")), association, container.NewHBox(save),
		widget.NewSeparator(),
		heading(lang.L("Distribution sites")), s.sitesBox,
		container.NewBorder(nil, nil, nil, addSite, s.newSite),
		widget.NewSeparator(),
		s.cards.content,
		widget.NewSeparator(),
		newSpreadsheetSection(a, s.message),
		widget.NewSeparator(),
		networkBox,
		widget.NewSeparator(),
		usersSection,
		widget.NewSeparator(),
		privacySection,
		widget.NewSeparator(),
		backupSection,
		widget.NewSeparator(),
		heading(lang.L("This computer")), display,
		widget.NewSeparator(), folder,
	)
	s.content = container.NewVScroll(container.NewPadded(body))
	return s
}

// shown fills the fields from the settings held by the app.
func (s *settingsScreen) shown() {
	st := s.app.settings
	s.name.SetText(st.AssociationName)
	s.rules.minDays.SetText(fmt.Sprint(st.MinDaysBetweenVisits))
	s.rules.maxMonth.SetText(fmt.Sprint(st.MaxVisitsPerMonth))
	s.rules.months.SetText(fmt.Sprint(st.EligibilityMonths))
	s.fillSites()
	s.showNetwork()
	s.accounts.fill()
	s.cards.fill()
	s.showPrivacy()
	s.app.win.Canvas().Focus(s.name)
}

// showNetwork says which network the association is in and whether its passphrase is set.
func (s *settingsScreen) showNetwork() {
	inBackground(s.app, func() (storage.Membership, error) {
		return s.app.store.Membership(context.Background())
	}, func(m storage.Membership, err error) {
		switch {
		case errors.Is(err, storage.ErrNotJoined):
			s.network.SetText(lang.L("Not in a network yet: import the invitation file the CCAS sent you."))
			s.keyStatus.SetText("")
		case err != nil:
			s.network.SetText(describeError(err))
		default:
			s.network.SetText(lang.L("Network: {{.Network}}, as “{{.Name}}”. CCAS key {{.FP}}.",
				map[string]any{"Network": m.NetworkName, "Name": m.AssociationName, "FP": envelope.Fingerprint(m.CCASPublicKey)}))
			if m.UniqueKeyFingerprint == "" {
				s.keyStatus.SetText(lang.L("Passphrase not set yet: reports will not count unique persons."))
			} else {
				s.keyStatus.SetText(lang.L("Passphrase set. Its fingerprint, {{.FP}}, must be the same in every association.",
					map[string]any{"FP": m.UniqueKeyFingerprint}))
			}
		}
	})
}

// join imports an invitation file.
func (s *settingsScreen) join(data []byte) {
	inBackground(s.app, func() (exchange.Invitation, error) {
		return exchange.Join(context.Background(), s.app.store, data)
	}, func(inv exchange.Invitation, err error) {
		if err != nil {
			s.message.show(messageError, describeNetworkError(err))
			return
		}
		s.message.show(messageSuccess, lang.L("The association joined {{.Network}}. Now set the network passphrase.",
			map[string]any{"Network": inv.NetworkName}))
		s.showNetwork()
		s.app.win.Canvas().Focus(s.passphrase)
	})
}

// savePassphrase derives the network key (a fraction of a second) and keeps it.
func (s *settingsScreen) savePassphrase() {
	phrase := s.passphrase.Text
	inBackground(s.app, func() (string, error) {
		return exchange.SetPassphrase(context.Background(), s.app.store, phrase)
	}, func(fp string, err error) {
		switch {
		case errors.Is(err, storage.ErrNotJoined):
			s.message.show(messageError, describeNetworkError(err))
		case err != nil:
			s.message.show(messageError, lang.L("The phrase is too short: use at least {{.N}} characters, for example five words.",
				map[string]any{"N": report.MinPassphraseLength}))
		default:
			s.passphrase.SetText("")
			s.passphrase.Password = true
			s.passphrase.Refresh()
			s.message.show(messageSuccess, lang.L("Passphrase saved (fingerprint {{.FP}}).", map[string]any{"FP": fp}))
			s.showNetwork()
		}
	})
}

func (s *settingsScreen) fillSites() {
	s.sitesBox.RemoveAll()
	for _, site := range s.app.sites {
		name := widget.NewEntry()
		name.SetText(site.Name)
		id := site.ID
		rename := newButton(lang.L("Rename"), theme.DocumentSaveIcon(), func() {
			s.run(func(ctx context.Context) error { return s.app.store.UpdateSite(ctx, id, name.Text, "") },
				lang.L("Site renamed."))
		})
		name.OnSubmitted = func(string) { rename.OnTapped() }
		archive := newButton(lang.L("Close this site"), theme.DeleteIcon(), func() {
			if len(s.app.sites) <= 1 {
				s.message.show(messageError, lang.L("Keep at least one distribution site."))
				return
			}
			s.run(func(ctx context.Context) error { return s.app.store.SetSiteArchived(ctx, id, true) },
				lang.L("Site closed; its past distributions are kept."))
		})
		s.sitesBox.Add(container.NewBorder(nil, nil, nil, container.NewHBox(rename, archive), name))
	}
}

func (s *settingsScreen) save() {
	minDays, maxMonth, months, problem := s.rules.values()
	if problem != "" {
		s.message.show(messageError, problem)
		return
	}
	st := s.app.settings
	st.AssociationName, st.MinDaysBetweenVisits, st.MaxVisitsPerMonth, st.EligibilityMonths =
		s.name.Text, minDays, maxMonth, months
	s.run(func(ctx context.Context) error { return s.app.store.SaveSettings(ctx, st) }, lang.L("Settings saved."))
}

func (s *settingsScreen) addSite() {
	name := s.newSite.Text
	s.run(func(ctx context.Context) error {
		_, err := s.app.store.AddSite(ctx, name, "")
		return err
	}, lang.L("Site added."))
}

// run saves in the background, then reloads the settings everywhere.
func (s *settingsScreen) run(work func(context.Context) error, success string) {
	inBackground(s.app, func() (storage.Settings, error) {
		ctx := context.Background()
		if err := work(ctx); err != nil {
			return storage.Settings{}, err
		}
		return s.app.store.Settings(ctx)
	}, func(st storage.Settings, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.newSite.SetText("")
		s.message.show(messageSuccess, success)
		s.app.settings = st
		s.app.settingsChanged(s.fillSites)
	})
}

// showPrivacy says which households are due for deletion (no contact for 24 months) and
// the last sensitive actions.
func (s *settingsScreen) showPrivacy() {
	type result struct {
		inactive []storage.InactiveHousehold
		trail    []storage.AuditEntry
	}
	action := s.trailActions.value(s.trailFilter.Selected) // read on the UI thread
	inBackground(s.app, func() (result, error) {
		ctx := context.Background()
		inactive, err := s.app.store.InactiveHouseholds(ctx, storage.DefaultRetentionMonths)
		if err != nil {
			return result{}, err
		}
		trail, err := s.app.store.AuditTrail(ctx, time.Time{}, action)
		return result{inactive, trail}, err
	}, func(r result, err error) {
		if err != nil {
			s.message.show(messageError, describeError(err))
			return
		}
		s.inactive = nil
		for _, h := range r.inactive {
			s.inactive = append(s.inactive, h.ID)
		}
		s.privacy.SetText(lang.L("The law allows keeping a household's data two years after the last contact. Households without contact for 24 months: {{.N}}.",
			map[string]any{"N": len(r.inactive)}))
		if len(r.inactive) > 0 {
			s.purge.Enable()
		} else {
			s.purge.Disable()
		}
		var lines []string
		for i, e := range r.trail {
			if i == 15 {
				break
			}
			lines = append(lines, e.At.In(storage.Paris).Format("02/01/2006 15:04")+" — "+auditLabel(e.Action)+" — "+e.Actor+" — "+e.Detail)
		}
		s.trail.SetText(strings.Join(lines, "\n"))
	})
}

func (s *settingsScreen) askPurge() {
	ids := s.inactive
	reasonDialog(s.app.win, lang.L("Delete households without contact"),
		lang.L("{{.N}} households have had no contact for two years. Their names, birth dates, cards, addresses, phones and notes will be deleted for good; the anonymous counts stay.",
			map[string]any{"N": len(ids)}),
		lang.L("Delete for good"), func(reason string) {
			inBackground(s.app, func() (int, error) {
				return report.PurgeHouseholds(context.Background(), s.app.store, ids, s.app.recorder(), storage.AuditPurge)
			}, func(n int, err error) {
				if err != nil {
					s.message.show(messageError, describeError(err))
					return
				}
				s.message.show(messageSuccess, lang.L("{{.N}} households deleted.", map[string]any{"N": n}))
				s.showPrivacy()
			})
		}, nil)
}

// encryptedBackup asks a passphrase, then where to save the encrypted copy.
func (s *settingsScreen) encryptedBackup() {
	passphraseDialog(s.app.win, lang.L("Encrypted backup"),
		lang.L("Choose a passphrase and write it down somewhere safe: without it the backup cannot be opened."),
		lang.L("Make the backup"), s.makeEncryptedBackup)
}

// makeEncryptedBackup encrypts a copy with the passphrase, then asks where to save it.
func (s *settingsScreen) makeEncryptedBackup(phrase string) {
	actor := s.app.recorder()
	inBackground(s.app, func() ([]byte, error) {
		var b bytes.Buffer
		err := s.app.store.EncryptedBackup(context.Background(), &b, phrase, actor)
		return b.Bytes(), err
	}, func(data []byte, err error) {
		if err != nil {
			s.message.show(messageError, lang.L("The backup was not made: {{.Err}}.", map[string]any{"Err": err.Error()}))
			return
		}
		s.app.saveFileSaying(s.message, "entraide-"+s.app.store.Today().String()+".age", data, func(path string) string {
			return lang.L("Encrypted backup saved in {{.Path}}.", map[string]any{"Path": path})
		})
	})
}

// askRestore checks a backup file, shows what it holds, then replaces the data after a
// confirmation; the program must then be started again.
func (s *settingsScreen) askRestore() {
	s.app.openAnyFile(func(path string) {
		passphraseDialog(s.app.win, lang.L("Restore a backup"),
			lang.L("Type the backup's passphrase (leave empty for an automatic backup from the data folder)."),
			lang.L("Check the backup"), func(phrase string) {
				inBackground(s.app, func() (storage.BackupInfo, error) {
					return storage.InspectBackup(context.Background(), path, phrase)
				}, func(info storage.BackupInfo, err error) {
					if err != nil {
						s.message.show(messageError, describeError(err))
						return
					}
					reasonDialog(s.app.win, lang.L("Restore a backup"),
						lang.L("This backup of {{.Name}}, made on {{.Made}}, holds {{.Households}} households and {{.Visits}} visits (the last on {{.Last}}). The current data will be kept aside, then replaced.",
							map[string]any{"Name": info.Association, "Made": frenchDay(info.MadeOn), "Households": info.Households,
								"Visits": info.Visits, "Last": frenchDay(info.LastVisitDay)}),
						lang.L("Restore"), func(string) { s.restore(path, phrase) }, nil)
				})
			})
	})
}

func (s *settingsScreen) restore(path, phrase string) {
	_, aside, err := s.app.store.RestoreBackup(context.Background(), path, phrase, s.app.recorder())
	if errors.Is(err, storage.ErrNotAllowed) {
		s.message.show(messageError, describeError(err))
		return
	}
	text := lang.L("Backup restored; the previous data are kept as {{.File}}. Close Entraide and start it again.",
		map[string]any{"File": filepath.Base(aside)})
	if err != nil {
		text = describeError(err) + " " + lang.L("Close Entraide and start it again.")
	}
	s.app.win.SetContent(errorScreen(text))
	s.app.win.SetMainMenu(nil)
}

// frenchDay shows a stored YYYY-MM-DD day as the volunteers write it.
func frenchDay(day string) string {
	if d, err := storage.ParseDate(day); err == nil && !d.IsZero() {
		return d.French()
	}
	return day
}
