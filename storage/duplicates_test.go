package storage

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
)

func withSex(m MemberInput, sex Sex) MemberInput {
	m.Sex = sex
	return m
}

// Every way volunteers mistype a registered person, graded as the volunteer sees it, and
// the near names that are somebody else.
func TestFindDuplicates(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	existing := register(t, s, member("Lefèvre", "Marie-Claire", "12/03/1980"))
	register(t, s, member("Da Silva", "José", "1975"))
	register(t, s, member("Martin-Dubois", "Sophie", "05/07/1982"))
	register(t, s, member("Benali", "Nadia", "12/03/1975"))
	register(t, s, member("Rousseau", "Gérard", "05/01/1960"))
	register(t, s, withSex(member("Haddad", "Samira", "10/10/1970"), SexFemale))
	if _, err := s.SaveHousehold(ctx, HouseholdInput{Address: "5 rue de Lannoy, Roubaix", Phone: "06 12 34 56 78",
		Members: []MemberInput{member("Petit", "Céline", "20/02/1984")}}); err != nil {
		t.Fatal(err)
	}
	const none, possible, probable = 0, MatchPossible, MatchProbable
	tests := []struct {
		name    string
		typed   MemberInput
		address string
		grade   MatchGrade
		like    NameLikeness
		birth   BirthLikeness
	}{
		{"same spelling", member("Lefèvre", "Marie-Claire", "12/03/1980"), "", probable, NameSame, BirthSame},
		{"no accents, capitals", member("LEFEVRE", "MARIE-CLAIRE", "12/03/1980"), "", probable, NameSame, BirthSame},
		{"space instead of hyphen", member("Lefevre", "Marie Claire", "12/03/1980"), "", probable, NameSame, BirthSame},
		{"no separator", member("lefevre", "marieclaire", "12/03/1980"), "", probable, NameSame, BirthSame},
		{"first and last swapped", member("Marie-Claire", "Lefèvre", "12/03/1980"), "", probable, NameSame, BirthSame},
		{"one letter wrong", member("Lefèbre", "Marie-Claire", "12/03/1980"), "", probable, NameOneLetter, BirthSame},
		{"one letter missing", member("Lefèvre", "Marie-Clare", "12/03/1980"), "", probable, NameOneLetter, BirthSame},
		{"one letter added", member("Leffèvre", "Marie-Claire", "12/03/1980"), "", probable, NameOneLetter, BirthSame},
		{"adjacent letters swapped", member("Lefèrve", "Marie-Claire", "12/03/1980"), "", probable, NameOneLetter, BirthSame},
		{"only the birth year typed", member("Lefevre", "Marie-Claire", "1980"), "", possible, NameSame, BirthYearOnly},
		{"registered with year, typed with date", member("Da Silva", "Jose", "05/06/1975"), "", possible, NameSame, BirthYearOnly},
		{"compound name split elsewhere", member("Da", "Silva José", "1975"), "", possible, NameSame, BirthYearOnly},
		{"day and month swapped", member("Benali", "Nadia", "03/12/1975"), "", probable, NameSame, BirthDayMonthSwaped},
		{"one digit of the day", member("Lefèvre", "Marie-Claire", "13/03/1980"), "", probable, NameSame, BirthOneDigit},
		{"one digit of the year", member("Lefèvre", "Marie-Claire", "12/03/1986"), "", possible, NameSame, BirthOneDigit},
		{"one digit of the year, years only", member("Da Silva", "José", "1945"), "", none, "", ""},
		{"compound first name shortened", member("Lefèvre", "Marie", "12/03/1980"), "", probable, NameCompoundPart, BirthSame},
		{"double last name shortened", member("Martin", "Sophie", "05/07/1982"), "", probable, NameCompoundPart, BirthSame},
		{"double last name, the other half", member("Dubois", "Sophie", "05/07/1982"), "", probable, NameCompoundPart, BirthSame},
		{"sounds the same", member("Roussot", "Gérard", "05/01/1960"), "", probable, NameSoundsAlike, BirthSame},
		{"maiden name, same address", member("Durand", "Céline", "20/02/1984"), "5 rue de Lannoy, Roubaix", probable, NameOtherLastName, BirthSame},
		{"compound part, year only", member("Martin", "Sophie", "1982"), "", possible, NameCompoundPart, BirthYearOnly},
		{"the other half of a compound name, year only", member("Dubois", "Sophie", "1982"), "", possible, NameCompoundPart, BirthYearOnly},
		{"first letter of the last name wrong, year only", member("Mefevre", "Marie-Claire", "1980"), "", possible, NameOneLetter, BirthYearOnly},
		{"first letter of the first name wrong, year only", member("Lefevre", "Narie-Claire", "1980"), "", possible, NameOneLetter, BirthYearOnly},
		{"registered with year, typed with a date, first letter wrong", member("Ba Silva", "José", "05/06/1975"), "", possible, NameOneLetter, BirthYearOnly},
		{"sounds the same, day and month swapped", member("Roussot", "Gérard", "01/05/1960"), "", possible, NameSoundsAlike, BirthDayMonthSwaped},
		{"one letter and day and month swapped", member("Benaly", "Nadia", "03/12/1975"), "", possible, NameOneLetter, BirthDayMonthSwaped},
		{"two digits of the date", member("Lefèvre", "Marie-Claire", "13/04/1980"), "", none, "", ""},
		{"two letters swapped apart", member("Lefèvre", "Mrie-Calire", "12/03/1980"), "", none, "", ""},
		{"two letters wrong", member("Lefèbre", "Marie-Clairr", "12/03/1980"), "", none, "", ""},
		{"another person", member("Lefèvre", "Léa", "12/03/1980"), "", none, "", ""},
		{"another last name, elsewhere", member("Durand", "Céline", "20/02/1984"), "", none, "", ""},
		{"the other sex, one letter away", withSex(member("Haddad", "Samir", "10/10/1970"), SexMale), "", none, "", ""},
		{"the sex not given on one side", member("Haddad", "Samir", "10/10/1970"), "", probable, NameOneLetter, BirthSame},
		{"no birth given", member("Lefèvre", "Marie-Claire", ""), "", none, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			matches, err := s.FindDuplicates(ctx, DuplicateCheck{Members: []MemberInput{tt.typed}, Address: tt.address})
			if err != nil {
				t.Fatal(err)
			}
			if tt.grade == none {
				if len(matches) > 0 {
					t.Fatalf("%+v is taken for %+v", tt.typed, matches)
				}
				return
			}
			if len(matches) != 1 || matches[0].Grade != tt.grade || matches[0].Name != tt.like || matches[0].Birth != tt.birth {
				t.Fatalf("FindDuplicates(%+v) = %+v, want one %s match (%s, %s)", tt.typed, matches, tt.grade, tt.like, tt.birth)
			}
			if tt.typed.LastName == "Lefèvre" && matches[0].Card != existing.Card {
				t.Fatalf("matched card %s, want %s", matches[0].Card, existing.Card)
			}
		})
	}
}

