package storage

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// DayVisit is one line of the day's distributions.
type DayVisit struct {
	VisitID        string
	HouseholdID    string
	Card           string
	Applicant      string
	SiteID         string
	SiteName       string
	At             time.Time
	Kind           VisitKind
	PersonsServed  int
	RecordedBy     string
	OverrideReason string
	Cancelled      bool
	CancelReason   string
}

// SiteDay counts one site's distributions of a day (cancelled ones left out).
type SiteDay struct {
	SiteID     string
	SiteName   string
	Households int
	Persons    int
	Visits     int
}

// DaySummary is the "today" screen: counts per site and every visit, latest first.
type DaySummary struct {
	Day    Date
	Sites  []SiteDay
	Total  SiteDay
	Visits []DayVisit
}

// Day summarises the distributions of one day.
func (s *Store) Day(ctx context.Context, day Date) (DaySummary, error) {
	sum := DaySummary{Day: day}
	rows, err := s.reader.WithContext(ctx).Raw(`SELECT v.id, v.household_id, h.card,
	        COALESCE((SELECT p.last_name || char(31) || p.first_name FROM persons p
	                  WHERE p.household_id = h.id ORDER BY p.left_on IS NOT NULL, p.position LIMIT 1), ''),
	        v.site_id, s.name, v.at, v.kind, v.persons_served, v.recorded_by, v.override_reason,
	        v.cancelled_at IS NOT NULL, v.cancel_reason
	    FROM visits v JOIN households h ON h.id = v.household_id JOIN sites s ON s.id = v.site_id
	    WHERE v.day = ? ORDER BY v.at DESC`, day).Rows()
	if err != nil {
		return sum, fmt.Errorf("reading visits of %s: %w", day, err)
	}
	defer rows.Close()
	perSite := map[string]*SiteDay{}
	households := map[string]map[string]bool{}
	allHouseholds := map[string]bool{}
	for rows.Next() {
		var v DayVisit
		var at any
		if err := rows.Scan(&v.VisitID, &v.HouseholdID, &v.Card, &v.Applicant, &v.SiteID, &v.SiteName, &at,
			&v.Kind, &v.PersonsServed, &v.RecordedBy, &v.OverrideReason, &v.Cancelled, &v.CancelReason); err != nil {
			return sum, fmt.Errorf("reading visits of %s: %w", day, err)
		}
		v.At = scanTime(at)
		last, first, _ := strings.Cut(v.Applicant, "\x1f")
		v.Applicant = strings.TrimSpace(strings.ToUpper(last) + " " + first)
		sum.Visits = append(sum.Visits, v)
		if v.Cancelled {
			continue
		}
		site := perSite[v.SiteID]
		if site == nil {
			site = &SiteDay{SiteID: v.SiteID, SiteName: v.SiteName}
			perSite[v.SiteID] = site
			households[v.SiteID] = map[string]bool{}
		}
		site.Visits++
		site.Persons += v.PersonsServed
		sum.Total.Visits++
		sum.Total.Persons += v.PersonsServed
		if !households[v.SiteID][v.HouseholdID] {
			households[v.SiteID][v.HouseholdID] = true
			site.Households++
		}
		if !allHouseholds[v.HouseholdID] {
			allHouseholds[v.HouseholdID] = true
			sum.Total.Households++
		}
	}
	if err := rows.Err(); err != nil {
		return sum, fmt.Errorf("reading visits of %s: %w", day, err)
	}
	for _, site := range perSite {
		sum.Sites = append(sum.Sites, *site)
	}
	sort.Slice(sum.Sites, func(i, j int) bool { return sum.Sites[i].SiteName < sum.Sites[j].SiteName })
	return sum, nil
}

func scanTime(v any) time.Time {
	switch t := v.(type) {
	case time.Time:
		return t
	case string:
		parsed, _ := parseStoredTime(t)
		return parsed
	}
	return time.Time{}
}

// DayCount is the check-in screen's counter: distributions and persons served on a day.
type DayCount struct {
	Households int
	Visits     int
	Persons    int
}

// CountDay counts a day's distributions that were not cancelled.
func (s *Store) CountDay(ctx context.Context, day Date) (DayCount, error) {
	var c DayCount
	err := s.reader.WithContext(ctx).Raw(`SELECT count(DISTINCT household_id) AS households, count(*) AS visits,
	        COALESCE(SUM(persons_served), 0) AS persons
	    FROM visits WHERE day = ? AND cancelled_at IS NULL`, day).Scan(&c).Error
	if err != nil {
		return c, fmt.Errorf("counting visits of %s: %w", day, err)
	}
	return c, nil
}

// Stats are the database's totals (entraidectl stats).
type Stats struct {
	Association        string `json:"association"`
	Households         int    `json:"households"`
	ActiveHouseholds   int    `json:"active_households"`
	ArchivedHouseholds int    `json:"archived_households"`
	Persons            int    `json:"persons"`
	Visits             int    `json:"visits"`
	CancelledVisits    int    `json:"cancelled_visits"`
	PersonsServed      int    `json:"persons_served"`
	Sites              int    `json:"sites"`
	FirstVisitDay      string `json:"first_visit_day"`
	LastVisitDay       string `json:"last_visit_day"`
	SchemaVersion      int    `json:"schema_version"`
}

// Stats counts what the database holds. Active households are those not archived and
// still eligible today.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	settings, err := s.Settings(ctx)
	if err != nil {
		return st, err
	}
	st.Association = settings.AssociationName
	today := s.Today()
	// Each table is read once: the visits (hundreds of thousands) in a single pass.
	err = s.reader.WithContext(ctx).Raw(`SELECT h.*, p.*, v.*,
	    (SELECT count(*) FROM sites WHERE archived_at IS NULL) AS sites
	    FROM (SELECT count(*) AS households,
	                 count(*) FILTER (WHERE archived_at IS NULL AND eligible_until >= ?) AS active_households,
	                 count(archived_at) AS archived_households FROM households) h,
	         (SELECT count(*) FILTER (WHERE left_on IS NULL) AS persons FROM persons) p,
	         (SELECT count(*) FILTER (WHERE cancelled_at IS NULL) AS visits,
	                 count(cancelled_at) AS cancelled_visits,
	                 COALESCE(SUM(persons_served) FILTER (WHERE cancelled_at IS NULL), 0) AS persons_served,
	                 COALESCE(MIN(day) FILTER (WHERE cancelled_at IS NULL), '') AS first_visit_day,
	                 COALESCE(MAX(day) FILTER (WHERE cancelled_at IS NULL), '') AS last_visit_day FROM visits) v`, today).Scan(&st).Error
	if err != nil {
		return st, fmt.Errorf("counting: %w", err)
	}
	st.Association = settings.AssociationName
	if st.SchemaVersion, err = s.SchemaVersion(ctx); err != nil {
		return st, err
	}
	return st, nil
}
