package directory_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
	"time"

	"entraide/storage"
	"entraide/sync/directory"
	"entraide/sync/internal/synctest"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

const schemas = "testdata/schemas"

func compileSchema(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat() // as a consumer validates: a uuid, date or email that is not one fails
	s, err := c.Compile(path)
	if err != nil {
		t.Fatalf("compiling %s: %v", path, err)
	}
	return s
}

// roundTrip gives what a JSON reader sees: numbers as json.Number, maps of any.
func roundTrip(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestHSDSExportValidates(t *testing.T) {
	schema := compileSchema(t, filepath.Join(schemas, "hsds-3.0/compiled/organization.json"))
	orgs := directory.HSDSOrganizations(synctest.ExportDirectory())
	if len(orgs) != 3 {
		t.Fatalf("%d organizations", len(orgs))
	}
	for _, org := range orgs {
		if err := schema.Validate(roundTrip(t, org)); err != nil {
			t.Errorf("organization %s does not validate: %v", org["name"], err)
		}
	}
	pile, err := json.Marshal(orgs[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(pile, []byte(`"valid_to":"2026-07-31"`)) || !bytes.Contains(pile, []byte(`"valid_from":"2026-09-01"`)) {
		t.Errorf("the August closure is not in the schedules' validity: %s", pile)
	}
	b, err := json.Marshal(orgs[1])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`"byday":"-1FR"`)) || !bytes.Contains(b, []byte(`"freq":"MONTHLY"`)) {
		t.Errorf("last-Friday rule not in the schedules: %s", b)
	}
}

func TestDataInclusionExportValidates(t *testing.T) {
	structure := compileSchema(t, filepath.Join(schemas, "data-inclusion-v1/structure.json"))
	service := compileSchema(t, filepath.Join(schemas, "data-inclusion-v1/service.json"))
	out := directory.DataInclusionExport(synctest.ExportDirectory(), time.Date(2026, 11, 23, 10, 0, 0, 0, storage.Paris))
	if len(out.Structures) != 3 || len(out.Services) != 4 {
		t.Fatalf("%d structures, %d services", len(out.Structures), len(out.Services))
	}
	for _, s := range out.Structures {
		if err := structure.Validate(roundTrip(t, s)); err != nil {
			t.Errorf("structure %s does not validate: %v", s["nom"], err)
		}
	}
	for _, s := range out.Services {
		if err := service.Validate(roundTrip(t, s)); err != nil {
			t.Errorf("service %s does not validate: %v", s["id"], err)
		}
	}
	if got := out.Structures[0]["horaires_accueil"]; got != "Sa 09:00-12:00; 2026 Aug 01-2026 Aug 31 off; PH off" {
		t.Errorf("horaires_accueil %q", got)
	}
}

// HSDS ids are the same at every export (a consumer updates its records) and never shared.
func TestHSDSIDsAreStableAndDistinct(t *testing.T) {
	ids := func() []string {
		b, err := json.Marshal(directory.HSDSOrganizations(synctest.ExportDirectory()))
		if err != nil {
			t.Fatal(err)
		}
		var found []string
		for _, m := range regexp.MustCompile(`"id":"([^"]*)"`).FindAllSubmatch(b, -1) {
			found = append(found, string(m[1]))
		}
		return found
	}
	first, second := ids(), ids()
	if len(first) < 20 || !slices.Equal(first, second) {
		t.Fatalf("ids change between two exports:\n%v\n%v", first, second)
	}
	seen := map[string]bool{}
	for _, id := range first {
		if seen[id] {
			t.Fatalf("id %s given twice", id)
		}
		seen[id] = true
	}
}
