package directory

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"entraide/assets"
	"entraide/storage"

	"github.com/google/uuid"
)

// Exports of the directory for the web: Open Referral HSDS 3.0 and data·inclusion v1.

var postalCity = regexp.MustCompile(`^(.*?),?\s*(\d{5})\s+(.+)$`)

// splitAddress reads "12 rue de l'Alma, 59100 Roubaix"; without a postal code and city the
// network's town is assumed.
func splitAddress(address string) (street, postalCode, city string) {
	if m := postalCity.FindStringSubmatch(strings.TrimSpace(address)); m != nil {
		return strings.TrimSpace(m[1]), m[2], m[3]
	}
	return strings.TrimSpace(address), "59100", "Roubaix"
}

var icalDays = []string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// hsdsNamespace is Entraide's namespace for name-based ids in standard exports; never change it.
var hsdsNamespace = uuid.MustParse("6c1e7b4a-3f0d-5a8e-9b2c-e0a1d5f4c7b3")

// hsdsID is a name-based UUID (version 5) of the parts: HSDS wants uuid ids, and the same
// record gets the same id at every export, so a consumer updates it instead of adding one.
func hsdsID(parts ...string) string {
	return uuid.NewSHA1(hsdsNamespace, []byte(strings.Join(parts, "/"))).String()
}

// organizationID keeps an association's id when it is already a UUID.
func organizationID(id string) string {
	if u, err := uuid.Parse(id); err == nil && len(id) == 36 {
		return u.String()
	}
	return hsdsID("organization", id)
}

// HSDSOrganizations writes the directory as HSDS 3.0 organizations, each with its
// services, locations (addresses, schedules, languages), phones and contacts.
func HSDSOrganizations(d Directory) []map[string]any {
	var orgs []map[string]any
	for _, e := range d.Entries {
		l := e.Listing
		orgID := organizationID(e.ID)
		org := map[string]any{"id": orgID, "name": l.Name, "description": nonEmpty(l.Description, l.Name)}
		phones, contacts, locations := []map[string]any{}, []map[string]any{}, []map[string]any{}
		for i, r := range l.Referents {
			cid := hsdsID(orgID, "contact", fmt.Sprint(i+1))
			c := map[string]any{"id": cid, "organization_id": orgID, "name": r.Name, "title": r.Role}
			if r.Email != "" {
				c["email"] = r.Email
			}
			if r.Phone != "" {
				c["phones"] = []map[string]any{{"id": hsdsID(cid, "phone"), "contact_id": cid, "number": r.Phone}}
				phones = append(phones, map[string]any{"id": hsdsID(orgID, "phone", fmt.Sprint(i+1)), "organization_id": orgID, "number": r.Phone})
			}
			contacts = append(contacts, c)
		}
		for i, site := range l.Sites {
			lid := hsdsID(orgID, "location", fmt.Sprint(i+1))
			languages := []map[string]any{} // one record per location: a consumer's table links each to one
			for _, code := range l.Languages {
				languages = append(languages, map[string]any{"id": hsdsID(lid, "language", code), "location_id": lid, "code": code, "name": LanguageFrench(code)})
			}
			street, postal, city := splitAddress(site.Address)
			loc := map[string]any{"id": lid, "organization_id": orgID, "location_type": "physical", "name": site.Name,
				"addresses": []map[string]any{{"id": hsdsID(lid, "address"), "location_id": lid, "address_1": nonEmpty(street, site.Name),
					"city": city, "state_province": "Hauts-de-France", "postal_code": postal, "country": "FR", "address_type": "physical"}},
				"schedules": hsdsSchedules(lid, site.Schedule), "languages": languages}
			if site.Latitude != nil && site.Longitude != nil {
				loc["latitude"], loc["longitude"] = *site.Latitude, *site.Longitude
			}
			locations = append(locations, loc)
		}
		services := []map[string]any{}
		for _, a := range l.Activities {
			sid := hsdsID(orgID, "service", string(a))
			languages := []map[string]any{}
			for _, code := range l.Languages {
				languages = append(languages, map[string]any{"id": hsdsID(sid, "language", code), "service_id": sid, "code": code, "name": LanguageFrench(code)})
			}
			svc := map[string]any{"id": sid, "organization_id": orgID, "name": ActivityFrench(a) + " — " + l.Name,
				"description": nonEmpty(l.Description, ActivityFrench(a)), "status": "active",
				"eligibility_description": EligibilityFrench(l), "languages": languages}
			if slices.Contains(l.Access, storage.AccessFee) {
				svc["fees_description"] = nonEmpty(l.AccessDetails, "participation financière")
			}
			if l.Documents != "" {
				svc["application_process"] = "Documents demandés : " + l.Documents
			}
			services = append(services, svc)
		}
		org["phones"], org["contacts"], org["locations"], org["services"] = phones, contacts, locations, services
		orgs = append(orgs, org)
	}
	return orgs
}

