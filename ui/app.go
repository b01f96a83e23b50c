// Package ui is Entraide's Fyne interface: one file per screen, small widgets beside them.
// It holds no SQL: everything goes through the storage package, off the UI thread.
package ui

import (
	"context"
	"errors"
	"log"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"entraide/assets"
	"entraide/storage"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Preference keys kept by Fyne between runs (per computer, not in the database).
const (
	prefLanguage = "language"
	prefTextSize = "text_size"
	prefSite     = "site_id"
	prefRecorder = "recorded_by" // who records the distributions on this computer
	prefIdle     = "idle_minutes"
)

// App is the association's window: a header, then one tab per screen.
type App struct {
	fyne   fyne.App
	win    fyne.Window
	store  *storage.Store
	worker worker

	settings storage.Settings
	sites    []storage.Site
	siteID   string

	associationLabel *widget.Label
	siteSelect       *widget.Select
	counter          *widget.Label
	tabs             *container.AppTabs
	tabsFit          *tabsFit

	checkIn    *checkInScreen
	households *householdsScreen
	today      *todayScreen
	report     *reportScreen
	listing    *listingScreen
	directory  *directoryScreen
	setup      *setupScreen
	prefs      *settingsScreen

	members   *membersScreen
	imports   *importScreen
	dashboard *dashboardScreen
	ccasDir   *ccasDirectoryScreen
	donations *donationsScreen
	meetings  *meetingsScreen
	network   *networkScreen

	// screens are the tabs' screens, in tab order, for either kind of installation.
	screens []screen

	login        *loginScreen
	lastActivity time.Time
	idleLock     time.Duration

	tracer    Tracer
	onClosing func()
	// importer is the wizard importing a list of households, while it is open.
	importer *householdImport
	logPath  string // the technical log in the data folder
}

// screen is one tab: shown is called each time its tab is selected.
type screen interface{ shown() }

// New prepares the window of an association installation over an open store.
func New(fa fyne.App, store *storage.Store) *App {
	a := &App{fyne: fa, store: store, worker: goroutineWorker(),
		idleLock: time.Duration(fa.Preferences().IntWithFallback(prefIdle, int(IdleLock/time.Minute))) * time.Minute}
	a.win = fa.NewWindow("Entraide")
	a.win.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.win.Resize(defaultWindowSize)
	a.win.SetCloseIntercept(a.closing)
	a.applyTextSize(a.textSize())
	return a
}

// closing is the window being closed (Alt+F4, its close button). The size is kept here,
// on the UI thread, and not in Fyne's OnStopped: a callback queued while Fyne shuts down
// can miss the last turn of its loop and leave the program running with no window.
func (a *App) closing() {
	a.beforeClosing()
	a.win.Close()
}

// beforeClosing keeps the window's size and makes the day's backup while the window is
// still there, then tells main (SetOnClosing): whatever happens in Fyne's shutdown, the
// data are copied and nothing is left to do.
func (a *App) beforeClosing() {
	a.trace("closing", "")
	a.rememberSize()
	if _, err := a.store.AutoBackup(context.Background()); err != nil {
		log.Println("entraide: automatic backup:", err)
	}
	if a.onClosing != nil {
		a.onClosing()
	}
}

// SetOnClosing gives what to do once the window is about to close and the backup is made.
func (a *App) SetOnClosing(f func()) { a.onClosing = f }

// Window is the main window.
func (a *App) Window() fyne.Window { return a.win }

// Language is the language chosen in the settings (French by default).
func Language(fa fyne.App) string {
	return fa.Preferences().StringWithFallback(prefLanguage, DefaultLanguage)
}

// Start shows the first-start setup, or the check-in screen when the association is set up.
func (a *App) Start() {
	setUp, err := a.store.IsSetUp(context.Background())
	switch {
	case err != nil:
		a.win.SetContent(errorScreen(describeError(err)))
	case !setUp:
		a.setup = newSetupScreen(a)
		a.win.SetContent(a.setup.content)
		a.setup.focus()
	default:
		users, err := a.store.Users(context.Background())
		switch {
		case err != nil:
			a.win.SetContent(errorScreen(describeError(err)))
		case len(users) > 0:
			a.showLogin()
		default:
			a.showMain()
		}
	}
}

// ShowStartError fills a window with what went wrong when the data could not be opened.
// For a damaged database it offers the newest backup that passes the checks.
func ShowStartError(fa fyne.App, err error, dataDir string) fyne.Window {
	w := fa.NewWindow("Entraide")
	content := errorScreen(describeError(err))
	if errors.Is(err, storage.ErrDamaged) && dataDir != "" {
		if path, info, ok := storage.NewestGoodBackup(context.Background(), dataDir); ok {
			message := widget.NewLabel("")
			message.Wrapping = fyne.TextWrapWord
			restore := newButton(lang.L("Restore the backup of {{.Date}} ({{.N}} households)",
				map[string]any{"Date": strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), "entraide-"), ".db"), "N": info.Households}),
				theme.HistoryIcon(), nil)
			restore.Importance = widget.HighImportance
			restore.OnTapped = func() {
				if _, aside, err := storage.Restore(context.Background(), dataDir, path, "", lang.L("start window")); err != nil {
					message.SetText(describeError(err))
				} else {
					restore.Disable()
					message.SetText(lang.L("Backup restored; the damaged file is kept as {{.File}}. Close Entraide and start it again.",
						map[string]any{"File": filepath.Base(aside)}))
				}
			}
			content = container.NewVBox(content, restore, message)
		}
	}
	w.SetContent(content)
	w.Resize(fyne.NewSize(800, 400))
	return w
}

