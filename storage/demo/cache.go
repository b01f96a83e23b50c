package demo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"entraide/storage"
)

// Cached makes (once a day) a data folder with demo data of that size, for benchmarks,
// and returns it. It takes about a minute for 20,000 households and 36 months.
func Cached(households, months int) (string, error) {
	today := storage.DateOf(time.Now())
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("entraide-bench-%d-%d-%s", households, months, today))
	if _, err := os.Stat(filepath.Join(dir, "ready")); err == nil {
		return dir, nil
	}
	os.RemoveAll(dir)
	s, err := storage.Open(context.Background(), dir, storage.OpenOptions{})
	if err != nil {
		return "", err
	}
	_, err = Generate(context.Background(), s, Options{Households: households, Months: months, Seed: 1, Until: today})
	s.Close()
	if err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, "ready"), nil, 0o600)
}