// validityWindows splits time around the closures: each weekly rule holds in every window
// (valid_from / valid_to, empty at the open ends), and not during the closures.
func validityWindows(closures []storage.Closure) [][2]storage.Date {
	sorted := slices.Clone(closures)
	slices.SortFunc(sorted, func(a, b storage.Closure) int { return strings.Compare(a.From.String(), b.From.String()) })
	var windows [][2]storage.Date
	start := storage.Date{}
	for _, c := range sorted {
		windows = append(windows, [2]storage.Date{start, c.From.AddDays(-1)})
		start = c.To.AddDays(1)
	}
	return append(windows, [2]storage.Date{start, {}})
}

func hsdsSchedules(locationID string, s storage.Schedule) []map[string]any {
	out := []map[string]any{}
	closures := ClosuresFrench(s)
	windows := validityWindows(s.Closures)
	for i, r := range s.Rules {
		for w, window := range windows {
			sched := hsdsSchedule(locationID, i, r, closures)
			if len(windows) > 1 {
				sched["id"] = hsdsID(locationID, "schedule", fmt.Sprint(i+1), fmt.Sprint(w+1))
			}
			if !window[0].IsZero() {
				sched["valid_from"] = window[0].String()
			}
			if !window[1].IsZero() {
				sched["valid_to"] = window[1].String()
			}
			out = append(out, sched)
		}
	}
	return out
}

func hsdsSchedule(locationID string, i int, r storage.OpeningRule, closures string) map[string]any {
	sched := map[string]any{"id": hsdsID(locationID, "schedule", fmt.Sprint(i+1)), "location_id": locationID,
		"opens_at": r.Opens, "closes_at": r.Closes, "wkst": "MO"}
	if len(r.Positions) == 0 {
		sched["freq"], sched["byday"] = "WEEKLY", icalDays[r.Weekday]
	} else {
		var days []string
		for _, p := range r.Positions {
			days = append(days, fmt.Sprintf("%d%s", p, icalDays[r.Weekday]))
		}
		sched["freq"], sched["byday"] = "MONTHLY", strings.Join(days, ",")
	}
	if closures != "" {
		sched["notes"] = closures
	}
	return sched
}

func ClosuresFrench(s storage.Schedule) string {
	var parts []string
	for _, c := range s.Closures {
		parts = append(parts, fmt.Sprintf("Fermé du %s au %s %s", c.From.French(), c.To.French(), c.Message))
	}
	if !s.OpenOnHolidays {
		parts = append(parts, "Fermé les jours fériés")
	}
	return strings.TrimSpace(strings.Join(parts, ". "))
}

// DataInclusion is the directory in the data·inclusion v1 schema.
type DataInclusion struct {
	Structures []map[string]any `json:"structures"`
	Services   []map[string]any `json:"services"`
}

var dataInclusionPublics = map[storage.Public]string{"everyone": "tous-publics", "families": "familles", "young": "jeunes",
	"students": "etudiants", "seniors": "seniors", "undocumented": "personnes-exilees", "asylum_seekers": "personnes-exilees",
	"isolated": "personnes-en-situation-durgence"}

var dataInclusionThemes = map[storage.Activity]string{"food_parcel": "equipement-et-alimentation--alimentation",
	"social_grocery": "equipement-et-alimentation--alimentation", "meals": "equipement-et-alimentation--alimentation",
	"baby_products": "equipement-et-alimentation--alimentation", "clothes": "equipement-et-alimentation--habillement",
	"hygiene": "equipement-et-alimentation--aide-menagere"}