func errorScreen(message string) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(lang.L("Entraide cannot start"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text := widget.NewLabel(message)
	text.Wrapping = fyne.TextWrapWord
	return container.NewPadded(container.NewVBox(title, text))
}

// showMain builds the header and the four screens.
func (a *App) showMain() {
	ctx := context.Background()
	var err error
	if a.settings, err = a.store.Settings(ctx); err == nil {
		a.sites, err = a.store.Sites(ctx, false)
	}
	if err != nil {
		a.win.SetContent(errorScreen(describeError(err)))
		return
	}
	a.associationLabel = widget.NewLabelWithStyle(a.settings.AssociationName, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if a.settings.Mode == storage.ModeCCAS {
		a.showCCAS()
		return
	}
	a.chooseSite(a.fyne.Preferences().String(prefSite))

	a.siteSelect = newSelect(nil, func(name string) {
		for _, s := range a.sites {
			if s.Name == name {
				a.chooseSite(s.ID)
			}
		}
	})
	a.refreshSiteSelect()
	a.counter = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	header := a.header()

	a.checkIn = newCheckInScreen(a)
	a.households = newHouseholdsScreen(a)
	a.today = newTodayScreen(a)
	a.report = newReportScreen(a)
	a.listing = newListingScreen(a)
	a.directory = newDirectoryScreen(a)
	a.prefs = newSettingsScreen(a)
	managerOnly := func(content fyne.CanvasObject, s screen) (fyne.CanvasObject, screen) {
		if a.can(true) {
			return content, s
		}
		return restrictedScreen(), noScreen{}
	}
	reportContent, reportScreen := managerOnly(a.report.content, a.report)
	listingContent, listingScreen := managerOnly(a.listing.content, a.listing)
	settingsContent, settingsScreen := managerOnly(a.prefs.content, a.prefs)
	a.network = newNetworkScreen(a)
	a.screens = []screen{a.checkIn, a.households, a.today, reportScreen, listingScreen, a.directory, a.network, settingsScreen}
	a.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Check-in"), theme.HomeIcon(), a.checkIn.content),
		container.NewTabItemWithIcon(lang.L("Households"), theme.AccountIcon(), a.households.content),
		container.NewTabItemWithIcon(lang.L("Today"), theme.ListIcon(), a.today.content),
		container.NewTabItemWithIcon(lang.L("Report"), theme.MailSendIcon(), reportContent),
		container.NewTabItemWithIcon(lang.L("Listing"), theme.InfoIcon(), listingContent),
		container.NewTabItemWithIcon(lang.L("Directory"), theme.SearchIcon(), a.directory.content),
		container.NewTabItemWithIcon(lang.L("Network"), theme.MailComposeIcon(), a.network.content),
		container.NewTabItemWithIcon(lang.L("Settings"), theme.SettingsIcon(), settingsContent),
	)
	a.showTabs(header, a.mainMenu())
	a.refreshCounter()
}

// showCCAS builds the CCAS's screens: the network's associations, imports, the dashboard.
func (a *App) showCCAS() {
	a.counter = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	// The network's name, unless it is the CCAS's own (shown on the left already).
	if n, err := a.store.Network(context.Background()); err == nil && n.Name != a.settings.AssociationName {
		a.counter.SetText(n.Name)
	}
	header := a.header()
	a.members = newMembersScreen(a)
	a.imports = newImportScreen(a)
	a.dashboard = newDashboardScreen(a)
	ccasSettings := newCCASSettingsScreen(a)
	a.ccasDir = newCCASDirectoryScreen(a)
	a.donations = newDonationsScreen(a)
	a.meetings = newMeetingsScreen(a)
	a.screens = []screen{a.dashboard, a.imports, a.members, a.ccasDir, a.donations, a.meetings, ccasSettings}
	a.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Dashboard"), theme.GridIcon(), a.dashboard.content),
		container.NewTabItemWithIcon(lang.L("Import reports"), theme.DownloadIcon(), a.imports.content),
		container.NewTabItemWithIcon(lang.L("Associations"), theme.AccountIcon(), a.members.content),
		container.NewTabItemWithIcon(lang.L("Directory"), theme.SearchIcon(), a.ccasDir.content),
		container.NewTabItemWithIcon(lang.L("Donations"), theme.ContentCopyIcon(), a.donations.content),
		container.NewTabItemWithIcon(lang.L("Meetings"), theme.CalendarIcon(), a.meetings.content),
		container.NewTabItemWithIcon(lang.L("Settings"), theme.SettingsIcon(), ccasSettings.content),
	)
	goTo := fyne.NewMenu(lang.L("Go to"),
		menuItem(lang.L("Dashboard"), ctrlKey(fyne.Key1), func() { a.showTab(0) }),
		menuItem(lang.L("Import reports"), ctrlKey(fyne.Key2), func() { a.showTab(1) }),
		menuItem(lang.L("Associations"), ctrlKey(fyne.Key3), func() { a.showTab(2) }),
		menuItem(lang.L("Directory"), ctrlKey(fyne.Key4), func() { a.showTab(3) }),
		menuItem(lang.L("Donations"), ctrlKey(fyne.Key5), func() { a.showTab(4) }),
		menuItem(lang.L("Meetings"), ctrlKey(fyne.Key6), func() { a.showTab(5) }),
		menuItem(lang.L("Settings"), ctrlKey(fyne.Key7), func() { a.showTab(6) }),
	)
	a.showTabs(header, fyne.NewMainMenu(goTo, fyne.NewMenu(lang.L("Actions"), a.quitItem())))
}

