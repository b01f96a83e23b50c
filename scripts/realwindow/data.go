package realwindow

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"entraide/storage"
	"entraide/storage/demo"
)

// DemoFolder gives the test a data folder of its own holding households demo households
// whose visits stop ten days ago, so that today any of them can be served without a
// rule to override. The data are made once a day and copied for each test.
func DemoFolder(t testing.TB, households int) string {
	t.Helper()
	today := storage.DateOf(time.Now())
	template := filepath.Join(os.TempDir(), fmt.Sprintf("entraide-realwindow-demo-%d-%s", households, today))
	if _, err := os.Stat(filepath.Join(template, "ready")); err != nil {
		if err := os.RemoveAll(template); err != nil {
			t.Fatal(err)
		}
		s, err := storage.Open(context.Background(), template, storage.OpenOptions{})
		if err != nil {
			t.Fatalf("making demo data: %v", err)
		}
		_, err = demo.Generate(context.Background(), s, demo.Options{Households: households, Months: 3, Seed: 7,
			Until: storage.DateOf(time.Now().AddDate(0, 0, -10))})
		if closeErr := s.Close(); err == nil {
			err = closeErr
		}
		if err != nil {
			t.Fatalf("making demo data: %v", err)
		}
		if err := os.WriteFile(filepath.Join(template, "ready"), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	if err := copyFile(filepath.Join(template, storage.DatabaseFile), filepath.Join(dir, storage.DatabaseFile)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// OpenStore opens the data folder (the program must be stopped) and closes it at the end.
func OpenStore(t testing.TB, dir string) *storage.Store {
	t.Helper()
	s, err := storage.Open(context.Background(), dir, storage.OpenOptions{MustExist: true})
	if err != nil {
		t.Fatalf("opening %s: %v", dir, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Servable lists up to n cards of households that can be served today without a reason
// (eligible, not archived, no visit rule broken), in card order.
func Servable(t testing.TB, dir string, n int) []string {
	t.Helper()
	s, err := storage.Open(context.Background(), dir, storage.OpenOptions{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	list, err := s.HouseholdSummaries(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	var cards []string
	for _, h := range list {
		if len(cards) == n {
			break
		}
		if ok, err := servable(ctx, s, h.ID); err != nil {
			t.Fatal(err)
		} else if ok {
			cards = append(cards, h.Card)
		}
	}
	if len(cards) < n {
		t.Fatalf("only %d households can be served today, want %d", len(cards), n)
	}
	return cards
}

func servable(ctx context.Context, s *storage.Store, id string) (bool, error) {
	violations, err := s.CheckRules(ctx, id, time.Time{})
	return len(violations) == 0, err
}

// VisitsToday lists the cards served today (cancelled visits apart), each as often as served.
func VisitsToday(t testing.TB, s *storage.Store) (served, cancelled []string) {
	t.Helper()
	day, err := s.Day(context.Background(), s.Today())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range day.Visits {
		if v.Cancelled {
			cancelled = append(cancelled, v.Card)
		} else {
			served = append(served, v.Card)
		}
	}
	return served, cancelled
}
