package report

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sort"

	"entraide/storage"
)

// AssociationFigures are one association's figures over a period, from its reports.
type AssociationFigures struct {
	ID                     string   `json:"id"`
	Name                   string   `json:"name"`
	Status                 string   `json:"status"`
	KeyFingerprint         string   `json:"key_fingerprint"`
	Reports                int      `json:"reports"`
	LastMonth              string   `json:"last_month"`
	MissingMonths          []string `json:"missing_months"`
	HouseholdsServed       int      `json:"households_served"`
	PersonsServed          int      `json:"persons_served"`
	Visits                 int      `json:"visits"`
	NewHouseholds          int      `json:"new_households"`
	WeightKg               float64  `json:"weight_kg"`
	DistinctPersons        int      `json:"distinct_persons"`
	UniqueKeyFingerprint   string   `json:"unique_key_fingerprint"`
	KeyFingerprintMismatch bool     `json:"key_fingerprint_mismatch"`
	NoSketch               bool     `json:"no_sketch"`
}

// MonthPoint is one month of the trend.
type MonthPoint struct {
	Month            string `json:"month"`
	HouseholdsServed int    `json:"households_served"`
	PersonsServed    int    `json:"persons_served"`
	Visits           int    `json:"visits"`
	Reports          int    `json:"reports"`
}

// NetworkFigures is the CCAS dashboard for a period of whole months.
type NetworkFigures struct {
	From    string `json:"from"`
	To      string `json:"to"`
	Reports int    `json:"reports"`
	Missing int    `json:"missing_reports"`
	// Registrations adds up the distinct persons each association served: exact for one
	// month, estimated from each association's merged sketches over several.
	Registrations int `json:"registrations"`
	// DistinctPersons is the figure the CCAS quotes: persons helped over the period, each
	// counted once across the network.
	DistinctPersons        DistinctPersons      `json:"distinct_persons"`
	HouseholdsServed       int                  `json:"households_served"`
	PersonsServed          int                  `json:"persons_served"`
	Visits                 int                  `json:"visits"`
	WeightKg               float64              `json:"weight_kg"`
	AgeBands               map[string]int       `json:"age_bands"`
	AgeBandsHidden         int                  `json:"age_bands_hidden"`
	MajorityKeyFingerprint string               `json:"majority_key_fingerprint"`
	Associations           []AssociationFigures `json:"associations"`
	Trend                  []MonthPoint         `json:"trend"`
}

// Ways of counting distinct persons.
const (
	// ByBirthYear: every person with at least a birth year, by name and year.
	ByBirthYear = "name_birth_year"
	// ByBirthDate: persons with a full birth date, by name and date, the others counted
	// apart; used when a report of the period comes from a version that sent no
	// name-and-year sketch, so that figures already given do not change.
	ByBirthDate = "name_birth_date"
)

// DistinctPersons is the network's distinct-person figure with its range.
type DistinctPersons struct {
	Estimate int    `json:"estimate"`
	Low      int    `json:"low"`
	High     int    `json:"high"`
	Method   string `json:"method"`
	// Sketched is the merged sketch's estimate; Error its relative standard error.
	Sketched int     `json:"sketched"`
	Error    float64 `json:"relative_error"`
	// NotSketched are the persons in no sketch (no birth year; with ByBirthDate, no full
	// date), each association's busiest month, up to NotSketchedHigh if every month's
	// were other persons.
	NotSketched     int `json:"not_sketched"`
	NotSketchedHigh int `json:"not_sketched_high"`
	// OldReports are the reports of the period without a name-and-year sketch.
	OldReports int    `json:"old_reports"`
	Meaning    string `json:"meaning"`
}

// meaning says in one French sentence what the figure is, for the CLI and the exports.
func (d DistinctPersons) meaning(from, to string) string {
	period := "en " + from
	if from != to {
		period = "de " + from + " à " + to
	}
	s := fmt.Sprintf("Environ %d personnes différentes aidées %s, chacune comptée une fois même si elle va dans plusieurs associations (entre %d et %d : marge de l'estimation", d.Estimate, period, d.Low, d.High)
	switch {
	case d.Method == ByBirthDate:
		s += fmt.Sprintf(", plus %d personnes sans date de naissance complète comptées à part, car %d rapports viennent d'une version antérieure d'Entraide)", d.NotSketched, d.OldReports)
	case d.NotSketchedHigh > 0:
		s += fmt.Sprintf(", et %d personnes sans année de naissance, qui ne peuvent pas être rapprochées)", d.NotSketched)
	default:
		s += ")"
	}
	return s + "."
}