// quitItem closes Entraide from the keyboard (Ctrl+Q); the daily backup is made on the way.
func (a *App) quitItem() *fyne.MenuItem {
	it := menuItem(lang.L("Quit"), ctrlKey(fyne.KeyQ), func() {
		a.beforeClosing()
		a.fyne.Quit()
	})
	it.IsQuit = true
	return it
}

// header shows the association, who is logged in (with a lock button) and the counter.
func (a *App) header() fyne.CanvasObject {
	left := container.NewHBox(a.associationLabel)
	if u, ok := a.store.SessionUser(); ok {
		lock := newButton(lang.L("Lock (Ctrl+L)"), theme.LogoutIcon(), a.showLogin)
		left.Add(widget.NewLabel("· " + u.Name))
		left.Add(lock)
	}
	// The counter takes what room is left and is cut rather than widening the window.
	a.counter.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, left, nil, a.counter)
}

// restrictedScreen stands for a manager's screen when a volunteer is logged in.
func restrictedScreen() fyne.CanvasObject {
	text := widget.NewLabel(lang.L("This part is for the association's manager. Ask them to log in (Lock, then their name)."))
	text.Wrapping = fyne.TextWrapWord
	return container.NewPadded(text)
}

type noScreen struct{}

func (noScreen) shown() {}

