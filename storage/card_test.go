package storage

import (
	"errors"
	"testing"
)

func TestCardForSeqIsValidAndShort(t *testing.T) {
	for _, seq := range []int64{firstCardSeq + 1, 12345, 99999, 100000, 4_567_890, maxCardSeq} {
		card := CardForSeq(seq)
		if len(card) < MinCardLength || len(card) > MaxCardLength {
			t.Errorf("card %s for %d: length %d out of %d..%d", card, seq, len(card), MinCardLength, MaxCardLength)
		}
		if got, err := NormalizeCard(card); err != nil || got != card {
			t.Errorf("NormalizeCard(%s) = %q, %v; want the card back", card, got, err)
		}
	}
}

// Every single mistyped digit and every swap of two adjacent different digits is caught.
func TestCardCheckDigitCatchesEveryTypo(t *testing.T) {
	for seq := int64(firstCardSeq + 1); seq < firstCardSeq+3000; seq += 7 {
		card := CardForSeq(seq)
		for i := 0; i < len(card); i++ {
			for d := byte('0'); d <= '9'; d++ {
				if d == card[i] {
					continue
				}
				typo := card[:i] + string(d) + card[i+1:]
				if _, err := NormalizeCard(typo); !errors.Is(err, ErrInvalidCard) {
					t.Fatalf("substitution %s for %s accepted", typo, card)
				}
			}
			if i+1 < len(card) && card[i] != card[i+1] {
				swapped := card[:i] + string(card[i+1]) + string(card[i]) + card[i+2:]
				if _, err := NormalizeCard(swapped); !errors.Is(err, ErrInvalidCard) {
					t.Fatalf("swap %s for %s accepted", swapped, card)
				}
			}
		}
	}
}

func TestNormalizeCard(t *testing.T) {
	card := CardForSeq(12345)
	tests := []struct {
		input string
		want  string
		ok    bool
	}{
		{card, card, true},
		{" " + card[:3] + " " + card[3:] + " ", card, true},
		{card[:3] + "-" + card[3:], card, true},
		{card[:len(card)-1], "", false}, // check digit forgotten
		{card + "1", "", false},         // one digit too many
		{"12a456", "", false},           // a letter
		{"", "", false},                 // nothing
		{"123456789012", "", false},     // far too long
		{"٣٤٥٦٧٨", "", false},           // non-ASCII digits are not card digits
	}
	for _, tt := range tests {
		got, err := NormalizeCard(tt.input)
		if tt.ok && (err != nil || got != tt.want) {
			t.Errorf("NormalizeCard(%q) = %q, %v; want %q", tt.input, got, err, tt.want)
		}
		if !tt.ok && !errors.Is(err, ErrInvalidCard) {
			t.Errorf("NormalizeCard(%q) = %q, %v; want ErrInvalidCard", tt.input, got, err)
		}
	}
}

func TestLooksLikeCard(t *testing.T) {
	tests := map[string]bool{"123": true, " 12 34-5 ": true, "dupont": false, "12b": false, "": false, " - ": false}
	for input, want := range tests {
		if got := LooksLikeCard(input); got != want {
			t.Errorf("LooksLikeCard(%q) = %v, want %v", input, got, want)
		}
	}
}

func FuzzNormalizeCard(f *testing.F) {
	for _, s := range []string{CardForSeq(10001), "12 34 56", "", "abc", "٣٤٥", "1234567890"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, input string) {
		card, err := NormalizeCard(input)
		if err != nil {
			if !errors.Is(err, ErrInvalidCard) {
				t.Fatalf("NormalizeCard(%q): unexpected error kind %v", input, err)
			}
			return
		}
		if len(card) < MinCardLength || len(card) > MaxCardLength || dammInterim(card) != 0 {
			t.Fatalf("NormalizeCard(%q) accepted %q", input, card)
		}
		if again, err := NormalizeCard(card); err != nil || again != card {
			t.Fatalf("canonical %q does not normalise to itself: %q, %v", card, again, err)
		}
	})
}
