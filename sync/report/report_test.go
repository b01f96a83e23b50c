package report_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"entraide/storage"
	"entraide/sync/internal/synctest"
	"entraide/sync/report"
)

func TestSuppression(t *testing.T) {
	order := []string{"a", "b", "c", "d"}
	tests := []struct {
		name   string
		cells  map[string]int
		hidden map[string]string // "<" primary, "*" secondary
	}{
		{"nothing small", map[string]int{"a": 5, "b": 9, "c": 0, "d": 12}, nil},
		{"zero stays visible", map[string]int{"a": 0, "b": 0, "c": 7, "d": 6}, nil},
		{"k is not small", map[string]int{"a": 5, "b": 5, "c": 5, "d": 5}, nil},
		{"one small cell hides the next smallest", map[string]int{"a": 1, "b": 9, "c": 6, "d": 30},
			map[string]string{"a": "<", "c": "*"}},
		{"k-1 is small", map[string]int{"a": 4, "b": 9, "c": 8, "d": 30}, map[string]string{"a": "<", "c": "*"}},
		{"the next smallest may be a zero", map[string]int{"a": 2, "b": 0, "c": 8, "d": 30}, map[string]string{"a": "<", "b": "*"}},
		{"two small cells protect each other", map[string]int{"a": 1, "b": 3, "c": 8, "d": 30},
			map[string]string{"a": "<", "b": "<"}},
		{"every cell small", map[string]int{"a": 1, "b": 2, "c": 3, "d": 4}, map[string]string{"a": "<", "b": "<", "c": "<", "d": "<"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := report.Suppress(tt.cells, order, 5)
			total := 0
			for _, n := range tt.cells {
				total += n
			}
			if m.Total != total {
				t.Fatalf("total %d, want the exact %d", m.Total, total)
			}
			for _, name := range order {
				c := m.Cells[name]
				want := tt.hidden[name]
				switch {
				case want == "" && (c.Hidden || c.N != tt.cells[name]):
					t.Errorf("cell %s = %+v, want %d shown", name, c, tt.cells[name])
				case want == "<" && !(c.Hidden && !c.Secondary && c.N == 0):
					t.Errorf("cell %s = %+v, want hidden as fewer than k", name, c)
				case want == "*" && !(c.Hidden && c.Secondary && c.N == 0):
					t.Errorf("cell %s = %+v, want hidden as secondary", name, c)
				}
			}
			// No hidden cell can be worked out from the total and the visible cells.
			hidden := 0
			for _, c := range m.Cells {
				if c.Hidden {
					hidden++
				}
			}
			if hidden == 1 {
				t.Fatal("a single hidden cell is given away by the total")
			}
			b, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			var back report.Margin
			if err := json.Unmarshal(b, &back); err != nil || back.Total != m.Total || back.Visible() != m.Visible() {
				t.Fatalf("margin does not read back: %s, %v", b, err)
			}
		})
	}
}

func TestReportCounts(t *testing.T) {
	n := synctest.NewNetwork(t)
	ctx := context.Background()
	// A single mother with two young children, served twice; an isolated man of 70.
	synctest.Serve(t, n.Assoc, n.Clock, 6, synctest.Person("Benali", "Nadia", "12/03/1990"), synctest.Person("Benali", "Inès", "01/06/2025"),
		storage.MemberInput{LastName: "Benali", FirstName: "Adam", BirthDate: storage.Date{Year: 2018, Month: 2, Day: 2}, Relation: storage.RelationChild})
	h := synctest.Serve(t, n.Assoc, n.Clock, 9, storage.MemberInput{LastName: "Roux", FirstName: "Marc", BirthYear: 1956, Sex: storage.SexMale})
	if _, err := n.Assoc.CheckIn(ctx, storage.CheckInRequest{HouseholdID: h.ID, At: synctest.TestNow.AddDate(0, -1, -3), OverrideReason: "test"}); err != nil {
		t.Fatal(err)
	}
	// A cancelled visit never counts.
	v, err := n.Assoc.CheckIn(ctx, storage.CheckInRequest{HouseholdID: h.ID, At: synctest.TestNow.AddDate(0, -1, 2), OverrideReason: "test"})
	if err != nil {
		t.Fatal(err)
	}
	n.Assoc.CancelVisit(ctx, v.ID, "erreur")
	_, r, err := report.MonthlyReport(ctx, n.Assoc, synctest.TestMonth)
	if err != nil {
		t.Fatal(err)
	}
	if r.HouseholdsServed != 2 || r.PersonsServed != 4 || r.Visits != 3 || r.PersonsWithoutBirthDate != 1 {
		t.Fatalf("report %+v: want 2 households, 4 persons, 3 visits, 1 without birth date", r)
	}
	if r.Unique == nil || r.Unique.PersonsHashed != 3 || r.Unique.KeyFingerprint == "" {
		t.Fatalf("unique part %+v: want 3 persons hashed", r.Unique)
	}
	if got := r.Margins[report.MarginAge]; got.Total != 4 {
		t.Fatalf("age total %d, want 4", got.Total)
	}
	if got := r.Margins[report.MarginVisitKind]; got.Total != 3 {
		t.Fatalf("visits by kind total %d, want 3", got.Total)
	}
	if got := r.Margins[report.MarginHouseholdType]; got.Total != 2 {
		t.Fatalf("household types total %d", got.Total)
	}
	// Age bands at the visit date, checked before suppression.
	data, err := n.Assoc.MonthData(ctx, storage.Date{Year: 2026, Month: 10, Day: 1})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, p := range data.Persons {
		age, ok := p.AgeOn(storage.Date{Year: 2026, Month: 10, Day: 6})
		counts[report.AgeBand(age, ok)]++
	}
	if counts["0-2"] != 1 || counts["3-15"] != 1 || counts["25-59"] != 1 || counts["65+"] != 1 {
		t.Fatalf("age bands %v", counts)
	}
}

