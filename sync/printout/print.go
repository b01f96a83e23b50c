// Package printout makes what is printed: the directory guide (HTML and PDF), the referral
// slip, the access-request export and the information notice, in plain French.
package printout

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strings"
	"time"

	"entraide/storage"
	"entraide/sync/directory"

	"github.com/go-pdf/fpdf"
)

// The printable guide (for CCAS agents, sorted by activity and quartier) and the referral
// slip (fiche de liaison) given to a person directed to another association, in HTML and PDF.

var frenchWeekdays = []string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}

func clockFrench(hhmm string) string {
	return strings.TrimPrefix(strings.Replace(hhmm, ":", " h ", 1), "0")
}

func positionFrench(p int) string {
	switch p {
	case -1:
		return "dernier"
	case 1:
		return "1er"
	}
	return fmt.Sprintf("%de", p)
}

// HoursFrench describes a schedule in words: "samedi 9 h 00 – 12 h 00 ; 1er et 3e mardi …".
func HoursFrench(s storage.Schedule) string {
	var parts []string
	for _, r := range s.Rules {
		day := frenchWeekdays[r.Weekday]
		if len(r.Positions) > 0 {
			var positions []string
			for _, p := range r.Positions {
				positions = append(positions, positionFrench(p))
			}
			day = strings.Join(positions, " et ") + " " + day + " du mois"
		}
		parts = append(parts, day+" "+clockFrench(r.Opens)+" – "+clockFrench(r.Closes))
	}
	if len(parts) == 0 {
		parts = []string{"horaires non communiqués"}
	}
	if c := directory.ClosuresFrench(s); c != "" {
		parts = append(parts, strings.ToLower(c[:1])+c[1:])
	}
	return strings.Join(parts, " ; ")
}

// NextOpenings lists up to n opening starts from t, in words.
func NextOpenings(s storage.Schedule, t time.Time, n int) []string {
	var out []string
	for len(out) < n {
		next, ok := s.NextOpening(t)
		if !ok {
			break
		}
		local := next.In(storage.Paris)
		day := storage.DateOf(next)
		var closes string
		minute := local.Hour()*60 + local.Minute()
		for _, iv := range s.Openings(day) {
			if minute >= iv.Opens && minute < iv.Closes {
				closes = fmt.Sprintf("%d h %02d", iv.Closes/60, iv.Closes%60)
				t = day.Time().Add(time.Duration(iv.Closes) * time.Minute)
			}
		}
		out = append(out, fmt.Sprintf("%s %s de %d h %02d à %s", frenchWeekdays[local.Weekday()], day.French(), local.Hour(), local.Minute(), closes))
	}
	return out
}

// guideLine is one site of one association under one activity.
type guideLine struct {
	Name, Site, Address, Quartier, Hours, Conditions, Documents, Contact, Languages string
}

type guideSection struct {
	Activity string
	Lines    []guideLine
}

func guideSections(d directory.Directory) []guideSection {
	var sections []guideSection
	for _, activity := range storage.Activities {
		section := guideSection{Activity: directory.ActivityFrench(activity)}
		for _, e := range d.Entries {
			l := e.Listing
			if !slices.Contains(l.Activities, activity) {
				continue
			}
			var languages []string
			for _, code := range l.Languages {
				languages = append(languages, directory.LanguageFrench(code))
			}
			contact := ""
			if len(l.Referents) > 0 {
				r := l.Referents[0]
				contact = strings.TrimSpace(strings.Join([]string{r.Name, r.Role, r.Phone, r.Email}, " · "))
			}
			for _, site := range l.Sites {
				section.Lines = append(section.Lines, guideLine{Name: l.Name, Site: site.Name, Address: site.Address,
					Quartier: site.Quartier, Hours: HoursFrench(site.Schedule), Conditions: directory.EligibilityFrench(l),
					Documents: l.Documents, Contact: contact, Languages: strings.Join(languages, ", ")})
			}
		}
		sort.SliceStable(section.Lines, func(i, j int) bool {
			a, b := section.Lines[i], section.Lines[j]
			if a.Quartier != b.Quartier {
				return a.Quartier < b.Quartier
			}
			return a.Name < b.Name
		})
		if len(section.Lines) > 0 {
			sections = append(sections, section)
		}
	}
	return sections
}

