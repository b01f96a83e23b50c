package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"entraide/assets"
	"entraide/storage"
	"entraide/sync/householdfile"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

func TestFirstStartSetup(t *testing.T) {
	a, s, _ := newApp(t)
	a.Start()
	if a.setup == nil || focused(t, a) != a.setup.name {
		t.Fatal("first start does not open the setup with the name field focused")
	}
	test.Tap(a.setup.startButton)
	if !contains(a.setup.message.text.Text, "L'association doit avoir un nom") {
		t.Fatalf("empty name: %q", a.setup.message.text.Text)
	}
	test.Type(a.setup.name, "Les Amis du Pile")
	test.Type(a.setup.site, "Local de l'Alma")
	a.setup.rules.minDays.SetText("sept")
	test.Tap(a.setup.startButton)
	if !contains(a.setup.message.text.Text, "doit être un nombre entier") {
		t.Fatalf("bad number: %q", a.setup.message.text.Text)
	}
	a.setup.rules.minDays.SetText("14")
	if a.setup.message.content.Visible() {
		t.Fatal("the error stays on screen once the number is fixed")
	}
	// Enter in the registration length goes on to the account questions, then starts.
	a.win.Canvas().Focus(a.setup.rules.months)
	pressEnter(a.setup.rules.months)
	if focused(t, a) != a.setup.userName {
		t.Fatalf("Enter in the registration length went to %T, want the first-name field", focused(t, a))
	}
	pressEnter(a.setup.userName)
	if focused(t, a) != a.setup.userPIN {
		t.Fatal("Enter in the first name does not go to the PIN")
	}
	pressEnter(a.setup.userPIN)
	if a.tabs == nil || a.tabs.SelectedIndex() != tabCheckIn || focused(t, a) != a.checkIn.search {
		t.Fatal("after setup, the check-in screen is not shown with the search focused")
	}
	st, err := s.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.AssociationName != "Les Amis du Pile" || st.MinDaysBetweenVisits != 14 {
		t.Fatalf("settings %+v", st)
	}
}

func TestTodayShowsAndCancels(t *testing.T) {
	a, s, _ := startApp(t)
	h := register(t, s, person("Petit", "Luc", 1950), person("Petit", "Zoé", 2019))
	if _, err := s.CheckIn(context.Background(), storage.CheckInRequest{HouseholdID: h.ID}); err != nil {
		t.Fatal(err)
	}
	a.showTab(tabToday)
	tv := a.today
	if !contains(tv.sites.Text, "foyers : 1 · personnes servies : 2") || !contains(tv.dayLabel.Text, "Lundi 23/11/2026") {
		t.Fatalf("today shows %q / %q", tv.dayLabel.Text, tv.sites.Text)
	}
	tv.list.Select(0)
	test.Tap(tv.cancel)
	reason := focused(t, a)
	test.Type(reason, "mauvais foyer")
	pressEnter(reason)
	if visitsToday(t, s) != 0 || !contains(tv.message.text.Text, "Passage annulé") {
		t.Fatal("cancel from the today screen did not cancel")
	}
	if !contains(visitTitle(tv.summary.Visits[0]), "ANNULÉ") {
		t.Fatal("the cancelled visit is not marked in the list")
	}
}

func TestSettingsChangeRulesAndSites(t *testing.T) {
	a, s, _ := startApp(t)
	a.showTab(tabSettings)
	p := a.prefs
	p.rules.maxMonth.SetText("2")
	p.save()
	if st, err := s.Settings(context.Background()); err != nil || st.MaxVisitsPerMonth != 2 {
		t.Fatalf("max per month %d, want 2", st.MaxVisitsPerMonth)
	}
	test.Type(p.newSite, "Épicerie du Pile")
	pressEnter(p.newSite)
	if len(a.sites) != 2 || len(a.siteSelect.Options) != 2 {
		t.Fatalf("sites %d, select %v", len(a.sites), a.siteSelect.Options)
	}
	p.rules.months.SetText("0")
	p.save()
	if !contains(p.message.text.Text, "hors limites") {
		t.Fatalf("message %q", p.message.text.Text)
	}
}

