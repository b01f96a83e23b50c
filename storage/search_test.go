package storage

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func searchCards(t *testing.T, s *Store, query string) []string {
	t.Helper()
	results, err := s.Search(context.Background(), query, 20)
	if err != nil {
		t.Fatalf("Search(%q): %v", query, err)
	}
	cards := make([]string, len(results))
	for i, r := range results {
		cards[i] = r.Card
	}
	return cards
}

func TestSearchFindsNamesWhateverTheSpelling(t *testing.T) {
	s, _ := openTestStore(t)
	lefevre := register(t, s, member("Lefèvre", "Marie-Claire", "12/03/1980"), member("Lefèvre", "Léo", "2015"))
	dasilva := register(t, s, member("Da Silva", "José", "1975"))
	lefebvre := register(t, s, member("Lefebvre", "Jean", "01/01/1950"))
	tests := []struct {
		query string
		want  []string
		not   []string
	}{
		{"lefevre", []string{lefevre.Card}, []string{lefebvre.Card}},
		{"LEFÈVRE", []string{lefevre.Card}, nil},
		{"lefe", []string{lefevre.Card, lefebvre.Card}, nil}, // prefix
		{"marie claire lefevre", []string{lefevre.Card}, nil},
		{"lefevre marie", []string{lefevre.Card}, nil}, // last name first
		{"marie lefèvre", []string{lefevre.Card}, nil}, // first name first
		{"leo", []string{lefevre.Card}, nil},           // any member finds the household
		{"Marie-Claire", []string{lefevre.Card}, nil},
		{"da silva", []string{dasilva.Card}, nil},
		{"jose", []string{dasilva.Card}, nil},
		{"dupont", nil, []string{lefevre.Card, dasilva.Card, lefebvre.Card}},
		{"lefevre jean", nil, []string{lefevre.Card, lefebvre.Card}}, // every word must match one person
	}
	for _, tt := range tests {
		got := searchCards(t, s, tt.query)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("Search(%q) = %v, missing %s", tt.query, got, w)
			}
		}
		for _, n := range tt.not {
			if slices.Contains(got, n) {
				t.Errorf("Search(%q) = %v, should not hold %s", tt.query, got, n)
			}
		}
	}
}

func TestSearchRanksFullMatchesFirst(t *testing.T) {
	s, _ := openTestStore(t)
	for i := 0; i < 5; i++ {
		register(t, s, member("Martinez", "Sophie", ""))
	}
	exact := register(t, s, member("Martin", "Sophie", ""))
	got := searchCards(t, s, "martin sophie")
	if len(got) == 0 || got[0] != exact.Card {
		t.Fatalf("Search(martin sophie) = %v, want %s first", got, exact.Card)
	}
}

// The ranking a volunteer expects: the exact name in the typed order, then longer names
// holding every word, then other orders, then prefixes; archived households last.
func TestSearchRanking(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	archived := register(t, s, member("Dupont", "Marie", "1950"))
	if err := s.SetHouseholdArchived(ctx, archived.ID, true); err != nil {
		t.Fatal(err)
	}
	compound := register(t, s, member("Dupont", "Marie-Claire", "1970"))
	swapped := register(t, s, member("Marie", "Dupont", "1971"))
	prefix := register(t, s, member("Dupontel", "Marie", "1972"))
	inHousehold := register(t, s, member("Durand", "Paul", "1960"), member("Dupont", "Mariette", "1962"))
	exact := register(t, s, member("Dupont", "Marie", "1980"))
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"dupont marie", []string{exact.Card, swapped.Card, compound.Card, prefix.Card, inHousehold.Card, archived.Card}},
		{"marie dupont", []string{swapped.Card, exact.Card, compound.Card, prefix.Card, inHousehold.Card, archived.Card}},
		{"DUPONT Marie-Claire", []string{compound.Card}},
		{exact.Card, []string{exact.Card}},
	} {
		if got := searchCards(t, s, tt.query); !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q) = %v, want %v", tt.query, got, tt.want)
		}
	}
	results, err := s.Search(ctx, "mariette", 20)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || results[0].Matched != "Mariette DUPONT" || results[0].Members[0] != "Paul DURAND" {
		t.Errorf("a member found beside the applicant: %+v", results)
	}
}