// Siblings and twins are not each other's duplicates; a typing slip in a registered
// family still is.
func TestSiblingsAreNotDuplicates(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	twins := register(t, s, member("Martin", "Julie", "04/09/1985"), withSex(member("Martin", "Léa", "02/04/2015"), SexFemale),
		withSex(member("Martin", "Léo", "02/04/2015"), SexMale))
	register(t, s, member("Diop", "Aminata", "01/01/1980"), withSex(member("Diop", "Awa", "01/06/2012"), SexFemale))
	register(t, s, member("Benali", "Nadia", "12/03/1990"), member("Benali", "Inès", "05/05/2019"))
	cases := []struct {
		name    string
		members []MemberInput
		want    []string // "member:first name" of the matches
	}{
		{"a twin typed again matches that twin only", []MemberInput{withSex(member("Martin", "Léo", "02/04/2015"), SexMale)}, []string{"1:Léo"}},
		{"without sexes, the closer twin only", []MemberInput{member("Martin", "Léo", "02/04/2015")}, []string{"1:Léo"}},
		{"both twins typed: each their own", []MemberInput{member("Martin", "Léa", "02/04/2015"), member("Martin", "Léo", "02/04/2015")}, []string{"1:Léa", "2:Léo"}},
		{"a twin sister not registered, with her mother", []MemberInput{member("Diop", "Aminata", "01/01/1980"),
			withSex(member("Diop", "Ava", "01/06/2012"), SexFemale)}, []string{"1:Aminata"}},
		{"the same without the mother: a slip cannot be told from a sister", []MemberInput{withSex(member("Diop", "Ava", "01/06/2012"), SexFemale)}, []string{"1:Awa"}},
		{"a family typed again with a slip in the child's name", []MemberInput{member("Benali", "Nadia", "12/03/1990"),
			member("Benalli", "Ines", "05/05/2019")}, []string{"1:Nadia", "2:Inès"}},
		{"twins typed in one new form are not compared", []MemberInput{member("Nowak", "Anna", "03/03/2020"), member("Nowak", "Anka", "03/03/2020")}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			matches, err := s.FindDuplicates(ctx, DuplicateCheck{Members: c.members})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range matches {
				got = append(got, fmt.Sprintf("%d:%s", m.Member, m.FirstName))
			}
			sort.Strings(got)
			if strings.Join(got, ",") != strings.Join(c.want, ",") {
				t.Fatalf("matches %v, want %v (%+v)", got, c.want, matches)
			}
		})
	}
	// Editing a household leaves its own members out.
	if matches, err := s.FindDuplicates(ctx, DuplicateCheck{Members: []MemberInput{member("Martin", "Léa", "02/04/2015")}, ExcludeHouseholdID: twins.ID}); err != nil || len(matches) != 0 {
		t.Fatalf("a household's own member: %+v, %v", matches, err)
	}
}

// A possible duplicate is shown but registers without a reason; a probable one needs it.
func TestOnlyProbableDuplicatesNeedAReason(t *testing.T) {
	s, _ := openTestStore(t)
	register(t, s, member("Martin-Dubois", "Sophie", "05/07/1982"))
	if _, err := s.SaveHousehold(context.Background(), HouseholdInput{Members: []MemberInput{member("Martin", "Sophie", "1982")}}); err != nil {
		t.Fatalf("a possible duplicate refused: %v", err)
	}
	// The registered Sophie Martin-Dubois; the Sophie Martin just registered with a year
	// only stays possible.
	_, err := s.SaveHousehold(context.Background(), HouseholdInput{Members: []MemberInput{member("Martin", "Sophie", "05/07/1982")}})
	var dup *DuplicateError
	if !errors.As(err, &dup) || len(dup.Matches) != 1 || dup.Matches[0].Grade != MatchProbable || dup.Matches[0].LastName != "Martin-Dubois" {
		t.Fatalf("a probable duplicate: %v", err)
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