var guideTemplate = template.Must(template.New("guide").Parse(`<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>body{font-family:sans-serif;font-size:12pt;max-width:60em;margin:auto}h2{border-bottom:2px solid #1f7a4d;margin-top:1.5em}
.entry{margin:.6em 0;page-break-inside:avoid}.name{font-weight:bold}.q{color:#555}</style></head><body>
<h1>{{.Title}}</h1><p>Version {{.Version}} du {{.Date}}. Par activité, puis par quartier.</p>
{{range .Sections}}<h2>{{.Activity}}</h2>{{range .Lines}}<div class="entry"><div class="name">{{.Name}} — {{.Site}} <span class="q">({{.Quartier}})</span></div>
<div>{{.Address}}</div><div>Horaires : {{.Hours}}</div><div>Conditions : {{.Conditions}}</div>
{{if .Documents}}<div>Documents : {{.Documents}}</div>{{end}}{{if .Contact}}<div>Contact : {{.Contact}}</div>{{end}}
{{if .Languages}}<div>Langues : {{.Languages}}</div>{{end}}</div>{{end}}{{end}}
</body></html>
`))

// GuideHTML is the printable guide of the directory.
func GuideHTML(d directory.Directory) ([]byte, error) {
	var b bytes.Buffer
	err := guideTemplate.Execute(&b, map[string]any{"Title": "Guide de l'aide alimentaire — " + d.NetworkName,
		"Version": d.Version, "Date": storage.DateOf(d.PublishedAt).French(), "Sections": guideSections(d)})
	return b.Bytes(), err
}

// The PDFs use the screen's font (Noto Sans, SIL Open Font Licence, fonts/LICENSE-NotoSans.txt),
// embedded: names in Polish, Romanian, Turkish, Vietnamese, Greek or Cyrillic letters print
// as typed, which the PDF core fonts cannot do.
var (
	//go:embed fonts/NotoSans-Regular.ttf
	notoRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	notoBold []byte
)

const pdfFont = "NotoSans"

// newPDF prepares an A4 page with the embedded font; the returned function prepares text
// (spaces the font lacks become plain ones).
func newPDF() (*fpdf.Fpdf, func(string) string) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(pdfFont, "", notoRegular)
	pdf.AddUTF8FontFromBytes(pdfFont, "B", notoBold)
	pdf.SetMargins(18, 18, 18)
	pdf.SetAutoPageBreak(true, 18)
	clean := strings.NewReplacer("\u202f", " ", "\u00a0", " ")
	return pdf, clean.Replace
}

func pdfBytes(pdf *fpdf.Fpdf) ([]byte, error) {
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return nil, fmt.Errorf("writing PDF: %w", err)
	}
	return b.Bytes(), nil
}

// GuidePDF is the printable guide as a PDF.
func GuidePDF(d directory.Directory) ([]byte, error) {
	pdf, tr := newPDF()
	pdf.AddPage()
	pdf.SetFont(pdfFont, "B", 16)
	pdf.MultiCell(0, 8, tr("Guide de l'aide alimentaire — "+d.NetworkName), "", "L", false)
	pdf.SetFont(pdfFont, "", 10)
	pdf.MultiCell(0, 6, tr(fmt.Sprintf("Version %d du %s. Par activité, puis par quartier.", d.Version, storage.DateOf(d.PublishedAt).French())), "", "L", false)
	for _, section := range guideSections(d) {
		pdf.Ln(4)
		pdf.SetFont(pdfFont, "B", 13)
		pdf.MultiCell(0, 7, tr(section.Activity), "B", "L", false)
		for _, l := range section.Lines {
			pdf.Ln(2)
			pdf.SetFont(pdfFont, "B", 11)
			pdf.MultiCell(0, 5.5, tr(l.Name+" — "+l.Site+" ("+l.Quartier+")"), "", "L", false)
			pdf.SetFont(pdfFont, "", 10)
			for _, line := range []string{l.Address, "Horaires : " + l.Hours, "Conditions : " + l.Conditions,
				prefixed("Documents : ", l.Documents), prefixed("Contact : ", l.Contact), prefixed("Langues : ", l.Languages)} {
				if line != "" {
					pdf.MultiCell(0, 5, tr(line), "", "L", false)
				}
			}
		}
	}
	return pdfBytes(pdf)
}

