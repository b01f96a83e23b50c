package storage

// The listing's vocabularies: the codes files and the database keep, and the one place
// that names them. Label is the English name, the key of the translations in
// assets/translations (French: fr.json), which screens and printouts both use.

// Activity is what an association gives.
type Activity string

// Activities, in the order screens and the printed guide show them.
const (
	ActivityFoodParcel    Activity = "food_parcel"
	ActivitySocialGrocery Activity = "social_grocery"
	ActivityMeals         Activity = "meals"
	ActivityBabyProducts  Activity = "baby_products"
	ActivityClothes       Activity = "clothes"
	ActivityHygiene       Activity = "hygiene"
	ActivityOther         Activity = "other"
)

// AccessKind is how one gets the help.
type AccessKind string

// Kinds of access.
const (
	AccessUnconditional AccessKind = "unconditional"
	AccessRegistration  AccessKind = "registration"
	AccessReferral      AccessKind = "social_worker_referral"
	AccessAppointment   AccessKind = "appointment"
	AccessFee           AccessKind = "fee"
)

// Public is whom an association welcomes.
type Public string

// Publics.
const (
	PublicEveryone      Public = "everyone"
	PublicFamilies      Public = "families"
	PublicIsolated      Public = "isolated"
	PublicYoung         Public = "young"
	PublicStudents      Public = "students"
	PublicSeniors       Public = "seniors"
	PublicUndocumented  Public = "undocumented"
	PublicAsylumSeekers Public = "asylum_seekers"
)

// The vocabularies in order.
var (
	Activities = []Activity{ActivityFoodParcel, ActivitySocialGrocery, ActivityMeals, ActivityBabyProducts,
		ActivityClothes, ActivityHygiene, ActivityOther}
	AccessKinds = []AccessKind{AccessUnconditional, AccessRegistration, AccessReferral, AccessAppointment, AccessFee}
	Publics     = []Public{PublicEveryone, PublicFamilies, PublicIsolated, PublicYoung, PublicStudents, PublicSeniors,
		PublicUndocumented, PublicAsylumSeekers}
)

var (
	activityLabels = map[Activity]string{ActivityFoodParcel: "Food parcel", ActivitySocialGrocery: "Social grocery",
		ActivityMeals: "Meals", ActivityBabyProducts: "Baby products", ActivityClothes: "Clothes", ActivityHygiene: "Hygiene",
		ActivityOther: "Something else"}
	accessLabels = map[AccessKind]string{AccessUnconditional: "unconditional", AccessRegistration: "registration",
		AccessReferral: "referral by a social worker", AccessAppointment: "appointment", AccessFee: "participation fee"}
	publicLabels = map[Public]string{PublicEveryone: "everyone", PublicFamilies: "families", PublicIsolated: "isolated people",
		PublicYoung: "young people", PublicStudents: "students", PublicSeniors: "seniors",
		PublicUndocumented: "undocumented people", PublicAsylumSeekers: "asylum seekers"}
	languageLabels = map[string]string{"fr": "French", "en": "English", "ar": "Arabic", "pt": "Portuguese", "es": "Spanish",
		"tr": "Turkish", "ru": "Russian", "uk": "Ukrainian", "ro": "Romanian", "pl": "Polish", "ber": "Berber"}
)

// Label is the activity's English name (the key of its translations); "" for an unknown code.
func (a Activity) Label() string { return activityLabels[a] }

// Label is the access kind's English name (the key of its translations).
func (a AccessKind) Label() string { return accessLabels[a] }

// Label is the public's English name (the key of its translations).
func (p Public) Label() string { return publicLabels[p] }

// LanguageLabel is the English name of a language code (ISO 639), "" when unknown.
func LanguageLabel(code string) string { return languageLabels[code] }

// Languages are the language codes the listing offers.
var Languages = []string{"fr", "ar", "ber", "en", "es", "pt", "tr", "ru", "uk", "ro", "pl"}

// VocabularyLabels lists every label, for the test that each one is translated.
func VocabularyLabels() []string {
	var labels []string
	for _, l := range activityLabels {
		labels = append(labels, l)
	}
	for _, l := range accessLabels {
		labels = append(labels, l)
	}
	for _, l := range publicLabels {
		labels = append(labels, l)
	}
	for _, l := range languageLabels {
		labels = append(labels, l)
	}
	return labels
}