// distinct sets the figure from the merged sketch of its method and the persons in none:
// the range is two standard errors of the sketch, plus the unsketched persons' spread.
func (d *DistinctPersons) distinct(byYear bool, byDate, byYearSketch *Sketch, from, to string) {
	sketch := byDate
	d.Method = ByBirthDate
	if byYear {
		sketch, d.Method = byYearSketch, ByBirthYear
	}
	estimate, e := sketch.Estimate(), sketch.RelativeError()
	d.Sketched, d.Error = int(math.Round(estimate)), math.Round(e*1000)/1000
	// A person in no sketch may be in another association's sketch: low counts none of
	// them, high every month's as other persons. The figure counts them once per
	// association, except by the old method, whose figure stays the one it always gave.
	d.Estimate = d.Sketched
	if byYear {
		d.Estimate += d.NotSketched
	}
	d.Low = int(math.Floor(estimate * (1 - 2*e)))
	d.High = int(math.Ceil(estimate*(1+2*e))) + d.NotSketchedHigh
	d.Meaning = d.meaning(from, to)
}

// months lists "YYYY-MM" from..to inclusive.
func months(from, to string) ([]string, error) {
	d, err := storage.MonthStart(from)
	if err != nil {
		return nil, err
	}
	if _, err := storage.MonthStart(to); err != nil {
		return nil, err
	}
	var list []string
	for ; storage.MonthOf(d).String() <= to; d = d.AddMonths(1) {
		list = append(list, storage.MonthOf(d).String())
	}
	return list, nil
}