func (a *App) showTabs(header fyne.CanvasObject, menu *fyne.MainMenu) {
	// A screen taller than the window scrolls instead of growing the window past the
	// screen's edge (1024×600 netbooks, 150 % scaling): every tab's height counts.
	for _, item := range a.tabs.Items {
		item.Content = container.NewScroll(item.Content)
	}
	a.tabs.OnSelected = func(*container.TabItem) { a.screenShown() }
	a.tabsFit = newTabsFit(a.tabs)
	a.win.SetContent(container.New(&sizeWatch{app: a},
		container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil,
			container.New(a.tabsFit, a.tabs))))
	a.win.SetMainMenu(menu)
	a.screenShown()
}

func ctrlKey(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func menuItem(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, action)
	it.Shortcut = sc
	return it
}

// Tab positions of an association installation.
const (
	tabCheckIn = iota
	tabHouseholds
	tabToday
	tabReport
	tabListing
	tabDirectory
	tabNetwork
	tabSettings
)

func (a *App) showTab(i int) {
	if a.tabs.SelectedIndex() == i {
		a.screenShown()
		return
	}
	a.tabs.SelectIndex(i)
}

func (a *App) screenShown() {
	if i := a.tabs.SelectedIndex(); i >= 0 && i < len(a.screens) {
		a.screens[i].shown()
	}
}

// mainMenu gives every screen a keyboard shortcut, shown beside its name.
func (a *App) mainMenu() *fyne.MainMenu {
	ctrl, item := ctrlKey, menuItem
	goTo := fyne.NewMenu(lang.L("Go to"),
		item(lang.L("Check-in"), ctrl(fyne.Key1), func() { a.showTab(tabCheckIn) }),
		item(lang.L("Households"), ctrl(fyne.Key2), func() { a.showTab(tabHouseholds) }),
		item(lang.L("Today"), ctrl(fyne.Key3), func() { a.showTab(tabToday) }),
		item(lang.L("Report"), ctrl(fyne.Key4), func() { a.showTab(tabReport) }),
		item(lang.L("Listing"), ctrl(fyne.Key5), func() { a.showTab(tabListing) }),
		item(lang.L("Directory"), ctrl(fyne.Key6), func() { a.showTab(tabDirectory) }),
		item(lang.L("Network"), ctrl(fyne.Key7), func() { a.showTab(tabNetwork) }),
		item(lang.L("Settings"), ctrl(fyne.Key8), func() { a.showTab(tabSettings) }),
	)
	actions := fyne.NewMenu(lang.L("Actions"),
		item(lang.L("Lock"), ctrl(fyne.KeyL), func() {
			if _, ok := a.store.SessionUser(); ok {
				a.showLogin()
			}
		}),
		item(lang.L("New household"), ctrl(fyne.KeyN), func() { a.newHousehold(a.typedName()) }),
		// The wizard opens from Settings too; the shortcut takes a manager straight there.
		item(lang.L("Import a list of households…"), ctrl(fyne.KeyI), func() {
			a.showTab(tabSettings)
			a.startHouseholdImport(a.prefs.message)
		}),
		item(lang.L("Save the household's file"), ctrl(fyne.KeyS), func() {
			if a.tabs.SelectedIndex() == tabHouseholds && a.households.form != nil {
				a.households.form.save()
			}
		}),
		// Ctrl+Z reaches the menu before any field: on the check-in screen it undoes the
		// last check-in (in its turn after the keys typed before it); elsewhere it goes
		// back to the field that has the focus, to undo typing.
		item(lang.L("Undo the last check-in"), &fyne.ShortcutUndo{}, func() {
			if a.tabs.SelectedIndex() == tabCheckIn {
				a.checkIn.search.TypedShortcut(&fyne.ShortcutUndo{})
			} else if f, ok := a.win.Canvas().Focused().(fyne.Shortcutable); ok {
				f.TypedShortcut(&fyne.ShortcutUndo{})
			}
		}),
		a.quitItem(),
	)
	return fyne.NewMainMenu(goTo, actions)
}

