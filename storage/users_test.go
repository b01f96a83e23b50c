package storage

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestAccountsAndPINs(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	if _, err := s.AddUser(ctx, "Josiane", RoleManager, "12"); err == nil {
		t.Fatal("a two-digit PIN was accepted")
	}
	u, err := s.AddUser(ctx, "Josiane", RoleManager, "4711")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddUser(ctx, "josiane", RoleVolunteer, "1234"); err == nil {
		t.Fatal("two accounts with the same name")
	}
	if got, err := s.Authenticate(ctx, u.ID, "4711"); err != nil || got.Role != RoleManager {
		t.Fatalf("right PIN: %+v %v", got, err)
	}
	for i := 0; i < 3; i++ {
		if _, err := s.Authenticate(ctx, u.ID, "0000"); !errors.Is(err, ErrBadSecret) {
			t.Fatalf("wrong PIN %d: %v", i+1, err)
		}
	}
	var tooMany *TooManyAttemptsError
	if _, err := s.Authenticate(ctx, u.ID, "4711"); !errors.As(err, &tooMany) || tooMany.Wait <= 0 {
		t.Fatalf("after three wrong PINs, even the right one must wait: %v", err)
	}
	clock.add(10 * time.Second)
	if _, err := s.Authenticate(ctx, u.ID, "4711"); err != nil {
		t.Fatalf("after waiting: %v", err)
	}
	if trail, err := s.AuditTrail(ctx, time.Time{}, AuditLoginFailure); err != nil || len(trail) != 3 {
		t.Fatalf("login failures traced: %d", len(trail))
	}
	if err := s.DisableUser(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, u.ID, "4711"); err == nil {
		t.Fatal("a disabled account logged in")
	}
	if list, err := s.Users(ctx); err != nil || len(list) != 0 {
		t.Fatalf("disabled accounts listed: %+v", list)
	}
}
