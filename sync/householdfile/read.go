package householdfile

import (
	"fmt"
	"strings"

	"entraide/storage"
	"entraide/sync/spreadsheet"
)

// headerSearchRows is how far down the titles are looked for (titles and blank lines
// above them are common).
const headerSearchRows = 30

// Options are the user's choices; zero values let Entraide propose.
type Options struct {
	Sheet     string // "" : the first sheet with cells
	HeaderRow int    // the row of titles, from 1; 0: found by Entraide
	// Map gives columns their field, by letters ("C") or title ("Né(e) le"); it wins
	// over what the titles propose. FieldNone leaves a column out.
	Map   map[string]Field
	Today storage.Date
}

// Column is one column of the sheet as understood.
type Column struct {
	Index  int
	Letter string
	Header string
	Field  Field
}

// Shape is how the sheet lists households.
type Shape string

const (
	// ShapePersons: one row per person, rows of a household sharing a number (or last
	// name and address on consecutive rows).
	ShapePersons Shape = "persons"
	// ShapeHouseholds: one row per household, with counts of adults and children.
	ShapeHouseholds Shape = "households"
)

// Household is one household as read, with the rows it came from.
type Household struct {
	Rows  []int // sheet rows, from 1
	Input storage.ImportInput
}

// Understood is what Entraide read in a sheet, before anything is written.
type Understood struct {
	Sheet      string
	Sheets     []string
	HeaderRow  int // from 1
	Columns    []Column
	Shape      Shape
	Rows       int // rows under the titles that hold something
	Households []Household
	Persons    int
	Errors     []Problem // what blocks the import until the file is fixed
	Warnings   []Problem // rows left out, columns not imported, ages turned into years
	// Preview is the first rows under the titles as Entraide reads them.
	Preview [][]string
}

// previewRows is how many rows the mapping step shows.
const previewRows = 8

// Understand reads a sheet: finds its titles, maps its columns, and reads every row.
func Understand(book spreadsheet.Workbook, opts Options) (Understood, error) {
	if opts.Today.IsZero() {
		return Understood{}, fmt.Errorf("understanding the sheet: no today's date given")
	}
	sheet, err := book.Sheet(opts.Sheet)
	if err != nil {
		return Understood{}, err
	}
	u := Understood{Sheet: sheet.Name, Sheets: book.SheetNames()}
	header := opts.HeaderRow - 1
	if header < 0 {
		header = findHeader(sheet)
	}
	if header < 0 || header >= len(sheet.Rows) {
		u.Errors = append(u.Errors, Problem{Key: keyNoHeader, Args: map[string]any{"Rows": headerSearchRows}})
		return u, nil
	}
	u.HeaderRow = header + 1
	u.Columns = mapColumns(sheet, header, opts.Map)
	fields := map[Field][]int{}
	for _, c := range u.Columns {
		if c.Field != FieldNone {
			fields[c.Field] = append(fields[c.Field], c.Index)
		} else if strings.TrimSpace(c.Header) != "" || columnHasValues(sheet, header, c.Index) {
			u.Warnings = append(u.Warnings, Problem{Key: keyNotImported, Args: map[string]any{"Column": c.Letter, "Header": c.Header}})
		}
	}
	if len(fields[FieldLastName]) == 0 && len(fields[FieldFullName]) == 0 {
		u.Errors = append(u.Errors, Problem{Key: keyNoNameColumn})
		return u, nil
	}
	u.Shape = ShapePersons
	if len(fields[FieldAdults]) > 0 || len(fields[FieldChildren]) > 0 {
		u.Shape = ShapeHouseholds
	}
	r := rowReader{sheet: sheet, fields: fields, header: sheet.Rows[header], today: opts.Today}
	r.read(&u)
	return u, nil
}

// findHeader is the row, among the first ones, whose cells name the most known fields
// (at least two); -1 when none does.
func findHeader(sheet spreadsheet.Sheet) int {
	best, bestCount := -1, 1
	for r := 0; r < min(len(sheet.Rows), headerSearchRows); r++ {
		known := map[Field]bool{}
		for _, cell := range sheet.Rows[r] {
			if f := headerField(cell); f != FieldNone {
				known[f] = true
			}
		}
		if len(known) > bestCount {
			best, bestCount = r, len(known)
		}
	}
	return best
}

