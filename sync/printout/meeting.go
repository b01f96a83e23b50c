package printout

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"entraide/storage"
	"entraide/sync/meeting"

	"github.com/go-pdf/fpdf"
)

// MeetingPaper is what the meeting's printouts say besides the meeting itself.
type MeetingPaper struct {
	Network string
	// Associations are the network's associations, by name: the attendance sheet has
	// their rows, the minutes say who was absent.
	Associations []string
	Agenda       meeting.Agenda
}

// MeetingPaperOf gathers, on the CCAS, what a meeting's printouts need.
func MeetingPaperOf(ctx context.Context, s *storage.Store, m storage.Meeting) (MeetingPaper, error) {
	network, err := s.Network(ctx)
	if err != nil {
		return MeetingPaper{}, err
	}
	members, err := s.MemberAssociations(ctx)
	if err != nil {
		return MeetingPaper{}, err
	}
	agenda, err := meeting.AgendaOf(ctx, s, m)
	if err != nil {
		return MeetingPaper{}, err
	}
	paper := MeetingPaper{Network: network.Name, Agenda: agenda}
	for _, a := range members {
		paper.Associations = append(paper.Associations, a.Name)
	}
	// In the order of the alphabet, accents aside (É with E), as a printed list is read.
	sort.SliceStable(paper.Associations, func(i, j int) bool {
		return storage.NormalizeName(paper.Associations[i]) < storage.NormalizeName(paper.Associations[j])
	})
	return paper, nil
}

// MeetingPrintouts are the printouts of a meeting, by the name the command line uses.
var MeetingPrintouts = map[string]func(storage.Meeting, MeetingPaper) ([]byte, error){
	"convocation": ConvocationPDF, "attendance": AttendancePDF, "minutes": MinutesPDF,
}

// meetingHeader writes a printout's title and the meeting's day, time and place.
func meetingHeader(pdf *fpdf.Fpdf, tr func(string) string, title string, m storage.Meeting, network string) {
	pdf.SetFont(pdfFont, "B", 16)
	pdf.MultiCell(0, 8, tr(title), "", "L", false)
	pdf.SetFont(pdfFont, "", 11)
	pdf.MultiCell(0, 6, tr(network), "", "L", false)
	pdf.Ln(3)
	pdf.SetFont(pdfFont, "B", 12)
	pdf.MultiCell(0, 6.5, tr(upperFirst(m.Day.LongFrench())+", de "+clockFrench(m.Start)+" à "+clockFrench(endClock(m))), "", "L", false)
	pdf.SetFont(pdfFont, "", 11)
	pdf.MultiCell(0, 6, tr("Chez "+m.Host+nonEmpty(", ", m.Place)), "", "L", false)
	if m.Status == storage.MeetingCancelled {
		pdf.SetFont(pdfFont, "B", 12)
		pdf.MultiCell(0, 7, tr("RÉUNION ANNULÉE"), "", "L", false)
	}
	pdf.Ln(3)
}