// DataInclusionExport writes structures (one per site) and services (one per activity and site).
func DataInclusionExport(d Directory, updated time.Time) DataInclusion {
	out := DataInclusion{Structures: []map[string]any{}, Services: []map[string]any{}}
	date := storage.DateOf(updated).String()
	for _, e := range d.Entries {
		l := e.Listing
		if !l.CheckedOn.IsZero() {
			date = l.CheckedOn.String()
		}
		var phone, email any
		if len(l.Referents) > 0 {
			phone, email = nullable(l.Referents[0].Phone), nullable(l.Referents[0].Email)
		}
		for i, site := range l.Sites {
			structureID := hsdsID("entraide", e.ID, fmt.Sprint(i+1))
			street, postal, city := splitAddress(site.Address)
			hours := OSMOpeningHours(site.Schedule)
			structure := map[string]any{"source": "entraide", "id": structureID, "nom": l.Name + " — " + site.Name,
				"date_maj": date, "description": nullable(l.Description), "adresse": nullable(street), "code_postal": postal,
				"commune": city, "telephone": phone, "courriel": email, "horaires_accueil": hours}
			if site.Latitude != nil && site.Longitude != nil {
				structure["latitude"], structure["longitude"] = *site.Latitude, *site.Longitude
			}
			out.Structures = append(out.Structures, structure)
			for _, a := range l.Activities {
				svc := map[string]any{"source": "entraide", "structure_id": structureID, "id": hsdsID(structureID, string(a)),
					"nom": ActivityFrench(a), "description": nonEmpty(l.Description, ActivityFrench(a)+" — "+l.Name),
					"date_maj": date, "type": "aide-materielle", "modes_accueil": []string{"en-presentiel"},
					"conditions_acces": nullable(EligibilityFrench(l)), "horaires_accueil": hours,
					"adresse": nullable(street), "code_postal": postal, "commune": city, "telephone": phone, "courriel": email,
					"frais": "gratuit"}
				if theme, ok := dataInclusionThemes[a]; ok {
					svc["thematiques"] = []string{theme}
				}
				if slices.Contains(l.Access, storage.AccessFee) {
					svc["frais"], svc["frais_precisions"] = "payant", nullable(l.AccessDetails)
				}
				svc["publics"] = dataInclusionPublicsOf(l.Publics)
				out.Services = append(out.Services, svc)
			}
		}
	}
	return out
}

// dataInclusionPublicsOf maps publics; "tous-publics" may not stand with others.
func dataInclusionPublicsOf(publics []storage.Public) []string {
	if len(publics) == 0 || slices.Contains(publics, storage.PublicEveryone) {
		return []string{"tous-publics"}
	}
	var out []string
	for _, p := range publics {
		if v, ok := dataInclusionPublics[p]; ok && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return []string{"tous-publics"}
	}
	return out
}

func nullable(s string) any {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return s
}

func nonEmpty(s, fallback string) string {
	if strings.TrimSpace(s) == "" {
		return fallback
	}
	return s
}

// French words for the listing's codes, used in exports, the guide and the slip.
// ActivityFrench, AccessFrench, PublicFrench and LanguageFrench name the listing's codes in
// French (exports, guide, slip), from the vocabularies' one table and fr.json.
func ActivityFrench(a storage.Activity) string { return assets.French(a.Label()) }

// AccessFrench names an access kind in French.
func AccessFrench(a storage.AccessKind) string { return assets.French(a.Label()) }

// PublicFrench names a public in French.
func PublicFrench(p storage.Public) string { return assets.French(p.Label()) }

// LanguageFrench names a language in French, or gives its code when unknown.
func LanguageFrench(code string) string {
	if label := storage.LanguageLabel(code); label != "" {
		return strings.ToLower(assets.French(label))
	}
	return code
}

func EligibilityFrench(l storage.Listing) string {
	var parts []string
	for _, a := range l.Access {
		parts = append(parts, AccessFrench(a))
	}
	if len(l.Publics) > 0 {
		var publics []string
		for _, p := range l.Publics {
			publics = append(publics, PublicFrench(p))
		}
		parts = append(parts, "publics : "+strings.Join(publics, ", "))
	}
	return strings.Join(parts, " ; ")
}
