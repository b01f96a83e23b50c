package printout_test

import (
	"strings"
	"testing"

	"entraide/storage"
	"entraide/sync/meeting"
	"entraide/sync/printout"
)

func heldMeeting() (storage.Meeting, printout.MeetingPaper) {
	m := storage.Meeting{ID: "m1", Day: storage.Date{Year: 2027, Month: 3, Day: 9}, Start: "14:00", LengthMinutes: 120,
		Host: "Resto de l'Alma", Place: "12 rue de l'Alma, 59100 Roubaix", Status: storage.MeetingHeld,
		Items: []storage.MeetingItem{{Title: "Collecte de printemps", BroughtBy: "CCAS", DurationMinutes: 30}},
		Attendance: []storage.Attendance{
			{AssociationID: "a", Association: "Les Amis du Pile", Status: storage.AttendPresent, Persons: "Mme Leroy, M. Diallo, Mme Petit"},
			{AssociationID: "b", Association: "Resto de l'Alma", Status: storage.AttendExcused},
		},
		Minutes:   "Tour de table : hausse des familles monoparentales.",
		Decisions: []storage.Decision{{Text: "acheter un congélateur"}, {Text: "refaire les affiches", Done: true, DoneOn: "2027-04-02"}}}
	paper := printout.MeetingPaper{Network: "CCAS de Roubaix", Associations: []string{"Épicerie de l'Épeule", "Les Amis du Pile", "Resto de l'Alma"},
		Agenda: meeting.Agenda{Items: m.Items, FollowUp: []storage.Decision{{Text: "écrire au bailleur", MeetingDay: storage.Date{Year: 2027, Month: 1, Day: 12}}}}}
	return m, paper
}

// The three printouts of a meeting say when, where, the agenda with its follow-up, who
// signs, who came and what was decided.
func TestMeetingPrintouts(t *testing.T) {
	m, paper := heldMeeting()
	cases := []struct {
		name  string
		print func(storage.Meeting, printout.MeetingPaper) ([]byte, error)
		want  []string
	}{
		{"convocation", printout.ConvocationPDF, []string{"Convocation à la réunion du réseau", "Mardi 9 mars 2027, de 14 h 00 à 16 h 00",
			"Chez Resto de l'Alma, 12 rue de l'Alma, 59100 Roubaix", "1. Collecte de printemps (CCAS, 30 min)",
			"2. Suivi des décisions :", "écrire au bailleur (réunion du 12/01/2027)"}},
		{"émargement", printout.AttendancePDF, []string{"Feuille d'émargement", "Association Nom et prénom", "Signature",
			"Épicerie de l'Épeule", "Les Amis du Pile Mme Leroy", "M. Diallo", "Mme Petit", "Autres participants"}},
		{"compte rendu", printout.MinutesPDF, []string{"Compte rendu de la réunion du réseau", "Présentes : Les Amis du Pile (Mme Leroy, M. Diallo, Mme Petit).",
			"Excusées : Resto de l'Alma.", "Absentes : Épicerie de l'Épeule.", "hausse des familles monoparentales",
			"1. acheter un congélateur — à faire", "2. refaire les affiches — fait le 02/04/2027"}},
	}
	for _, c := range cases {
		pdf, err := c.print(m, paper)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		text := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
		for _, want := range c.want {
			if !strings.Contains(text, want) {
				t.Errorf("the %s does not say %q:\n%s", c.name, want, text)
			}
		}
	}
	m.Status = storage.MeetingCancelled
	pdf, err := printout.ConvocationPDF(m, paper)
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, pdf); !strings.Contains(text, "RÉUNION ANNULÉE") {
		t.Errorf("a cancelled meeting's convocation does not say so:\n%s", text)
	}
}
