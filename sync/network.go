package sync

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
	Registrations           int                  `json:"registrations"`
	UniquePersonsEstimate   int                  `json:"unique_persons_estimate"`
	UniquePersonsError      float64              `json:"unique_persons_error"`
	PersonsWithoutBirthDate int                  `json:"persons_without_birth_date"`
	HouseholdsServed        int                  `json:"households_served"`
	PersonsServed           int                  `json:"persons_served"`
	Visits                  int                  `json:"visits"`
	WeightKg                float64              `json:"weight_kg"`
	AgeBands                map[string]int       `json:"age_bands"`
	AgeBandsHidden          int                  `json:"age_bands_hidden"`
	MajorityKeyFingerprint  string               `json:"majority_key_fingerprint"`
	Associations            []AssociationFigures `json:"associations"`
	Trend                   []MonthPoint         `json:"trend"`
}

// months lists "YYYY-MM" from..to inclusive.
func months(from, to string) ([]string, error) {
	d, err := ParseMonth(from)
	if err != nil {
		return nil, err
	}
	if _, err := ParseMonth(to); err != nil {
		return nil, err
	}
	var list []string
	for ; MonthOf(d) <= to; d = d.AddMonths(1) {
		list = append(list, MonthOf(d))
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
	toDate, _ := ParseMonth(to)
	trendFrom := MonthOf(toDate.AddMonths(-11))
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
		figures      AssociationFigures
		sketch       *Sketch
		noBirthMax   int
		months       map[string]bool
		fingerprints map[string]int
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
	union := NewSketch(SketchPrecision)
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
	}
	current := MonthOf(s.Today())
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
		case a.sketch != nil:
			a.figures.DistinctPersons = int(math.Round(a.sketch.Estimate())) + a.noBirthMax
		default:
			a.figures.DistinctPersons = a.noBirthMax
		}
		f.Registrations += a.figures.DistinctPersons
		f.PersonsWithoutBirthDate += a.noBirthMax
		a.figures.WeightKg = math.Round(a.figures.WeightKg*10) / 10
		f.Associations = append(f.Associations, a.figures)
	}
	f.WeightKg = math.Round(f.WeightKg*10) / 10
	f.UniquePersonsEstimate = int(math.Round(union.Estimate()))
	f.UniquePersonsError = math.Round(union.RelativeError()*1000) / 1000
	sort.Slice(f.Associations, func(i, j int) bool { return f.Associations[i].Name < f.Associations[j].Name })
	for _, m := range trendMonths {
		f.Trend = append(f.Trend, *trend[m])
	}
	return f, nil
}