// Figures computes the dashboard of the months from..to from the reports in force.
func Figures(ctx context.Context, s *storage.Store, from, to string) (NetworkFigures, error) {
	f := NetworkFigures{From: from, To: to, AgeBands: map[string]int{}, Associations: []AssociationFigures{}}
	period, err := months(from, to)
	if err != nil {
		return f, err
	}
	toDate, _ := storage.MonthStart(to)
	trendFrom := storage.MonthOf(toDate.AddMonths(-11)).String()
	reports, err := s.CurrentReports(ctx, min(from, trendFrom), to)
	if err != nil {
		return f, err
	}
	members, err := s.MemberAssociations(ctx)
	if err != nil {
		return f, err
	}
	trend := map[string]*MonthPoint{}
	trendMonths, _ := months(trendFrom, to)
	for _, m := range trendMonths {
		trend[m] = &MonthPoint{Month: m}
	}
	type acc struct {
		figures               AssociationFigures
		sketch, yearSketch    *Sketch
		noBirthMax, noYearMax int
		noBirthSum, noYearSum int
		months                map[string]bool
		fingerprints          map[string]int
	}
	byID := map[string]*acc{}
	for _, m := range members {
		byID[m.ID] = &acc{figures: AssociationFigures{ID: m.ID, Name: m.Name, Status: m.Status, KeyFingerprint: m.KeyFingerprint},
			months: map[string]bool{}, fingerprints: map[string]int{}}
	}
	fingerprintVotes := map[string]int{}
	parsed := make([]Report, len(reports))
	for i, rr := range reports {
		if err := json.Unmarshal([]byte(rr.Payload), &parsed[i]); err != nil {
			return f, fmt.Errorf("reading a kept report of %s: %w", rr.Month, err)
		}
		r := parsed[i]
		if p := trend[rr.Month]; p != nil {
			p.HouseholdsServed += r.HouseholdsServed
			p.PersonsServed += r.PersonsServed
			p.Visits += r.Visits
			p.Reports++
		}
		a := byID[rr.AssociationID]
		if a == nil || rr.Month < from {
			continue
		}
		a.months[rr.Month] = true
		if r.Unique != nil {
			a.fingerprints[r.Unique.KeyFingerprint]++
			fingerprintVotes[r.Unique.KeyFingerprint]++
		}
	}
	// The passphrase most associations use; sketches under another cannot be merged.
	for fp, n := range fingerprintVotes {
		if n > fingerprintVotes[f.MajorityKeyFingerprint] || (n == fingerprintVotes[f.MajorityKeyFingerprint] && fp < f.MajorityKeyFingerprint) {
			f.MajorityKeyFingerprint = fp
		}
	}
	union, yearUnion := NewSketch(SketchPrecision), NewSketch(SketchPrecision)
	for i, rr := range reports {
		a := byID[rr.AssociationID]
		if a == nil || rr.Month < from {
			continue
		}
		r := parsed[i]
		f.Reports++
		a.figures.Reports++
		a.figures.LastMonth = max(a.figures.LastMonth, rr.Month)
		a.figures.HouseholdsServed += r.HouseholdsServed
		a.figures.PersonsServed += r.PersonsServed
		a.figures.Visits += r.Visits
		a.figures.NewHouseholds += r.NewHouseholds
		a.figures.WeightKg += r.WeightKg
		f.HouseholdsServed += r.HouseholdsServed
		f.PersonsServed += r.PersonsServed
		f.Visits += r.Visits
		f.WeightKg += r.WeightKg
		for band, c := range r.Margins[MarginAge].Cells {
			if c.Hidden {
				f.AgeBandsHidden++
				continue
			}
			f.AgeBands[band] += c.N
		}
		a.noBirthMax = max(a.noBirthMax, r.PersonsWithoutBirthDate)
		a.noBirthSum += r.PersonsWithoutBirthDate
		a.noYearMax = max(a.noYearMax, r.PersonsWithoutBirthYear)
		a.noYearSum += r.PersonsWithoutBirthYear
		if r.Unique == nil {
			a.figures.NoSketch = true
			continue
		}
		if r.Unique.KeyFingerprint != f.MajorityKeyFingerprint {
			a.figures.KeyFingerprintMismatch = true
			continue
		}
		a.figures.UniqueKeyFingerprint = r.Unique.KeyFingerprint
		if a.sketch == nil {
			a.sketch = NewSketch(r.Unique.Sketch.Precision)
		}
		if err := a.sketch.Merge(r.Unique.Sketch); err != nil {
			return f, err
		}
		if err := union.Merge(r.Unique.Sketch); err != nil {
			return f, err
		}
		if r.UniqueByYear == nil || r.UniqueByYear.KeyFingerprint != r.Unique.KeyFingerprint {
			f.DistinctPersons.OldReports++
			continue
		}
		if a.yearSketch == nil {
			a.yearSketch = NewSketch(r.UniqueByYear.Sketch.Precision)
		}
		if err := a.yearSketch.Merge(r.UniqueByYear.Sketch); err != nil {
			return f, err
		}
		if err := yearUnion.Merge(r.UniqueByYear.Sketch); err != nil {
			return f, err
		}
	}
	byYear := f.DistinctPersons.OldReports == 0
	current := storage.MonthOf(s.Today()).String()
	for _, m := range members {
		a := byID[m.ID]
		a.figures.MissingMonths = []string{}
		for _, month := range period {
			// A month is missing once it is over, from the first month the association reports.
			if month >= m.ValidFrom && month < current && !a.months[month] {
				a.figures.MissingMonths = append(a.figures.MissingMonths, month)
			}
		}
		f.Missing += len(a.figures.MissingMonths)
		switch {
		case len(period) == 1:
			a.figures.DistinctPersons = a.figures.PersonsServed
		case byYear && a.yearSketch != nil:
			a.figures.DistinctPersons = int(math.Round(a.yearSketch.Estimate())) + a.noYearMax
		case !byYear && a.sketch != nil:
			a.figures.DistinctPersons = int(math.Round(a.sketch.Estimate())) + a.noBirthMax
		case byYear:
			a.figures.DistinctPersons = a.noYearMax
		default:
			a.figures.DistinctPersons = a.noBirthMax
		}
		f.Registrations += a.figures.DistinctPersons
		if a.figures.KeyFingerprintMismatch || a.figures.NoSketch {
			continue // not in the merged sketch: its persons cannot be told apart from the others'
		}
		if byYear {
			f.DistinctPersons.NotSketched += a.noYearMax
			f.DistinctPersons.NotSketchedHigh += a.noYearSum
		} else {
			f.DistinctPersons.NotSketched += a.noBirthMax
			f.DistinctPersons.NotSketchedHigh += a.noBirthSum
		}
		a.figures.WeightKg = math.Round(a.figures.WeightKg*10) / 10
		f.Associations = append(f.Associations, a.figures)
	}
	f.WeightKg = math.Round(f.WeightKg*10) / 10
	f.DistinctPersons.distinct(byYear, union, yearUnion, f.From, f.To)
	if len(period) == 1 && byYear {
		// For one month the associations' counts are exact: the union cannot exceed their sum.
		d := &f.DistinctPersons
		d.Estimate, d.High, d.Low = min(d.Estimate, f.Registrations), min(d.High, f.Registrations), min(d.Low, f.Registrations)
		d.Meaning = d.meaning(f.From, f.To)
	}
	sort.Slice(f.Associations, func(i, j int) bool { return f.Associations[i].Name < f.Associations[j].Name })
	for _, m := range trendMonths {
		f.Trend = append(f.Trend, *trend[m])
	}
	return f, nil
}
