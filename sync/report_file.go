package sync

import (
	"errors"
	"fmt"

	"entraide/storage"
)

// ReadReport checks a report file against the network, without the database: envelope,
// signature, kind, network, month, and that every count is sound.
func ReadReport(data []byte, networkID string, today storage.Date) (Report, error) {
	env, _, err := OpenEnvelope(data)
	if err != nil {
		return Report{}, err
	}
	return readReport(env, networkID, today)
}

// readReport checks an opened envelope as a report.
func readReport(env Envelope, networkID string, today storage.Date) (Report, error) {
	if env.Format != FormatMonthlyReport {
		return Report{}, refuse(ReasonWrongFormat, "%s, not a monthly report", env.Format)
	}
	var r Report
	if err := decodePayload(env, &r); err != nil {
		return r, err
	}
	if r.NetworkID != networkID {
		return r, refuse(ReasonOtherNetwork, "")
	}
	if r.AssociationID == "" || r.AssociationID != env.SignerID {
		return r, refuse(ReasonMalformed, "signer and association differ")
	}
	first, err := ParseMonth(r.Month)
	if err != nil {
		return r, refuse(ReasonMalformed, "%v", err)
	}
	if !first.Before(today.FirstOfMonth()) {
		return r, refuse(ReasonFutureMonth, "%s", r.Month)
	}
	if err := r.check(); err != nil {
		return r, refuse(ReasonMalformed, "%v", err)
	}
	return r, nil
}

// check refuses counts that cannot be: negative, or margins that do not add up.
func (r Report) check() error {
	for name, n := range map[string]int{"households_served": r.HouseholdsServed, "persons_served": r.PersonsServed,
		"visits": r.Visits, "new_households": r.NewHouseholds, "active_households": r.ActiveHouseholds,
		"persons_without_birth_date": r.PersonsWithoutBirthDate, "persons_without_birth_year": r.PersonsWithoutBirthYear} {
		if n < 0 {
			return fmt.Errorf("%s is negative", name)
		}
	}
	if r.WeightKg < 0 || r.SmallCellK < 2 {
		return errors.New("weight or small-cell threshold out of range")
	}
	for _, name := range []string{MarginAge, MarginSex, MarginHouseholdType, MarginQuartier, MarginReferral, MarginVisitKind} {
		m, ok := r.Margins[name]
		if !ok {
			return fmt.Errorf("margin %s is missing", name)
		}
		if m.Visible() > m.Total {
			return fmt.Errorf("margin %s: cells exceed the total", name)
		}
	}
	for _, part := range []*UniquePart{r.Unique, r.UniqueByYear} {
		if part == nil {
			continue
		}
		if part.Sketch == nil {
			return errors.New("unique part without a sketch")
		}
		if err := part.Sketch.Valid(); err != nil {
			return err
		}
	}
	return nil
}