func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

// Slip is a referral slip: where a person is directed, when to go, what to bring.
type Slip struct {
	PersonFirstName string // only if the person agrees
	From            string // the association that directs
	Entry           directory.Entry
	Site            storage.ListingSite
	Openings        []string
	Made            time.Time
}

// NewSlip prepares the slip for a site, with its next three openings from now.
func NewSlip(from string, e directory.Entry, site storage.ListingSite, firstName string, now time.Time) Slip {
	return Slip{PersonFirstName: strings.TrimSpace(firstName), From: from, Entry: e, Site: site,
		Openings: NextOpenings(site.Schedule, now, 3), Made: now}
}

// Lines are the slip's content, shown on screen and printed.
func (s Slip) Lines() []string {
	l := s.Entry.Listing
	lines := []string{}
	if s.PersonFirstName != "" {
		lines = append(lines, "Pour : "+s.PersonFirstName)
	}
	lines = append(lines, "Adressé(e) à : "+l.Name+" — "+s.Site.Name, "Adresse : "+s.Site.Address)
	if len(s.Openings) > 0 {
		lines = append(lines, "Prochaines ouvertures : "+strings.Join(s.Openings, " ; "))
	} else {
		lines = append(lines, "Prochaines ouvertures : à confirmer par téléphone")
	}
	lines = append(lines, "Horaires habituels : "+HoursFrench(s.Site.Schedule))
	if c := directory.EligibilityFrench(l); c != "" {
		lines = append(lines, "Conditions : "+c)
	}
	if l.Documents != "" {
		lines = append(lines, "Documents à apporter : "+l.Documents)
	}
	if l.AccessDetails != "" {
		lines = append(lines, "Précisions : "+l.AccessDetails)
	}
	for _, r := range l.Referents {
		lines = append(lines, "Contact : "+strings.Join(nonBlank(r.Name, r.Role, r.Phone, r.Email), " · "))
	}
	lines = append(lines, "Orienté(e) par : "+s.From+", le "+storage.DateOf(s.Made).French())
	return lines
}

func nonBlank(values ...string) []string {
	var out []string
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}

// SlipPDF prints the slip.
func SlipPDF(s Slip) ([]byte, error) {
	pdf, tr := newPDF()
	pdf.AddPage()
	pdf.SetFont(pdfFont, "B", 18)
	pdf.MultiCell(0, 9, tr("Fiche de liaison"), "B", "L", false)
	pdf.Ln(4)
	pdf.SetFont(pdfFont, "", 12)
	for _, line := range s.Lines() {
		pdf.MultiCell(0, 6.5, tr(line), "", "L", false)
		pdf.Ln(1.5)
	}
	return pdfBytes(pdf)
}

// AccessExport gives everything held on one household (right of access) as a PDF to print
// or as JSON, and notes in the audit trail that actor gave it.
func AccessExport(ctx context.Context, s *storage.Store, householdID, format, actor string) ([]byte, storage.HouseholdRecord, error) {
	rec, err := s.Record(ctx, householdID)
	if err != nil {
		return nil, rec, err
	}
	var content []byte
	switch format {
	case "pdf":
		settings, err := s.Settings(ctx)
		if err != nil {
			return nil, rec, err
		}
		content, err = AccessPDF(settings.AssociationName, rec, s.Now())
		if err != nil {
			return nil, rec, err
		}
	case "json":
		if content, err = json.MarshalIndent(rec, "", "  "); err != nil {
			return nil, rec, fmt.Errorf("writing the household's data: %w", err)
		}
	default:
		return nil, rec, fmt.Errorf("access export as %q: pdf or json", format)
	}
	return content, rec, s.Audit(ctx, actor, storage.AuditAccessExport, "one household, "+format)
}

