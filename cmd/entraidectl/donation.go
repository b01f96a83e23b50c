package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"entraide/storage"
	"entraide/sync/donation"
)

// exclusions collects --exclude NAME=REASON given several times.
type exclusions map[string]string

func (e exclusions) String() string { return fmt.Sprint(map[string]string(e)) }
func (e exclusions) Set(v string) error {
	name, reason, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(name) == "" || strings.TrimSpace(reason) == "" {
		return errors.New("expected NAME=REASON")
	}
	e[strings.TrimSpace(name)] = strings.TrimSpace(reason)
	return nil
}

// cmdDonation shares a donation of the CCAS among the associations ("split") or lists
// those shared ("list").
func cmdDonation(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) > 0 && args[0] == "list" {
		fs := flag.NewFlagSet("donation list", flag.ContinueOnError)
		data := fs.String("data", "", "data folder")
		if err := noFlagsLeft(fs, args[1:]); err != nil {
			return err
		}
		s, err := openReader(ctx, *data)
		if err != nil {
			return err
		}
		defer s.Close()
		list, err := s.Donations(ctx)
		if err != nil {
			return err
		}
		for _, d := range list {
			t, err := donation.Saved(d)
			if err != nil {
				return err
			}
			if err := writeJSON(stdout, map[string]any{"id": d.ID, "name": d.Name, "created_at": d.CreatedAt, "table": t}); err != nil {
				return err
			}
		}
		return nil
	}
	if len(args) == 0 || args[0] != "split" {
		return usageError{"donation split|list"}
	}
	fs := flag.NewFlagSet("donation split", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	quantity := fs.Int("quantity", 0, "how much to share (whole units)")
	basisFlag := fs.String("basis", string(donation.BasisPersons), "infants|persons|households|visits")
	months := fs.Int("months", 3, "the months of reports the need is summed over (1, 3 or 6)")
	last := fs.String("last-month", "", "the last month counted, YYYY-MM (default: last month)")
	floor := fs.Int("floor", 0, "given first to each association with a need")
	cap := fs.Int("cap", 0, "the most one association receives (0: no cap)")
	methodFlag := fs.String("method", string(donation.Hamilton), "hamilton|sainte-lague")
	unit := fs.String("unit", "", "the unit: paquets, euros, kg…")
	pickup := fs.String("pickup", "", "where and when the associations collect it")
	save := fs.String("save", "", "keep the table under this name")
	showAll := fs.Bool("show-all", false, "every association sees the whole table in the directory file (else only its own line)")
	excluded := exclusions{}
	fs.Var(excluded, "exclude", "NAME=REASON: an association left out (repeat for several)")
	if err := noFlagsLeft(fs, args[1:]); err != nil {
		return err
	}
	basis, ok := donation.ParseBasis(*basisFlag)
	if !ok {
		return usageError{fmt.Sprintf("--basis %q: infants, persons, households or visits", *basisFlag)}
	}
	method, ok := donation.ParseMethod(*methodFlag)
	if !ok {
		return usageError{fmt.Sprintf("--method %q: hamilton or sainte-lague", *methodFlag)}
	}
	if *quantity <= 0 || *months < 1 || *months > 24 || *floor < 0 || *cap < 0 {
		return usageError{"--quantity N (at least 1) and --months 1 to 24 are required; --floor and --cap are not negative"}
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	lastMonth := storage.MonthOf(s.Today()).Add(-1)
	if *last != "" {
		if _, err := storage.MonthStart(*last); err != nil {
			return usageError{fmt.Sprintf("--last-month %q: expected YYYY-MM", *last)}
		}
		lastMonth = storage.Month(*last)
	}
	name := *save
	if name == "" {
		name = fmt.Sprintf("%d %s", *quantity, *unit)
	}
	t, err := donation.Compute(ctx, s, donation.Request{Name: name, Unit: *unit, Quantity: *quantity, Basis: basis, Months: *months,
		Last: lastMonth, Rules: donation.Rules{Method: method, Floor: *floor, Cap: *cap}, Excluded: excluded, Pickup: *pickup, ShownToAll: *showAll})
	if err != nil {
		return err
	}
	if *save != "" {
		if _, err := donation.Save(ctx, s, t, "entraidectl"); err != nil {
			return err
		}
	}
	return writeJSON(stdout, t)
}
