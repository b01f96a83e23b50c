package directory

import (
	"slices"
	"sort"
	"strings"
	"time"

	"entraide/storage"
)

// DirectoryQuery is what a volunteer looks for to direct a person elsewhere.
type DirectoryQuery struct {
	Activity     storage.Activity // empty: any
	OpenAt       time.Time        // open at that moment; zero: any time
	NoReferral   bool             // no social worker's referral needed
	Free         bool             // no participation fee
	Undocumented bool             // welcomes undocumented people
	Quartier     string           // the site's quartier; empty: any
	Language     string           // a language code spoken; empty: any
	Text         string           // words in the name or description
}

// DirectoryHit is a site that answers the query, with when it opens next.
type DirectoryHit struct {
	Entry        Entry
	Site         storage.ListingSite
	OpenNow      bool
	NextOpening  time.Time // zero when no opening in the coming year
	ClosedReason string    // why it is closed today (closure message or public holiday)
}

// Search answers a query at the moment now: one hit per matching site, those open
// first, then by next opening.
func Search(d Directory, q DirectoryQuery, now time.Time) []DirectoryHit {
	var hits []DirectoryHit
	words := storage.NormalizedWords(q.Text)
	for _, e := range d.Entries {
		l := e.Listing
		switch {
		case q.Activity != "" && !slices.Contains(l.Activities, q.Activity),
			q.NoReferral && slices.Contains(l.Access, storage.AccessReferral),
			q.Free && slices.Contains(l.Access, storage.AccessFee),
			q.Undocumented && !slices.Contains(l.Publics, storage.PublicUndocumented) && !slices.Contains(l.Publics, storage.PublicEveryone),
			q.Language != "" && !slices.Contains(l.Languages, q.Language),
			!containsWords(l.Name+" "+l.Description, words):
			continue
		}
		for _, site := range l.Sites {
			if q.Quartier != "" && site.Quartier != q.Quartier {
				continue
			}
			when := now
			if !q.OpenAt.IsZero() {
				when = q.OpenAt
			}
			open := site.Schedule.OpenAt(when)
			if !q.OpenAt.IsZero() && !open {
				continue
			}
			hit := DirectoryHit{Entry: e, Site: site, OpenNow: open}
			if next, ok := site.Schedule.NextOpening(when); ok {
				hit.NextOpening = next
			}
			if closed, why := site.Schedule.ClosedOn(storage.DateOf(when)); closed {
				hit.ClosedReason = why
			}
			hits = append(hits, hit)
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.OpenNow != b.OpenNow {
			return a.OpenNow
		}
		if a.NextOpening.IsZero() != b.NextOpening.IsZero() {
			return !a.NextOpening.IsZero()
		}
		if !a.NextOpening.Equal(b.NextOpening) {
			return a.NextOpening.Before(b.NextOpening)
		}
		return a.Entry.Listing.Name < b.Entry.Listing.Name
	})
	return hits
}

func containsWords(text string, words []string) bool {
	have := strings.Join(storage.NormalizedWords(text), " ")
	for _, w := range words {
		if !strings.Contains(have, w) {
			return false
		}
	}
	return true
}
