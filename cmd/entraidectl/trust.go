package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"entraide/storage"
	"entraide/sync/printout"
	"entraide/sync/report"
)

func cmdPurge(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("purge", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	months := fs.Int("inactive-months", storage.DefaultRetentionMonths, "delete households without contact for this many months")
	card := fs.String("card", "", "erase this household now (the person asked)")
	yes := fs.Bool("yes", false, "delete them (without it, only list them)")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	if *months < 1 {
		return usageError{"--inactive-months must be at least 1"}
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	if *card != "" {
		return eraseOne(ctx, s, *card, *yes, stdout)
	}
	inactive, err := s.InactiveHouseholds(ctx, *months)
	if err != nil {
		return err
	}
	if !*yes {
		cards := make([]string, len(inactive))
		for i, h := range inactive {
			cards[i] = h.Card
		}
		return writeJSON(stdout, map[string]any{"inactive_households": len(inactive), "cards": cards, "deleted": 0})
	}
	ids := make([]string, len(inactive))
	for i, h := range inactive {
		ids[i] = h.ID
	}
	n, err := report.PurgeHouseholds(ctx, s, ids, "entraidectl", storage.AuditPurge)
	if err != nil {
		return err
	}
	return writeJSON(stdout, map[string]any{"inactive_households": len(inactive), "deleted": n})
}

// eraseOne is the right to erasure: one household's identity goes now.
func eraseOne(ctx context.Context, s *storage.Store, card string, yes bool, stdout io.Writer) error {
	id, err := s.HouseholdIDByCard(ctx, card)
	if err != nil {
		return err
	}
	if !yes {
		return writeJSON(stdout, map[string]any{"cards": []string{card}, "deleted": 0})
	}
	n, err := report.PurgeHouseholds(ctx, s, []string{id}, "entraidectl", storage.AuditErase)
	if err != nil {
		return err
	}
	return writeJSON(stdout, map[string]any{"cards": []string{card}, "deleted": n})
}

func cmdAccess(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("access", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	card := fs.String("card", "", "the household's card")
	out := fs.String("out", "", "FILE.pdf or FILE.json")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if *card == "" || (ext != ".pdf" && ext != ".json") {
		return usageError{"--card and --out FILE.pdf or FILE.json are required"}
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	id, err := s.HouseholdIDByCard(ctx, *card)
	if err != nil {
		return err
	}
	content, rec, err := printout.AccessExport(ctx, s, id, strings.TrimPrefix(ext, "."), "entraidectl")
	if err != nil {
		return err
	}
	if err := writeNewFile(*out, content); err != nil {
		return err
	}
	return writeJSON(stdout, map[string]any{"file": *out, "members": len(rec.Members), "visits": len(rec.Visits)})
}

func cmdAudit(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("audit", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	since := fs.String("since", "", "from this day, YYYY-MM-DD")
	action := fs.String("action", "", "only this action")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	var from time.Time
	if *since != "" {
		d, err := storage.ParseDate(*since)
		if err != nil {
			return usageError{fmt.Sprintf("--since: %v", err)}
		}
		from = d.Time()
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	list, err := s.AuditTrail(ctx, from, *action)
	if err != nil {
		return err
	}
	for _, e := range list {
		if err := writeJSON(stdout, e); err != nil {
			return err
		}
	}
	return nil
}

func cmdUser(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{"user needs add, list or disable"}
	}
	fs := flag.NewFlagSet("user "+args[0], flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	name := fs.String("name", "", "the person's name")
	role := fs.String("role", storage.RoleVolunteer, "volunteer, manager or coordinator")
	if err := noFlagsLeft(fs, args[1:]); err != nil {
		return err
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	switch args[0] {
	case "add":
		if *name == "" {
			return usageError{"--name is required"}
		}
		pin, err := readSecret(stdin)
		if err != nil {
			return err
		}
		u, err := s.AddUser(ctx, *name, *role, pin)
		if err != nil {
			return err
		}
		return writeJSON(stdout, map[string]string{"id": u.ID, "name": u.Name, "role": u.Role})
	case "list":
		users, err := s.Users(ctx)
		if err != nil {
			return err
		}
		for _, u := range users {
			if err := writeJSON(stdout, map[string]string{"id": u.ID, "name": u.Name, "role": u.Role}); err != nil {
				return err
			}
		}
		return nil
	case "disable":
		users, err := s.Users(ctx)
		if err != nil {
			return err
		}
		for _, u := range users {
			if strings.EqualFold(u.Name, *name) {
				if err := s.DisableUser(ctx, u.ID); err != nil {
					return err
				}
				return writeJSON(stdout, map[string]string{"disabled": u.Name})
			}
		}
		return fmt.Errorf("no open account is named %q", *name)
	}
	return usageError{fmt.Sprintf("user %q: expected add, list or disable", args[0])}
}