// A scanner set to a US layout on a French AZERTY laptop types the digit row unshifted.
func TestCardTypedOnAZERTY(t *testing.T) {
	s, _ := openTestStore(t)
	h := register(t, s, member("Petit", "Luc", "1950"))
	qwertyOnAzerty := strings.NewReplacer("1", "&", "2", "é", "3", `"`, "4", "'", "5", "(", "6", "-", "7", "è", "8", "_", "9", "ç", "0", "à").Replace(h.Card)
	if !LooksLikeCard(qwertyOnAzerty) {
		t.Fatalf("%q is not read as a card", qwertyOnAzerty)
	}
	id, err := s.HouseholdIDByCard(context.Background(), qwertyOnAzerty)
	if err != nil || id != h.ID {
		t.Fatalf("HouseholdIDByCard(%q) = %q, %v; want %s", qwertyOnAzerty, id, err, h.ID)
	}
	if got := searchCards(t, s, qwertyOnAzerty); !slices.Equal(got, []string{h.Card}) {
		t.Errorf("Search(%q) = %v", qwertyOnAzerty, got)
	}
	for in, want := range map[string]string{"&é\"'(-è_çà": "1234567890", "12-34": "12-34", "élodie": "élodie", "-": "-", "l'été": "l'été", "": ""} {
		if got := ScannedDigits(in); got != want {
			t.Errorf("ScannedDigits(%q) = %q, want %q", in, got, want)
		}
	}
}

// Whatever a volunteer types is plain text: never an SQL or FTS syntax error.
func TestSearchSurvivesAnyInput(t *testing.T) {
	s, _ := openTestStore(t)
	register(t, s, member("O'Brien", "Seán", ""))
	inputs := []string{`"`, `""`, `*`, `-`, `- dupont`, `NEAR(`, `NEAR(a b)`, `OR`, `a OR b`, `AND`, `NOT x`,
		`'; DROP TABLE persons; --`, `😀`, `👨‍👩‍👧`, `^`, `:`, `col:val`, `(`, `)`, `{a b}`, "\x00", `\`, `%`, `_`,
		strings.Repeat("a ", 500), `o'brien`, `Seán*`}
	for _, in := range inputs {
		if _, err := s.Search(context.Background(), in, 20); err != nil {
			t.Errorf("Search(%q): %v", in, err)
		}
	}
	if got := searchCards(t, s, `o'brien`); len(got) != 1 {
		t.Errorf("Search(o'brien) = %v, want one household", got)
	}
	var n int64
	s.reader.Model(&Person{}).Count(&n)
	if n != 1 {
		t.Fatalf("persons table changed: %d rows", n)
	}
}

func TestSearchByCardPrefix(t *testing.T) {
	s, _ := openTestStore(t)
	first := register(t, s, member("Durand", "Anne", ""))
	second := register(t, s, member("Petit", "Luc", ""))
	if got := searchCards(t, s, first.Card); !slices.Equal(got, []string{first.Card}) {
		t.Errorf("Search(full card) = %v, want [%s]", got, first.Card)
	}
	if got := searchCards(t, s, first.Card[:4]); !slices.Contains(got, first.Card) || !slices.Contains(got, second.Card) {
		t.Errorf("Search(%s) = %v, want both households", first.Card[:4], got)
	}
}

func TestSearchLeavesOutFormerMembers(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	h := register(t, s, member("Benali", "Nadia", ""), member("Benali", "Karim", ""))
	in := HouseholdInput{ID: h.ID, Members: []MemberInput{{ID: h.Members[0].ID, LastName: "Benali", FirstName: "Nadia"}}}
	if _, err := s.SaveHousehold(ctx, in); err != nil {
		t.Fatal(err)
	}
	if got := searchCards(t, s, "karim"); len(got) != 0 {
		t.Errorf("a former member is still found: %v", got)
	}
	if got := searchCards(t, s, "nadia"); len(got) != 1 {
		t.Errorf("current member not found: %v", got)
	}
}

func FuzzSearch(f *testing.F) {
	s, _ := openTestStore(f)
	register(f, s, member("Lefèvre", "Marie-Claire", "12/03/1980"))
	for _, seed := range []string{"lefevre", `"*`, "NEAR(", "a OR b", "😀", "12 34", "-x"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		if _, err := s.Search(context.Background(), input, 20); err != nil {
			t.Fatalf("Search(%q): %v", input, err)
		}
	})
}

// Names with an apostrophe, a hyphen or a space are found typed in one word too.
func TestSearchJoinedNames(t *testing.T) {
	s, _ := openTestStore(t)
	diaye := register(t, s, member("N'Diaye", "Awa", "1980"))
	said := register(t, s, member("Aït Saïd", "Marie-Claire", "1975"))
	for query, want := range map[string]string{"ndiaye": diaye.Card, "n diaye": diaye.Card, "ndiaye awa": diaye.Card,
		"aitsaid": said.Card, "ait said": said.Card, "marieclaire": said.Card, "said marie": said.Card} {
		if got := searchCards(t, s, query); len(got) != 1 || got[0] != want {
			t.Errorf("Search(%q) = %v, want %s", query, got, want)
		}
	}
}
