package storage

import (
	"errors"
	"fmt"
)

// ErrNotSetUp: the association has not been set up yet (first start).
var ErrNotSetUp = errors.New("the association is not set up yet")

// ErrAlreadySetUp: setup was asked on a database that already has an association.
var ErrAlreadySetUp = errors.New("the association is already set up")

// ErrNotFound: the record asked for does not exist.
var ErrNotFound = errors.New("not found")

// Problem codes of a ValidationError; the GUI turns each into a plain French sentence.
const (
	ProblemEmptyName       = "empty_name"
	ProblemNoMembers       = "no_members"
	ProblemBirthInFuture   = "birth_in_future"
	ProblemBirthBefore1900 = "birth_before_1900"
	ProblemBirthMismatch   = "birth_year_mismatch"
	ProblemEmptySiteName   = "empty_site_name"
	ProblemEmptyAssocName  = "empty_association_name"
	ProblemBadRule         = "bad_rule"
	ProblemDuplicate       = "possible_duplicate"
	ProblemEmptyReason     = "empty_reason"
	ProblemUnknownValue    = "unknown_value"
	ProblemEligibility     = "eligibility_before_registration"
	ProblemBadHours        = "bad_opening_hours"
	ProblemBadClosure      = "bad_closure"
	ProblemShortPIN        = "short_pin"
)

// ValidationError says which field of a form is wrong, and why, before anything is written.
type ValidationError struct {
	Problem string
	Field   string // e.g. "last_name"
	Member  int    // 1-based member row, 0 for household fields
	Value   string
}

func (e *ValidationError) Error() string {
	where := e.Field
	if e.Member > 0 {
		where = fmt.Sprintf("member %d %s", e.Member, e.Field)
	}
	if e.Value != "" {
		return fmt.Sprintf("%s: %s (%q)", where, e.Problem, e.Value)
	}
	return fmt.Sprintf("%s: %s", where, e.Problem)
}