func TestLanguageSwitch(t *testing.T) {
	a, _, _ := startApp(t)
	if a.tabs.Items[0].Text != "Accueil" {
		t.Fatalf("first tab %q, want French by default", a.tabs.Items[0].Text)
	}
	if err := a.rebuild("en"); err != nil {
		t.Fatal(err)
	}
	defer UseLanguage("fr")
	if a.tabs.Items[0].Text != "Check-in" {
		t.Fatalf("first tab %q after choosing English", a.tabs.Items[0].Text)
	}
}

// Every string passed to lang.L or lang.N, here and in the program's main package, has a
// French and an English translation.
func TestEveryStringIsTranslated(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	mainFiles, err := filepath.Glob("../*.go")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, mainFiles...)
	keys := map[string]string{}
	fset := token.NewFileSet()
	for _, file := range files {
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "L" && sel.Sel.Name != "N") {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "lang" {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok {
				if vocabularyLabel(call.Args[0]) {
					return true // its keys are storage.VocabularyLabels, added below
				}
				t.Errorf("%s: lang.%s with a key that is not a literal", fset.Position(call.Pos()), sel.Sel.Name)
				return true
			}
			key, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			keys[key] = fset.Position(call.Pos()).String()
			return true
		})
	}
	for _, label := range storage.VocabularyLabels() {
		keys[label] = "storage/vocabulary.go"
	}
	for _, key := range householdfile.ProblemKeys() {
		keys[key] = "sync/householdfile/problems.go"
	}
	for _, f := range append(householdfile.Fields, householdfile.FieldNone) {
		keys[f.Label()] = "sync/householdfile/fields.go"
	}
	for _, code := range Languages {
		data, err := assets.Translations.ReadFile("translations/" + code + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var messages map[string]any
		if err := json.Unmarshal(data, &messages); err != nil {
			t.Fatalf("%s.json: %v", code, err)
		}
		for key, where := range keys {
			if _, ok := messages[key]; !ok {
				t.Errorf("%s.json lacks %q (%s)", code, key, where)
			}
		}
		for key := range messages {
			if _, ok := keys[key]; !ok {
				t.Errorf("%s.json has %q, used nowhere", code, key)
			}
		}
	}
}

// vocabularyLabel tells a listing code's label (x.Label() or storage.LanguageLabel(x)).
func vocabularyLabel(e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	return ok && (sel.Sel.Name == "Label" || sel.Sel.Name == "LanguageLabel")
}

// When the data cannot be opened, the window says why in French and what to do.
func TestStartErrorsArePlain(t *testing.T) {
	fa := test.NewTempApp(t)
	UseLanguage("fr")
	tests := []struct {
		err  error
		says string
	}{
		{storage.ErrFolderNotWritable, "ne peut pas écrire dans son dossier de données"},
		{storage.ErrNotDatabase, "n'est pas une base Entraide"},
		{storage.ErrNewerDatabase, "mettez Entraide à jour"},
		{storage.ErrInUse, "déjà ouvert sur cet ordinateur"},
		{storage.ErrDamaged, "une sauvegarde peut être restaurée"},
	}
	for _, tt := range tests {
		w := ShowStartError(fa, fmt.Errorf("opening /data: %w", tt.err), "")
		if markup := test.RenderObjectToMarkup(w.Content()); !contains(markup, tt.says) {
			t.Errorf("start error for %v does not say %q", tt.err, tt.says)
		}
	}
}

func TestRecordedByIsKeptWithTheVisit(t *testing.T) {
	a, s, _ := startApp(t)
	h := register(t, s, person("Roux", "Marc", 1966))
	a.fyne.Preferences().SetString(prefRecorder, "Josiane")
	test.Type(a.checkIn.search, h.Card)
	pressEnter(a.checkIn.search)
	pressEnter(a.checkIn.search)
	day, err := s.Day(context.Background(), s.Today())
	if err != nil {
		t.Fatal(err)
	}
	if len(day.Visits) != 1 || day.Visits[0].RecordedBy != "Josiane" || !contains(visitDetail(day.Visits[0]), "par Josiane") {
		t.Fatalf("visits %+v: want one recorded by Josiane", day.Visits)
	}
}

