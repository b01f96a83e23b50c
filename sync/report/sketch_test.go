package report_test

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"entraide/storage"
	"entraide/sync/report"
)

// personHash stands for a person's HMAC under a network key.
func personKey(key []byte, id int) []byte {
	return report.PersonHash(key, fmt.Sprintf("Nom%d", id), fmt.Sprintf("Prénom%d", id), storage.Date{Year: 1950 + id%60, Month: 1, Day: 1 + id%28})
}

// Several associations serve overlapping populations; the merged sketch estimates the
// size of the union within 3 %, from 1,000 to 100,000 persons.
func TestSketchEstimatesTheUnion(t *testing.T) {
	key := make([]byte, 32)
	for _, union := range []int{1000, 5000, 20000, 50000, 100000} {
		t.Run(fmt.Sprint(union), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(union), 7))
			associations := make([]*report.Sketch, 5)
			for i := range associations {
				associations[i] = report.NewSketch(report.SketchPrecision)
			}
			for id := 0; id < union; id++ {
				// Every person goes to one association, a third of them to a second one too.
				h := personKey(key, id)
				associations[rng.IntN(5)].InsertBytes(h)
				if rng.IntN(3) == 0 {
					associations[rng.IntN(5)].InsertBytes(h)
				}
			}
			merged := report.NewSketch(report.SketchPrecision)
			for _, a := range associations {
				if err := merged.Merge(a); err != nil {
					t.Fatal(err)
				}
			}
			got := merged.Estimate()
			if e := math.Abs(got-float64(union)) / float64(union); e > 0.03 {
				t.Fatalf("estimate %.0f for %d persons: %.1f %% off", got, union, 100*e)
			}
		})
	}
}

func TestSketchMergeIsOrderIndependent(t *testing.T) {
	sketches := make([]*report.Sketch, 4)
	for i := range sketches {
		sketches[i] = report.NewSketch(report.SketchPrecision)
		for j := 0; j < 3000; j++ {
			sum := sha256.Sum256(binary.BigEndian.AppendUint64(nil, uint64(i*2000+j)))
			sketches[i].InsertBytes(sum[:])
		}
	}
	forward, backward := report.NewSketch(report.SketchPrecision), report.NewSketch(report.SketchPrecision)
	for i := range sketches {
		forward.Merge(sketches[i])
		backward.Merge(sketches[len(sketches)-1-i])
	}
	if string(forward.Registers) != string(backward.Registers) {
		t.Fatal("merging in another order gives another sketch")
	}
	again := report.NewSketch(report.SketchPrecision)
	again.Merge(forward)
	again.Merge(forward)
	if string(again.Registers) != string(forward.Registers) {
		t.Fatal("merging the same sketch twice changed it")
	}
}

// Two networks (or passphrases) hash the same persons to unrelated values: their union
// looks like twice as many persons, so nothing is shared.
func TestDifferentPassphraseSharesNothing(t *testing.T) {
	a, err := report.DeriveUniqueKey("abricot balcon cerise dauphin", "network-1")
	if err != nil {
		t.Fatal(err)
	}
	b, err := report.DeriveUniqueKey("escargot falaise girafe horloge", "network-1")
	if err != nil {
		t.Fatal(err)
	}
	c, err := report.DeriveUniqueKey("abricot balcon cerise dauphin", "network-2")
	if err != nil {
		t.Fatal(err)
	}
	same, err := report.DeriveUniqueKey("  Abricot  balcon cerise DAUPHIN ", "network-1")
	if err != nil {
		t.Fatal(err)
	}
	if string(a) != string(same) {
		t.Fatal("case and spaces in the passphrase change the key")
	}
	for _, other := range [][]byte{b, c} {
		sa, so := report.NewSketch(report.SketchPrecision), report.NewSketch(report.SketchPrecision)
		for id := 0; id < 5000; id++ {
			sa.InsertBytes(personKey(a, id))
			so.InsertBytes(personKey(other, id))
		}
		sa.Merge(so)
		if got := sa.Estimate(); got < 9500 {
			t.Fatalf("the same 5,000 persons under two keys look like %.0f persons: the keys share something", got)
		}
		if report.KeyFingerprint(a) == report.KeyFingerprint(other) {
			t.Fatal("different keys have the same fingerprint")
		}
	}
	if _, err := report.DeriveUniqueKey("trop court", "network-1"); err == nil {
		t.Fatal("a short passphrase was accepted")
	}
}

func TestSketchValidation(t *testing.T) {
	s := report.NewSketch(report.SketchPrecision)
	if err := s.Valid(); err != nil {
		t.Fatal(err)
	}
	bad := []*report.Sketch{
		{Precision: 10, Registers: make([]byte, 1<<10)},
		{Precision: 14, Registers: make([]byte, 100)},
		{Precision: 14, Registers: append(make([]byte, 1<<14-1), 60)},
	}
	for i, b := range bad {
		if b.Valid() == nil {
			t.Errorf("bad sketch %d accepted", i)
		}
	}
}

// The report's hasher, which reuses one HMAC, gives the published hashes.
func TestIdentityHasherGivesThePersonHashes(t *testing.T) {
	key := []byte("une clé de réseau de trente-deux")
	h := report.NewIdentityHasher(key)
	for _, p := range []struct {
		last, first string
		birth       storage.Date
	}{{"Lefèvre", "Marie-Thérèse", storage.Date{Year: 1958, Month: 3, Day: 12}}, {"N'Diaye", "Aïcha", storage.Date{Year: 2001, Month: 12, Day: 31}}} {
		last, first := storage.NormalizeName(p.last), storage.NormalizeName(p.first)
		if got, want := h.ByDate(last, first, p.birth), binary.BigEndian.Uint64(report.PersonHash(key, p.last, p.first, p.birth)); got != want {
			t.Errorf("%s by date: %x, want %x", p.last, got, want)
		}
		if got, want := h.ByYear(last, first, p.birth.Year), binary.BigEndian.Uint64(report.PersonYearHash(key, p.last, p.first, p.birth.Year)); got != want {
			t.Errorf("%s by year: %x, want %x", p.last, got, want)
		}
	}
}
