// Package householdfile brings an association's former list of households (an Excel,
// LibreOffice or CSV sheet) into Entraide, and writes the households back out as one:
// it finds the header row, proposes what each column holds from French headers as people
// write them, reads every cell with the reason in French when it cannot, and leaves the
// writing to storage in one transaction.
package householdfile

import (
	"strings"
	"unicode"

	"entraide/storage"
)

// Field is what a column holds.
type Field string

const (
	FieldNone          Field = ""
	FieldLastName      Field = "last_name"
	FieldFirstName     Field = "first_name"
	FieldFullName      Field = "full_name" // "DUPONT Marie" in one column
	FieldBirth         Field = "birth"     // a date, a year or an age
	FieldAge           Field = "age"
	FieldSex           Field = "sex"
	FieldRelation      Field = "relation"
	FieldAddress       Field = "address"
	FieldQuartier      Field = "quartier"
	FieldPhone         Field = "phone"
	FieldFileNumber    Field = "file_number"
	FieldCardNumber    Field = "card_number"
	FieldRegisteredOn  Field = "registered_on"
	FieldEligibleUntil Field = "eligible_until"
	FieldReferral      Field = "referral"
	FieldNotes         Field = "notes"
	FieldAdults        Field = "adults"
	FieldChildren      Field = "children"
)

// Fields lists the fields a column can be given, in the order the mapping offers them.
var Fields = []Field{FieldLastName, FieldFirstName, FieldFullName, FieldBirth, FieldAge, FieldSex, FieldRelation,
	FieldAddress, FieldQuartier, FieldPhone, FieldFileNumber, FieldCardNumber, FieldRegisteredOn,
	FieldEligibleUntil, FieldReferral, FieldNotes, FieldAdults, FieldChildren}

// Label is the field's name on screen (an English key of the translations).
func (f Field) Label() string {
	switch f {
	case FieldLastName:
		return "Last name"
	case FieldFirstName:
		return "First name"
	case FieldFullName:
		return "Last and first name"
	case FieldBirth:
		return "Birth (date, year or age)"
	case FieldAge:
		return "Age"
	case FieldSex:
		return "Sex"
	case FieldRelation:
		return "Relation"
	case FieldAddress:
		return "Address"
	case FieldQuartier:
		return "Quartier"
	case FieldPhone:
		return "Phone"
	case FieldFileNumber:
		return "File number"
	case FieldCardNumber:
		return "Old card number"
	case FieldRegisteredOn:
		return "Registered on"
	case FieldEligibleUntil:
		return "End of registration"
	case FieldReferral:
		return "Referred by"
	case FieldNotes:
		return "Notes"
	case FieldAdults:
		return "Number of adults"
	case FieldChildren:
		return "Number of children"
	}
	return "Not imported"
}

// ParseField reads a field's code (as --map gives it); ok is false for an unknown one.
func ParseField(code string) (Field, bool) {
	code = strings.TrimSpace(strings.ToLower(code))
	if code == "" || code == "none" || code == "-" {
		return FieldNone, true
	}
	for _, f := range Fields {
		if string(f) == code {
			return f, true
		}
	}
	return FieldNone, false
}

// headers are French column titles as associations write them, normalised (no accents,
// capitals or punctuation), and the field each holds.
var headers = map[string]Field{
	"nom": FieldLastName, "nom de famille": FieldLastName, "nom famille": FieldLastName, "nom d usage": FieldLastName,
	"nom usage": FieldLastName, "noms": FieldLastName, "nom de naissance": FieldLastName,
	"prenom": FieldFirstName, "prenoms": FieldFirstName,
	"nom prenom": FieldFullName, "nom et prenom": FieldFullName, "nom prenoms": FieldFullName, "beneficiaire": FieldFullName,
	"nom du beneficiaire": FieldFullName, "identite": FieldFullName,
	"date de naissance": FieldBirth, "ne le": FieldBirth, "nee le": FieldBirth, "ne e le": FieldBirth, "nee e le": FieldBirth,
	"ddn": FieldBirth, "naissance": FieldBirth, "date naissance": FieldBirth, "date naiss": FieldBirth, "annee de naissance": FieldBirth,
	"age": FieldAge, "ages": FieldAge,
	"sexe": FieldSex, "genre": FieldSex, "civilite": FieldSex, "h f": FieldSex, "f h": FieldSex, "m f": FieldSex,
	"lien": FieldRelation, "lien de parente": FieldRelation, "parente": FieldRelation, "qualite": FieldRelation,
	"adresse": FieldAddress, "adresse postale": FieldAddress, "domicile": FieldAddress,
	"quartier": FieldQuartier, "secteur": FieldQuartier,
	"tel": FieldPhone, "telephone": FieldPhone, "portable": FieldPhone, "tel portable": FieldPhone, "mobile": FieldPhone,
	"n tel": FieldPhone, "numero de telephone": FieldPhone,
	"n dossier": FieldFileNumber, "no dossier": FieldFileNumber, "n de dossier": FieldFileNumber, "numero de dossier": FieldFileNumber,
	"numero dossier": FieldFileNumber, "dossier": FieldFileNumber, "num dossier": FieldFileNumber, "n famille": FieldFileNumber,
	"ancien numero": FieldFileNumber, "ancien n": FieldFileNumber,
	"n carte": FieldCardNumber, "no carte": FieldCardNumber, "n de carte": FieldCardNumber, "numero de carte": FieldCardNumber,
	"numero carte": FieldCardNumber, "carte": FieldCardNumber, "num carte": FieldCardNumber,
	"date d inscription": FieldRegisteredOn, "inscription": FieldRegisteredOn, "inscrit le": FieldRegisteredOn,
	"date inscription": FieldRegisteredOn, "inscrit e le": FieldRegisteredOn, "debut de droits": FieldRegisteredOn,
	"fin de droits": FieldEligibleUntil, "fin droits": FieldEligibleUntil, "date de fin": FieldEligibleUntil,
	"fin d inscription": FieldEligibleUntil, "echeance": FieldEligibleUntil, "valable jusqu au": FieldEligibleUntil,
	"oriente par": FieldReferral, "orientee par": FieldReferral, "oriente e par": FieldReferral, "orientation": FieldReferral,
	"envoye par": FieldReferral, "prescripteur": FieldReferral,
	"observations": FieldNotes, "observation": FieldNotes, "remarques": FieldNotes, "remarque": FieldNotes,
	"commentaire": FieldNotes, "commentaires": FieldNotes, "notes": FieldNotes, "note": FieldNotes,
	"nb adultes": FieldAdults, "nombre d adultes": FieldAdults, "nombre adultes": FieldAdults, "adultes": FieldAdults,
	"nbre adultes": FieldAdults,
	"nb enfants":   FieldChildren, "nombre d enfants": FieldChildren, "nombre enfants": FieldChildren, "enfants": FieldChildren,
	"nbre enfants": FieldChildren,
}

// headerField is the field a column title names, FieldNone when unknown.
func headerField(title string) Field {
	return headers[normalizedHeader(title)]
}

// normalizedHeader keeps a title's words, without accents, capitals, punctuation or a
// leading "N°".
func normalizedHeader(title string) string {
	spaced := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return ' '
	}, title)
	return strings.Join(storage.NormalizedWords(spaced), " ")
}