func (a *App) chooseSite(id string) {
	if len(a.sites) == 0 {
		a.siteID = ""
		return
	}
	if !slices.ContainsFunc(a.sites, func(s storage.Site) bool { return s.ID == id }) {
		id = a.sites[0].ID
	}
	a.siteID = id
	a.fyne.Preferences().SetString(prefSite, id)
}

func (a *App) refreshSiteSelect() {
	names := make([]string, len(a.sites))
	selected := ""
	for i, s := range a.sites {
		names[i] = s.Name
		if s.ID == a.siteID {
			selected = s.Name
		}
	}
	a.siteSelect.Options = names
	a.siteSelect.SetSelected(selected)
	a.siteSelect.Refresh()
}

type settingsAndSites struct {
	settings storage.Settings
	sites    []storage.Site
}

// settingsChanged reloads what the header and the screens take from the settings, then
// calls then (if any).
func (a *App) settingsChanged(then func()) {
	inBackground(a, func() (settingsAndSites, error) {
		ctx := context.Background()
		var r settingsAndSites
		var err error
		if r.settings, err = a.store.Settings(ctx); err == nil {
			r.sites, err = a.store.Sites(ctx, false)
		}
		return r, err
	}, func(r settingsAndSites, err error) {
		if err != nil {
			return
		}
		a.settings, a.sites = r.settings, r.sites
		a.associationLabel.SetText(a.settings.AssociationName)
		a.chooseSite(a.siteID)
		a.refreshSiteSelect()
		if then != nil {
			then()
		}
	})
}

// refreshCounter updates today's counter in the header.
func (a *App) refreshCounter() {
	inBackground(a, func() (storage.DayCount, error) {
		return a.store.CountDay(context.Background(), a.store.Today())
	}, func(c storage.DayCount, err error) {
		if err != nil {
			a.counter.SetText(lang.L("Today: count unavailable"))
			return
		}
		a.counter.SetText(lang.L("Today — visits: {{.Visits}} · persons served: {{.Persons}}",
			map[string]any{"Visits": c.Visits, "Persons": c.Persons}))
	})
}

// typedName is the name typed in the check-in field, when that screen is shown and the
// field holds a name rather than a card.
func (a *App) typedName() string {
	if a.tabs.SelectedIndex() != tabCheckIn || storage.LooksLikeCard(a.checkIn.search.Text) {
		return ""
	}
	return trimmed(a.checkIn.search.Text)
}

// newHousehold opens an empty household form, with a name typed at check-in if any.
func (a *App) newHousehold(typedName string) {
	a.showTab(tabHouseholds)
	a.households.startNew(typedName)
}

// editHousehold opens a household's form.
func (a *App) editHousehold(id string) {
	a.showTab(tabHouseholds)
	a.households.open(id)
}

// checkInHousehold goes to check-in with the household open, ready for Enter.
func (a *App) checkInHousehold(id string) {
	a.showTab(tabCheckIn)
	a.checkIn.openHousehold(id)
}

func (a *App) textSize() float32 {
	size := float32(a.fyne.Preferences().FloatWithFallback(prefTextSize, float64(DefaultTextSize)))
	if !slices.Contains(TextSizes, size) {
		size = DefaultTextSize
	}
	return size
}

func (a *App) applyTextSize(size float32) {
	a.fyne.Preferences().SetFloat(prefTextSize, float64(size))
	a.fyne.Settings().SetTheme(newScaledTheme(size))
	if a.tabsFit != nil {
		a.tabsFit.apply() // larger text: the names may no longer fit beside their icons
	}
}

// rebuild redraws every screen, after a change of language.
func (a *App) rebuild(language string) error {
	if err := UseLanguage(language); err != nil {
		return err
	}
	a.fyne.Preferences().SetString(prefLanguage, language)
	selected := a.tabs.SelectedIndex()
	a.showMain()
	a.showTab(selected)
	return nil
}
