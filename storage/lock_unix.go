//go:build !windows

package storage

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive, non-blocking lock on f; the system frees it if the process dies.
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}
