package ui

import (
	"entraide/storage"

	"fyne.io/fyne/v2/lang"
)

// Words shown for the stored codes.

func sexLabel(s storage.Sex) string {
	switch s {
	case storage.SexFemale:
		return lang.L("Woman")
	case storage.SexMale:
		return lang.L("Man")
	case storage.SexOther:
		return lang.L("Something else")
	}
	return lang.L("Not given")
}

func relationLabel(r storage.Relation) string {
	switch r {
	case storage.RelationApplicant:
		return lang.L("Applicant")
	case storage.RelationPartner:
		return lang.L("Partner")
	case storage.RelationChild:
		return lang.L("Child")
	case storage.RelationParent:
		return lang.L("Parent")
	case storage.RelationOther:
		return lang.L("Other relative")
	}
	return lang.L("Not given")
}

func referralLabel(r storage.Referral) string {
	switch r {
	case storage.ReferralCCAS:
		return lang.L("CCAS")
	case storage.ReferralSocialWorker:
		return lang.L("Social worker")
	case storage.ReferralAssociation:
		return lang.L("Another association")
	case storage.ReferralSelf:
		return lang.L("Came by themselves")
	case storage.ReferralOther:
		return lang.L("Something else")
	}
	return lang.L("Not given")
}

func kindLabel(k storage.VisitKind) string {
	switch k {
	case storage.KindFoodParcel:
		return lang.L("Food parcel")
	case storage.KindSocialGrocery:
		return lang.L("Social grocery")
	case storage.KindMeal:
		return lang.L("Meal")
	case storage.KindBabyKit:
		return lang.L("Baby kit")
	case storage.KindOther:
		return lang.L("Something else")
	}
	return string(k)
}

// choice maps a Select's labels to stored codes and back.
type choice[T comparable] struct {
	values []T
	labels []string
}

func newChoice[T comparable](values []T, label func(T) string) choice[T] {
	c := choice[T]{values: values}
	for _, v := range values {
		c.labels = append(c.labels, label(v))
	}
	return c
}

func (c choice[T]) label(v T) string {
	for i, x := range c.values {
		if x == v {
			return c.labels[i]
		}
	}
	return ""
}

func (c choice[T]) value(label string) T {
	for i, l := range c.labels {
		if l == label {
			return c.values[i]
		}
	}
	var zero T
	return zero
}

// listingPartLabel names a part of a listing (the JSON field the directory compares).
func listingPartLabel(field string) string {
	if label, ok := map[string]string{"name": lang.L("name"), "description": lang.L("short description"),
		"sites": lang.L("places and hours"), "referents": lang.L("referents"), "activities": lang.L("activities"),
		"access": lang.L("access"), "access_details": lang.L("access details"), "documents": lang.L("documents"),
		"publics": lang.L("publics"), "languages": lang.L("languages"), "accessibility": lang.L("accessibility")}[field]; ok {
		return label
	}
	return field
}

// auditLabel names an action of the audit trail.
func auditLabel(action string) string {
	if label, ok := map[string]string{storage.AuditLoginFailure: lang.L("wrong PIN"), storage.AuditReportSaved: lang.L("report saved"),
		storage.AuditImport: lang.L("files imported"), storage.AuditExport: lang.L("export"),
		storage.AuditAccessExport: lang.L("a household's data given"), storage.AuditPurge: lang.L("households deleted (two-year rule)"),
		storage.AuditErase: lang.L("household erased on request"), storage.AuditUsers: lang.L("accounts"),
		storage.AuditSettings: lang.L("settings changed"), storage.AuditBackup: lang.L("backup"), storage.AuditRestore: lang.L("backup restored")}[action]; ok {
		return label
	}
	return action
}
