// Package donation shares what the CCAS gives (a food budget, packs of nappies, baby
// formula) among the associations in proportion to a need they report: infants, persons
// or households served, or visits, over the last months. The method is written out and
// used exactly, so that every association can check its share.
package donation

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// Method rounds the exact proportional shares to whole units.
type Method string

const (
	// Hamilton (largest remainders): each gets the whole part of its exact share, then
	// the units left go one each to the largest fractional parts. Nobody is ever more than
	// one unit away from their exact share.
	Hamilton Method = "hamilton"
	// SainteLague (Webster): units go one at a time to the highest basis ÷ (2 × units
	// already given + 1); it rounds each share to the nearest whole after a common divisor.
	SainteLague Method = "sainte-lague"
)

// ParseMethod reads "hamilton" or "sainte-lague".
func ParseMethod(s string) (Method, bool) {
	switch Method(s) {
	case Hamilton, SainteLague:
		return Method(s), true
	}
	return "", false
}

// Claim is one association's part in a split.
type Claim struct {
	Name     string
	Basis    float64 // its need: infants served, persons served…
	Excluded bool    // left out of this donation (the reason is kept with the donation)
}

// Rules bound every association's quantity: Floor is given first to each association
// with a need; Cap (0: none) is never exceeded, the rest being shared again among the others.
type Rules struct {
	Method Method
	Floor  int
	Cap    int
}

// Allocation is one association's line of the table.
type Allocation struct {
	Name     string  `json:"association"`
	Basis    float64 `json:"basis"`
	Share    float64 `json:"share"` // the exact proportional share of the quantity
	Quantity int     `json:"quantity"`
	Capped   bool    `json:"capped,omitempty"`
	Excluded bool    `json:"excluded,omitempty"`
}

var (
	// ErrNoBasis: no association taking part has any need on the basis chosen.
	ErrNoBasis = errors.New("no association taking part has any need on this basis")
	// ErrFloorsTooHigh: the floors alone need more than the quantity.
	ErrFloorsTooHigh = errors.New("the floors alone need more than the quantity")
)

// Split shares quantity among the claims by rules. The allocations come in the claims'
// order; they sum to quantity, except what is left when every association reached the cap
// (returned as left).
func Split(quantity int, claims []Claim, rules Rules) (allocations []Allocation, left int, err error) {
	if quantity < 0 {
		return nil, 0, fmt.Errorf("a quantity of %d", quantity)
	}
	if rules.Method == "" {
		rules.Method = Hamilton
	}
	total := 0.0
	for _, c := range claims {
		if c.Basis < 0 || math.IsNaN(c.Basis) || math.IsInf(c.Basis, 0) {
			return nil, 0, fmt.Errorf("%s: a need of %v", c.Name, c.Basis)
		}
		if !c.Excluded {
			total += c.Basis
		}
	}
	if total == 0 {
		return nil, 0, ErrNoBasis
	}
	allocations = make([]Allocation, len(claims))
	var open []int // associations still sharing: a need, not excluded, not capped
	for i, c := range claims {
		allocations[i] = Allocation{Name: c.Name, Basis: c.Basis, Excluded: c.Excluded}
		if !c.Excluded {
			allocations[i].Share = float64(quantity) * c.Basis / total
		}
		if !c.Excluded && c.Basis > 0 {
			open = append(open, i)
		}
	}
	floor := max(rules.Floor, 0)
	if rules.Cap > 0 && floor > rules.Cap {
		floor = rules.Cap
	}
	if floor*len(open) > quantity {
		return nil, 0, fmt.Errorf("%d × %d: %w", floor, len(open), ErrFloorsTooHigh)
	}
	capped := 0 // units given to capped associations
	for {
		rest := quantity - capped - floor*len(open)
		bases := make([]float64, len(open))
		for j, i := range open {
			bases[j] = claims[i].Basis
		}
		parts := apportion(rest, bases, claimNames(claims, open), rules.Method)
		var over []int
		for j, i := range open {
			allocations[i].Quantity = floor + parts[j]
			if rules.Cap > 0 && allocations[i].Quantity > rules.Cap {
				over = append(over, j)
			}
		}
		if len(over) == 0 {
			break
		}
		// The capped keep the cap; the others share again what remains.
		var still []int
		for j, i := range open {
			if contains(over, j) {
				allocations[i].Quantity, allocations[i].Capped = rules.Cap, true
				capped += rules.Cap
			} else {
				still = append(still, i)
			}
		}
		open = still
		if len(open) == 0 {
			return allocations, quantity - capped, nil
		}
	}
	return allocations, 0, nil
}

func claimNames(claims []Claim, open []int) []string {
	names := make([]string, len(open))
	for j, i := range open {
		names[j] = claims[i].Name
	}
	return names
}

func contains(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// apportion shares units among bases (all > 0) by method; ties go to the larger basis,
// then to the name first in alphabetical order, so that the result never depends on the
// order of the list.
func apportion(units int, bases []float64, names []string, method Method) []int {
	parts := make([]int, len(bases))
	if units <= 0 || len(bases) == 0 {
		return parts
	}
	total := 0.0
	for _, b := range bases {
		total += b
	}
	before := func(a, b int, ka, kb float64) bool {
		if ka != kb {
			return ka > kb
		}
		if bases[a] != bases[b] {
			return bases[a] > bases[b]
		}
		return names[a] < names[b]
	}
	order := make([]int, len(bases))
	for i := range order {
		order[i] = i
	}
	if method == SainteLague {
		// Start from the shares rounded to the nearest whole, then correct one unit at a
		// time by the Sainte-Laguë priorities (at most one correction per association).
		given := 0
		for i, b := range bases {
			parts[i] = int(math.Floor(float64(units)*b/total + 0.5))
			given += parts[i]
		}
		for given < units {
			best := -1
			for i := range bases {
				if best < 0 || before(i, best, bases[i]/float64(2*parts[i]+1), bases[best]/float64(2*parts[best]+1)) {
					best = i
				}
			}
			parts[best]++
			given++
		}
		for given > units {
			// Take back the unit that had the lowest priority when it was given.
			worst := -1
			for i := range bases {
				if parts[i] == 0 {
					continue
				}
				if worst < 0 || before(worst, i, bases[worst]/float64(2*parts[worst]-1), bases[i]/float64(2*parts[i]-1)) {
					worst = i
				}
			}
			parts[worst]--
			given--
		}
		return parts
	}
	remainders := make([]float64, len(bases))
	given := 0
	for i, b := range bases {
		quota := float64(units) * b / total
		parts[i] = int(math.Floor(quota))
		remainders[i] = quota - float64(parts[i])
		given += parts[i]
	}
	sort.SliceStable(order, func(x, y int) bool {
		a, b := order[x], order[y]
		return before(a, b, remainders[a], remainders[b])
	})
	for k := 0; given < units; k++ {
		parts[order[k%len(order)]]++
		given++
	}
	return parts
}
