package storage

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

var ligatures = strings.NewReplacer("œ", "oe", "Œ", "oe", "æ", "ae", "Æ", "ae", "ß", "ss")

// NormalizeName reduces a name to lower-case letters and digits without accents, so
// "Lefèvre", "LEFEVRE" and "le fèvre" compare equal, and so do "Marie-Claire" and "Marie Claire".
func NormalizeName(name string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(ligatures.Replace(name)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// searchTokens splits what a user typed into words for the name index. Only letters and
// digits survive, so quotes, '*', '-', 'NEAR(' or emoji never reach FTS5 as syntax.
func searchTokens(input string) []string {
	words := strings.FieldsFunc(ligatures.Replace(input), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
	})
	tokens := make([]string, 0, len(words))
	for _, w := range words {
		if n := NormalizeName(w); n != "" {
			tokens = append(tokens, n)
		}
		if len(tokens) == 8 { // nobody types more words than that for a name
			break
		}
	}
	return tokens
}

// ftsQuery turns tokens into an FTS5 query: every word must match a name (as a prefix when
// asked), in any column and order. Each token is a quoted string, so words like OR or NEAR
// are plain text.
func ftsQuery(tokens []string, prefix bool) string {
	parts := make([]string, len(tokens))
	for i, t := range tokens {
		parts[i] = `"` + t + `"`
		if prefix {
			parts[i] += "*"
		}
	}
	return strings.Join(parts, " ")
}

// editDistanceAtMost1 tells whether a and b differ by at most one inserted, deleted,
// replaced or swapped-adjacent letter.
func editDistanceAtMost1(a, b string) bool {
	if a == b {
		return true
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	switch len(ra) - len(rb) {
	case 0:
		diff := -1
		for i := range ra {
			if ra[i] != rb[i] {
				if diff >= 0 {
					// a second difference is fine only as the swap of the first pair
					return diff == i-1 && ra[diff] == rb[i] && ra[i] == rb[diff] && string(ra[i+1:]) == string(rb[i+1:])
				}
				diff = i
			}
		}
		return true
	case 1:
		i := 0
		for i < len(rb) && ra[i] == rb[i] {
			i++
		}
		return string(ra[i+1:]) == string(rb[i:])
	}
	return false
}

// DisplayName is a person's name as volunteers read it aloud: "Marie LEFÈVRE".
func DisplayName(first, last string) string {
	return strings.TrimSpace(first + " " + strings.ToUpper(last))
}

// ListName is a person's name in lists sorted by family name: "LEFÈVRE Marie".
func ListName(first, last string) string {
	return strings.TrimSpace(strings.ToUpper(last) + " " + first)
}
