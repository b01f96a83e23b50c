// Package layering checks that dependencies between Entraide's packages point one way:
// storage knows nothing above it, sync never shows a window, only storage speaks SQL, and
// within sync each concern uses only the ones below it. `make test` runs it with the rest.
package layering

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// allowed lists, for each package, the Entraide packages it may import directly.
var allowed = map[string][]string{
	"entraide/storage":                {},
	"entraide/storage/demo":           {"entraide/storage"},
	"entraide/assets":                 {},
	"entraide/sync/envelope":          {"entraide/assets", "entraide/storage"},
	"entraide/sync/directory":         {"entraide/assets", "entraide/storage", "entraide/sync/envelope"},
	"entraide/sync/report":            {"entraide/assets", "entraide/storage", "entraide/sync/envelope", "entraide/sync/directory"},
	"entraide/sync/printout":          {"entraide/assets", "entraide/storage", "entraide/sync/envelope", "entraide/sync/directory", "entraide/sync/report", "entraide/sync/donation", "entraide/sync/meeting"},
	"entraide/sync/exchange":          {"entraide/assets", "entraide/storage", "entraide/sync/envelope", "entraide/sync/directory", "entraide/sync/report"},
	"entraide/sync/spreadsheet":       {},
	"entraide/sync/householdfile":     {"entraide/assets", "entraide/storage", "entraide/sync/spreadsheet"},
	"entraide/sync/donation":          {"entraide/assets", "entraide/storage", "entraide/sync/report"},
	"entraide/sync/meeting":           {"entraide/storage", "entraide/sync/directory"},
	"entraide/sync/bulletin":          {"entraide/storage", "entraide/sync/directory", "entraide/sync/donation", "entraide/sync/meeting"},
	"entraide/sync/internal/synctest": {"entraide/storage", "entraide/sync/envelope", "entraide/sync/directory", "entraide/sync/report", "entraide/sync/exchange"},
	"entraide/ui":                     {"entraide/assets", "entraide/storage", "entraide/sync/envelope", "entraide/sync/directory", "entraide/sync/report", "entraide/sync/printout", "entraide/sync/exchange", "entraide/sync/spreadsheet", "entraide/sync/householdfile", "entraide/sync/donation", "entraide/sync/meeting", "entraide/sync/bulletin"},
	"entraide/cmd/entraidectl":        {"entraide/storage", "entraide/storage/demo", "entraide/sync/envelope", "entraide/sync/directory", "entraide/sync/report", "entraide/sync/printout", "entraide/sync/exchange", "entraide/sync/spreadsheet", "entraide/sync/householdfile", "entraide/sync/donation", "entraide/sync/meeting", "entraide/sync/bulletin"},
	"entraide":                        {"entraide/storage", "entraide/ui"},
	"entraide/scripts/realwindow":     {"entraide/storage", "entraide/storage/demo"},
	"entraide/scripts/layering":       {},
}

// sqlPackages are how a package speaks SQL; only storage may.
var sqlPackages = []string{"database/sql", "gorm.io/", "github.com/glebarez/"}

type pkg struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	Imports    []string
	Deps       []string
}

func listPackages(t *testing.T) []pkg {
	t.Helper()
	out, err := exec.Command("go", "list", "-tags", "migrated_fynedo", "-json", "entraide/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var list []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		for _, f := range p.GoFiles {
			// Read here, so that go test's cache knows the result depends on them.
			if _, err := os.ReadFile(filepath.Join(p.Dir, f)); err != nil {
				t.Fatal(err)
			}
		}
		list = append(list, p)
	}
	return list
}

func TestDependenciesPointOneWay(t *testing.T) {
	for _, p := range listPackages(t) {
		rules, known := allowed[p.ImportPath]
		if !known {
			t.Errorf("%s is a new package: say in scripts/layering what it may import", p.ImportPath)
			continue
		}
		for _, imp := range p.Imports {
			if strings.HasPrefix(imp, "entraide") && !slices.Contains(rules, imp) {
				t.Errorf("%s imports %s, against the layering", p.ImportPath, imp)
			}
			for _, sql := range sqlPackages {
				if strings.HasPrefix(imp, sql) && !strings.HasPrefix(p.ImportPath, "entraide/storage") {
					t.Errorf("%s imports %s: only storage speaks SQL", p.ImportPath, imp)
				}
			}
		}
		windowed := p.ImportPath == "entraide" || p.ImportPath == "entraide/ui"
		for _, dep := range p.Deps {
			if strings.HasPrefix(dep, "fyne.io/") && !windowed {
				t.Errorf("%s depends on %s: only ui and main may know Fyne", p.ImportPath, dep)
				break
			}
		}
	}
}