// mapColumns proposes each column's field from its title, then applies the user's choices.
func mapColumns(sheet spreadsheet.Sheet, header int, choices map[string]Field) []Column {
	width := max(len(sheet.Rows[header]), 0)
	for _, row := range sheet.Rows[header:] {
		width = max(width, len(row))
	}
	columns := make([]Column, width)
	for c := range columns {
		title := strings.TrimSpace(sheet.Cell(header, c))
		columns[c] = Column{Index: c, Letter: spreadsheet.ColumnName(c), Header: title, Field: headerField(title)}
		for key, f := range choices {
			k := strings.TrimSpace(key)
			if strings.EqualFold(k, columns[c].Letter) || (title != "" && normalizedHeader(k) == normalizedHeader(title)) {
				columns[c].Field = f
			}
		}
	}
	return columns
}

func columnHasValues(sheet spreadsheet.Sheet, header, c int) bool {
	for r := header + 1; r < len(sheet.Rows); r++ {
		if strings.TrimSpace(sheet.Cell(r, c)) != "" {
			return true
		}
	}
	return false
}

// rowReader reads the rows under the titles into households.
type rowReader struct {
	sheet  spreadsheet.Sheet
	fields map[Field][]int
	header []string
	today  storage.Date
	ages   bool
	// seen finds the same person twice in the file: name and birth → first row.
	seen map[string]int
}

// value is the first non-empty cell of row r among the columns holding f.
func (r *rowReader) value(row int, f Field) (string, int) {
	for _, c := range r.fields[f] {
		if v := strings.TrimSpace(r.sheet.Cell(row, c)); v != "" {
			return v, c
		}
	}
	if cols := r.fields[f]; len(cols) > 0 {
		return "", cols[0]
	}
	return "", -1
}

func (r *rowReader) read(u *Understood) {
	r.seen = map[string]int{}
	var current *Household
	var currentKey string
	countsToAsk := 0
	for row := u.HeaderRow; row < len(r.sheet.Rows); row++ {
		cells := r.sheet.Rows[row]
		if blank(cells) {
			continue
		}
		switch {
		case r.isHeaderAgain(cells):
			u.Warnings = append(u.Warnings, Problem{Key: keyHeaderAgain}.at(row, -1))
			continue
		case isTotal(cells):
			u.Warnings = append(u.Warnings, Problem{Key: keyTotalRow}.at(row, -1))
			continue
		}
		u.Rows++
		if len(u.Preview) < previewRows {
			u.Preview = append(u.Preview, cells)
		}
		member, household, problems := r.person(row)
		if len(problems) > 0 {
			u.Errors = append(u.Errors, problems...)
			current, currentKey = nil, ""
			continue
		}
		if u.Shape == ShapeHouseholds {
			extra, problems := r.counted(row, member)
			if len(problems) > 0 {
				u.Errors = append(u.Errors, problems...)
				continue
			}
			household.Input.Household.Members = append([]storage.MemberInput{member}, extra...)
			countsToAsk += len(extra)
			u.Households = append(u.Households, household)
			continue
		}
		key := r.householdKey(row)
		if key == "" && current != nil && strings.HasPrefix(currentKey, "name:") &&
			storage.NormalizeName(member.LastName) == storage.NormalizeName(current.Input.Household.Members[0].LastName) {
			key = currentKey // the next rows of a household often leave the address blank
		}
		if current != nil && key != "" && key == currentKey {
			current.Rows = append(current.Rows, row+1)
			if member.Relation == "" {
				member.Relation = storage.RelationOther
			}
			current.Input.Household.Members = append(current.Input.Household.Members, member)
			mergeHousehold(&current.Input, household.Input)
			continue
		}
		household.Input.Household.Members = []storage.MemberInput{member}
		u.Households = append(u.Households, household)
		current, currentKey = &u.Households[len(u.Households)-1], key
	}
	for i := range u.Households {
		members := u.Households[i].Input.Household.Members
		if len(members) > 0 && members[0].Relation == "" {
			members[0].Relation = storage.RelationApplicant
		}
		for j := range members[1:] {
			if members[j+1].Relation == "" {
				members[j+1].Relation = storage.RelationOther
			}
		}
		u.Persons += len(members)
	}
	if u.Rows == 0 && len(u.Errors) == 0 {
		u.Errors = append(u.Errors, Problem{Key: keyNoRows})
	}
	if r.ages {
		u.Warnings = append(u.Warnings, Problem{Key: keyAgeToYear})
	}
	if countsToAsk > 0 {
		u.Warnings = append(u.Warnings, Problem{Key: keyCountsToAsk, Args: map[string]any{"Count": countsToAsk}})
	}
}

