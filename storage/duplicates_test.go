package storage

import (
	"context"
	"errors"
	"testing"
)

func TestFindDuplicates(t *testing.T) {
	s, _ := openTestStore(t)
	existing := register(t, s, member("Lefèvre", "Marie-Claire", "12/03/1980"))
	register(t, s, member("Da Silva", "José", "1975"))
	tests := []struct {
		name  string
		typed MemberInput
		found bool
	}{
		{"same spelling", member("Lefèvre", "Marie-Claire", "12/03/1980"), true},
		{"no accents, capitals", member("LEFEVRE", "MARIE-CLAIRE", "12/03/1980"), true},
		{"space instead of hyphen", member("Lefevre", "Marie Claire", "12/03/1980"), true},
		{"no separator", member("lefevre", "marieclaire", "12/03/1980"), true},
		{"first and last swapped", member("Marie-Claire", "Lefèvre", "12/03/1980"), true},
		{"one letter wrong", member("Lefèbre", "Marie-Claire", "12/03/1980"), true},
		{"one letter missing", member("Lefèvre", "Marie-Clare", "12/03/1980"), true},
		{"one letter added", member("Leffèvre", "Marie-Claire", "12/03/1980"), true},
		{"two letters swapped", member("Lefèvre", "Mrie-Calire", "12/03/1980"), false},
		{"adjacent letters swapped", member("Lefèrve", "Marie-Claire", "12/03/1980"), true},
		{"only the birth year typed", member("Lefevre", "Marie-Claire", "1980"), true},
		{"registered with year, typed with date", member("Da Silva", "Jose", "05/06/1975"), true},
		{"compound name split elsewhere", member("Da", "Silva José", "1975"), true},
		{"another birth date", member("Lefèvre", "Marie-Claire", "13/03/1980"), false},
		{"another birth year", member("Lefèvre", "Marie-Claire", "1981"), false},
		{"two letters wrong", member("Lefèbre", "Marie-Clairr", "12/03/1980"), false},
		{"another person", member("Lefèvre", "Léa", "12/03/1980"), false},
		{"no birth given", member("Lefèvre", "Marie-Claire", ""), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			matches, err := s.FindDuplicates(context.Background(), []MemberInput{tt.typed}, "")
			if err != nil {
				t.Fatal(err)
			}
			if got := len(matches) > 0; got != tt.found {
				t.Fatalf("FindDuplicates(%+v) = %+v, want found=%v", tt.typed, matches, tt.found)
			}
			if tt.found && tt.typed.LastName == "Lefèvre" && matches[0].Card != existing.Card {
				t.Fatalf("matched card %s, want %s", matches[0].Card, existing.Card)
			}
		})
	}
}

func TestRegisteringADuplicateNeedsAReason(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	first := register(t, s, member("Haddad", "Aïcha", "02/02/1990"))
	in := HouseholdInput{Members: []MemberInput{member("HADDAD", "Aicha", "02/02/1990")}}
	_, err := s.SaveHousehold(ctx, in)
	var dup *DuplicateError
	if !errors.As(err, &dup) || len(dup.Matches) != 1 || dup.Matches[0].Card != first.Card {
		t.Fatalf("SaveHousehold = %v, want a DuplicateError naming card %s", err, first.Card)
	}
	if st, err := s.Stats(ctx); err != nil || st.Households != 1 {
		t.Fatalf("a refused registration wrote a household: %d", st.Households)
	}
	in.DuplicateOverride = "homonyme, autre personne (vu la pièce d'identité)"
	h, err := s.SaveHousehold(ctx, in)
	if err != nil {
		t.Fatalf("SaveHousehold with a reason: %v", err)
	}
	if h.DuplicateOverride == "" || h.Card == first.Card {
		t.Fatalf("saved %+v: want the reason kept and a new card", h)
	}
	// Editing the household again does not ask again for the same members.
	again := HouseholdInput{ID: h.ID, Notes: "changement d'adresse", Members: []MemberInput{{ID: h.Members[0].ID,
		LastName: "Haddad", FirstName: "Aïcha", BirthDate: h.Members[0].BirthDate}}}
	if _, err := s.SaveHousehold(ctx, again); err != nil {
		t.Fatalf("editing a household with an accepted duplicate: %v", err)
	}
}

func TestEditDistanceAtMost1(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"dupont", "dupont", true}, {"dupont", "dupond", true}, {"dupont", "dupon", true},
		{"dupont", "duppont", true}, {"dupont", "udpont", true}, {"dupont", "dupnot", true}, {"dupont", "dtpoun", false},
		{"dupont", "dubond", false}, {"", "a", true}, {"", "ab", false}, {"émile", "emile", true},
	}
	for _, tt := range tests {
		if got := editDistanceAtMost1(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistanceAtMost1(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := editDistanceAtMost1(tt.b, tt.a); got != tt.want {
			t.Errorf("editDistanceAtMost1(%q, %q) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestNormalizeName(t *testing.T) {
	tests := map[string]string{
		"Lefèvre": "lefevre", "LEFÈVRE": "lefevre", "Marie-Claire": "marieclaire", "Marie Claire": "marieclaire",
		"N'Diaye": "ndiaye", "Œuvray": "oeuvray", "Aït Saïd": "aitsaid", "  ": "", "Wiśniewski": "wisniewski",
	}
	for in, want := range tests {
		if got := NormalizeName(in); got != want {
			t.Errorf("NormalizeName(%q) = %q, want %q", in, got, want)
		}
	}
}
