package donation

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

func claims(bases ...float64) []Claim {
	list := make([]Claim, len(bases))
	for i, b := range bases {
		list[i] = Claim{Name: string(rune('A' + i)), Basis: b}
	}
	return list
}

func quantities(t *testing.T, a []Allocation) []int {
	t.Helper()
	q := make([]int, len(a))
	for i := range a {
		q[i] = a[i].Quantity
	}
	return q
}

// Worked examples from the literature on apportionment.
func TestWorkedExamples(t *testing.T) {
	cases := []struct {
		name     string
		quantity int
		bases    []float64
		method   Method
		want     []int
	}{
		// The largest remainder method's example (Yellows 47,000 … Pinks 3,100; 10 seats;
		// Hare quota 10,000): 4+1+1+1+0+0 by whole parts, then .70, .61, .60.
		{"largest remainders, six parties", 10, []float64{47000, 16000, 15800, 12000, 6100, 3100}, Hamilton, []int{5, 2, 1, 1, 1, 0}},
		// The same votes by Sainte-Laguë: a divisor of 10,500 rounds to 4, 2, 2, 1, 1, 0.
		// Here the two methods differ: the Yellows' fifth unit goes to the Reds.
		{"Sainte-Laguë, the same six parties", 10, []float64{47000, 16000, 15800, 12000, 6100, 3100}, SainteLague, []int{4, 2, 2, 1, 1, 0}},
		// 53,000, 24,000, 23,000 votes for 7 seats: Sainte-Laguë gives 3, 2, 2 (quotients
		// 53, 24, 23, 17.7, 10.6, 8, 7.7 thousand); Hamilton 4, 2, 1 (quotas 3.71, 1.68, 1.61).
		{"Sainte-Laguë, three parties", 7, []float64{53000, 24000, 23000}, SainteLague, []int{3, 2, 2}},
		{"Hamilton, three parties", 7, []float64{53000, 24000, 23000}, Hamilton, []int{4, 2, 1}},
		// Hamilton's own example (the 1792 US census, 105 seats; first states only would
		// not sum, so a small textbook case): 3 states of 2,560, 3,315, 995 for 20 seats.
		{"Hamilton, textbook states", 20, []float64{2560, 3315, 995}, Hamilton, []int{7, 10, 3}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, left, err := Split(c.quantity, claims(c.bases...), Rules{Method: c.method})
			if err != nil || left != 0 {
				t.Fatal(err, left)
			}
			if got := quantities(t, a); fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestFloorsCapsAndExclusion(t *testing.T) {
	// 100 packs among needs 50, 30, 15, 5; floor 10 each; cap 40.
	// Floors: 40 given, 60 shared: 30, 18, 9, 3 → 40, 28, 19, 13; the first is at the cap.
	a, left, err := Split(100, claims(50, 30, 15, 5), Rules{Method: Hamilton, Floor: 10, Cap: 40})
	if err != nil || left != 0 {
		t.Fatal(err, left)
	}
	if got := quantities(t, a); fmt.Sprint(got) != "[40 28 19 13]" {
		t.Fatalf("floors: %v", got)
	}
	// Cap 30: the first is capped at 30; then 30 floors given and 40 shared by 30, 15, 5:
	// 24, 12, 4, so 34 is over the cap too; the last two share 20 by 15, 5: 25 and 15.
	a, left, err = Split(100, claims(50, 30, 15, 5), Rules{Method: Hamilton, Floor: 10, Cap: 30})
	if err != nil || left != 0 {
		t.Fatal(err, left)
	}
	if got := quantities(t, a); fmt.Sprint(got) != "[30 30 25 15]" || !a[0].Capped || !a[1].Capped || a[2].Capped {
		t.Fatalf("caps: %v %+v", got, a)
	}
	// Every association at the cap: what is left is said.
	a, left, err = Split(100, claims(50, 30), Rules{Cap: 20})
	if err != nil || left != 60 || a[0].Quantity != 20 || a[1].Quantity != 20 {
		t.Fatalf("all capped: %+v left %d (%v)", a, left, err)
	}
	// An excluded association gets nothing and its need counts for nobody's share.
	list := claims(50, 30, 20)
	list[0].Excluded = true
	a, _, err = Split(10, list, Rules{})
	if err != nil || fmt.Sprint(quantities(t, a)) != "[0 6 4]" || a[0].Share != 0 || a[1].Share != 6 {
		t.Fatalf("excluded: %+v (%v)", a, err)
	}
	// No need anywhere: a clear error.
	if _, _, err := Split(10, claims(0, 0), Rules{}); !errors.Is(err, ErrNoBasis) {
		t.Fatalf("no need: %v", err)
	}
	if _, _, err := Split(10, claims(5, 5, 5), Rules{Floor: 4}); !errors.Is(err, ErrFloorsTooHigh) {
		t.Fatalf("floors above the quantity: %v", err)
	}
	// An association without need gets no floor.
	a, _, err = Split(10, claims(0, 5), Rules{Floor: 2})
	if err != nil || fmt.Sprint(quantities(t, a)) != "[0 10]" {
		t.Fatalf("no floor without need: %+v (%v)", a, err)
	}
}

// On random needs and quantities, the sum always equals the quantity, Hamilton never
// strays a unit from the exact share, Sainte-Laguë never strays more than it can (its
// known bound: under one unit plus the rounding of the divisor), and the order of the
// list changes nothing.
func TestSplitProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 13))
	for run := 0; run < 3000; run++ {
		n := 1 + r.IntN(30)
		list := make([]Claim, n)
		for i := range list {
			list[i] = Claim{Name: fmt.Sprintf("asso-%02d", i), Basis: float64(r.IntN(200))}
			if r.IntN(10) == 0 {
				list[i].Basis += 0.5 // a hidden cell counted as the middle of its range
			}
		}
		list[r.IntN(n)].Basis += 1 // some need somewhere
		quantity := r.IntN(1000)
		for _, method := range []Method{Hamilton, SainteLague} {
			a, left, err := Split(quantity, list, Rules{Method: method})
			if err != nil || left != 0 {
				t.Fatalf("run %d: %v, left %d", run, err, left)
			}
			sum := 0
			for _, x := range a {
				sum += x.Quantity
				if method == Hamilton && math.Abs(float64(x.Quantity)-x.Share) >= 1 {
					t.Fatalf("run %d: %s gets %d for an exact share of %.3f", run, x.Name, x.Quantity, x.Share)
				}
			}
			if sum != quantity {
				t.Fatalf("run %d (%s): %d given of %d", run, method, sum, quantity)
			}
			reversed := make([]Claim, n)
			for i := range list {
				reversed[n-1-i] = list[i]
			}
			b, _, err := Split(quantity, reversed, Rules{Method: method})
			if err != nil {
				t.Fatal(err)
			}
			for i := range a {
				if a[i].Quantity != b[n-1-i].Quantity {
					t.Fatalf("run %d (%s): the order of the list changed %s's quantity", run, method, a[i].Name)
				}
			}
		}
		// With a floor and a cap the sum still holds (when not all are capped).
		floor, cap := r.IntN(3), 0
		if r.IntN(2) == 0 {
			cap = 5 + r.IntN(100)
		}
		a, left, err := Split(quantity, list, Rules{Method: Hamilton, Floor: floor, Cap: cap})
		if errors.Is(err, ErrFloorsTooHigh) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		sum := 0
		for _, x := range a {
			sum += x.Quantity
			if cap > 0 && x.Quantity > cap {
				t.Fatalf("run %d: %d over the cap %d", run, x.Quantity, cap)
			}
		}
		if sum+left != quantity {
			t.Fatalf("run %d: %d given and %d left of %d", run, sum, left, quantity)
		}
	}
}
