package ui

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"

	"entraide/storage"
)

// Faults of the disk reach the volunteer as a sentence that says what happened and what to
// do, whatever screen the failed action came from.
func TestDiskFaultsAreExplained(t *testing.T) {
	newApp(t)
	tests := []struct {
		name string
		err  error
		says string
	}{
		{"full disk", fmt.Errorf("recording the visit: %w", storage.ErrDiskFull), "Libérez de la place"},
		{"read-only disk", fmt.Errorf("recording the visit: %w", storage.ErrCannotWrite), "remettez la clé"},
		{"raw read-only error", &os.PathError{Op: "write", Path: "/media/cle/entraide.db-wal", Err: syscall.EROFS}, "les précédentes sont en sécurité"},
		{"raw full disk", &os.PathError{Op: "write", Path: "/media/cle/entraide.db-wal", Err: syscall.ENOSPC}, "Libérez de la place"},
		{"raw damaged file", errors.New("database disk image is malformed"), "une sauvegarde peut être restaurée"},
		// Only SQLite's own words mean a damaged database, not any error saying "malformed".
		{"other malformed thing", errors.New("malformed phone number"), "Un problème est survenu"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describeError(tt.err); !strings.Contains(got, tt.says) {
				t.Fatalf("describeError = %q, want it to contain %q", got, tt.says)
			}
		})
	}
}
