package storage

import "time"

// Settings are the association's own choices; there is one row.
type Settings struct {
	ID                   string `gorm:"primaryKey"`
	Mode                 Mode
	AssociationName      string // the CCAS's own name in CCAS mode
	MinDaysBetweenVisits int    // 0: no minimum
	MaxVisitsPerMonth    int    // 0: no maximum
	EligibilityMonths    int
	CardName             CardName // what printed cards show of the name
	CreatedAt            time.Time
	UpdatedAt            time.Time
}

// Mode says what the installation is: an association, or the CCAS coordinating the network.
type Mode string

const (
	ModeAssociation Mode = "association"
	ModeCCAS        Mode = "ccas"
)

// Site is a distribution point of the association.
type Site struct {
	ID         string `gorm:"primaryKey"`
	Name       string
	Address    string
	ArchivedAt *time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Household is one registration: a card and its members.
type Household struct {
	ID                string `gorm:"primaryKey"`
	CardSeq           int64
	Card              string
	Quartier          string
	Address           string
	Phone             string
	Referral          Referral
	RegisteredOn      Date
	EligibleUntil     Date
	ConsentOn         Date
	Notes             string
	DuplicateOverride string // why it was registered despite a possible duplicate
	OldNumber         string // the file or card number of a former list it was imported from
	OldNumberKey      string // OldNumber as compared (OldNumberKey)
	UpdatedBy         string // the user who last changed it
	ArchivedAt        *time.Time
	CreatedAt         time.Time
	UpdatedAt         time.Time
	Members           []Person `gorm:"foreignKey:HouseholdID"`
}

// Archived tells whether the household was archived.
func (h Household) Archived() bool { return h.ArchivedAt != nil }

// Person is a member of a household. Only what the distribution needs is kept:
// no nationality, no status, no health data.
type Person struct {
	ID          string `gorm:"primaryKey"`
	HouseholdID string
	LastName    string
	FirstName   string
	NormLast    string
	NormFirst   string
	BirthDate   Date // zero when only the year is known
	BirthYear   *int
	Sex         Sex
	Relation    Relation
	Position    int
	LeftOn      Date // zero while the person is a member
	ToComplete  bool // created from a count: the first name is still to ask
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Visit is one distribution to a household.
type Visit struct {
	ID             string `gorm:"primaryKey"`
	HouseholdID    string
	SiteID         string
	At             time.Time
	Day            Date
	Kind           VisitKind
	PersonsServed  int
	WeightKg       *float64
	RecordedBy     string
	OverrideReason string
	CancelledAt    *time.Time
	CancelReason   string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Sex of a person, as the person states it; empty when not given.
type Sex string

const (
	SexFemale Sex = "F"
	SexMale   Sex = "M"
	SexOther  Sex = "X"
)

// Sexes lists the values offered in forms, unknown first.
var Sexes = []Sex{"", SexFemale, SexMale, SexOther}

// Relation of a member to the household's applicant.
type Relation string

const (
	RelationApplicant Relation = "applicant"
	RelationPartner   Relation = "partner"
	RelationChild     Relation = "child"
	RelationParent    Relation = "parent"
	RelationOther     Relation = "other"
)

// Relations lists the values offered in forms.
var Relations = []Relation{RelationApplicant, RelationPartner, RelationChild, RelationParent, RelationOther}

// Referral is who sent the household to the association.
type Referral string

const (
	ReferralCCAS         Referral = "ccas"
	ReferralSocialWorker Referral = "social_worker"
	ReferralAssociation  Referral = "association"
	ReferralSelf         Referral = "self"
	ReferralOther        Referral = "other"
)

// Referrals lists the values offered in forms.
var Referrals = []Referral{ReferralCCAS, ReferralSocialWorker, ReferralAssociation, ReferralSelf, ReferralOther}

// VisitKind is what was given.
type VisitKind string

const (
	KindFoodParcel    VisitKind = "food_parcel"
	KindSocialGrocery VisitKind = "social_grocery"
	KindMeal          VisitKind = "meal"
	KindBabyKit       VisitKind = "baby_kit"
	KindOther         VisitKind = "other"
)

// VisitKinds lists the kinds offered at check-in, the usual one first.
var VisitKinds = []VisitKind{KindFoodParcel, KindSocialGrocery, KindMeal, KindBabyKit, KindOther}

// Quartiers of Roubaix, offered as suggestions (an association may type another).
var Quartiers = []string{
	"Alma", "Barbieux", "Centre", "Cul-de-Four", "Entrepont", "Épeule", "Faubourg de Lannoy",
	"Fosse-aux-Chênes", "Fresnoy-Mackellerie", "Hauts-Champs", "Hommelet", "Justice",
	"Moulin", "Nations-Unies", "Nouveau-Roubaix", "Pile", "Potennerie", "Sainte-Élisabeth",
	"Sartel-Carihem", "Trois-Ponts", "Vauban", "Armentières", "Oran", "Édouard-Vaillant",
}

// Table names are fixed by the migrations, not guessed by gorm.
func (Settings) TableName() string  { return "settings" }
func (Site) TableName() string      { return "sites" }
func (Household) TableName() string { return "households" }
func (Person) TableName() string    { return "persons" }
func (Visit) TableName() string     { return "visits" }