// AccessPDF is everything held on a household, readable by the person (right of access).
func AccessPDF(association string, r storage.HouseholdRecord, made time.Time) ([]byte, error) {
	pdf, tr := newPDF()
	pdf.AddPage()
	line := func(style string, size float64, text string) {
		pdf.SetFont(pdfFont, style, size)
		pdf.MultiCell(0, size*0.5, tr(text), "", "L", false)
	}
	line("B", 16, "Données détenues par "+association)
	line("", 10, "Document remis le "+storage.DateOf(made).French()+" à la demande de la personne (droit d'accès).")
	h := r.Household
	pdf.Ln(3)
	line("B", 12, "Foyer — carte "+h.Card)
	for _, l := range []string{"Quartier : " + h.Quartier, "Adresse : " + h.Address, "Téléphone : " + h.Phone,
		"Inscrit le " + h.RegisteredOn.French() + ", jusqu'au " + h.EligibleUntil.French(),
		"Information sur les données donnée le " + h.ConsentOn.French(), "Notes : " + h.Notes} {
		line("", 11, l)
	}
	pdf.Ln(3)
	line("B", 12, "Personnes")
	for _, p := range r.Members {
		born := p.BirthDate.French()
		if born == "" && p.BirthYear != nil {
			born = fmt.Sprint(*p.BirthYear)
		}
		text := fmt.Sprintf("%s, né(e) %s, sexe %s, lien %s", storage.DisplayName(p.FirstName, p.LastName), born, p.Sex, p.Relation)
		if !p.LeftOn.IsZero() {
			text += ", ne fait plus partie du foyer depuis le " + p.LeftOn.French()
		}
		line("", 11, text)
	}
	pdf.Ln(3)
	line("B", 12, fmt.Sprintf("Passages (%d)", len(r.Visits)))
	for _, v := range r.Visits {
		text := fmt.Sprintf("%s — %s — %s — %d personne(s)", v.At.In(storage.Paris).Format("02/01/2006 15:04"), v.Site,
			activityOrKind(string(v.Kind)), v.PersonsServed)
		if v.Cancelled {
			text += " (annulé)"
		}
		if v.OverrideReason != "" {
			text += " — raison : " + v.OverrideReason
		}
		line("", 10, text)
	}
	return pdfBytes(pdf)
}

func activityOrKind(kind string) string {
	return map[string]string{"food_parcel": "colis alimentaire", "social_grocery": "épicerie solidaire", "meal": "repas",
		"baby_kit": "kit bébé", "other": "autre"}[kind]
}

// InformationNotice is the text read to or given to a person at registration: what is
// kept, why, for how long, and their rights (CNIL, délibération 2021-028).
func InformationNotice(association string) []string {
	return []string{
		association + " tient un fichier des personnes qu'elle accompagne pour organiser l'aide alimentaire.",
		"Ce qui est noté : les nom, prénom, date de naissance, sexe et lien de chaque personne du foyer, le quartier, " +
			"l'adresse et le téléphone si vous les donnez, qui vous a orienté(e), et la date de chaque passage.",
		"Ce qui n'est jamais noté : nationalité, situation administrative, santé, religion.",
		"Pourquoi : vérifier les règles de distribution, éviter les erreurs, et compter, sans nom, le nombre de personnes aidées " +
			"pour le CCAS. Les comptes envoyés au CCAS ne permettent pas de vous reconnaître.",
		"Combien de temps : deux ans après votre dernier passage ; ensuite votre nom et vos coordonnées sont effacés.",
		"Qui le voit : les bénévoles et responsables de l'association, sur l'ordinateur de l'association. Rien n'est mis sur Internet.",
		"Vos droits : vous pouvez demander à tout moment ce qui est gardé sur vous, le faire corriger ou le faire effacer, " +
			"auprès d'un responsable de l'association. Vous pouvez aussi vous adresser à la CNIL (www.cnil.fr).",
	}
}

// InformationNoticePDF prints the notice, with the date it was given.
func InformationNoticePDF(association string, given time.Time) ([]byte, error) {
	pdf, tr := newPDF()
	pdf.AddPage()
	pdf.SetFont(pdfFont, "B", 16)
	pdf.MultiCell(0, 8, tr("Vos informations personnelles"), "B", "L", false)
	pdf.Ln(4)
	pdf.SetFont(pdfFont, "", 12)
	for _, p := range InformationNotice(association) {
		pdf.MultiCell(0, 6.5, tr(p), "", "L", false)
		pdf.Ln(2)
	}
	pdf.Ln(4)
	pdf.MultiCell(0, 6.5, tr("Remis le "+storage.DateOf(given).French()+"."), "", "L", false)
	return pdfBytes(pdf)
}
