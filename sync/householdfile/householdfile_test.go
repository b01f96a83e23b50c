package householdfile

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"entraide/assets"
	"entraide/storage"
	"entraide/sync/spreadsheet"

	"github.com/xuri/excelize/v2"
)

var testNow = time.Date(2026, 11, 23, 10, 0, 0, 0, storage.Paris)

func openStore(t testing.TB) *storage.Store {
	t.Helper()
	s, err := storage.Open(context.Background(), t.TempDir(), storage.OpenOptions{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Setup(context.Background(), storage.DefaultSetup("Les Amis du Pile", "Local de l'Alma")); err != nil {
		t.Fatal(err)
	}
	return s
}

// xlsxFile writes rows (nil cells left empty) into a sheet named sheet, as Excel would.
func xlsxFile(t testing.TB, sheet string, rows [][]any) spreadsheet.Workbook {
	t.Helper()
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		if err := f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+1), &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	book, err := spreadsheet.Read("liste.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return book
}

func csvFile(t testing.TB, text string) spreadsheet.Workbook {
	t.Helper()
	book, err := spreadsheet.Read("liste.csv", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return book
}

// association is an épicerie's list: titles under a heading, one row per person, a
// column that must not come in, a total at the bottom.
func association(birthOfSophie any) [][]any {
	return [][]any{
		{"Épicerie solidaire — liste 2025"},
		{},
		{"N° dossier", "NOM", "Prénom", "Né(e) le", "Sexe", "Adresse", "Tél", "Orienté par", "Observations", "Nationalité"},
		{"D-001", "MARTIN", "Sophie", birthOfSophie, "Mme", "3 rue de l'Alma", 612345678, "CCAS", "", "française"},
		{"D-001", "MARTIN", "Lucas", 40179, "M", nil, nil, nil, nil, "française"},
		{"D-002", "DIALLO", "Aminata", 1990, "F", "5 rue Pierre de Roubaix", nil, "assistante sociale", "préfère le matin"},
		{"D-003", "LEFEBVRE", "Jean", "45 ans", "H", "8 rue du Moulin"},
		{"TOTAL", nil, "4 personnes"},
	}
}

func understand(t testing.TB, book spreadsheet.Workbook, opts Options) Understood {
	t.Helper()
	opts.Today = storage.DateOf(testNow)
	u, err := Understand(book, opts)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func french(problems []Problem) string {
	var lines []string
	for _, p := range problems {
		lines = append(lines, p.French())
	}
	return strings.Join(lines, "\n")
}

func TestAnAssociationsListComesInOnce(t *testing.T) {
	ctx := context.Background()
	store := openStore(t)
	u := understand(t, xlsxFile(t, "Bénéficiaires", association("12/03/1985")), Options{})
	if u.HeaderRow != 3 || u.Shape != ShapePersons || u.Rows != 4 || len(u.Households) != 3 || u.Persons != 4 {
		t.Fatalf("header %d, shape %s, %d rows, %d households, %d persons", u.HeaderRow, u.Shape, u.Rows, len(u.Households), u.Persons)
	}
	if len(u.Errors) != 0 {
		t.Fatalf("errors: %s", french(u.Errors))
	}
	warnings := french(u.Warnings)
	for _, want := range []string{
		"la colonne J (Nationalité) n'est pas importée",
		"ligne 8 : un total : ligne ignorée",
		"des âges ont été convertis en années de naissance",
	} {
		if !strings.Contains(warnings, want) {
			t.Errorf("the warnings do not say %q:\n%s", want, warnings)
		}
	}
	martin := u.Households[0].Input
	if martin.OldNumber != "D-001" || len(martin.Household.Members) != 2 || martin.Household.Phone != "06 12 34 56 78" ||
		martin.Household.Referral != storage.ReferralCCAS || martin.Household.Address != "3 rue de l'Alma" {
		t.Fatalf("the MARTIN household read as %+v", martin)
	}
	sophie, lucas := martin.Household.Members[0], martin.Household.Members[1]
	if sophie.BirthDate.String() != "1985-03-12" || sophie.Sex != storage.SexFemale || sophie.Relation != storage.RelationApplicant {
		t.Errorf("Sophie read as %+v", sophie)
	}
	if lucas.BirthDate.String() != "2010-01-01" || lucas.Sex != storage.SexMale { // 40179 is Excel's 1 January 2010
		t.Errorf("Lucas (a date cell of Excel) read as %+v", lucas)
	}
	if y := u.Households[1].Input.Household.Members[0].BirthYear; y != 1990 {
		t.Errorf("a year alone read as %d", y)
	}
	if y := u.Households[2].Input.Household.Members[0].BirthYear; y != 1981 {
		t.Errorf("45 ans read as born in %d", y)
	}

	dry, err := Run(ctx, store, u, "Marie", true)
	if err != nil {
		t.Fatal(err)
	}
	if dry.Imported || dry.Households != 3 || dry.Persons != 4 {
		t.Fatalf("dry run: %+v", dry)
	}
	assertHouseholds(t, store, 0)

	done, err := Run(ctx, store, u, "Marie", false)
	if err != nil {
		t.Fatal(err)
	}
	if !done.Imported || done.Households != 3 || done.Persons != 4 {
		t.Fatalf("import: %+v", done)
	}
	assertHouseholds(t, store, 3)
	// The old number opens the household at the check-in desk, typed or searched.
	id, err := store.HouseholdIDByCard(ctx, "d 002")
	if err != nil {
		t.Fatal(err)
	}
	h, err := store.Household(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if h.Members[0].LastName != "DIALLO" || h.OldNumber != "D-002" || h.Card == "" {
		t.Fatalf("old number D-002 opens %+v", h)
	}
	found, err := store.Search(ctx, "D-003", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) == 0 || found[0].OldNumber != "D-003" || !strings.Contains(found[0].Members[0], "LEFEBVRE") {
		t.Fatalf("searching D-003 finds %+v", found)
	}
	trail, err := store.AuditTrail(ctx, time.Time{}, storage.AuditImport)
	if err != nil {
		t.Fatal(err)
	}
	if len(trail) != 1 || trail[0].Actor != "Marie" || !strings.Contains(trail[0].Detail, "3 households, 4 persons") {
		t.Fatalf("audit trail %+v", trail)
	}

	again, err := Run(ctx, store, u, "Marie", false)
	if err != nil {
		t.Fatal(err)
	}
	if again.Imported || again.Households != 0 || len(again.Duplicates) != 3 || !strings.Contains(again.Duplicates[0].Problem, "déjà importé") {
		t.Fatalf("the same file again: %+v", again)
	}
	assertHouseholds(t, store, 3)
}

func TestABadCellImportsNothingAndSaysWhere(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name   string
		sophie any
		want   string
	}{
		{"a day that does not exist", "31/02/1985", "ligne 4, colonne D : 31/02/1985 n'existe pas"},
		{"not a date", "le 12 mars", "ligne 4, colonne D : le 12 mars n'est pas une date lisible : écrivez-la JJ/MM/AAAA"},
		{"in the future", "12/03/2031", "ligne 4, colonne D : 12/03/2031 est dans le futur"},
		{"before 1900", "12/03/1885", "ligne 4, colonne D : 12/03/1885 est avant 1900"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			store := openStore(t)
			u := understand(t, xlsxFile(t, "Liste", association(c.sophie)), Options{})
			if got := french(u.Errors); got != c.want {
				t.Fatalf("errors:\n%s\nwant:\n%s", got, c.want)
			}
			s, err := Run(ctx, store, u, "Marie", false)
			if err != nil {
				t.Fatal(err)
			}
			if s.Imported || len(s.Errors) != 1 || s.Errors[0].Row != 4 || s.Errors[0].Column != "D" {
				t.Fatalf("summary %+v", s)
			}
			assertHouseholds(t, store, 0)
		})
	}
}

func TestRowsEntraideCannotRead(t *testing.T) {
	header := "NOM;Prénom;Date de naissance;Sexe;Observations\n"
	cases := []struct {
		name, rows, want string
	}{
		{"the same person twice", "DUPONT;Marie;01/02/1980;F;\nDUPONT;Marie;1/2/80;F;\n",
			"ligne 3 : Marie DUPONT est déjà à la ligne 2 : la même personne deux fois dans le fichier"},
		{"a sex not understood", "DUPONT;Marie;01/02/1980;Z;\n", "ligne 2, colonne D : Z n'est pas un sexe qu'Entraide comprend"},
		{"no first name", "DUPONT;;01/02/1980;F;\n", "ligne 2, colonne B : le prénom est vide"},
		{"health in the notes", "DUPONT;Marie;01/02/1980;F;diabète, voir médecin\n", "ligne 2, colonne E : les observations semblent contenir des informations de santé"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u := understand(t, csvFile(t, header+c.rows), Options{})
			if got := french(u.Errors); !strings.HasPrefix(got, c.want) {
				t.Fatalf("errors:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

func TestOneRowPerHouseholdWithCounts(t *testing.T) {
	ctx := context.Background()
	store := openStore(t)
	u := understand(t, csvFile(t, "Nom;Prénom;Nb adultes;Nb enfants;Quartier;Date d'inscription;Fin de droits\n"+
		"DUPONT;Marie;2;3;Pile;05/01/2024;31/12/2026\nKARA;Ali;1;0;Alma;2025-09-01;\n"), Options{})
	if u.Shape != ShapeHouseholds || len(u.Households) != 2 || u.Persons != 6 || len(u.Errors) != 0 {
		t.Fatalf("shape %s, %d households, %d persons, errors %s", u.Shape, len(u.Households), u.Persons, french(u.Errors))
	}
	s, err := Run(ctx, store, u, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Imported || s.Persons != 6 {
		t.Fatalf("summary %+v", s)
	}
	id, err := store.HouseholdIDByOldNumber(ctx, "x")
	if err == nil {
		t.Fatalf("an unknown old number gives %s", id)
	}
	found, err := store.Search(ctx, "dupont marie", 5)
	if err != nil || len(found) != 1 {
		t.Fatalf("search: %v %+v", err, found)
	}
	h, err := store.Household(ctx, found[0].HouseholdID)
	if err != nil {
		t.Fatal(err)
	}
	toAsk := 0
	for _, m := range h.Members {
		if m.ToComplete {
			toAsk++
			if m.FirstName != storage.FirstNameToAsk || m.LastName != "DUPONT" {
				t.Errorf("a counted member is %+v", m)
			}
		}
	}
	if toAsk != 4 || h.RegisteredOn.String() != "2024-01-05" || h.EligibleUntil.String() != "2026-12-31" || h.Quartier != "Pile" {
		t.Fatalf("household %+v with %d members to complete", h, toAsk)
	}
	// The form saves the household while first names are still to ask, and a first name
	// given completes the member.
	in := storage.HouseholdInput{ID: h.ID, Quartier: h.Quartier, RegisteredOn: h.RegisteredOn, EligibleUntil: h.EligibleUntil}
	for i, m := range h.Members {
		mi := storage.MemberInput{ID: m.ID, LastName: m.LastName, FirstName: m.FirstName, Relation: m.Relation, ToComplete: m.ToComplete}
		if m.ToComplete {
			mi.FirstName = "" // as the form shows it
		}
		if i == 1 {
			mi.FirstName = "Paul"
		}
		in.Members = append(in.Members, mi)
	}
	saved, err := store.SaveHousehold(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Members[1].FirstName != "Paul" || saved.Members[1].ToComplete || !saved.Members[2].ToComplete {
		t.Fatalf("after the form: %+v", saved.Members)
	}
}

func TestHouseholdsAlreadyRegisteredAreLeftOut(t *testing.T) {
	ctx := context.Background()
	store := openStore(t)
	if _, err := store.SaveHousehold(ctx, storage.HouseholdInput{Members: []storage.MemberInput{
		{LastName: "Martin", FirstName: "Sophie", BirthDate: storage.Date{Year: 1985, Month: 3, Day: 12}}}}); err != nil {
		t.Fatal(err)
	}
	rows := association("12/03/1985")
	for i := range rows[3:7] {
		rows[3+i][0] = nil // no file numbers: the duplicate rules decide
	}
	u := understand(t, xlsxFile(t, "Liste", rows), Options{Map: map[string]Field{"A": FieldNone}})
	s, err := Run(ctx, store, u, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Imported || s.Households != 2 || len(s.Duplicates) != 1 ||
		!strings.Contains(s.Duplicates[0].Problem, "Sophie MARTIN semble déjà inscrit(e) (carte") || s.Duplicates[0].Row != 4 {
		t.Fatalf("summary %+v", s)
	}
	assertHouseholds(t, store, 3)
}

func TestTheUsersMappingWins(t *testing.T) {
	book := csvFile(t, "Qui;Quand;Code\nDUPONT Marie;01/02/1980;A12\nDUPONT Léo;2012;A12\n")
	if u := understand(t, book, Options{}); len(u.Errors) == 0 {
		t.Fatal("titles Entraide cannot know were understood")
	}
	u := understand(t, book, Options{HeaderRow: 1, Map: map[string]Field{"Qui": FieldFullName, "b": FieldBirth, "C": FieldFileNumber}})
	if len(u.Errors) != 0 || len(u.Households) != 1 || u.Persons != 2 {
		t.Fatalf("errors %s, %d households, %d persons", french(u.Errors), len(u.Households), u.Persons)
	}
	leo := u.Households[0].Input.Household.Members[1]
	if leo.LastName != "DUPONT" || leo.FirstName != "Léo" || leo.BirthYear != 2012 {
		t.Fatalf("Léo read as %+v", leo)
	}
}

func TestDatesAsListsWriteThem(t *testing.T) {
	today := storage.DateOf(testNow)
	cases := map[string]string{
		"12/03/1985": "1985-03-12", "1/2/85": "1985-02-01", "1/2/05": "2005-02-01", "1985-03-12": "1985-03-12",
		"12.03.1985": "1985-03-12", "31048": "1985-01-01", "31048.5": "1985-01-01", "1985-03-12T00:00:00": "1985-03-12",
	}
	for cell, want := range cases {
		b, p := parseBirth(cell, today)
		if p != nil || b.date.String() != want {
			t.Errorf("%q read as %v (%v), want %s", cell, b.date, p, want)
		}
	}
	for cell, want := range map[string]storage.Sex{"Mme": storage.SexFemale, "M.": storage.SexMale, "H": storage.SexMale,
		"femme": storage.SexFemale, "Homme": storage.SexMale, "Madame": storage.SexFemale, "": ""} {
		if got, p := parseSex(cell); p != nil || got != want {
			t.Errorf("sex %q read as %q (%v)", cell, got, p)
		}
	}
}

// Every problem has its French and English sentence.
func TestEveryProblemIsTranslated(t *testing.T) {
	for _, key := range ProblemKeys() {
		if assets.French(key) == key {
			t.Errorf("fr.json lacks %q", key)
		}
	}
	for _, f := range Fields {
		if assets.French(f.Label()) == f.Label() && f.Label() != "Quartier" && f.Label() != "Notes" {
			t.Errorf("fr.json lacks the field %q", f.Label())
		}
	}
}

func assertHouseholds(t *testing.T, store *storage.Store, want int) {
	t.Helper()
	list, err := store.HouseholdSummaries(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != want {
		t.Fatalf("%d households registered, want %d", len(list), want)
	}
}

// The export opens in French spreadsheets and comes back whole into another Entraide,
// where the households keep their old number (or their card, when they had none).
func TestExportImportsIntoAnotherEntraide(t *testing.T) {
	ctx := context.Background()
	from := openStore(t)
	u := understand(t, xlsxFile(t, "Liste", association("12/03/1985")), Options{})
	if _, err := Run(ctx, from, u, "", false); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"csv", "xlsx"} {
		t.Run(format, func(t *testing.T) {
			content, persons, err := Export(ctx, from, format, "Marie")
			if err != nil {
				t.Fatal(err)
			}
			if persons != 4 {
				t.Fatalf("%d persons exported", persons)
			}
			if format == "csv" {
				text := string(content)
				if !strings.HasPrefix(text, "\uFEFFN° carte;Ancien numéro;NOM;Prénom;Date de naissance") ||
					!strings.Contains(text, ";D-001;MARTIN;Sophie;12/03/1985;F;Demandeur;3 rue de l'Alma;") {
					t.Fatalf("the CSV reads:\n%s", text)
				}
			}
			book, err := spreadsheet.Read("export."+format, content)
			if err != nil {
				t.Fatal(err)
			}
			to := openStore(t)
			back := understand(t, book, Options{})
			if len(back.Errors) != 0 || len(back.Households) != 3 {
				t.Fatalf("%d households, errors %s", len(back.Households), french(back.Errors))
			}
			s, err := Run(ctx, to, back, "", false)
			if err != nil {
				t.Fatal(err)
			}
			if !s.Imported || s.Households != 3 || s.Persons != 4 {
				t.Fatalf("summary %+v", s)
			}
			found, err := to.Search(ctx, "sophie martin", 5)
			if err != nil || len(found) != 1 || found[0].OldNumber != "D-001" {
				t.Fatalf("Sophie in the other Entraide: %v %+v", err, found)
			}
		})
	}
	trail, err := from.AuditTrail(ctx, time.Time{}, storage.AuditExport)
	if err != nil {
		t.Fatal(err)
	}
	if len(trail) != 2 || trail[0].Actor != "Marie" || strings.Contains(trail[0].Detail, "MARTIN") {
		t.Fatalf("audit trail %+v", trail)
	}
}

// Files that are no list, or too big a one, are refused in plain French before anything
// is read into the database.
func TestFilesRefusedInPlainFrench(t *testing.T) {
	dir := t.TempDir()
	huge := "NOM;Prénom\n" + strings.Repeat("DUPONT;Marie\n", 100_000)
	cases := []struct{ name, content, want string }{
		{"vide.csv", "", "le fichier est vide : choisissez le fichier qui contient la liste"},
		{"100000.csv", huge, "la feuille CSV a plus de 50000 lignes : coupez-la en plusieurs fichiers"},
		{"photo.xlsx", "\x89PNG\r\n\x1a\n\x00\x00\x00", "ce fichier n'est pas un tableur qu'Entraide sait lire"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.name)
			if err := os.WriteFile(path, []byte(c.content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, p := ReadFile(path)
			if p == nil || !strings.HasPrefix(p.French(), c.want) {
				t.Fatalf("got %v, want %q", p, c.want)
			}
			if s := FailedSummary(*p); len(s.Errors) != 1 || s.Imported {
				t.Fatalf("summary %+v", s)
			}
		})
	}
}

// The history of a former list comes after its households: each visit on its household's
// day, the visit rules then see it, the same file again records nothing more, and an
// unknown number stops the whole file.
func TestPastVisitsAfterTheList(t *testing.T) {
	ctx := context.Background()
	store := openStore(t)
	if _, err := Run(ctx, store, understand(t, xlsxFile(t, "Liste", association("12/03/1985")), Options{}), "", false); err != nil {
		t.Fatal(err)
	}
	history := "Historique des colis\nDate;N° dossier;Personnes\n02/10/2026;D-001;2\n16/10/2026;D-001;2\n20/11/2026;D-002;\n"
	read := func(text string) VisitsUnderstood {
		u, err := UnderstandVisits(csvFile(t, text), Options{Today: storage.DateOf(testNow)})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	s, err := RunVisits(ctx, store, read(history), "Marie", false)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Imported || s.Visits != 3 || len(s.Errors) != 0 {
		t.Fatalf("summary %+v", s)
	}
	id, err := store.HouseholdIDByOldNumber(ctx, "D-002")
	if err != nil {
		t.Fatal(err)
	}
	last, err := store.LastVisit(ctx, id)
	if err != nil || last == nil || last.Day.String() != "2026-11-20" || last.PersonsServed != 1 {
		t.Fatalf("the last visit of D-002: %+v (%v)", last, err)
	}
	violations, err := store.CheckRules(ctx, id, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(violations) == 0 {
		t.Fatal("a visit three days ago (imported) breaks no rule today")
	}
	again, err := RunVisits(ctx, store, read(history), "Marie", false)
	if err != nil || again.Imported || again.Visits != 0 || len(again.Already) != 3 {
		t.Fatalf("the same history again: %+v (%v)", again, err)
	}
	bad, err := RunVisits(ctx, store, read("Date;N° dossier\n01/10/2026;D-001\n03/10/2026;Z-999\n31/09/2026;D-002\n"), "Marie", false)
	if err != nil {
		t.Fatal(err)
	}
	if bad.Imported || len(bad.Errors) != 2 || bad.Errors[0].Problem != "31/09/2026 n'existe pas" ||
		bad.Errors[1].Problem != "aucun foyer n'a le numéro Z-999 : importez d'abord la liste des foyers" {
		t.Fatalf("a history with errors: %+v", bad)
	}
}
