package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"entraide/storage"
	"entraide/sync/directory"
	"entraide/sync/envelope"
	"entraide/sync/exchange"
	"entraide/sync/report"
)

// noFlagsLeft parses flags and refuses positional arguments.
func noFlagsLeft(fs *flag.FlagSet, args []string) error {
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", rest[0])}
	}
	return nil
}

// writeNewFile writes a file that must not exist yet, so nothing is overwritten by mistake.
func writeNewFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Close()
}

func cmdInvite(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("invite", flag.ContinueOnError)
	data := fs.String("data", "", "CCAS data folder")
	name := fs.String("association", "", "association name")
	out := fs.String("out", "", "invitation file to write")
	from := fs.String("from", "", "first month whose reports are taken, YYYY-MM (default: last month)")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	if *name == "" || *out == "" {
		return usageError{"--association and --out are required"}
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	file, m, err := exchange.Invite(ctx, s, *name, *from)
	if err != nil {
		return err
	}
	if err := writeNewFile(*out, file); err != nil {
		return err
	}
	return writeJSON(stdout, map[string]string{"file": *out, "association": m.Name, "association_id": m.ID, "valid_from": m.ValidFrom})
}

func cmdJoin(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("join", flag.ContinueOnError)
	data := fs.String("data", "", "association data folder")
	path := fs.String("invitation", "", "invitation file")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	if *path == "" {
		return usageError{"--invitation is required"}
	}
	content, err := os.ReadFile(*path)
	if err != nil {
		return fmt.Errorf("reading %s: %w", *path, err)
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	inv, err := exchange.Join(ctx, s, content)
	if err != nil {
		return err
	}
	return writeJSON(stdout, map[string]any{"network": inv.NetworkName, "association": inv.AssociationName,
		"ccas_key_fingerprint": envelope.Fingerprint(ccasKey(ctx, s)), "small_cell_k": inv.SmallCellK})
}

func ccasKey(ctx context.Context, s *storage.Store) []byte {
	m, err := s.Membership(ctx)
	if err != nil {
		return nil
	}
	return m.CCASPublicKey
}

func cmdPassphrase(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("passphrase", flag.ContinueOnError)
	data := fs.String("data", "", "association data folder")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("reading the passphrase: %w", err)
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	fp, err := exchange.SetPassphrase(ctx, s, strings.TrimSpace(line))
	if err != nil {
		return err
	}
	return writeJSON(stdout, map[string]string{"key_fingerprint": fp})
}

func cmdReport(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	data := fs.String("data", "", "association data folder")
	month := fs.String("month", "", "month, YYYY-MM")
	out := fs.String("out", "", "report file to write")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	if *month == "" || *out == "" {
		return usageError{"--month and --out are required"}
	}
	if _, err := storage.MonthStart(*month); err != nil {
		return usageError{err.Error()}
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	file, r, err := report.MonthlyReport(ctx, s, *month)
	if err != nil {
		return err
	}
	if err := writeNewFile(*out, file); err != nil {
		return err
	}
	if err := s.RecordSentReport(ctx, *month, *out); err != nil {
		return err
	}
	return writeJSON(stdout, map[string]any{"file": *out, "month": r.Month, "households_served": r.HouseholdsServed,
		"persons_served": r.PersonsServed, "visits": r.Visits, "sketch": r.Unique != nil})
}

func cmdImport(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	data := fs.String("data", "", "CCAS data folder")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usageError{"FILE or FOLDER is missing"}
	}
	files, err := exchange.ReportFiles(paths)
	if err != nil {
		return err
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	refused := 0
	for _, v := range exchange.ImportFiles(ctx, s, files, nil) {
		if !v.Accepted {
			refused++
		}
		if err := writeJSON(stdout, v); err != nil {
			return err
		}
	}
	if refused > 0 {
		return fmt.Errorf("%d of %d file(s) refused, see their reasons", refused, len(files))
	}
	return nil
}

func cmdNetwork(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("network", flag.ContinueOnError)
	data := fs.String("data", "", "CCAS data folder")
	month := fs.String("month", "", "one month, YYYY-MM (default: last month)")
	year := fs.String("year", "", "a calendar year, YYYY")
	out := fs.String("out", "", "also write the figures as a spreadsheet: FILE.csv or FILE.xlsx")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	if *out != "" && format != "csv" && format != "xlsx" {
		return usageError{"--out must end in .csv or .xlsx"}
	}
	from, to := *month, *month
	switch {
	case *month != "" && *year != "":
		return usageError{"give --month or --year, not both"}
	case *year != "":
		if _, err := storage.MonthStart(*year + "-01"); err != nil || len(*year) != 4 {
			return usageError{fmt.Sprintf("--year %q: expected YYYY", *year)}
		}
		from, to = *year+"-01", *year+"-12"
	case *month == "":
		from = storage.MonthOf(storage.DateOf(time.Now()).FirstOfMonth().AddMonths(-1)).String()
		to = from
	default:
		if _, err := storage.MonthStart(*month); err != nil {
			return usageError{err.Error()}
		}
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	f, err := report.Figures(ctx, s, from, to)
	if err != nil {
		return err
	}
	if *out != "" {
		content, err := report.ExportFigures(ctx, s, f, format, "entraidectl")
		if err != nil {
			return err
		}
		if err := writeNewFile(*out, content); err != nil {
			return err
		}
	}
	return writeJSON(stdout, f)
}

func cmdListing(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("listing", flag.ContinueOnError)
	data := fs.String("data", "", "association data folder")
	out := fs.String("out", "", "listing file to write")
	room := fs.Int("room", -1, "seats of the room lent for the network's meetings (0: none lent)")
	accessible := fs.Bool("accessible", false, "with --room: the room is wheelchair accessible")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	if *out == "" || *room > 500 || (*accessible && *room <= 0) {
		return usageError{"--out is required; --room between 0 and 500 seats, --accessible only with a room"}
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	if *room >= 0 { // the listing says so before it is signed
		l, err := s.Listing(ctx)
		if err != nil {
			return err
		}
		l.MeetingRoom = nil
		if *room > 0 {
			l.MeetingRoom = &storage.MeetingRoom{Capacity: *room, Accessible: *accessible}
		}
		if _, err := s.SaveListing(ctx, l); err != nil {
			return err
		}
	}
	file, err := directory.SignedListing(ctx, s)
	if err != nil {
		return err
	}
	if err := writeNewFile(*out, file); err != nil {
		return err
	}
	return writeJSON(stdout, map[string]string{"file": *out})
}
