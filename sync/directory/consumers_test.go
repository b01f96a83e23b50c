package directory_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"entraide/storage"
	"entraide/sync/directory"
	"entraide/sync/internal/synctest"
)

// validatorsDir holds the consumers' own validators (ajv + ajv-formats, opening_hours),
// installed with npm by `make validators` (part of `make test`).
const validatorsDir = "../../scripts/validators"

// The exports pass the validators their consumers run: ajv with formats asserted for HSDS
// and data·inclusion, and the reference opening_hours parser, which must open and close
// every site exactly when Entraide does, every day of two years.
func TestExportsPassTheConsumersValidators(t *testing.T) {
	if _, err := os.Stat(filepath.Join(validatorsDir, "node_modules", "opening_hours")); err != nil {
		if os.Getenv("ENTRAIDE_VALIDATORS") == "require" {
			t.Fatalf("the consumers' validators are not installed (make validators): %v", err)
		}
		t.Skip("the consumers' validators are not installed: run make validators")
	}
	type document struct {
		Schema string `json:"schema"`
		Label  string `json:"label"`
		Value  any    `json:"value"`
	}
	type hours struct {
		Value    string      `json:"value"`
		From     string      `json:"from"`
		To       string      `json:"to"`
		Openings [][2]string `json:"openings"`
	}
	input := struct {
		Schemas      map[string]string `json:"schemas"`
		Documents    []document        `json:"documents"`
		OpeningHours []hours           `json:"opening_hours"`
	}{Schemas: map[string]string{}}
	for name, path := range map[string]string{"hsds": "hsds-3.0/compiled/organization.json",
		"structure": "data-inclusion-v1/structure.json", "service": "data-inclusion-v1/service.json"} {
		abs, err := filepath.Abs(filepath.Join(schemas, path))
		if err != nil {
			t.Fatal(err)
		}
		input.Schemas[name] = abs
	}
	d := synctest.ExportDirectory()
	for _, org := range directory.HSDSOrganizations(d) {
		input.Documents = append(input.Documents, document{"hsds", fmt.Sprint(org["name"]), org})
	}
	di := directory.DataInclusionExport(d, time.Date(2026, 11, 23, 10, 0, 0, 0, storage.Paris))
	for _, s := range di.Structures {
		input.Documents = append(input.Documents, document{"structure", fmt.Sprint(s["nom"]), s})
	}
	for _, s := range di.Services {
		input.Documents = append(input.Documents, document{"service", fmt.Sprint(s["id"]), s})
	}
	schedules := osmSchedules()
	for _, e := range d.Entries {
		for _, site := range e.Listing.Sites {
			schedules = append(schedules, site.Schedule)
		}
	}
	from, to := storage.Date{Year: 2026, Month: 1, Day: 1}, storage.Date{Year: 2027, Month: 12, Day: 31}
	for _, s := range schedules {
		h := hours{Value: directory.OSMOpeningHours(s), From: from.String(), To: to.String(), Openings: [][2]string{}}
		if h.Value == "" {
			continue
		}
		for day := from; !to.Before(day); day = day.AddDays(1) {
			for _, iv := range s.Openings(day) {
				clock := func(minutes int) string { return fmt.Sprintf("%sT%02d:%02d", day, minutes/60, minutes%60) }
				h.Openings = append(h.Openings, [2]string{clock(iv.Opens), clock(iv.Closes)})
			}
		}
		input.OpeningHours = append(input.OpeningHours, h)
	}
	path := filepath.Join(t.TempDir(), "exports.json")
	b, err := json.Marshal(input)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join(validatorsDir, "validate.mjs"), path)
	cmd.Env = append(os.Environ(), "TZ=Europe/Paris")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the consumers' validators refuse the exports (%v):\n%s", err, strings.TrimSpace(string(out)))
	}
	t.Logf("%d documents and %d opening_hours values accepted", len(input.Documents), len(input.OpeningHours))
}
