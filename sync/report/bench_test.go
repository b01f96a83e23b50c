package report_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"entraide/storage"
	"entraide/storage/demo"
	"entraide/sync/envelope"
	"entraide/sync/exchange"
	"entraide/sync/report"
)

// Benchmarks on the demo data of 20,000 households and 36 months, joined to a network.
func joinedBench(b *testing.B) (*storage.Store, *storage.Store) { return joinedBenchOf(b, 20000, 36) }

// joinedBenchOf is the demo data of households over months, joined to a network.
func joinedBenchOf(b *testing.B, households, months int) (*storage.Store, *storage.Store) {
	b.Helper()
	ctx := context.Background()
	src, err := demo.Cached(households, months)
	if err != nil {
		b.Fatal(err)
	}
	cached, err := storage.Open(ctx, src, storage.OpenOptions{MustExist: true})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	err = cached.BackupTo(ctx, filepath.Join(dir, storage.DatabaseFile))
	cached.Close()
	if err != nil {
		b.Fatal(err)
	}
	assoc, err := storage.Open(ctx, dir, storage.OpenOptions{MustExist: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { assoc.Close() })
	ccas, err := storage.Open(ctx, b.TempDir(), storage.OpenOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ccas.Close() })
	if err := ccas.SetupCCAS(ctx, storage.CCASSetupInput{Name: "CCAS"}); err != nil {
		b.Fatal(err)
	}
	inv, _, err := exchange.Invite(ctx, ccas, "Entraide Roubaix (démonstration)", "2020-01")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := exchange.Join(ctx, assoc, inv); err != nil {
		b.Fatal(err)
	}
	if _, err := exchange.SetPassphrase(ctx, assoc, "abricot balcon cerise dauphin"); err != nil {
		b.Fatal(err)
	}
	return assoc, ccas
}

func lastMonth(s *storage.Store) string {
	return storage.MonthOf(s.Today().FirstOfMonth().AddMonths(-1)).String()
}

// BenchmarkMonthlyReport computes and signs a month's report.
func BenchmarkMonthlyReport(b *testing.B) {
	assoc, _ := joinedBench(b)
	month := lastMonth(assoc)
	for b.Loop() {
		if _, _, err := report.MonthlyReport(context.Background(), assoc, month); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMonthlyReport100k is the monthly report of an association of 100,000
// households over 36 months (demo data made once a day in the temporary folder: minutes).
func BenchmarkMonthlyReport100k(b *testing.B) {
	assoc, _ := joinedBenchOf(b, 100000, 36)
	month := lastMonth(assoc)
	for b.Loop() {
		if _, _, err := report.MonthlyReport(context.Background(), assoc, month); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportYear imports 1,008 report files (84 associations, 12 months) and
// computes the year's dashboard.
func BenchmarkImportYear(b *testing.B) {
	assoc, _ := joinedBench(b)
	ctx := context.Background()
	_, sample, err := report.MonthlyReport(ctx, assoc, lastMonth(assoc))
	if err != nil {
		b.Fatal(err)
	}
	end := assoc.Today().FirstOfMonth().AddMonths(-1)
	for b.Loop() {
		b.StopTimer()
		ccas, err := storage.Open(ctx, b.TempDir(), storage.OpenOptions{})
		if err != nil {
			b.Fatal(err)
		}
		ccas.SetupCCAS(ctx, storage.CCASSetupInput{Name: "CCAS"})
		network, err := ccas.Network(ctx)
		if err != nil {
			b.Fatal(err)
		}
		dir := b.TempDir()
		var files []string
		for a := 0; a < 84; a++ {
			m, err := ccas.InviteAssociation(ctx, fmt.Sprintf("Association %d", a), "2020-01")
			if err != nil {
				b.Fatal(err)
			}
			_, key, err := ed25519.GenerateKey(rand.Reader)
			if err != nil {
				b.Fatal(err)
			}
			for i := 0; i < 12; i++ {
				r := sample
				r.NetworkID, r.AssociationID, r.AssociationName = network.NetworkID, m.ID, m.Name
				r.Month = storage.MonthOf(end.AddMonths(-i)).String()
				file, err := envelope.Seal(envelope.FormatMonthlyReport, m.ID, key, r)
				if err != nil {
					b.Fatal(err)
				}
				path := filepath.Join(dir, fmt.Sprintf("r-%d-%d.json", a, i))
				if err := os.WriteFile(path, file, 0o600); err != nil {
					b.Fatal(err)
				}
				files = append(files, path)
			}
		}
		b.StartTimer()
		for _, v := range exchange.ImportFiles(ctx, ccas, files, nil) {
			if !v.Accepted {
				b.Fatalf("%s refused: %s", v.File, v.Reason)
			}
		}
		f, err := report.Figures(ctx, ccas, storage.MonthOf(end.AddMonths(-11)).String(), storage.MonthOf(end).String())
		if err != nil || f.Reports != 1008 {
			b.Fatalf("figures: %d reports, %v", f.Reports, err)
		}
		b.StopTimer()
		ccas.Close()
		b.StartTimer()
	}
}

// BenchmarkEraseOneHousehold is the right to erasure on a household served for up to three
// years: its contributions to every month's counts are kept, then its identity goes.
func BenchmarkEraseOneHousehold(b *testing.B) {
	assoc, _ := joinedBench(b)
	ctx := context.Background()
	households, err := assoc.HouseholdSummaries(ctx, false)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		if _, err := report.PurgeHouseholds(ctx, assoc, []string{households[i%len(households)].ID}, "bench", storage.AuditErase); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
