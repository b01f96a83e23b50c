package storage

import "strings"

// PhoneticKey reduces a name to how it sounds in French, so that names written
// differently but said the same compare equal: Lefèvre and Lefebvre, Dhondt and D'Hont,
// Rousseau and Roussot, Khadija and Kadidja, Aïcha and Aisha, Gonçalves and Gonsalves.
//
// No kept Go library does this for French (Soundex and Metaphone are English; Phonex and
// Soundex-FR have no maintained Go port), so it is a small set of rules after Phonex
// (Frédéric Brouard), applied in order on the name without accents:
//  1. ç sounds s; accents, case, spaces, hyphens and apostrophes go;
//  2. letters written two ways: chr, chl → kr, kl; sch, ch, sh → s; ph → f; th → t; kh → k; dj → j; qu, ck,
//     q → k; c before e, i, y → s, other c → k; gu before e, i, y → g; ge before a, o,
//     u and g before e, i, y → j; w → v; z, x → s; y → i; bv → v;
//  3. vowel groups: eau, au → o; ou → u; ai, ei → e; a silent h goes;
//  4. doubled letters count once;
//  5. silent endings go: final e, s, t, d, as long as some are left (Dupont, Dupond →
//     dupon; Georges → jorj).
//
// The test table (phonetic_test.go) lists what must sound alike and what must not.
func PhoneticKey(name string) string {
	s := NormalizeName(cedilla.Replace(name))
	s = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, s)
	s = twoWays.Replace(s)
	s = softConsonants(s)
	s = oneLetter.Replace(s)
	s = vowelGroups.Replace(s)
	s = collapseDoubles(s)
	for len(s) > 2 && strings.ContainsRune("estd", rune(s[len(s)-1])) {
		s = s[:len(s)-1]
	}
	return s
}

// The rules' replacements, made once.
var (
	cedilla   = strings.NewReplacer("ç", "s", "Ç", "s")
	twoWays   = strings.NewReplacer("sch", "s", "chr", "kr", "chl", "kl", "ch", "s", "sh", "s", "ph", "f", "th", "t", "kh", "k", "dj", "j", "qu", "k", "ck", "k")
	oneLetter = strings.NewReplacer("q", "k", "w", "v", "z", "s", "x", "s", "y", "i", "bv", "v")
	// h goes last: it only matters in the groups above.
	vowelGroups = strings.NewReplacer("eau", "o", "au", "o", "ou", "u", "ai", "e", "ei", "e", "h", "")
)

// softConsonants writes c and g as they sound before the next letter.
func softConsonants(s string) string {
	b := []byte(s)
	var out strings.Builder
	for i := 0; i < len(b); i++ {
		next := byte(0)
		if i+1 < len(b) {
			next = b[i+1]
		}
		soft := next == 'e' || next == 'i' || next == 'y'
		switch {
		case b[i] == 'c' && soft:
			out.WriteByte('s')
		case b[i] == 'c':
			out.WriteByte('k')
		case b[i] == 'g' && next == 'u' && i+2 < len(b) && (b[i+2] == 'e' || b[i+2] == 'i' || b[i+2] == 'y'):
			out.WriteByte('g')
			i++ // the u only hardens the g
		case b[i] == 'g' && next == 'e' && i+2 < len(b) && (b[i+2] == 'a' || b[i+2] == 'o' || b[i+2] == 'u'):
			out.WriteByte('j')
			i++ // the e only softens the g (Georges)
		case b[i] == 'g' && soft:
			out.WriteByte('j')
		default:
			out.WriteByte(b[i])
		}
	}
	return out.String()
}

func collapseDoubles(s string) string {
	var out strings.Builder
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i] == s[i-1] {
			continue
		}
		out.WriteByte(s[i])
	}
	return out.String()
}
