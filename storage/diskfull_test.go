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
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small file system here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	ctx := context.Background()
	s, h := openStreamStore(t, dir)
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
	s = reopenChecked(t, dir, "the disk was full")
	if n := visitCount(s); n != len(acknowledged) {
		t.Fatalf("%d check-ins acknowledged, %d kept", len(acknowledged), n)
	}
}
