package report

import (
	"errors"
	"fmt"

	"entraide/storage"
	"entraide/sync/envelope"
)

// ReadReport checks a report file against the network, without the database: envelope,
// signature, kind, network, month, and that every count is sound.
func ReadReport(data []byte, networkID string, today storage.Date) (Report, error) {
	env, _, err := envelope.Open(data)
	if err != nil {
		return Report{}, err
	}
	return OpenReport(env, networkID, today)
}

// openReport checks an opened envelope as a report.
func OpenReport(env envelope.Envelope, networkID string, today storage.Date) (Report, error) {
	if env.Format != envelope.FormatMonthlyReport {
		return Report{}, envelope.Refuse(envelope.ReasonWrongFormat, "%s, not a monthly report", env.Format)
	}
	var r Report
	if err := envelope.Decode(env, &r); err != nil {
		return r, err
	}
	if r.NetworkID != networkID {
		return r, envelope.Refuse(envelope.ReasonOtherNetwork, "")
	}
	if r.AssociationID == "" || r.AssociationID != env.SignerID {
		return r, envelope.Refuse(envelope.ReasonMalformed, "signer and association differ")
	}
	first, err := storage.MonthStart(r.Month)
	if err != nil {
		return r, envelope.Refuse(envelope.ReasonMalformed, "%v", err)
	}
	if !first.Before(today.FirstOfMonth()) {
		return r, envelope.Refuse(envelope.ReasonFutureMonth, "%s", r.Month)
	}
	if err := r.Check(); err != nil {
		return r, envelope.Refuse(envelope.ReasonMalformed, "%v", err)
	}
	return r, nil
}

// Check refuses counts that cannot be: negative, or margins that do not add up.
func (r Report) Check() error {
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
