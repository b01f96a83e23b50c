package ui

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	// Fyne reads the system locale; "C" (CI machines) is not a language and makes it complain.
	os.Setenv("LANG", "fr_FR.UTF-8")
	os.Setenv("LC_ALL", "fr_FR.UTF-8")
	os.Exit(m.Run())
}
