package storage

import "testing"

// What must sound alike, and what must not, in French.
func TestPhoneticKey(t *testing.T) {
	alike := [][]string{
		{"Lefèvre", "Lefebvre", "LEFEVRE", "Le Fèvre"},
		{"Dhondt", "D'Hondt", "Dhont"},
		{"Rousseau", "Rousseaux", "Roussot", "Rousso"},
		{"Dupont", "Dupond"},
		{"Bernard", "Bernart"},
		{"Khadija", "Kadija", "Khadidja"},
		{"Aïcha", "Aicha", "Aisha"},
		{"Gonçalves", "Gonsalves"},
		{"Philippe", "Filipe", "Philipe"},
		{"Christophe", "Cristophe", "Kristof"},
		{"Mathieu", "Matthieu", "Mattieu"},
		{"Laurent", "Lorent"},
		{"Thomas", "Tomas"},
		{"Hélène", "Elene", "Helene"},
		{"Dewitte", "Devitte", "Dewit"},
		{"Vandenbussche", "Vandenbusche"},
		{"Diallo", "Dialo"},
		{"Georges", "Jorge"},
		{"Guillaume", "Guilaume"},
		{"Yasmine", "Iasmine", "Yasmyne"},
	}
	for _, group := range alike {
		want := PhoneticKey(group[0])
		for _, name := range group[1:] {
			if got := PhoneticKey(name); got != want {
				t.Errorf("%s sounds like %s, but their keys are %q and %q", name, group[0], got, want)
			}
		}
	}
	different := [][2]string{
		{"Léa", "Léo"}, {"Martin", "Morin"}, {"Petit", "Pétain"}, {"Diallo", "Diop"}, {"Camara", "Kamel"},
		{"Nadia", "Nadine"}, {"Karim", "Kamel"}, {"Durand", "Dubois"}, {"Inès", "Anaïs"}, {"Simon", "Samir"},
	}
	for _, pair := range different {
		if PhoneticKey(pair[0]) == PhoneticKey(pair[1]) {
			t.Errorf("%s and %s do not sound alike, but share the key %q", pair[0], pair[1], PhoneticKey(pair[0]))
		}
	}
	if PhoneticKey("") != "" || PhoneticKey("-'") != "" {
		t.Error("an empty name has a key")
	}
}
