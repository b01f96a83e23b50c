package householdfile

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"entraide/storage"
)

// excelEpoch is day 0 of Excel's serial numbers (1899-12-30, so that its 1900 leap-year
// mistake does not shift the dates people have).
var excelEpoch = time.Date(1899, 12, 30, 12, 0, 0, 0, time.UTC)

// birth is what a birth cell says: a full date, a year, or an age turned into a year.
type birth struct {
	date    storage.Date
	year    int
	fromAge bool
}

// parseBirth reads a birth cell: dd/mm/yyyy, d/m/yy, yyyy-mm-dd, an Excel serial number,
// a year alone, or an age ("45", "45 ans").
func parseBirth(cell string, today storage.Date) (birth, *Problem) {
	s := strings.TrimSpace(cell)
	if s == "" {
		return birth{}, nil
	}
	if age, ok := parseAge(s); ok {
		return birth{year: today.Year - age, fromAge: true}, nil
	}
	if n, err := strconv.Atoi(s); err == nil && len(s) == 4 {
		switch {
		case n < 1900:
			return birth{}, problem(keyBefore1900, s)
		case n > today.Year:
			return birth{}, problem(keyInFuture, s)
		}
		return birth{year: n}, nil
	}
	d, p := parseDay(s, today, true)
	if p != nil {
		return birth{}, p
	}
	return birth{date: d}, nil
}

// parseAge reads "45" or "45 ans" (at most 3 digits: 4 is a year, more a serial number).
func parseAge(s string) (int, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.ToLower(s), "ans"), "an"))
	if len(s) == 0 || len(s) > 3 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0 && n <= 120
}

// parseDay reads a day as French lists write it; birth makes two-digit years fall in
// the past century when they would be in the future.
func parseDay(cell string, today storage.Date, birth bool) (storage.Date, *Problem) {
	s := strings.TrimSpace(cell)
	if s == "" {
		return storage.Date{}, nil
	}
	if t, ok := excelSerial(s); ok {
		return checkedDay(storage.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}, s, today, birth)
	}
	if len(s) > 10 && s[4] == '-' && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10] // an ISO time stamp: the day is enough
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' || r == ' ' })
	if len(parts) != 3 {
		return storage.Date{}, problem(keyNotADate, cell)
	}
	nums := make([]int, 3)
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return storage.Date{}, problem(keyNotADate, cell)
		}
		nums[i] = n
	}
	d, m, y := nums[0], nums[1], nums[2]
	if len(parts[0]) == 4 { // yyyy-mm-dd
		y, d = nums[0], nums[2]
	}
	if len(parts[2]) <= 2 && len(parts[0]) <= 2 {
		y += 2000
		if y > today.Year && birth || y > today.Year+10 {
			y -= 100
		}
	}
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 100 {
		return storage.Date{}, problem(keyNotADate, cell)
	}
	if t := time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC); t.Day() != d {
		return storage.Date{}, problem(keyNoSuchDay, strings.TrimSpace(cell))
	}
	return checkedDay(storage.Date{Year: y, Month: time.Month(m), Day: d}, strings.TrimSpace(cell), today, birth)
}

// checkedDay refuses days before 1900, and birthdays in the future.
func checkedDay(d storage.Date, cell string, today storage.Date, birth bool) (storage.Date, *Problem) {
	switch {
	case d.Year < 1900:
		return storage.Date{}, problem(keyBefore1900, cell)
	case birth && today.Before(d):
		return storage.Date{}, problem(keyInFuture, cell)
	}
	return d, nil
}

// excelSerial reads an Excel day number (a date cell of an .xlsx, read as stored).
func excelSerial(s string) (time.Time, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 1 || f > 2958465 || strings.ContainsAny(s, "/-") {
		return time.Time{}, false
	}
	return excelEpoch.AddDate(0, 0, int(math.Floor(f))), true
}

