package storage_test

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"entraide/storage"
	"entraide/storage/demo"
)

// The benchmarks run on demo data of 20,000 households and 36 months of weekly visits,
// made once a day and kept in the temporary folder (about a minute to make).
const (
	benchHouseholds = 20000
	benchMonths     = 36
)

func benchData(b *testing.B) string {
	b.Helper()
	dir, err := demo.Cached(benchHouseholds, benchMonths)
	if err != nil {
		b.Fatalf("making benchmark data: %v", err)
	}
	return dir
}

func openBench(b *testing.B, dir string) *storage.Store {
	b.Helper()
	s, err := storage.Open(context.Background(), dir, storage.OpenOptions{MustExist: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// copyBench gives a benchmark that writes its own copy of the data.
func copyBench(b *testing.B) string {
	b.Helper()
	src := openBench(b, benchData(b))
	dst := b.TempDir()
	if err := src.BackupTo(context.Background(), filepath.Join(dst, storage.DatabaseFile)); err != nil {
		b.Fatal(err)
	}
	return dst
}

func BenchmarkOpen(b *testing.B) {
	dir := benchData(b)
	for b.Loop() {
		s, err := storage.Open(context.Background(), dir, storage.OpenOptions{MustExist: true})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

func BenchmarkSearchTop20(b *testing.B) {
	s := openBench(b, benchData(b))
	queries := []string{"lefe", "martin", "marie dup", "diallo aminata", "jean", "da silva", "benali n", "ko", "m"}
	for _, q := range queries {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Search(context.Background(), q, 20); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCardLookup(b *testing.B) {
	s := openBench(b, benchData(b))
	rng := rand.New(rand.NewPCG(1, 2))
	for b.Loop() {
		card := storage.CardForSeq(int64(10001 + rng.IntN(benchHouseholds)))
		if _, err := s.HouseholdIDByCard(context.Background(), card); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckIn records durable (synchronous FULL) check-ins, rules checked.
func BenchmarkCheckIn(b *testing.B) {
	s := openBench(b, copyBench(b))
	ctx := context.Background()
	ids := make([]string, 0, 1000)
	for i := 0; i < 1000; i++ {
		id, err := s.HouseholdIDByCard(ctx, storage.CardForSeq(int64(10001+i*19)))
		if err != nil {
			b.Fatal(err)
		}
		ids = append(ids, id)
	}
	i := 0
	for b.Loop() {
		_, err := s.CheckIn(ctx, storage.CheckInRequest{HouseholdID: ids[i%len(ids)], OverrideReason: "benchmark"})
		if err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkHouseholdList(b *testing.B) {
	s := openBench(b, benchData(b))
	for b.Loop() {
		list, err := s.HouseholdSummaries(context.Background(), false)
		if err != nil || len(list) == 0 {
			b.Fatal(err)
		}
	}
}

func BenchmarkDuplicateCheck(b *testing.B) {
	s := openBench(b, benchData(b))
	typed := []storage.MemberInput{{LastName: "Lefevre", FirstName: "Marie Claire", BirthDate: storage.Date{Year: 1980, Month: 3, Day: 12}}}
	for b.Loop() {
		if _, err := s.FindDuplicates(context.Background(), storage.DuplicateCheck{Members: typed}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDuplicateCheckRegistration checks ordinary registration forms (one to six
// members, French name frequencies, some with a birth year only), as the form does while
// the volunteer types.
func BenchmarkDuplicateCheckRegistration(b *testing.B) {
	s := openBench(b, benchData(b))
	forms := demo.Registrations(12, 500, s.Today())
	i := 0
	for b.Loop() {
		in := forms[i%len(forms)]
		if _, err := s.FindDuplicates(context.Background(), storage.DuplicateCheck{Members: in.Members, Address: in.Address, Phone: in.Phone}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkToday(b *testing.B) {
	s := openBench(b, benchData(b))
	day := s.Today().AddDays(-3)
	for b.Loop() {
		if _, err := s.Day(context.Background(), day); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLastVisits reads the last distribution of the 20 households with the longest
// histories, as the check-in search shows it: by one index seek each (what Search does)
// and, for comparison, by the GROUP BY over all their visits that it replaced.
func BenchmarkLastVisits(b *testing.B) {
	s := openBench(b, benchData(b))
	ids, err := s.LongestHistories(20)
	if err != nil || len(ids) != 20 {
		b.Fatalf("%d households, %v", len(ids), err)
	}
	for _, way := range []string{"index seek", "group by"} {
		b.Run(way, func(b *testing.B) {
			for b.Loop() {
				if n, err := s.LastVisitsBy(way == "group by", ids); err != nil || n != 20 {
					b.Fatalf("%d last visits, %v", n, err)
				}
			}
		})
	}
}
