//go:build linux

package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// On a full disk, a check-in fails with ErrDiskFull, every acknowledged check-in stays, and
// the database is sound once space is back. Needs root to mount a tiny tmpfs.
func TestDiskFullKeepsAcknowledgedCheckIns(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small file system here: %v %s", err, out)
	}
	defer exec.Command("umount", dir).Run()
	ctx := context.Background()
	s, err := Open(ctx, dir, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	settings := DefaultSetup("Asso", "Local")
	settings.MinDaysBetweenVisits = 0
	if err := s.Setup(ctx, settings); err != nil {
		t.Fatal(err)
	}
	h, err := s.SaveHousehold(ctx, HouseholdInput{Members: []MemberInput{{LastName: "Petit", FirstName: "Luc"}}})
	if err != nil {
		t.Fatal(err)
	}
	var acknowledged []string
	var full error
	for i := 0; i < 100000 && full == nil; i++ {
		v, err := s.CheckIn(ctx, CheckInRequest{HouseholdID: h.ID, RecordedBy: fmt.Sprintf("%0200d", i)})
		if err != nil {
			full = err
			break
		}
		acknowledged = append(acknowledged, v.ID)
	}
	if !errors.Is(full, ErrDiskFull) {
		t.Fatalf("the disk filled with %d check-ins and said %v, want ErrDiskFull", len(acknowledged), full)
	}
	s.Close()
	exec.Command("mount", "-o", "remount,size=4m", dir).Run() // space is back
	s, err = Open(ctx, dir, OpenOptions{MustExist: true})
	if err != nil {
		t.Fatalf("reopening after the disk was full: %v", err)
	}
	defer s.Close()
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	var n int64
	s.reader.Model(&Visit{}).Count(&n)
	if n != int64(len(acknowledged)) {
		t.Fatalf("%d check-ins acknowledged, %d kept", len(acknowledged), n)
	}
}