func TestFrenchDecimal(t *testing.T) {
	for in, want := range map[float64]string{9378.6: "9\u202f378,6", 12: "12", 1234567.25: "1\u202f234\u202f567,25", 0.5: "0,5"} {
		if got := frenchDecimal(in); got != want {
			t.Errorf("frenchDecimal(%v) = %q, want %q", in, got, want)
		}
	}
}

// A damaged database: the start window offers the newest good backup and restores it.
func TestDamagedDatabaseOffersTheBackup(t *testing.T) {
	fa := test.NewTempApp(t)
	UseLanguage("fr")
	dir := t.TempDir()
	ctx := context.Background()
	s, err := storage.Open(ctx, dir, storage.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s.Setup(ctx, storage.DefaultSetup("Asso", "Local"))
	s.SaveHousehold(ctx, storage.HouseholdInput{Members: []storage.MemberInput{{LastName: "Petit", FirstName: "Luc"}}})
	if _, err := s.AutoBackup(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()
	w := ShowStartError(fa, fmt.Errorf("opening: %w", storage.ErrDamaged), dir)
	var restore *button
	for _, o := range test.LaidOutObjects(w.Content()) {
		if b, ok := o.(*button); ok && contains(b.Text, "Restaurer la sauvegarde") {
			restore = b
		}
	}
	if restore == nil || !contains(restore.Text, "(1 foyers)") {
		t.Fatal("no backup offered")
	}
	test.Tap(restore)
	if !restore.Disabled() {
		t.Fatal("the restore did not happen")
	}
	again, err := storage.Open(ctx, dir, storage.OpenOptions{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	again.Close()
}

func TestRestoreFromSettings(t *testing.T) {
	a, s, _ := startApp(t)
	ctx := context.Background()
	register(t, s, person("Avant", "Sauvegarde", 1970))
	usb := filepath.Join(t.TempDir(), "cle.age")
	f, err := os.Create(usb)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EncryptedBackup(ctx, f, "phrase de la clé", "test"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	register(t, s, person("Apres", "Sauvegarde", 1980))
	dir := filepath.Dir(s.Path())
	a.showTab(tabSettings)
	a.prefs.restore(usb, "phrase de la clé")
	if markup := test.RenderObjectToMarkup(a.win.Content()); !contains(markup, "Sauvegarde restaurée") {
		t.Fatalf("after restoring: %s", markup)
	}
	restored, err := storage.Open(ctx, dir, storage.OpenOptions{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	if st, err := restored.Stats(ctx); err != nil || st.Households != 1 {
		t.Fatalf("households after the restore: %d, want the one of the backup", st.Households)
	}
}

// On a small screen the first start scrolls: the PIN field reached with Enter, and an
// error under the fold, come into view.
func TestFocusAndMessagesScrollIntoView(t *testing.T) {
	a, _, _ := newApp(t)
	a.Start()
	a.win.Resize(fyne.NewSize(1024, 400))
	sc := a.setup.content.(*container.Scroll)
	visible := func(o fyne.CanvasObject) bool {
		drv := fyne.CurrentApp().Driver()
		top := drv.AbsolutePositionForObject(o).Y - drv.AbsolutePositionForObject(sc).Y
		return top >= 0 && top+o.Size().Height <= sc.Size().Height
	}
	if visible(a.setup.userPIN) {
		t.Fatal("the test needs the PIN field below the fold")
	}
	a.win.Canvas().Focus(a.setup.userPIN)
	a.reveal(a.setup.userPIN)
	if !visible(a.setup.userPIN) {
		t.Fatalf("the focused PIN field stays out of view (scroll offset %v)", sc.Offset)
	}
	sc.ScrollToTop()
	test.Type(a.setup.name, "Les Amis")
	a.setup.rules.minDays.SetText("sept")
	a.setup.submit()
	if !visible(a.setup.message.content) {
		t.Fatal("the error message stays out of view")
	}
}
