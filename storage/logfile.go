package storage

import (
	"fmt"
	"os"
	"path/filepath"
)

// LogFile is the technical log in the data folder: what went wrong, for whoever helps the
// association (never names, cards or anything typed about a person). It is where the
// errors go that a Windows program has no console to show.
const LogFile = "entraide.log"

// logKeep is how many older logs are kept (entraide.log.1 … .3), each of at most logMax.
const (
	logKeep = 3
	logMax  = 1 << 20
)

// OpenLog opens the data folder's log for appending, first moving it to entraide.log.1
// (and so on) when it has grown past 1 MB. It returns the file and its path.
func OpenLog(dir string) (*os.File, string, error) {
	path := filepath.Join(dir, LogFile)
	if info, err := os.Stat(path); err == nil && info.Size() > logMax {
		for i := logKeep - 1; i >= 1; i-- {
			os.Rename(fmt.Sprintf("%s.%d", path, i), fmt.Sprintf("%s.%d", path, i+1))
		}
		if err := os.Rename(path, path+".1"); err != nil {
			return nil, path, fmt.Errorf("rotating the log %s: %w", path, err)
		}
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, path, fmt.Errorf("opening the log %s: %w", path, err)
	}
	return f, path, nil
}
