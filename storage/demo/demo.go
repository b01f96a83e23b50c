// Package demo fills a database with realistic, made-up data: French names with accents
// and compound names, household compositions as met in French food aid, Roubaix
// quartiers and weekly visits. The same seed and end day give the same data anywhere.
package demo

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"entraide/storage"

	"github.com/google/uuid"
)

// Options choose how much data to make.
type Options struct {
	Households int          // default 300
	Months     int          // months of visits up to Until; default 12
	Seed       uint64       // default 1
	Until      storage.Date // last day with visits; default today
}

// Result counts what was made.
type Result struct {
	Households int `json:"households"`
	Persons    int `json:"persons"`
	Visits     int `json:"visits"`
	Sites      int `json:"sites"`
}

// ErrNotEmpty: demo data only goes into a database without households.
var ErrNotEmpty = errors.New("the database already holds households")

type site struct {
	storage.Site
	weekdays []time.Weekday
	kind     storage.VisitKind
}

type generator struct {
	rng   *rand.Rand
	opts  Options
	start storage.Date
}

// Generate sets up the association if needed and adds the demo households and visits.
func Generate(ctx context.Context, s *storage.Store, opts Options) (Result, error) {
	if opts.Households <= 0 {
		opts.Households = 300
	}
	if opts.Months <= 0 {
		opts.Months = 12
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	if opts.Until.IsZero() {
		opts.Until = storage.DateOf(time.Now())
	}
	var seed [32]byte
	binary.LittleEndian.PutUint64(seed[:], opts.Seed)
	g := &generator{rng: rand.New(rand.NewChaCha8(seed)), opts: opts, start: opts.Until.AddMonths(-opts.Months)}
	stats, err := s.Stats(ctx)
	switch {
	case errors.Is(err, storage.ErrNotSetUp):
		setup := storage.DefaultSetup("Entraide Roubaix (démonstration)", "Local de l'Alma")
		setup.SiteID = g.uuid()
		if err := s.Setup(ctx, setup); err != nil {
			return Result{}, fmt.Errorf("setting up demo association: %w", err)
		}
	case err != nil:
		return Result{}, err
	case stats.Households > 0:
		return Result{}, ErrNotEmpty
	}

	existing, err := s.Sites(ctx, false)
	if err != nil {
		return Result{}, err
	}
	sites := []site{
		{Site: existing[0], weekdays: []time.Weekday{time.Tuesday, time.Friday}, kind: storage.KindFoodParcel},
		{Site: storage.Site{ID: g.uuid(), Name: "Salle Sainte-Élisabeth", Address: "rue de Lannoy"},
			weekdays: []time.Weekday{time.Wednesday}, kind: storage.KindFoodParcel},
		{Site: storage.Site{ID: g.uuid(), Name: "Épicerie solidaire du Pile", Address: "rue Pierre de Roubaix"},
			weekdays: []time.Weekday{time.Saturday}, kind: storage.KindSocialGrocery},
	}
	res := Result{Sites: len(sites)}
	err = s.Bulk(ctx, func(w *storage.BulkWriter) error {
		for _, st := range sites[1:] {
			st.CreatedAt, st.UpdatedAt = g.start.Time(), g.start.Time()
			if err := w.AddSite(st.Site); err != nil {
				return err
			}
		}
		for i := 0; i < opts.Households; i++ {
			h, end := g.household(int64(10001 + i))
			res.Households++
			res.Persons += len(h.Members)
			if err := w.AddHousehold(h); err != nil {
				return err
			}
			n, err := g.visits(w, h, end, sites)
			if err != nil {
				return err
			}
			res.Visits += n
		}
		return nil
	})
	if err != nil {
		return Result{}, fmt.Errorf("adding demo data: %w", err)
	}
	settings, err := s.Settings(ctx)
	if err != nil {
		return Result{}, err
	}
	if _, err := s.SaveListing(ctx, demoListing(settings.AssociationName, sites, opts.Until)); err != nil {
		return Result{}, fmt.Errorf("adding the demo listing: %w", err)
	}
	return res, nil
}

// demoListing describes the demo association: three sites with irregular hours and a
// closure every August.
func demoListing(name string, sites []site, until storage.Date) storage.Listing {
	august := storage.Closure{From: storage.Date{Year: until.Year, Month: time.August, Day: 1},
		To: storage.Date{Year: until.Year, Month: time.August, Day: 31}, Message: "Fermé en août, réouverture début septembre"}
	lat, lon := 50.6942, 3.1746
	return storage.Listing{
		Name:        name,
		Description: "Colis alimentaires, épicerie solidaire et produits pour bébés, pour les habitants de Roubaix.",
		Sites: []storage.ListingSite{
			{SiteID: sites[0].ID, Name: sites[0].Name, Address: "12 rue de l'Alma, 59100 Roubaix", Quartier: "Alma",
				Latitude: &lat, Longitude: &lon, Schedule: storage.Schedule{Rules: []storage.OpeningRule{
					{Weekday: time.Tuesday, Opens: "09:00", Closes: "12:00"},
					{Weekday: time.Friday, Opens: "14:00", Closes: "17:00"},
				}, Closures: []storage.Closure{august}}},
			{SiteID: sites[1].ID, Name: sites[1].Name, Address: "40 rue de Lannoy, 59100 Roubaix", Quartier: "Sainte-Élisabeth",
				Schedule: storage.Schedule{Rules: []storage.OpeningRule{
					{Weekday: time.Wednesday, Positions: []int{1, 3}, Opens: "14:00", Closes: "16:30"},
					{Weekday: time.Wednesday, Positions: []int{-1}, Opens: "09:30", Closes: "11:30"},
				}, Closures: []storage.Closure{august}}},
			{SiteID: sites[2].ID, Name: sites[2].Name, Address: "5 rue Pierre de Roubaix, 59100 Roubaix", Quartier: "Pile",
				Schedule: storage.Schedule{Rules: []storage.OpeningRule{{Weekday: time.Saturday, Opens: "09:00", Closes: "12:30"}}}},
		},
		Referents:     []storage.Referent{{Name: "Josiane Delattre", Role: "présidente", Phone: "03 20 00 00 01", Email: "contact@entraide-demo.example"}},
		Activities:    []storage.Activity{storage.ActivityFoodParcel, storage.ActivitySocialGrocery, storage.ActivityBabyProducts},
		Access:        []storage.AccessKind{storage.AccessRegistration, storage.AccessFee},
		AccessDetails: "Épicerie : 10 % du prix en magasin",
		Documents:     "Pièce d'identité, justificatif de ressources",
		Publics:       []storage.Public{storage.PublicEveryone, storage.PublicUndocumented},
		Languages:     []string{"fr", "ar", "pt"},
		Accessibility: "Local de l'Alma de plain-pied",
	}
}

func (g *generator) uuid() string {
	id, err := uuid.NewRandomFromReader(g.rng2reader())
	if err != nil {
		panic(err) // the reader never fails
	}
	return id.String()
}

type rngReader struct{ rng *rand.Rand }

func (r rngReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r.rng.Uint32())
	}
	return len(p), nil
}

