package report

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Count is one published cell: its value, or hidden. A cell of 1..k-1 persons is sent as
// "<k" (primary suppression); a cell hidden only so that another cannot be worked out
// from the margin's total is sent as "*" (secondary suppression).
type Count struct {
	N         int
	Hidden    bool
	Secondary bool
	K         int
}

// MarshalJSON writes a number, "<k" or "*".
func (c Count) MarshalJSON() ([]byte, error) {
	switch {
	case c.Hidden && c.Secondary:
		return []byte(`"*"`), nil
	case c.Hidden:
		return []byte(fmt.Sprintf(`"<%d"`, c.K)), nil
	}
	return []byte(strconv.Itoa(c.N)), nil
}

// UnmarshalJSON reads a number, "<k" or "*".
func (c *Count) UnmarshalJSON(b []byte) error {
	var n int
	if err := json.Unmarshal(b, &n); err == nil {
		if n < 0 {
			return fmt.Errorf("negative count %d", n)
		}
		*c = Count{N: n}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("count %s: want a number, \"<k\" or \"*\"", b)
	}
	switch {
	case s == "*":
		*c = Count{Hidden: true, Secondary: true}
	case strings.HasPrefix(s, "<"):
		k, err := strconv.Atoi(s[1:])
		if err != nil || k < 2 {
			return fmt.Errorf("count %q: want \"<k\"", s)
		}
		*c = Count{Hidden: true, K: k}
	default:
		return fmt.Errorf("count %q: want a number, \"<k\" or \"*\"", s)
	}
	return nil
}

// Margin is a one-dimensional table: a category per cell, and the exact total.
type Margin struct {
	Total int              `json:"total"`
	Cells map[string]Count `json:"cells"`
}

// suppress publishes a margin: cells of 1..k-1 are hidden, and when only one cell of the
// margin would be hidden, the next smallest cell is hidden too, so the exact total never
// gives the hidden value away.
func Suppress(cells map[string]int, order []string, k int) Margin {
	m := Margin{Cells: map[string]Count{}}
	hidden := 0
	for _, name := range order {
		n := cells[name]
		m.Total += n
		c := Count{N: n, K: k}
		if n > 0 && n < k {
			c.Hidden = true
			hidden++
		}
		m.Cells[name] = c
	}
	if hidden == 1 {
		// The smallest visible cell, ties broken by the fixed category order.
		candidates := slices.Clone(order)
		sort.SliceStable(candidates, func(i, j int) bool { return cells[candidates[i]] < cells[candidates[j]] })
		for _, name := range candidates {
			if c := m.Cells[name]; !c.Hidden {
				c.Hidden, c.Secondary = true, true
				m.Cells[name] = c
				break
			}
		}
	}
	// What leaves the installation: hidden cells carry no value.
	for name, c := range m.Cells {
		if c.Hidden {
			c.N = 0
			m.Cells[name] = c
		}
	}
	return m
}

// Visible is the sum of the cells that are shown.
func (m Margin) Visible() int {
	sum := 0
	for _, c := range m.Cells {
		if !c.Hidden {
			sum += c.N
		}
	}
	return sum
}