// person reads one row's person and the household details it carries.
func (r *rowReader) person(row int) (storage.MemberInput, Household, []Problem) {
	var problems []Problem
	var m storage.MemberInput
	cellProblem := func(p *Problem, col int) {
		if p != nil {
			problems = append(problems, p.at(row, col))
		}
	}
	if v, _ := r.value(row, FieldFullName); v != "" {
		m.LastName, m.FirstName = splitFullName(v)
	}
	if v, _ := r.value(row, FieldLastName); v != "" {
		m.LastName = v
	}
	if v, _ := r.value(row, FieldFirstName); v != "" {
		m.FirstName = v
	}
	lastCol := firstOf(r.fields[FieldLastName], r.fields[FieldFullName])
	firstCol := firstOf(r.fields[FieldFirstName], r.fields[FieldFullName])
	if storage.NormalizeName(m.LastName) == "" {
		if storage.NormalizeName(m.FirstName) == "" {
			return m, Household{}, []Problem{Problem{Key: keyNoApplicant}.at(row, -1)}
		}
		problems = append(problems, Problem{Key: keyNoLastName}.at(row, lastCol))
	}
	if storage.NormalizeName(m.FirstName) == "" {
		problems = append(problems, Problem{Key: keyNoFirstName}.at(row, firstCol))
	}
	if v, c := r.value(row, FieldBirth); v != "" {
		b, p := parseBirth(v, r.today)
		cellProblem(p, c)
		m.BirthDate, m.BirthYear = b.date, b.year
		r.ages = r.ages || b.fromAge
	} else if v, c := r.value(row, FieldAge); v != "" {
		if age, ok := parseAge(v); ok {
			m.BirthYear, r.ages = r.today.Year-age, true
		} else {
			cellProblem(problem(keyNotADate, v), c)
		}
	}
	if v, c := r.value(row, FieldSex); v != "" {
		sex, p := parseSex(v)
		cellProblem(p, c)
		m.Sex = sex
	}
	if v, _ := r.value(row, FieldRelation); v != "" {
		m.Relation = parseRelation(v)
	}
	h := Household{Rows: []int{row + 1}}
	in := &h.Input
	in.Household.Address, _ = r.value(row, FieldAddress)
	in.Household.Quartier, _ = r.value(row, FieldQuartier)
	if v, _ := r.value(row, FieldPhone); v != "" {
		in.Household.Phone = parsePhone(v)
	}
	if v, _ := r.value(row, FieldReferral); v != "" {
		in.Household.Referral = parseReferral(v)
	}
	if v, c := r.value(row, FieldNotes); v != "" {
		in.Household.Notes = v
		if words := storage.ForbiddenNoteWords(v); len(words) > 0 {
			problems = append(problems, Problem{Key: keyNotesWords, Args: map[string]any{"Words": strings.Join(words, ", ")}}.at(row, c))
		}
	}
	if v, c := r.value(row, FieldRegisteredOn); v != "" {
		d, p := parseDay(v, r.today, false)
		cellProblem(p, c)
		in.Household.RegisteredOn = d
	}
	if v, c := r.value(row, FieldEligibleUntil); v != "" {
		d, p := parseDay(v, r.today, false)
		cellProblem(p, c)
		in.Household.EligibleUntil = d
	}
	in.OldNumber, _ = r.value(row, FieldFileNumber)
	if in.OldNumber == "" {
		in.OldNumber, _ = r.value(row, FieldCardNumber)
	}
	if len(problems) == 0 {
		if key := personKey(m); key != "" {
			if other, ok := r.seen[key]; ok {
				problems = append(problems, Problem{Key: keySamePerson,
					Args: map[string]any{"Name": storage.DisplayName(m.FirstName, m.LastName), "Other": other}}.at(row, -1))
			} else {
				r.seen[key] = row + 1
			}
		}
	}
	return m, h, problems
}