func endClock(m storage.Meeting) string {
	start, err := storage.ParseClock(m.Start)
	if err != nil {
		return m.Start
	}
	end := start + m.LengthMinutes
	return fmt.Sprintf("%02d:%02d", end/60%24, end%60)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func agendaSection(pdf *fpdf.Fpdf, tr func(string) string, agenda meeting.Agenda) {
	pdf.SetFont(pdfFont, "B", 12)
	pdf.MultiCell(0, 7, tr("Ordre du jour"), "", "L", false)
	pdf.SetFont(pdfFont, "", 11)
	text := agenda.Text()
	if text == "" {
		text = "Tour de table des associations ; questions diverses."
	}
	for _, line := range strings.Split(text, "\n") {
		pdf.MultiCell(0, 6, tr(line), "", "L", false)
	}
	pdf.Ln(3)
}

// ConvocationPDF is the letter that calls the associations to a meeting: when, where, the
// agenda with the decisions to follow up.
func ConvocationPDF(m storage.Meeting, paper MeetingPaper) ([]byte, error) {
	pdf, tr := newPDF()
	pdf.AddPage()
	meetingHeader(pdf, tr, "Convocation à la réunion du réseau", m, paper.Network)
	pdf.SetFont(pdfFont, "", 11)
	pdf.MultiCell(0, 6, tr("Madame, Monsieur,\n\nNous avons le plaisir de vous inviter à la prochaine réunion du réseau. "+
		"Chaque association peut venir à deux ou trois personnes."), "", "L", false)
	pdf.Ln(3)
	agendaSection(pdf, tr, paper.Agenda)
	pdf.MultiCell(0, 6, tr("Merci de dire au CCAS, une semaine avant, qui viendra ou si vous êtes excusés. "+
		"Une feuille d'émargement sera à signer sur place."), "", "L", false)
	pdf.Ln(6)
	pdf.MultiCell(0, 6, tr("Pour le "+paper.Network+", la coordination du réseau"), "", "R", false)
	return pdfBytes(pdf)
}

// AttendancePDF is the attendance sheet (feuille d'émargement) signed at the meeting:
// two lines per association, then free lines for guests.
func AttendancePDF(m storage.Meeting, paper MeetingPaper) ([]byte, error) {
	pdf, tr := newPDF()
	pdf.AddPage()
	meetingHeader(pdf, tr, "Feuille d'émargement", m, paper.Network)
	widths := []float64{62, 62, 50}
	row := func(cells []string, height float64, border string) {
		for i, c := range cells {
			pdf.CellFormat(widths[i], height, tr(c), border, 0, "L", false, 0, "")
		}
		pdf.Ln(-1)
	}
	pdf.SetFont(pdfFont, "B", 11)
	row([]string{"Association", "Nom et prénom", "Signature"}, 8, "1")
	pdf.SetFont(pdfFont, "", 10.5)
	persons := map[string][]string{}
	for _, a := range m.Attendance {
		for _, p := range strings.Split(a.Persons, ",") {
			if p = strings.TrimSpace(p); p != "" {
				persons[a.Association] = append(persons[a.Association], p)
			}
		}
	}
	for _, name := range paper.Associations {
		names := persons[name]
		for len(names) < 2 {
			names = append(names, "")
		}
		for i, p := range names {
			label := name
			if i > 0 {
				label = ""
			}
			row([]string{label, p, ""}, 11, "1")
		}
	}
	pdf.SetFont(pdfFont, "B", 10.5)
	pdf.Ln(2)
	pdf.MultiCell(0, 6, tr("Autres participants (CCAS, partenaires, invités)"), "", "L", false)
	pdf.SetFont(pdfFont, "", 10.5)
	for i := 0; i < 5; i++ {
		row([]string{"", "", ""}, 11, "1")
	}
	return pdfBytes(pdf)
}

var attendanceWords = map[string]string{storage.AttendPresent: "Présentes", storage.AttendExcused: "Excusées", storage.AttendAbsent: "Absentes"}

// MinutesPDF is a meeting's minutes: who came, the text, and the decisions with their
// follow-up state.
func MinutesPDF(m storage.Meeting, paper MeetingPaper) ([]byte, error) {
	pdf, tr := newPDF()
	pdf.AddPage()
	meetingHeader(pdf, tr, "Compte rendu de la réunion du réseau", m, paper.Network)
	recorded := map[string]storage.Attendance{}
	for _, a := range m.Attendance {
		recorded[a.Association] = a
	}
	groups := map[string][]string{}
	for _, name := range paper.Associations {
		a, ok := recorded[name]
		status := storage.AttendAbsent
		if ok {
			status = a.Status
		}
		groups[status] = append(groups[status], name+nonEmpty(" (", a.Persons)+closeIf(a.Persons))
	}
	pdf.SetFont(pdfFont, "", 11)
	for _, status := range []string{storage.AttendPresent, storage.AttendExcused, storage.AttendAbsent} {
		if len(groups[status]) > 0 {
			pdf.MultiCell(0, 6, tr(attendanceWords[status]+" : "+strings.Join(groups[status], " ; ")+"."), "", "L", false)
		}
	}
	pdf.Ln(3)
	agendaSection(pdf, tr, paper.Agenda)
	pdf.SetFont(pdfFont, "B", 12)
	pdf.MultiCell(0, 7, tr("Compte rendu"), "", "L", false)
	pdf.SetFont(pdfFont, "", 11)
	text := strings.TrimSpace(m.Minutes)
	if text == "" {
		text = "(pas encore écrit)"
	}
	pdf.MultiCell(0, 6, tr(text), "", "L", false)
	pdf.Ln(3)
	if len(m.Decisions) > 0 {
		pdf.SetFont(pdfFont, "B", 12)
		pdf.MultiCell(0, 7, tr("Décisions"), "", "L", false)
		pdf.SetFont(pdfFont, "", 11)
		for i, d := range m.Decisions {
			state := "à faire"
			if d.Done {
				state = "fait"
				if day, err := storage.ParseDate(d.DoneOn); err == nil {
					state += " le " + day.French()
				}
			}
			pdf.MultiCell(0, 6, tr(fmt.Sprintf("%d. %s — %s", i+1, d.Text, state)), "", "L", false)
		}
	}
	return pdfBytes(pdf)
}

func closeIf(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return ")"
}
