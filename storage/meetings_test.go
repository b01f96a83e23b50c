package storage

import (
	"context"
	"errors"
	"testing"
)

func mustDate(t *testing.T, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// A meeting's life: planned (twice is once), moved to another host only with a reason,
// its agenda, attendance and minutes kept, decisions followed to the next meeting, and
// every change raising the sequence calendars rely on.
func TestMeetingLife(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	plan := []Meeting{
		{Day: mustDate(t, "2027-01-12"), Start: "14:00", HostID: "a1", Host: "Les Amis du Pile", HostRule: "jamais accueilli"},
		{Day: mustDate(t, "2027-03-09"), Start: "14:00", HostID: "a2", Host: "Resto de l'Alma"},
	}
	added, kept, err := s.PlanMeetings(ctx, plan, "test")
	if err != nil || len(added) != 2 || len(kept) != 0 {
		t.Fatalf("planned %d, kept %v: %v", len(added), kept, err)
	}
	if added, kept, err := s.PlanMeetings(ctx, plan, "test"); err != nil || len(added) != 0 || len(kept) != 2 {
		t.Fatalf("planning the same days again added %d (kept %v): %v", len(added), kept, err)
	}
	first, err := s.FindMeeting(ctx, "2027-01-12")
	if err != nil || first.Host != "Les Amis du Pile" || first.Status != MeetingPlanned || first.LengthMinutes != 120 {
		t.Fatalf("found %+v, %v", first, err)
	}

	change := MeetingChange{Day: first.Day, Start: "14:30", HostID: "a3", Host: "Épicerie Épeule"}
	var verr *ValidationError
	if _, err := s.ChangeMeeting(ctx, first.ID, change, "test"); !errors.As(err, &verr) || verr.Problem != ProblemEmptyReason {
		t.Fatalf("another host without a reason: %v", err)
	}
	change.Reason = "salle des Amis en travaux"
	moved, err := s.ChangeMeeting(ctx, first.ID, change, "test")
	if err != nil || moved.Host != "Épicerie Épeule" || moved.OverrideReason != change.Reason || moved.Sequence != 1 || moved.HostRule != "jamais accueilli" {
		t.Fatalf("moved %+v, %v", moved, err)
	}

	items := []MeetingItem{{Title: "Bilan des distributions", BroughtBy: "CCAS", DurationMinutes: 20}, {Title: "Collecte de printemps"}}
	if err := s.SetAgenda(ctx, first.ID, items); err != nil {
		t.Fatal(err)
	}
	if err := s.SetAgenda(ctx, first.ID, []MeetingItem{{Title: "  "}}); !errors.As(err, &verr) {
		t.Fatalf("an agenda item without a title: %v", err)
	}
	for _, a := range []Attendance{
		{MeetingID: first.ID, AssociationID: "a1", Association: "Les Amis du Pile", Status: AttendPresent, Persons: "Mme Leroy, M. Diallo"},
		{MeetingID: first.ID, AssociationID: "a2", Association: "Resto de l'Alma", Status: AttendExcused},
		{MeetingID: first.ID, AssociationID: "a1", Association: "Les Amis du Pile", Status: AttendPresent, Persons: "Mme Leroy"},
	} {
		if err := s.SetAttendance(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetAttendance(ctx, Attendance{MeetingID: first.ID, AssociationID: "a3", Association: "x", Status: "late"}); !errors.As(err, &verr) {
		t.Fatalf("an unknown attendance status: %v", err)
	}
	if err := s.SaveMinutes(ctx, first.ID, "Compte rendu…", []string{"Acheter un congélateur", "Refaire les affiches", ""}, "test"); err != nil {
		t.Fatal(err)
	}
	held, err := s.FindMeeting(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if held.Status != MeetingHeld || len(held.Items) != 2 || held.Items[0].Title != "Bilan des distributions" ||
		len(held.Attendance) != 2 || held.Attendance[0].Persons != "Mme Leroy" || len(held.Decisions) != 2 || held.Sequence != 2 {
		t.Fatalf("held meeting %+v", held)
	}
	if err := s.SetDecisionDone(ctx, held.Decisions[1].ID, true); err != nil {
		t.Fatal(err)
	}
	// Saving the minutes again keeps what was done.
	if err := s.SaveMinutes(ctx, first.ID, "Compte rendu corrigé", []string{"Acheter un congélateur", "Refaire les affiches"}, "test"); err != nil {
		t.Fatal(err)
	}
	open, err := s.OpenDecisions(ctx, mustDate(t, "2027-03-09"))
	if err != nil || len(open) != 1 || open[0].Text != "Acheter un congélateur" || open[0].MeetingDay != first.Day {
		t.Fatalf("decisions carried to the next meeting: %+v, %v", open, err)
	}
	if open, err := s.OpenDecisions(ctx, first.Day); err != nil || len(open) != 0 {
		t.Fatalf("a meeting's own decisions are carried to itself: %+v, %v", open, err)
	}

	last, err := s.LastHosted(ctx, mustDate(t, "2027-12-31"))
	if err != nil || last["a3"] != first.Day || last["a2"] != mustDate(t, "2027-03-09") || !last["a1"].IsZero() {
		t.Fatalf("last hosted %v, %v", last, err)
	}
	second, err := s.FindMeeting(ctx, "2027-03-09")
	if err != nil {
		t.Fatal(err)
	}
	cancelled, err := s.CancelMeeting(ctx, second.ID, "test")
	if err != nil || cancelled.Status != MeetingCancelled || cancelled.Sequence != 1 {
		t.Fatalf("cancelled %+v, %v", cancelled, err)
	}
	if _, err := s.ChangeMeeting(ctx, second.ID, MeetingChange{Day: second.Day, Start: "10:00", HostID: "a2", Host: "Resto de l'Alma"}, "test"); !errors.As(err, &verr) || verr.Problem != ProblemMeetingCancelled {
		t.Fatalf("changing a cancelled meeting: %v", err)
	}
	if prev, err := s.PreviousHost(ctx, mustDate(t, "2027-12-31")); err != nil || prev != "a3" {
		t.Fatalf("previous host %q (a cancelled meeting does not count), %v", prev, err)
	}
	// A cancelled day can be planned again.
	if added, _, err := s.PlanMeetings(ctx, plan[1:], "test"); err != nil || len(added) != 1 {
		t.Fatalf("planning a cancelled day again: %d, %v", len(added), err)
	}
	if _, err := s.FindMeeting(ctx, "2031-01-01"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a day without a meeting: %v", err)
	}
}

// Volunteers do not plan meetings.
func TestMeetingsNeedAManager(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	if _, err := s.AddUser(ctx, "Josiane", RoleManager, "4711"); err != nil {
		t.Fatal(err)
	}
	paul, err := s.AddUser(ctx, "Paul", RoleVolunteer, "1234")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, paul.ID, "1234"); err != nil {
		t.Fatal(err)
	}
	_, _, err = s.PlanMeetings(ctx, []Meeting{{Day: mustDate(t, "2027-01-12"), Start: "14:00", Host: "x"}}, "Paul")
	if !errors.Is(err, ErrNotAllowed) {
		t.Fatalf("a volunteer planned a meeting: %v", err)
	}
	if list, err := s.Meetings(ctx); err != nil || len(list) != 0 {
		t.Fatalf("meetings %v, %v", list, err)
	}
}
