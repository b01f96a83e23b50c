package storage

import (
	"errors"
	"fmt"
	"strings"
)

// Card numbers are digits only (a numeric keypad or a barcode scanner types them) and end
// with a Damm check digit, which catches every single wrong digit and every swap of two
// adjacent digits. They start at 6 digits and never exceed 8.

// ErrInvalidCard: the number typed cannot be a card (a digit was mistyped).
var ErrInvalidCard = errors.New("invalid card number")

// ErrCardNotFound: the number is a valid card but no household holds it.
var ErrCardNotFound = errors.New("no household has this card")

const (
	firstCardSeq = 10000
	maxCardSeq   = 9_999_999
	// MaxCardLength is the longest card number, check digit included.
	MaxCardLength = 8
	// MinCardLength is the shortest card number, check digit included.
	MinCardLength = 6
)

var dammTable = [10][10]byte{
	{0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
	{7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
	{4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
	{1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
	{6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
	{3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
	{5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
	{8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
	{9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
	{2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
}

// dammInterim runs the Damm quasigroup over digits; a valid number ends at 0.
func dammInterim(digits string) byte {
	var interim byte
	for i := 0; i < len(digits); i++ {
		interim = dammTable[interim][digits[i]-'0']
	}
	return interim
}

// CardForSeq is the card number of the sequence number seq (payload then check digit).
func CardForSeq(seq int64) string {
	payload := fmt.Sprintf("%05d", seq)
	return payload + string('0'+dammInterim(payload))
}

// LooksLikeCard tells whether what was typed is meant as a card number (digits and
// separators only) rather than a name.
func LooksLikeCard(input string) bool {
	s := strings.TrimSpace(ScannedDigits(input))
	if s == "" {
		return false
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ' || r == '-' || r == '.':
		default:
			return false
		}
	}
	return digits > 0
}

// NormalizeCard checks a typed card number and returns its canonical form.
// Spaces, dashes and dots are ignored; anything else, a wrong length or a wrong check
// digit gives ErrInvalidCard.
func NormalizeCard(input string) (string, error) {
	var b strings.Builder
	for _, r := range ScannedDigits(input) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '.' || r == '\t':
		default:
			return "", fmt.Errorf("card %q: %w", input, ErrInvalidCard)
		}
	}
	card := b.String()
	if len(card) < MinCardLength || len(card) > MaxCardLength || dammInterim(card) != 0 {
		return "", fmt.Errorf("card %q: %w", input, ErrInvalidCard)
	}
	return card, nil
}

// azertyDigits are what the digit keys 1234567890 type on a French AZERTY keyboard
// without Shift: a barcode scanner set to a US layout, plugged into an AZERTY laptop,
// "types" a card 117475 as "&&è'è(".
var azertyDigits = map[rune]rune{'&': '1', 'é': '2', '"': '3', '\'': '4', '(': '5', '-': '6', 'è': '7', '_': '8', 'ç': '9', 'à': '0'}

// ScannedDigits reads a card typed through the wrong keyboard layout: text made only of
// the AZERTY unshifted digit-row characters becomes the digits they stand for. Any other
// text (a name, digits, a card with separators) is returned unchanged.
func ScannedDigits(input string) string {
	s := strings.TrimSpace(input)
	if s == "" || !strings.ContainsFunc(s, func(r rune) bool { return r != '-' && azertyDigits[r] != 0 }) {
		return input
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		d, ok := azertyDigits[r]
		if !ok {
			return input
		}
		out = append(out, d)
	}
	return string(out)
}
