package ui

import (
	"errors"
	"fmt"
	"strings"

	"entraide/storage"

	"fyne.io/fyne/v2/lang"
)

// describeError says in plain words what happened and what to do.
func describeError(err error) string {
	var ve *storage.ValidationError
	var re *storage.RuleError
	var replaced *storage.CardReplacedError
	err = storage.Classify(err)
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ve):
		return describeProblem(ve)
	case errors.As(err, &re):
		return describeViolations(re.Violations)
	case errors.Is(err, storage.ErrInvalidCard):
		return lang.L("Invalid card number: a digit is wrong or missing. Check the number on the card.")
	case errors.As(err, &replaced):
		return lang.L("Card {{.Card}} was replaced on {{.Day}} by card {{.New}}: nothing was recorded. Use the new card (search by name if the person does not have it).",
			map[string]any{"Card": replaced.Card, "Day": replaced.On.French(), "New": replaced.NewCard})
	case errors.Is(err, storage.ErrCardNotFound):
		return lang.L("No household has this card. Check the number, or search by name.")
	case errors.Is(err, storage.ErrNotDatabase):
		return lang.L("The data file is not an Entraide database. Choose another data folder or restore a backup.")
	case errors.Is(err, storage.ErrFolderNotWritable):
		return lang.L("Entraide cannot write in its data folder. Check that the folder (or USB key) is not read-only, then start again.")
	case errors.Is(err, storage.ErrWrongPassphrase):
		return lang.L("The passphrase does not open this backup: check capitals and accents.")
	case errors.Is(err, storage.ErrDiskFull):
		return lang.L("The disk (or USB key) holding the data is full: this last action was not recorded, the earlier ones are safe. Free some space, then do it again.")
	case errors.Is(err, storage.ErrNotAllowed):
		return lang.L("Only a manager can do this. Ask a manager to log in (Ctrl+L locks the window so that they can).")
	case errors.Is(err, storage.ErrCannotWrite):
		return lang.L("The data can no longer be written (USB key pulled out, or the disk switched to read-only after a fault): this last action was not recorded, the earlier ones are safe. Close Entraide, check the disk or put the key back, then start again.")
	case errors.Is(err, storage.ErrInUse):
		return lang.L("Entraide is already open on this computer with these data (maybe in another window, or entraidectl). Use that window, or close it and start again.")
	case errors.Is(err, storage.ErrDamaged):
		return lang.L("The data file is damaged (a disk fault or a power cut during a write). Nothing was changed in it. Call the manager: a backup can be restored.")
	case errors.Is(err, storage.ErrNewerDatabase):
		return lang.L("These data come from a newer version of Entraide: update Entraide.")
	case errors.Is(err, storage.ErrNotFound):
		return lang.L("This record no longer exists; it may have been changed meanwhile. Search again.")
	}
	return lang.L("Something went wrong: {{.Err}}. Try again; if it goes on, write this message down for the manager.",
		map[string]any{"Err": err.Error()})
}

func describeProblem(ve *storage.ValidationError) string {
	data := map[string]any{"Member": ve.Member, "Value": ve.Value}
	switch ve.Problem {
	case storage.ProblemEmptyName:
		if ve.Field == "title" {
			return lang.L("An agenda point needs a title.")
		}
		if ve.Field == "first_name" {
			return lang.L("The first name of person {{.Member}} is empty: type it.", data)
		}
		return lang.L("The last name of person {{.Member}} is empty: type it.", data)
	case storage.ProblemNoMembers:
		return lang.L("Add at least one person to the household.")
	case storage.ProblemBirthInFuture:
		return lang.L("The birth date of person {{.Member}} ({{.Value}}) is in the future: check it.", data)
	case storage.ProblemBirthBefore1900:
		return lang.L("The birth year of person {{.Member}} ({{.Value}}) is before 1900: check it.", data)
	case storage.ProblemBirthMismatch:
		return lang.L("The birth date and year of person {{.Member}} do not agree: check them.", data)
	case storage.ProblemEmptySiteName:
		return lang.L("The distribution site needs a name.")
	case storage.ProblemEmptyAssocName:
		return lang.L("The association needs a name.")
	case storage.ProblemBadRule:
		return lang.L("A visit rule is out of range: days between visits 0 to 365, visits per month 0 to 31, registration length 1 to 120 months.")
	case storage.ProblemShortPIN:
		return lang.L("Choose a PIN of at least 4 digits.")
	case storage.ProblemMeetingCancelled:
		return lang.L("This meeting is cancelled: plan another one instead.")
	case storage.ProblemEmptyReason:
		if ve.Field == "override_reason" {
			return lang.L("Another association than the one the rule proposes hosts this meeting: say why in “Reason”.")
		}
		return lang.L("Type a reason first, then press Enter.")
	case storage.ProblemBadHours:
		if ve.Field == "start" {
			return lang.L("Type the start as hours and minutes, e.g. 14:00.")
		}
	case storage.ProblemEligibility:
		return lang.L("The end of registration is before the registration date: check the dates.")
	}
	return lang.L("A value is not accepted ({{.Value}}): check the form.", data)
}

// describeViolations lists broken visit rules, one sentence each.
func describeViolations(violations []storage.Violation) string {
	lines := make([]string, len(violations))
	for i, v := range violations {
		lines[i] = describeViolation(v)
	}
	return strings.Join(lines, "\n")
}

func describeViolation(v storage.Violation) string {
	switch v.Rule {
	case storage.RuleMinInterval:
		data := map[string]any{"Count": v.DaysSince, "Date": v.LastVisit.French(), "Min": v.MinDays}
		if v.DaysSince == 0 {
			return lang.L("Already served today ({{.Date}}): the rule is one visit every {{.Min}} days.", data)
		}
		return lang.N("Already served {{.Count}} day ago ({{.Date}}): the rule is one visit every {{.Min}} days.", v.DaysSince, data)
	case storage.RuleMonthlyMax:
		return lang.N("Already {{.Count}} visit this month: the maximum is {{.Max}} a month.", v.VisitsInMonth,
			map[string]any{"Count": v.VisitsInMonth, "Max": v.MaxPerMonth})
	case storage.RuleEligibility:
		return lang.L("Registration ended on {{.Date}}: renew it in the household's file.",
			map[string]any{"Date": v.EligibleUntil.French()})
	case storage.RuleArchived:
		return lang.L("This household is archived.")
	}
	return fmt.Sprint(v.Rule)
}
