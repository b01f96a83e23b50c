//go:build linux

package storage

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// When the data folder's file system turns read-only in the middle of a stream of
// check-ins (what Linux does after a disk fault, and what a pulled-out USB key looks like),
// the next check-in fails with ErrCannotWrite, every acknowledged one stays, and the
// database is sound once the disk is back. Needs root for a loop-mounted ext4 file system.
func TestFolderTurningReadOnlyKeepsAcknowledgedCheckIns(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a file system needs root")
	}
	for _, tool := range []string{"mkfs.ext4", "mount", "losetup", "e2fsck"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is missing: %v", tool, err)
		}
	}
	work := t.TempDir()
	image, dir := filepath.Join(work, "disk.img"), filepath.Join(work, "mnt")
	os.Mkdir(dir, 0o700)
	run := func(name string, args ...string) error {
		out, err := exec.Command(name, args...).CombinedOutput()
		if err != nil {
			return errors.New(strings.TrimSpace(string(out)) + ": " + err.Error())
		}
		return nil
	}
	if err := run("truncate", "-s", "16M", image); err != nil {
		t.Skip(err)
	}
	if err := run("mkfs.ext4", "-q", "-F", image); err != nil {
		t.Skip(err)
	}
	if err := run("mount", "-o", "loop,errors=remount-ro", image, dir); err != nil {
		t.Skipf("cannot loop-mount here: %v", err)
	}
	t.Cleanup(func() { run("umount", dir) })
	device, err := exec.Command("findmnt", "-n", "-o", "SOURCE", dir).Output()
	if err != nil {
		t.Skip(err)
	}
	trigger := filepath.Join("/sys/fs/ext4", filepath.Base(strings.TrimSpace(string(device))), "trigger_fs_error")
	if _, err := os.Stat(trigger); err != nil {
		t.Skipf("this kernel cannot simulate a disk fault: %v", err)
	}

	ctx := context.Background()
	s, h := openStreamStore(t, dir)
	acknowledged := 0
	for i := 0; i < 40; i++ {
		if _, err := s.CheckIn(ctx, CheckInRequest{HouseholdID: h.ID}); err != nil {
			t.Fatal(err)
		}
		acknowledged++
	}
	if err := os.WriteFile(trigger, []byte("entraide test\n"), 0o200); err != nil {
		t.Skipf("cannot simulate the disk fault: %v", err)
	}
	_, err = s.CheckIn(ctx, CheckInRequest{HouseholdID: h.ID})
	if !errors.Is(err, ErrCannotWrite) {
		t.Fatalf("a check-in on a read-only disk said %v, want ErrCannotWrite", err)
	}
	t.Logf("after %d check-ins the disk turned read-only; the next one said: %v", acknowledged, err)
	_, err = s.SaveHousehold(ctx, HouseholdInput{Members: []MemberInput{{LastName: "Roux", FirstName: "Marc"}}})
	if !errors.Is(Classify(err), ErrCannotWrite) {
		t.Fatalf("a registration on a read-only disk said %v, want ErrCannotWrite", err)
	}
	s.Close()

	// The disk comes back (checked and mounted again, as after a restart).
	if err := run("umount", dir); err != nil {
		t.Fatal(err)
	}
	exec.Command("e2fsck", "-f", "-y", image).Run() // repairs the error flag; exit codes 1–2 mean "fixed"
	if err := run("mount", "-o", "loop", image, dir); err != nil {
		t.Fatal(err)
	}
	s = reopenChecked(t, dir, "the fault")
	if n := visitCount(s); n != acknowledged {
		t.Fatalf("%d check-ins acknowledged, %d kept", acknowledged, n)
	}
}
