package storage

import (
	"context"
	"testing"
	"time"
)

func TestAuditTrailIsAppendOnly(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	if err := s.Audit(ctx, "Josiane", AuditExport, "CSV, 2026-10"); err != nil {
		t.Fatal(err)
	}
	if err := s.writer.Exec(`UPDATE audit_log SET actor = 'personne'`).Error; err == nil {
		t.Fatal("the audit log could be changed")
	}
	if err := s.writer.Exec(`DELETE FROM audit_log`).Error; err == nil {
		t.Fatal("the audit log could be emptied")
	}
	list, err := s.AuditTrail(ctx, time.Time{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Actor != "Josiane" || list[0].Action != AuditExport {
		t.Fatalf("trail %+v", list)
	}
}

// Households without contact for two years are listed; purging removes their identity,
// keeps their visits for the counts, and leaves no trace in searches or lists.
func TestRetentionPurge(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	old := register(t, s, member("Ancien", "Foyer", "12/03/1970"))
	if _, err := s.CheckIn(ctx, CheckInRequest{HouseholdID: old.ID}); err != nil {
		t.Fatal(err)
	}
	clock.t = clock.t.AddDate(1, 0, 0)
	recent := register(t, s, member("Recent", "Foyer", "1980"))
	clock.t = clock.t.AddDate(1, 1, 0) // two years and a month after the old one's last visit
	inactive, err := s.InactiveHouseholds(ctx, DefaultRetentionMonths)
	if err != nil || len(inactive) != 1 || inactive[0].ID != old.ID {
		t.Fatalf("inactive %+v, %v; want only the old household", inactive, err)
	}
	n, err := s.PurgeHouseholds(ctx, []string{old.ID}, "Josiane", AuditPurge, nil)
	if err != nil || n != 1 {
		t.Fatalf("purge %d, %v", n, err)
	}
	if got := searchCards(t, s, "ancien"); len(got) != 0 {
		t.Fatalf("a purged household is still found: %v", got)
	}
	if _, err := s.HouseholdIDByCard(ctx, old.Card); err == nil {
		t.Fatal("a purged household is found by its card")
	}
	list, err := s.HouseholdSummaries(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID != recent.ID {
		t.Fatalf("households listed after the purge: %+v", list)
	}
	rec, err := s.Record(ctx, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Members[0].LastName != "-" || !rec.Members[0].BirthDate.IsZero() || rec.Members[0].BirthYear == nil || *rec.Members[0].BirthYear != 1970 {
		t.Fatalf("purged member %+v: want no name or date, the year kept", rec.Members[0])
	}
	if st, err := s.Stats(ctx); err != nil || st.Visits != 1 {
		t.Fatalf("the purged household's visit is gone: %d visits", st.Visits)
	}
	if trail, err := s.AuditTrail(ctx, time.Time{}, AuditPurge); err != nil || len(trail) != 1 || trail[0].Detail != "1 household(s)" {
		t.Fatalf("audit %+v", trail)
	}
}

func TestRecordHoldsEverything(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	h := register(t, s, member("Benali", "Nadia", "12/03/1990"), member("Benali", "Karim", "2010"))
	s.CheckIn(ctx, CheckInRequest{HouseholdID: h.ID, RecordedBy: "Josiane"})
	s.SaveHousehold(ctx, HouseholdInput{ID: h.ID, Members: []MemberInput{{ID: h.Members[0].ID, LastName: "Benali", FirstName: "Nadia"}}})
	rec, err := s.Record(ctx, h.ID)
	if err != nil || len(rec.Members) != 2 || len(rec.Visits) != 1 || rec.Visits[0].RecordedBy != "Josiane" || rec.Visits[0].Site == "" {
		t.Fatalf("record %+v, %v: want both members (one former) and the visit", rec, err)
	}
}

func TestForbiddenNoteWords(t *testing.T) {
	if got := ForbiddenNoteWords("Maman diabétique, attend sa régularisation"); len(got) != 2 {
		t.Fatalf("got %v", got)
	}
	if got := ForbiddenNoteWords("Préfère venir le samedi"); len(got) != 0 {
		t.Fatalf("got %v", got)
	}
}