// parseSex reads F/M/H, Femme/Homme, Mme/M./Mr, Madame/Monsieur, féminin/masculin.
func parseSex(cell string) (storage.Sex, *Problem) {
	switch strings.Join(storage.NormalizedWords(cell), "") {
	case "":
		return "", nil
	case "f", "femme", "mme", "madame", "mlle", "mademoiselle", "feminin", "fille":
		return storage.SexFemale, nil
	case "m", "h", "homme", "mr", "monsieur", "masculin", "garcon":
		return storage.SexMale, nil
	case "x", "autre", "nonbinaire":
		return storage.SexOther, nil
	}
	return "", problem(keyNotASex, cell)
}

// parseRelation reads the link to the applicant; unknown words are "other".
func parseRelation(cell string) storage.Relation {
	words := storage.NormalizedWords(strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r
		}
		return ' '
	}, cell))
	if len(words) == 0 {
		return ""
	}
	switch words[0] {
	case "demandeur", "demandeuse", "chef", "titulaire", "referent", "referente", "responsable":
		return storage.RelationApplicant
	case "conjoint", "conjointe", "epoux", "epouse", "concubin", "concubine", "compagnon", "compagne", "mari", "femme":
		return storage.RelationPartner
	case "enfant", "fils", "fille":
		return storage.RelationChild
	case "pere", "mere", "parent":
		return storage.RelationParent
	}
	return storage.RelationOther
}

// parseReferral reads who sent the household; other words are "other" (the words
// themselves are not kept: they may name a person).
func parseReferral(cell string) storage.Referral {
	text := " " + strings.Join(storage.NormalizedWords(strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r
		}
		return ' '
	}, cell)), " ") + " "
	switch {
	case strings.TrimSpace(text) == "":
		return ""
	case strings.Contains(text, " ccas "):
		return storage.ReferralCCAS
	case strings.Contains(text, "assistant") || strings.Contains(text, " as ") || strings.Contains(text, "social") ||
		strings.Contains(text, " mds ") || strings.Contains(text, " utpas ") || strings.Contains(text, " caf "):
		return storage.ReferralSocialWorker
	case strings.Contains(text, "association") || strings.Contains(text, " asso "):
		return storage.ReferralAssociation
	case strings.Contains(text, "lui meme") || strings.Contains(text, "elle meme") || strings.Contains(text, "spontane") ||
		strings.Contains(text, " seul"):
		return storage.ReferralSelf
	}
	return storage.ReferralOther
}

// parsePhone keeps a phone's digits in the French way; a number stored by Excel lost its
// leading 0, which comes back.
func parsePhone(cell string) string {
	s := strings.TrimSpace(cell)
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	if strings.HasPrefix(s, "+") || len(digits) < 9 || len(digits) > 10 {
		return s
	}
	if len(digits) == 9 && digits[0] != '0' {
		digits = "0" + digits
	}
	if len(digits) != 10 {
		return s
	}
	return digits[0:2] + " " + digits[2:4] + " " + digits[4:6] + " " + digits[6:8] + " " + digits[8:10]
}

// parseCount reads a number of persons ("2", "2.0" from a spreadsheet, "" for none).
func parseCount(cell string) (int, *Problem) {
	s := strings.TrimSpace(cell)
	if s == "" {
		return 0, nil
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
	if err != nil || f < 0 || f != math.Trunc(f) || f > 30 {
		return 0, problem(keyNotACount, cell)
	}
	return int(f), nil
}

// splitFullName reads "DUPONT Marie" (or "Marie DUPONT"): the words in capitals are the
// last name; without capitals, the first word is.
func splitFullName(cell string) (last, first string) {
	words := strings.Fields(cell)
	var lasts, firsts []string
	for _, w := range words {
		if strings.ToUpper(w) == w && strings.ToLower(w) != w {
			lasts = append(lasts, w)
		} else {
			firsts = append(firsts, w)
		}
	}
	if len(lasts) == 0 || len(firsts) == 0 {
		if len(words) == 0 {
			return "", ""
		}
		return words[0], strings.Join(words[1:], " ")
	}
	return strings.Join(lasts, " "), strings.Join(firsts, " ")
}