// counted makes the household's other members from its counts of adults and children:
// the applicant's last name, no first name yet (asked at the next visit).
func (r *rowReader) counted(row int, applicant storage.MemberInput) ([]storage.MemberInput, []Problem) {
	var problems []Problem
	adults, children := 1, 0
	if v, c := r.value(row, FieldAdults); v != "" {
		n, p := parseCount(v)
		if p != nil {
			problems = append(problems, p.at(row, c))
		}
		adults = max(n, 1) // the applicant is an adult
	}
	if v, c := r.value(row, FieldChildren); v != "" {
		n, p := parseCount(v)
		if p != nil {
			problems = append(problems, p.at(row, c))
		}
		children = n
	}
	var extra []storage.MemberInput
	for range adults - 1 {
		extra = append(extra, storage.MemberInput{LastName: applicant.LastName, Relation: storage.RelationOther, ToComplete: true})
	}
	for range children {
		extra = append(extra, storage.MemberInput{LastName: applicant.LastName, Relation: storage.RelationChild, ToComplete: true})
	}
	return extra, problems
}

// householdKey groups consecutive rows into one household: the file or card number, or
// else the last name and address.
func (r *rowReader) householdKey(row int) string {
	for _, f := range []Field{FieldFileNumber, FieldCardNumber} {
		if v, _ := r.value(row, f); storage.OldNumberKey(v) != "" {
			return string(f) + ":" + storage.OldNumberKey(v)
		}
	}
	address, _ := r.value(row, FieldAddress)
	if address == "" {
		return ""
	}
	last, _ := r.value(row, FieldLastName)
	if last == "" {
		full, _ := r.value(row, FieldFullName)
		last, _ = splitFullName(full)
	}
	return "name:" + storage.NormalizeName(last) + "|" + strings.Join(storage.NormalizedWords(address), " ")
}

// mergeHousehold completes a household with what a later row of it says.
func mergeHousehold(h *storage.ImportInput, from storage.ImportInput) {
	pick := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	pick(&h.OldNumber, from.OldNumber)
	pick(&h.Household.Address, from.Household.Address)
	pick(&h.Household.Quartier, from.Household.Quartier)
	pick(&h.Household.Phone, from.Household.Phone)
	pick(&h.Household.Notes, from.Household.Notes)
	if h.Household.Referral == "" {
		h.Household.Referral = from.Household.Referral
	}
	if h.Household.RegisteredOn.IsZero() {
		h.Household.RegisteredOn = from.Household.RegisteredOn
	}
	if h.Household.EligibleUntil.IsZero() {
		h.Household.EligibleUntil = from.Household.EligibleUntil
	}
}

// personKey identifies a person within the file: names and birth (nothing when no birth
// is given: homonyms without a birth are common, as in the form's duplicate check).
func personKey(m storage.MemberInput) string {
	birth := ""
	switch {
	case !m.BirthDate.IsZero():
		birth = m.BirthDate.String()
	case m.BirthYear != 0:
		birth = fmt.Sprint(m.BirthYear)
	default:
		return ""
	}
	return storage.NormalizeName(m.LastName) + "|" + storage.NormalizeName(m.FirstName) + "|" + birth
}

// isHeaderAgain: a row repeating the titles (lists pasted one under the other).
func (r *rowReader) isHeaderAgain(cells []string) bool {
	same := 0
	for c, cell := range cells {
		if c < len(r.header) && cell != "" && normalizedHeader(cell) == normalizedHeader(r.header[c]) {
			same++
		}
	}
	return same >= 2
}

// isTotal: a row of sums ("Total", "TOTAL :", "Totaux").
func isTotal(cells []string) bool {
	for _, cell := range cells {
		if w := storage.NormalizedWords(cell); len(w) > 0 && strings.HasPrefix(w[0], "total") {
			return true
		}
	}
	return false
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func firstOf(lists ...[]int) int {
	for _, l := range lists {
		if len(l) > 0 {
			return l[0]
		}
	}
	return -1
}
