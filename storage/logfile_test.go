package storage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The log grows to 1 MB, then is moved aside; three older logs are kept.
func TestLogRotates(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 6; i++ {
		f, path, err := OpenLog(dir)
		if err != nil {
			t.Fatal(err)
		}
		if path != filepath.Join(dir, LogFile) {
			t.Fatalf("log at %s", path)
		}
		if _, err := f.WriteString(strings.Repeat("x", logMax+1)); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"entraide.log", "entraide.log.1", "entraide.log.2", "entraide.log.3"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Fatalf("log files %v, want %v", names, want)
	}
}