func (g *generator) rng2reader() rngReader { return rngReader{g.rng} }

func (g *generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *generator) chance(p float64) bool { return g.rng.Float64() < p }

// weighted picks an index with the given weights.
func (g *generator) weighted(weights ...float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := g.rng.Float64() * total
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// dayBetween is a uniformly chosen day in [from, to].
func (g *generator) dayBetween(from, to storage.Date) storage.Date {
	span := from.DaysUntil(to)
	if span <= 0 {
		return from
	}
	return from.AddDays(g.rng.IntN(span + 1))
}

// drawName picks a name from the national list by its frequency, or from the Roubaix
// list uniformly (see frequencies.go).
func (g *generator) drawName(national []weightedName, local []string) string {
	if g.chance(0.5) {
		return g.pick(local)
	}
	total := 0.0
	for _, n := range national {
		total += n.weight
	}
	x := g.rng.Float64() * total
	for _, n := range national {
		if x < n.weight {
			return n.name
		}
		x -= n.weight
	}
	return national[len(national)-1].name
}

func (g *generator) lastName() string { return g.drawName(nationalLastNames, lastNames) }

func (g *generator) person(last string, sex storage.Sex, age int, rel storage.Relation, ref storage.Date) storage.Person {
	first := g.drawName(nationalMaleFirstNames, maleFirstNames)
	if sex == storage.SexFemale {
		first = g.drawName(nationalFemaleFirstNames, femaleFirstNames)
	}
	born := ref.AddDays(-age*365 - g.rng.IntN(365))
	p := storage.Person{ID: g.uuid(), LastName: last, FirstName: first, Sex: sex, Relation: rel}
	if g.chance(0.85) {
		p.BirthDate = born
	} else {
		y := born.Year
		p.BirthYear = &y
	}
	return p
}

func (g *generator) sex(pWoman float64) storage.Sex {
	if g.chance(pWoman) {
		return storage.SexFemale
	}
	return storage.SexMale
}

// household makes one household and the last day it comes to distributions.
func (g *generator) household(seq int64) (storage.Household, storage.Date) {
	registered := g.dayBetween(g.start.AddMonths(-3), g.opts.Until)
	// Time in food aid: most households come a few months, some for years.
	months := 1 + int(math.Round(g.rng.ExpFloat64()*8))
	end := registered.AddMonths(months)
	if g.opts.Until.Before(end) {
		end = g.opts.Until
	}
	last := g.lastName()
	var members []storage.Person
	children := func(parentAge int, childLast func() string) {
		n := 1 + g.weighted(35, 35, 20, 10)
		for i := 0; i < n; i++ {
			maxAge := min(17, parentAge-18)
			members = append(members, g.person(childLast(), g.sex(0.5), g.rng.IntN(maxAge+1), storage.RelationChild, registered))
		}
	}
	same := func() string { return last }
	switch g.weighted(32, 30, 22, 8, 8) {
	case 0: // isolated person, often older
		age := 22 + g.rng.IntN(60)
		members = append(members, g.person(last, g.sex(0.45), age, storage.RelationApplicant, registered))
	case 1: // single parent, most often a mother
		age := 20 + g.rng.IntN(30)
		members = append(members, g.person(last, g.sex(0.85), age, storage.RelationApplicant, registered))
		children(age, same)
	case 2: // couple with children
		age := 22 + g.rng.IntN(28)
		partnerLast := last
		if g.chance(0.4) {
			partnerLast = g.lastName()
		}
		members = append(members, g.person(last, storage.SexFemale, age, storage.RelationApplicant, registered),
			g.person(partnerLast, storage.SexMale, age+g.rng.IntN(7)-2, storage.RelationPartner, registered))
		children(age, func() string {
			if g.chance(0.7) {
				return partnerLast
			}
			return last
		})
	case 3: // couple without children
		age := 25 + g.rng.IntN(55)
		members = append(members, g.person(last, g.sex(0.5), age, storage.RelationApplicant, registered),
			g.person(g.lastName(), g.sex(0.5), age+g.rng.IntN(9)-4, storage.RelationPartner, registered))
	default: // adult with an elderly parent or a sibling
		age := 25 + g.rng.IntN(30)
		members = append(members, g.person(last, g.sex(0.5), age, storage.RelationApplicant, registered),
			g.person(last, g.sex(0.6), age+20+g.rng.IntN(15), storage.RelationParent, registered))
	}
	eligible := registered.AddMonths(12)
	for eligible.Before(end) {
		eligible = eligible.AddMonths(12)
	}
	created := registered.Time().Add(9*time.Hour + time.Duration(g.rng.IntN(3*3600))*time.Second).UTC()
	h := storage.Household{
		ID: g.uuid(), CardSeq: seq, Quartier: storage.Quartiers[g.weighted(quartierWeights()...)],
		Referral:     storage.Referrals[g.weighted(30, 35, 10, 20, 5)],
		RegisteredOn: registered, EligibleUntil: eligible, ConsentOn: registered,
		Members: members, CreatedAt: created, UpdatedAt: created,
	}
	if g.chance(0.6) {
		h.Phone = fmt.Sprintf("06 %02d %02d %02d %02d", g.rng.IntN(100), g.rng.IntN(100), g.rng.IntN(100), g.rng.IntN(100))
	}
	if g.chance(0.5) {
		h.Address = fmt.Sprintf("%d %s", 1+g.rng.IntN(180), g.pick(streets))
	}
	if end.Before(g.opts.Until.AddMonths(-2)) && g.chance(0.3) {
		archived := end.AddDays(30).Time().UTC()
		h.ArchivedAt = &archived
	}
	for i := range h.Members {
		h.Members[i].CreatedAt, h.Members[i].UpdatedAt = created, created
	}
	return h, end
}

// quartierWeights favours the quartiers where most food-aid households live.
func quartierWeights() []float64 {
	w := make([]float64, len(storage.Quartiers))
	for i, q := range storage.Quartiers {
		switch q {
		case "Alma", "Épeule", "Pile", "Hommelet", "Trois-Ponts", "Fresnoy-Mackellerie", "Sainte-Élisabeth", "Cul-de-Four":
			w[i] = 4
		case "Barbieux", "Nouveau-Roubaix":
			w[i] = 0.5
		default:
			w[i] = 1.5
		}
	}
	return w
}

// visits adds the household's weekly visits, at one site on one weekday, from its
// registration to its last day.
func (g *generator) visits(w *storage.BulkWriter, h storage.Household, end storage.Date, sites []site) (int, error) {
	st := sites[g.weighted(55, 25, 20)]
	weekday := st.weekdays[g.rng.IntN(len(st.weekdays))]
	day := h.RegisteredOn
	if day.Before(g.start) {
		day = g.start
	}
	for day.Time().Weekday() != weekday {
		day = day.AddDays(1)
	}
	hasInfant := false
	for _, p := range h.Members {
		if p.Relation == storage.RelationChild && !p.BirthDate.IsZero() && p.BirthDate.DaysUntil(h.RegisteredOn) < 3*365 {
			hasInfant = true
		}
	}
	count := 0
	for ; !end.Before(day); day = day.AddDays(7) {
		if !g.chance(0.8) {
			continue // missed that week
		}
		at := day.Time().Add(9*time.Hour + time.Duration(g.rng.IntN(3*3600))*time.Second).UTC()
		v := storage.Visit{ID: g.uuid(), HouseholdID: h.ID, SiteID: st.ID, At: at, Day: day, Kind: st.kind,
			PersonsServed: len(h.Members), RecordedBy: g.pick(volunteers), CreatedAt: at, UpdatedAt: at}
		if hasInfant && g.chance(0.3) {
			v.Kind = storage.KindBabyKit
		}
		if g.chance(0.4) {
			kg := math.Round((4+g.rng.Float64()*4*float64(len(h.Members)))*10) / 10
			v.WeightKg = &kg
		}
		if g.chance(0.005) {
			cancelled := at.Add(2 * time.Minute)
			v.CancelledAt, v.CancelReason = &cancelled, "erreur de saisie"
		}
		if err := w.AddVisit(v); err != nil {
			return count, err
		}
		count++
	}
	return count, nil
}

// Registrations are n new households as the demo would draw them (seed apart from the
// data's), as registration forms: to measure what the duplicate rules say of ordinary
// registrations, none of which is a person already registered.
func Registrations(seed uint64, n int, until storage.Date) []storage.HouseholdInput {
	var s [32]byte
	binary.LittleEndian.PutUint64(s[:], seed)
	g := &generator{rng: rand.New(rand.NewChaCha8(s)), opts: Options{Until: until}, start: until.AddMonths(-12)}
	out := make([]storage.HouseholdInput, n)
	for i := range out {
		h, _ := g.household(int64(i))
		in := storage.HouseholdInput{Quartier: h.Quartier, Address: h.Address, Phone: h.Phone}
		for _, p := range h.Members {
			m := storage.MemberInput{LastName: p.LastName, FirstName: p.FirstName, BirthDate: p.BirthDate, Sex: p.Sex, Relation: p.Relation}
			if p.BirthYear != nil {
				m.BirthYear = *p.BirthYear
			}
			in.Members = append(in.Members, m)
		}
		out[i] = in
	}
	return out
}
