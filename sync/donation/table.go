package donation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"entraide/storage"
)

// Request is a donation to share: what, how much, and by which need.
type Request struct {
	Name     string        `json:"name"`
	Unit     string        `json:"unit"`
	Quantity int           `json:"quantity"`
	Basis    Basis         `json:"basis"`
	Months   int           `json:"months"`
	Last     storage.Month `json:"last_month"`
	Rules
	// Excluded names associations left out, with the reason.
	Excluded map[string]string `json:"excluded,omitempty"`
	Pickup   string            `json:"pickup,omitempty"` // "à retirer le 12 décembre au CCAS"
	// ShownToAll: each association sees the whole table, not only its own line.
	ShownToAll bool `json:"shown_to_all,omitempty"`
}

// Line is one association's line of the table.
type Line struct {
	Allocation
	AssociationID string  `json:"association_id"`
	Months        int     `json:"months_received"`
	Estimated     float64 `json:"estimated,omitempty"` // part of the basis from hidden cells
	Reason        string  `json:"reason,omitempty"`    // why it is excluded
}

// Table is a donation shared: its lines, what is left when every association reached the
// cap, and the method in words.
type Table struct {
	Request
	Lines []Line `json:"allocations"`
	Left  int    `json:"left"`
	Rule  string `json:"rule"` // the method, in French
}

// Compute shares the request among the associations by their needs.
func Compute(ctx context.Context, s *storage.Store, req Request) (Table, error) {
	if req.Quantity <= 0 {
		return Table{}, ErrNoQuantity
	}
	if req.Method == "" {
		req.Method = Hamilton
	}
	needs, err := Needs(ctx, s, req.Basis, req.Months, req.Last)
	if err != nil {
		return Table{}, err
	}
	for name := range req.Excluded {
		if !containsName(needs, name) {
			return Table{}, fmt.Errorf("%q: %w", name, ErrUnknownAssociation)
		}
	}
	claims := make([]Claim, len(needs))
	for i, n := range needs {
		_, excluded := req.Excluded[n.Name]
		claims[i] = Claim{Name: n.Name, Basis: n.Value, Excluded: excluded}
	}
	allocations, left, err := Split(req.Quantity, claims, req.Rules)
	if err != nil {
		return Table{}, err
	}
	t := Table{Request: req, Left: left, Rule: RuleText(req)}
	for i, a := range allocations {
		t.Lines = append(t.Lines, Line{Allocation: a, AssociationID: needs[i].AssociationID, Months: needs[i].Months,
			Estimated: needs[i].Estimated, Reason: req.Excluded[needs[i].Name]})
	}
	return t, nil
}

var (
	// ErrNoQuantity: nothing to share.
	ErrNoQuantity = errors.New("the quantity to share must be at least 1")
	// ErrUnknownAssociation: an excluded name is no association of the network.
	ErrUnknownAssociation = errors.New("no association of the network has this name")
)

func containsName(needs []Need, name string) bool {
	for _, n := range needs {
		if n.Name == name {
			return true
		}
	}
	return false
}

// Save keeps the table as computed.
func Save(ctx context.Context, s *storage.Store, t Table, by string) (storage.Donation, error) {
	lines, err := json.Marshal(t)
	if err != nil {
		return storage.Donation{}, fmt.Errorf("writing the table: %w", err)
	}
	return s.SaveDonation(ctx, storage.Donation{Name: t.Name, Unit: t.Unit, Quantity: t.Quantity, Basis: string(t.Basis),
		Months: t.Months, LastMonth: t.Last.String(), Method: string(t.Method), Floor: t.Floor, Cap: t.Cap,
		Pickup: t.Pickup, Allocations: string(lines), ShownToAll: t.ShownToAll, CreatedBy: by})
}

// Saved reads a kept donation's table back.
func Saved(d storage.Donation) (Table, error) {
	var t Table
	if err := json.Unmarshal([]byte(d.Allocations), &t); err != nil {
		return Table{}, fmt.Errorf("reading the donation %q: %w", d.Name, err)
	}
	return t, nil
}

// basisFrench names each need in a sentence.
var basisFrench = map[Basis]string{
	BasisInfants:    "nombre d'enfants de 0 à 2 ans servis",
	BasisPersons:    "nombre de personnes servies",
	BasisHouseholds: "nombre de foyers servis",
	BasisVisits:     "nombre de passages",
}

// BasisFrench is the need's name in French (the table's column).
func BasisFrench(b Basis) string { return basisFrench[b] }

// RuleText is the method in French, as the table and its PDF state it.
func RuleText(req Request) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Partage de %s selon le %s, additionné sur %s (jusqu'à %s inclus), d'après les rapports mensuels reçus.",
		strings.TrimSpace(fmt.Sprintf("%d %s", req.Quantity, strings.TrimSpace(req.Unit))), basisFrench[req.Basis], plural(req.Months, "le dernier mois", "les %d derniers mois"), frenchMonth(req.Last))
	if req.Floor > 0 {
		fmt.Fprintf(&b, " Chaque association qui a un besoin reçoit d'abord %d ; le reste est partagé.", req.Floor)
	}
	switch req.Method {
	case SainteLague:
		b.WriteString(" Méthode de Sainte-Laguë : les unités sont données une à une à l'association dont le besoin divisé par (2 × unités déjà reçues + 1) est le plus grand.")
	default:
		b.WriteString(" Méthode des plus forts restes (Hamilton) : chacune reçoit la partie entière de sa part exacte, puis les unités restantes vont une à une aux plus grandes parties décimales ; aucune ne s'écarte de plus d'une unité de sa part exacte.")
	}
	if req.Cap > 0 {
		fmt.Fprintf(&b, " Personne ne reçoit plus de %d : ce qui dépasse est partagé à nouveau entre les autres, de la même façon.", req.Cap)
	}
	if req.Basis == BasisInfants {
		b.WriteString(" Une case cachée des rapports (« moins de 5 ») compte pour sa part de ce que le total laisse aux cases cachées, entre 1 et 4 ; le tableau l'indique.")
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf(many, n)
}

var frenchMonths = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
	"octobre", "novembre", "décembre"}

// frenchMonth writes 2026-11 as "novembre 2026".
func frenchMonth(m storage.Month) string {
	if _, err := storage.ParseMonth(m.String()); err != nil {
		return m.String()
	}
	d := m.First()
	return frenchMonths[d.Month-1] + " " + fmt.Sprint(d.Year)
}
