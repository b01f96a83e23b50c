package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type importSummary struct {
	Rows       int `json:"rows"`
	Households int `json:"households"`
	Persons    int `json:"persons"`
	Errors     []struct {
		Row     int    `json:"row"`
		Column  string `json:"column"`
		Problem string `json:"problem"`
	} `json:"errors"`
	Duplicates []struct {
		Row     int    `json:"row"`
		Problem string `json:"problem"`
	} `json:"duplicates"`
	Warnings []struct {
		Problem string `json:"problem"`
	} `json:"warnings"`
	Imported bool `json:"imported"`
}

// An association's list through the command line: a bad cell stops it, the fixed file
// imports after a dry run, the same file again creates nothing, the old number finds the
// household at the check-in, and the export opens in French spreadsheets.
func TestHouseholdsImportAndExport(t *testing.T) {
	dir, files := t.TempDir(), t.TempDir()
	if r := ctl(t, "init", "--data", dir, "--name", "Les Amis du Pile"); r.code != exitOK {
		t.Fatalf("init: %+v", r)
	}
	list := "Liste des bénéficiaires;;;;\n" +
		"N° dossier;NOM;Prénom;DDN;Adresse;Nationalité\n" +
		"12;MARTIN;Sophie;%s;3 rue de l'Alma;française\n" +
		"12;MARTIN;Lucas;04/05/2012;;\n" +
		"13;DIALLO;Aminata;1990;5 rue Pierre de Roubaix;\n"
	write := func(name, sophie string) string {
		path := filepath.Join(files, name)
		if err := os.WriteFile(path, []byte(strings.Replace(list, "%s", sophie, 1)), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	imp := func(args ...string) (result, importSummary) {
		t.Helper()
		r := ctl(t, append([]string{"households", "import", "--data", dir}, args...)...)
		var s importSummary
		mustJSON(t, r.stdout, &s)
		return r, s
	}

	r, s := imp(write("faute.csv", "31/02/1985"))
	if r.code != exitError || s.Imported || len(s.Errors) != 1 || s.Errors[0].Row != 3 || s.Errors[0].Column != "D" ||
		s.Errors[0].Problem != "31/02/1985 n'existe pas" {
		t.Fatalf("a day that does not exist: %+v %+v", r, s)
	}
	good := write("liste.csv", "12/03/1985")
	r, s = imp(good, "--dry-run")
	if r.code != exitOK || s.Imported || s.Households != 2 || s.Persons != 3 || !strings.Contains(r.stdout, "Nationalité") {
		t.Fatalf("dry run: %+v %+v", r, s)
	}
	if r := ctl(t, "search", "--data", dir, "martin"); strings.Contains(r.stdout, "MARTIN") {
		t.Fatalf("the dry run wrote: %s", r.stdout)
	}
	r, s = imp(good)
	if r.code != exitOK || !s.Imported || s.Households != 2 || s.Persons != 3 {
		t.Fatalf("import: %+v %+v", r, s)
	}
	r, s = imp(good)
	if r.code != exitOK || s.Imported || s.Households != 0 || len(s.Duplicates) != 2 {
		t.Fatalf("the same file again: %+v %+v", r, s)
	}
	if r := ctl(t, "search", "--data", dir, "13"); !strings.Contains(r.stdout, "DIALLO") || !strings.Contains(r.stdout, `"old_number":"13"`) {
		t.Fatalf("old number 13: %+v", r)
	}
	if r := ctl(t, "checkin", "--data", dir, "--card", "12"); r.code != exitOK || !strings.Contains(r.stdout, `"persons_served":2`) {
		t.Fatalf("check-in with the old number: %+v", r)
	}

	if r := ctl(t, "households", "import", "--data", dir, good, "--map", "Z=nothing"); r.code != exitUsage {
		t.Fatalf("a field that does not exist: %+v", r)
	}
	for name, content := range map[string]string{"vide.csv": "", "image.xlsx": "\x89PNG\r\n\x1a\n\x00\x00"} {
		path := filepath.Join(files, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		r, s = imp(path)
		if r.code != exitError || len(s.Errors) != 1 || s.Errors[0].Problem == "" {
			t.Fatalf("%s: %+v %+v", name, r, s)
		}
	}

	history := filepath.Join(files, "passages.csv")
	if err := os.WriteFile(history, []byte("Date;N° dossier;Personnes\n05/11/2026;12;2\n19/11/2026;13;1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r = ctl(t, "households", "visits", "--data", dir, history)
	if r.code != exitOK || !strings.Contains(r.stdout, `"visits":2`) || !strings.Contains(r.stdout, `"imported":true`) {
		t.Fatalf("past visits: %+v", r)
	}
	if r := ctl(t, "households", "visits", "--data", dir, history); r.code != exitOK || !strings.Contains(r.stdout, `"visits":0`) {
		t.Fatalf("the same history again: %+v", r)
	}

	out := filepath.Join(files, "foyers.csv")
	r = ctl(t, "households", "export", "--data", dir, "--out", out)
	if r.code != exitOK || !strings.Contains(r.stdout, `"persons":3`) {
		t.Fatalf("export: %+v", r)
	}
	content, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(content), "\uFEFFN° carte;Ancien numéro;NOM;Prénom") || !strings.Contains(string(content), ";12;MARTIN;Lucas;04/05/2012;") {
		t.Fatalf("the export reads:\n%s", content)
	}
	if r := ctl(t, "audit", "--data", dir, "--action", "import"); !strings.Contains(r.stdout, "2 households, 3 persons") {
		t.Fatalf("audit: %+v", r)
	}
}