// Households whose every identifying field is a unique string: no report holds any of
// them, whatever the encoding.
func TestReportsHoldNothingIdentifying(t *testing.T) {
	n := synctest.NewNetwork(t)
	ctx := context.Background()
	var secrets []string
	for i := 0; i < 12; i++ {
		last, first := "Zqxnom"+string(rune('a'+i))+"canary", "Wqxprenom"+string(rune('a'+i))+"canary"
		birth := storage.Date{Year: 1950 + i, Month: time.Month(1 + i%12), Day: 3 + i}
		saved := n.Clock.T
		n.Clock.T = synctest.TestNow.AddDate(0, -1, -20)
		h, err := n.Assoc.SaveHousehold(ctx, storage.HouseholdInput{Address: "Canary street " + string(rune('A'+i)),
			Phone: "06 99 88 77 " + string(rune('0'+i%10)) + "7", Notes: "Canarynote" + string(rune('a'+i)),
			Quartier: "Pile", Members: []storage.MemberInput{{LastName: last, FirstName: first, BirthDate: birth}}})
		n.Clock.T = saved
		if err != nil {
			t.Fatal(err)
		}
		if _, err := n.Assoc.CheckIn(ctx, storage.CheckInRequest{HouseholdID: h.ID, At: synctest.TestNow.AddDate(0, -1, -10), OverrideReason: "t"}); err != nil {
			t.Fatal(err)
		}
		secrets = append(secrets, last, first, h.Address, h.Phone, h.Notes, h.Card, birth.String(), birth.French(),
			storage.NormalizeName(last), h.ID)
		hash := report.PersonHash(mustKey(n, t), last, first, birth)
		secrets = append(secrets, hex.EncodeToString(hash), base64.StdEncoding.EncodeToString(hash), string(hash[:8]))
	}
	file, _, err := report.MonthlyReport(ctx, n.Assoc, synctest.TestMonth)
	if err != nil {
		t.Fatal(err)
	}
	lower := strings.ToLower(string(file))
	for _, s := range secrets {
		for _, form := range []string{s, strings.ToLower(s), strings.ToUpper(s), hex.EncodeToString([]byte(s)),
			base64.StdEncoding.EncodeToString([]byte(s))} {
			if len(form) >= 6 && (bytes.Contains(file, []byte(form)) || strings.Contains(lower, strings.ToLower(form))) {
				t.Errorf("the report contains %q (from %q)", form, s)
			}
		}
	}
}

func mustKey(n *synctest.Network, t testing.TB) []byte {
	m, err := n.Assoc.Membership(context.Background())
	if err != nil || m.UniqueKey == nil {
		t.Fatalf("membership key: %v", err)
	}
	return m.UniqueKey
}

func TestReportRefusesUnfinishedMonths(t *testing.T) {
	n := synctest.NewNetwork(t)
	for _, month := range []string{"2026-11", "2027-01"} {
		if _, _, err := report.MonthlyReport(context.Background(), n.Assoc, month); err == nil {
			t.Errorf("a report for %s was made", month)
		}
	}
}

func TestReportFileName(t *testing.T) {
	if got := report.FileName("Les Amis du Pile / Épeule", "2026-10"); got != "rapport-les-amis-du-pile-epeule-2026-10.json" {
		t.Fatalf("file name %q", got)
	}
}
