package storage

import (
	"context"
	"errors"
	"testing"
	"time"
)

func rulesOf(err error) []Rule {
	var re *RuleError
	if !errors.As(err, &re) {
		return nil
	}
	rules := make([]Rule, len(re.Violations))
	for i, v := range re.Violations {
		rules[i] = v.Rule
	}
	return rules
}

func TestCheckInRules(t *testing.T) {
	type step struct {
		daysLater int
		reason    string
		refused   []Rule
	}
	tests := []struct {
		name     string
		minDays  int
		maxMonth int
		steps    []step
	}{
		{"weekly rule: a week later is fine", 7, 0, []step{{0, "", nil}, {7, "", nil}}},
		{"weekly rule: three days later is refused", 7, 0, []step{{0, "", nil}, {3, "", []Rule{RuleMinInterval}}}},
		{"same day twice is refused", 7, 0, []step{{0, "", nil}, {0, "", []Rule{RuleMinInterval}}}},
		{"a reason lets it through", 7, 0, []step{{0, "", nil}, {3, "colis oublié la semaine dernière", nil}}},
		{"no minimum: twice a day is fine", 0, 0, []step{{0, "", nil}, {0, "", nil}}},
		{"monthly maximum", 0, 2, []step{{0, "", nil}, {1, "", nil}, {2, "", []Rule{RuleMonthlyMax}}}},
		{"monthly maximum counts the calendar month", 0, 1, []step{{0, "", nil}, {8, "", nil}}}, // 23/11 then 01/12
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, clock := openTestStore(t)
			ctx := context.Background()
			settings, err := s.Settings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			settings.MinDaysBetweenVisits, settings.MaxVisitsPerMonth = tt.minDays, tt.maxMonth
			if err := s.SaveSettings(ctx, settings); err != nil {
				t.Fatal(err)
			}
			h := register(t, s, member("Simon", "Claire", "1970"), member("Simon", "Hugo", "2012"))
			start := clock.t
			for i, st := range tt.steps {
				clock.t = start.AddDate(0, 0, st.daysLater)
				v, err := s.CheckIn(ctx, CheckInRequest{HouseholdID: h.ID, OverrideReason: st.reason})
				got := rulesOf(err)
				if len(got) != len(st.refused) || (len(got) > 0 && got[0] != st.refused[0]) {
					t.Fatalf("step %d: CheckIn = %v, want refused by %v", i, err, st.refused)
				}
				if err == nil && st.reason != "" && v.OverrideReason != st.reason {
					t.Fatalf("step %d: override reason %q not kept", i, v.OverrideReason)
				}
				if err == nil && v.PersonsServed != 2 {
					t.Fatalf("step %d: persons served %d, want 2", i, v.PersonsServed)
				}
			}
		})
	}
}

func TestRefusedCheckInSaysWhyAndWritesNothing(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	h := register(t, s, member("Diallo", "Aminata", "1988"))
	if _, err := s.CheckIn(ctx, CheckInRequest{HouseholdID: h.ID}); err != nil {
		t.Fatal(err)
	}
	clock.addDays(3)
	_, err := s.CheckIn(ctx, CheckInRequest{HouseholdID: h.ID})
	var re *RuleError
	if !errors.As(err, &re) {
		t.Fatalf("want a RuleError, got %v", err)
	}
	v := re.Violations[0]
	if v.DaysSince != 3 || v.MinDays != 7 || v.LastVisit != DateOf(testNow) {
		t.Fatalf("violation %+v: want last visit %s, 3 days ago, rule 7", v, DateOf(testNow))
	}
	if st, err := s.Stats(ctx); err != nil || st.Visits != 1 {
		t.Fatalf("refused check-in wrote a visit: %d visits", st.Visits)
	}
}

func TestEligibilityAndArchiveWarn(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	h := register(t, s, member("Nowak", "Anna", "1960"))
	clock.t = clock.t.AddDate(1, 0, 1) // a year and a day later
	violations, err := s.CheckRules(ctx, h.ID, time.Time{})
	if err != nil || len(violations) != 1 || violations[0].Rule != RuleEligibility {
		t.Fatalf("CheckRules after a year = %+v, %v; want eligibility", violations, err)
	}
	until, err := s.RenewEligibility(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := DateOf(clock.t).AddMonths(12); until != want {
		t.Fatalf("renewed until %s, want %s", until, want)
	}
	if err := s.SetHouseholdArchived(ctx, h.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CheckIn(ctx, CheckInRequest{HouseholdID: h.ID}); !equalRules(rulesOf(err), RuleArchived) {
		t.Fatalf("check-in of an archived household = %v, want archived", err)
	}
}

func equalRules(got []Rule, want ...Rule) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

func TestCancelKeepsHistory(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	h := register(t, s, member("Koné", "Moussa", "1979"))
	v, err := s.CheckIn(ctx, CheckInRequest{HouseholdID: h.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CancelVisit(ctx, v.ID, "mauvais foyer"); err != nil {
		t.Fatal(err)
	}
	if err := s.CancelVisit(ctx, v.ID, "encore"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("cancelling twice = %v, want ErrNotFound", err)
	}
	day, err := s.Day(ctx, DateOf(testNow))
	if err != nil {
		t.Fatal(err)
	}
	if len(day.Visits) != 1 || !day.Visits[0].Cancelled || day.Visits[0].CancelReason != "mauvais foyer" || day.Total.Visits != 0 {
		t.Fatalf("day after cancel = %+v: want the visit kept, cancelled, not counted", day)
	}
	// The cancelled visit no longer blocks the weekly rule.
	if _, err := s.CheckIn(ctx, CheckInRequest{HouseholdID: h.ID}); err != nil {
		t.Fatalf("check-in after cancel: %v", err)
	}
}

func TestDaySummaryPerSite(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	sites, err := s.Sites(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.AddSite(ctx, "Épicerie solidaire", "")
	if err != nil {
		t.Fatal(err)
	}
	a := register(t, s, member("Petit", "Luc", "1950"))
	b := register(t, s, member("Grand", "Lou", "1990"), member("Grand", "Léa", "2020"), member("Grand", "Tom", "2018"))
	for _, req := range []CheckInRequest{{HouseholdID: a.ID, SiteID: sites[0].ID}, {HouseholdID: b.ID, SiteID: other.ID}} {
		if _, err := s.CheckIn(ctx, req); err != nil {
			t.Fatal(err)
		}
	}
	day, err := s.Day(ctx, DateOf(testNow))
	if err != nil {
		t.Fatal(err)
	}
	if day.Total != (SiteDay{Households: 2, Persons: 4, Visits: 2}) || len(day.Sites) != 2 {
		t.Fatalf("day totals %+v sites %+v", day.Total, day.Sites)
	}
	count, err := s.CountDay(ctx, DateOf(testNow))
	if err != nil {
		t.Fatal(err)
	}
	if count != (DayCount{Households: 2, Visits: 2, Persons: 4}) {
		t.Fatalf("CountDay = %+v", count)
	}
}

func TestDaysFollowParisTime(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	h := register(t, s, member("Roux", "Marc", "1966"))
	// 23:30 in Paris on 23 November is already the 23rd, not the 24th in UTC terms or the 22nd.
	clock.t = time.Date(2026, 11, 23, 23, 30, 0, 0, Paris)
	v, err := s.CheckIn(ctx, CheckInRequest{HouseholdID: h.ID})
	if err != nil {
		t.Fatal(err)
	}
	if v.Day.String() != "2026-11-23" {
		t.Fatalf("visit day %s, want 2026-11-23", v.Day)
	}
}
