package report_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"entraide/storage"
	"entraide/sync/internal/synctest"
	"entraide/sync/report"
)

// reportWithoutDate is a month's report as JSON, made at a fixed time (a month before
// joining the network included).
func reportWithoutDate(t *testing.T, s *storage.Store, month string) string {
	t.Helper()
	ctx := context.Background()
	first, err := storage.MonthStart(month)
	if err != nil {
		t.Fatal(err)
	}
	data, err := s.MonthData(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Membership(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(report.BuildReport(data, m, m.UniqueKey, time.Time{}))
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// servedTwice registers a household served in September and October.
func servedTwice(t *testing.T, n *synctest.Network, members ...storage.MemberInput) storage.Household {
	t.Helper()
	h := synctest.Serve(t, n.Assoc, n.Clock, 6, members...)
	at := time.Date(2026, 9, 15, 10, 0, 0, 0, storage.Paris)
	if _, err := n.Assoc.CheckIn(context.Background(), storage.CheckInRequest{HouseholdID: h.ID, At: at, OverrideReason: "test"}); err != nil {
		t.Fatal(err)
	}
	return h
}

// Erasing households (retention or the person's request) leaves every past monthly
// report identical when it is made again: age bands (a birthday just after the visit),
// household types, persons without a full birth date and the distinct-person sketch.
func TestErasureLeavesPastReportsIdentical(t *testing.T) {
	ctx := context.Background()
	setup := func(t *testing.T) (*synctest.Network, []string) {
		n := synctest.NewNetwork(t)
		birthdayAfterVisit := servedTwice(t, n, synctest.Person("Lefebvre", "Odile", "20/10/1966"), synctest.Person("Lefebvre", "Paul", "25/10/2008"))
		yearOnly := servedTwice(t, n, synctest.Person("Roux", "Marc", "1956"))
		synctest.Serve(t, n.Assoc, n.Clock, 8, synctest.Person("Benali", "Nadia", "12/03/1990"), synctest.Person("Benali", "Inès", "01/02/2015"))
		synctest.Serve(t, n.Assoc, n.Clock, 9, synctest.Person("Durand", "Léa", "30/12/1999"))
		return n, []string{birthdayAfterVisit.ID, yearOnly.ID}
	}
	months := []string{"2026-09", synctest.TestMonth}

	n, erased := setup(t)
	before := map[string]string{}
	for _, month := range months {
		before[month] = reportWithoutDate(t, n.Assoc, month)
	}
	if got, err := report.PurgeHouseholds(ctx, n.Assoc, erased, "Josiane", storage.AuditErase); err != nil || got != 2 {
		t.Fatalf("erasing: %d, %v", got, err)
	}
	// Erasing again changes nothing, and counts nothing twice.
	if got, err := report.PurgeHouseholds(ctx, n.Assoc, erased, "Josiane", storage.AuditErase); err != nil || got != 0 {
		t.Fatalf("erasing again: %d, %v", got, err)
	}
	for _, month := range months {
		if after := reportWithoutDate(t, n.Assoc, month); after != before[month] {
			t.Errorf("%s report changed by the erasure:\nbefore %s\nafter  %s", month, before[month], after)
		}
	}
	data, err := n.Assoc.MonthData(ctx, storage.Date{Year: 2026, Month: 10, Day: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range data.Persons {
		if data.Households[p.HouseholdID].Erased && (p.LastName != "-" || !p.BirthDate.IsZero()) {
			t.Fatalf("an erased person still has a name or birth date: %+v", p)
		}
	}

	// The same data erased without keeping the contributions would change the report:
	// the test above does look at what erasure removes.
	control, erasedAgain := setup(t)
	if _, err := control.Assoc.PurgeHouseholds(ctx, erasedAgain, "Josiane", storage.AuditErase, nil); err != nil {
		t.Fatal(err)
	}
	if reportWithoutDate(t, control.Assoc, synctest.TestMonth) == before[synctest.TestMonth] {
		t.Fatal("the test data does not depend on birth dates")
	}
}
