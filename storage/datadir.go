package storage

import (
	"fmt"
	"os"
	"path/filepath"
)

// PortableFolder is the data folder looked for next to the executable (program and data on a USB key).
const PortableFolder = "entraide-data"

// DataDirEnv names the environment variable that chooses the data folder.
const DataDirEnv = "ENTRAIDE_DATA"

// ResolveDataDir chooses the data folder; first match wins: the --data flag, $ENTRAIDE_DATA,
// a folder entraide-data next to the executable, then the user's config folder /Entraide.
func ResolveDataDir(flagValue string) (string, error) {
	return resolveDataDir(flagValue, os.Getenv(DataDirEnv), os.Executable, os.UserConfigDir)
}

func resolveDataDir(flagValue, envValue string, executable, configDir func() (string, error)) (string, error) {
	if flagValue != "" {
		return filepath.Abs(flagValue)
	}
	if envValue != "" {
		return filepath.Abs(envValue)
	}
	if exe, err := executable(); err == nil {
		if resolved, err := filepath.EvalSymlinks(exe); err == nil {
			exe = resolved
		}
		portable := filepath.Join(filepath.Dir(exe), PortableFolder)
		if info, err := os.Stat(portable); err == nil && info.IsDir() {
			return portable, nil
		}
	}
	base, err := configDir()
	if err != nil {
		return "", fmt.Errorf("finding the user's configuration folder: %w", err)
	}
	return filepath.Join(base, "Entraide"), nil
}
