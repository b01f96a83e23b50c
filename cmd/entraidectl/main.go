// Command entraidectl is Entraide's headless companion: set up a data folder, make demo
// data, read totals, search households and record check-ins without a display.
// It needs no cgo.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"entraide/storage"
	"entraide/storage/demo"
	"entraide/sync/donation"
)

// Exit codes.
const (
	exitOK      = 0
	exitError   = 1
	exitUsage   = 2
	exitRefused = 3
)

const usage = `usage: entraidectl COMMAND [options]

  init    --data DIR --name NAME [--site NAME] [--min-days N] [--max-per-month N] [--eligibility-months N]
  demo    --data DIR [--households N] [--months M] [--seed S] [--until YYYY-MM-DD]
  stats   --data DIR
  search  --data DIR [--limit N] QUERY
  checkin --data DIR --card CARD [--at RFC3339] [--override REASON] [--kind KIND] [--site NAME]
  check   --data DIR            (integrity, schema version, counts; exit 1 if damaged)
  backup  --data DIR [--out FILE] [--encrypt]   (passphrase on standard input)
  restore --data DIR FILE                       (the current database is kept aside)
  purge   --data DIR [--inactive-months 24] [--yes]   (lists, or with --yes deletes, households without contact)
  purge   --data DIR --card CARD [--yes]              (erases one household now, at the person's request)
  access  --data DIR --card CARD --out FILE.pdf|FILE.json   (everything held on a household)
  cards   --data DIR --out FILE.pdf [--card CARD]... [--registered-since YYYY-MM-DD]
                                (ten to an A4 page; every active household by default)
  card    replace --data DIR --card CARD   (a lost card: a new number; the old one is refused at check-in)
  households import --data DIR FILE [--sheet NAME] [--header-row N] [--map COLUMN=FIELD,...] [--dry-run]
                   (a former list, .xlsx/.ods/.csv: a JSON summary; exit 1 if nothing was imported
                    because of errors in the file)
  households visits --data DIR FILE [--sheet NAME] [--dry-run]
                   (a former list's history: Date, N° dossier or N° carte, Personnes)
  households export --data DIR --out FILE.xlsx|FILE.csv   (one row per person, French titles)
  audit   --data DIR [--since YYYY-MM-DD] [--action A]
  user    add --data DIR --name NAME [--role volunteer|manager|coordinator]   (PIN on standard input)
  user    list --data DIR | user disable --data DIR --name NAME

  init       --data DIR --name NAME --mode ccas [--network NAME] [--k 5]
  invite     --data CCASDIR --association NAME --out FILE [--from YYYY-MM]
  join       --data DIR --invitation FILE
  passphrase --data DIR              (reads the network passphrase on standard input)
  report     --data DIR --month YYYY-MM --out FILE
  listing    --data DIR --out FILE [--room SEATS [--accessible]]
                                      (the association's public listing, signed, for the CCAS;
                                       --room: it lends a room for the network's meetings)
  import     --data DIR FILE|FOLDER...   (CCAS: reports and listings; association: the directory;
                                        a JSON verdict per file; exit 1 if any refused)
  network    --data CCASDIR [--month YYYY-MM | --year YYYY] [--out FILE.csv|FILE.xlsx]
  donation split --data CCASDIR --quantity N [--show-all] [--basis infants|persons|households|visits] [--months 3]
                 [--last-month YYYY-MM] [--floor F] [--cap C] [--method hamilton|sainte-lague]
                 [--exclude NAME=REASON]... [--unit U] [--pickup TEXT] [--save NAME]
                 (the table as JSON: allocations with association, basis, share, quantity)
  donation list  --data CCASDIR
  meeting plan --data CCASDIR --year YYYY [--weekday tu] [--time 14:00] [--hours 2] [--save] [--out FILE.ics]
                 (one line per meeting: date, start, host, host_rule: among the associations whose
                  listing lends a room, never first, then the longest ago, never twice in a row;
                  public holidays and closures avoided; --save keeps them)
  meeting list --data CCASDIR | meeting show --data CCASDIR --id ID   (ID: the meeting's id or date)
  meeting host --data CCASDIR --id ID [--association NAME --reason R] [--date YYYY-MM-DD] [--time HH:MM]
  meeting agenda --data CCASDIR --id ID --add TITLE [--by WHO] [--minutes N] | --remove N
  meeting attend --data CCASDIR --id ID --association NAME --status present|excused|absent [--persons NAMES]
  meeting minutes --data CCASDIR --id ID --file TEXT   (lines beginning "Décision :" are decisions)
  meeting decision --data CCASDIR --id DECISION --done|--todo
  meeting cancel --data CCASDIR --id ID [--out FILE.ics]
  meeting ics --data CCASDIR --out FILE.ics --id ID | --year YYYY
  meeting print --data CCASDIR --id ID --kind convocation|attendance|minutes --out FILE.pdf
  directory publish --data CCASDIR --out FILE   (with the bulletin: meetings, donations)
  bulletin --data DIR   (an association: the meetings and its donation lines the last directory brought)
  directory export  --data DIR --format hsds|data-inclusion|osm|html|pdf --out PATH
  directory search  --data DIR [--activity A] [--open-at RFC3339] [--no-referral] [--free]
                    [--undocumented] [--quartier Q] [--language L] [--text WORDS]

Without --data, the folder is $ENTRAIDE_DATA, else entraide-data next to the program,
else the user's configuration folder. Exit codes: 0 done, 1 error, 2 usage, 3 refused by a rule.
`

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// usageError is a mistake in the command line itself.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	commands := map[string]func(context.Context, []string, io.Writer) error{
		"init": cmdInit, "demo": cmdDemo, "stats": cmdStats, "search": cmdSearch, "checkin": cmdCheckIn,
		"invite": cmdInvite, "join": cmdJoin, "listing": cmdListing, "directory": cmdDirectory, "check": cmdCheck, "purge": cmdPurge, "access": cmdAccess, "audit": cmdAudit, "cards": cmdCards, "card": cmdCard, "households": cmdHouseholds, "donation": cmdDonation, "meeting": cmdMeeting, "bulletin": cmdBulletin, "report": cmdReport, "import": cmdImport, "network": cmdNetwork,
		"passphrase": func(ctx context.Context, args []string, out io.Writer) error {
			return cmdPassphrase(ctx, args, os.Stdin, out)
		},
		"backup": func(ctx context.Context, args []string, out io.Writer) error {
			return cmdBackup(ctx, args, os.Stdin, out)
		},
		"restore": func(ctx context.Context, args []string, out io.Writer) error {
			return cmdRestore(ctx, args, os.Stdin, out)
		},
		"user": func(ctx context.Context, args []string, out io.Writer) error {
			return cmdUser(ctx, args, os.Stdin, out)
		},
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "entraidectl: unknown command %q\n\n%s", args[0], usage)
		return exitUsage
	}
	err := cmd(ctx, args[1:], stdout)
	var ue usageError
	var rule *storage.RuleError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue), errors.Is(err, flag.ErrHelp):
		fmt.Fprintf(stderr, "entraidectl %s: %v\n\n%s", args[0], err, usage)
		return exitUsage
	case errors.As(err, &rule):
		fmt.Fprintf(stderr, "entraidectl %s: %v (give --override REASON to record it anyway)\n", args[0], err)
		return exitRefused
	case errors.Is(err, storage.ErrCardReplaced):
		fmt.Fprintf(stderr, "entraidectl %s: %v: nothing was done, use the new card\n", args[0], err)
		return exitRefused
	default:
		fmt.Fprintf(stderr, "entraidectl %s: %s\n", args[0], explain(err))
		return exitError
	}
}

// explain adds what to do to the errors a user can fix.
func explain(err error) string {
	err = storage.Classify(err)
	var invalid *storage.ValidationError
	switch {
	case errors.As(err, &invalid) && invalid.Field == "override_reason":
		return fmt.Sprintf("%v: another host than the one the rule proposes needs a reason, give --reason", err)
	case errors.As(err, &invalid) && invalid.Problem == storage.ProblemMeetingCancelled:
		return fmt.Sprintf("%v: the meeting is cancelled, plan another one", err)
	case errors.Is(err, storage.ErrInvalidCard):
		return fmt.Sprintf("%v: a digit is wrong or missing, check the number on the card", err)
	case errors.Is(err, donation.ErrNoBasis):
		return fmt.Sprintf("%v: no report received for these months counts it; choose other months (--last-month, --months) or another --basis", err)
	case errors.Is(err, storage.ErrNoDatabase):
		return fmt.Sprintf("%v: run 'entraidectl init' first", err)
	case errors.Is(err, storage.ErrNotSetUp):
		return fmt.Sprintf("%v: run 'entraidectl init' first", err)
	case errors.Is(err, storage.ErrNotDatabase):
		return fmt.Sprintf("%v: choose another data folder or restore a backup", err)
	case errors.Is(err, storage.ErrNewerDatabase):
		return fmt.Sprintf("%v: update Entraide", err)
	case errors.Is(err, storage.ErrInUse):
		return fmt.Sprintf("%v: close it first (entraidectl and the window cannot use the same data at once)", err)
	case errors.Is(err, storage.ErrDamaged):
		return fmt.Sprintf("%v: nothing was written; restore a backup", err)
	case errors.Is(err, storage.ErrWrongPassphrase):
		return fmt.Sprintf("%v: check the passphrase (capitals, accents)", err)
	case errors.Is(err, storage.ErrDiskFull):
		return fmt.Sprintf("%v: nothing was written; free some space and run the command again", err)
	case errors.Is(err, storage.ErrCannotWrite):
		return fmt.Sprintf("%v: nothing more was written; check the disk or USB key, then run the command again", err)
	case errors.Is(err, storage.ErrNotJoined):
		return fmt.Sprintf("%v: import the CCAS's invitation first with 'entraidectl join'", err)
	case errors.Is(err, storage.ErrWrongMode):
		return fmt.Sprintf("%v: this command is for the other kind of installation (association or CCAS)", err)
	}
	return err.Error()
}

// parseFlags reads flags wherever they stand among the positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func openStore(ctx context.Context, dataFlag string, mustExist bool) (*storage.Store, error) {
	dir, err := storage.ResolveDataDir(dataFlag)
	if err != nil {
		return nil, err
	}
	return storage.Open(ctx, dir, storage.OpenOptions{MustExist: mustExist})
}

// openReader opens the data only to read: no integrity check to wait for (the commands
// that write run it), so that a search answers at once.
func openReader(ctx context.Context, dataFlag string) (*storage.Store, error) {
	dir, err := storage.ResolveDataDir(dataFlag)
	if err != nil {
		return nil, err
	}
	return storage.Open(ctx, dir, storage.OpenOptions{MustExist: true, ReadOnly: true})
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func cmdInit(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	name := fs.String("name", "", "association name (the CCAS's name with --mode ccas)")
	site := fs.String("site", "Lieu de distribution", "first distribution site")
	mode := fs.String("mode", string(storage.ModeAssociation), "association or ccas")
	network := fs.String("network", "", "network name (--mode ccas)")
	k := fs.Int("k", storage.DefaultSmallCellK, "small-cell threshold (--mode ccas)")
	in := storage.DefaultSetup("", "")
	fs.IntVar(&in.MinDaysBetweenVisits, "min-days", in.MinDaysBetweenVisits, "minimum days between two visits")
	fs.IntVar(&in.MaxVisitsPerMonth, "max-per-month", 0, "maximum visits per calendar month (0: none)")
	fs.IntVar(&in.EligibilityMonths, "eligibility-months", in.EligibilityMonths, "eligibility length in months")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*name) == "" {
		return usageError{"--name is required"}
	}
	if *mode != string(storage.ModeAssociation) && *mode != string(storage.ModeCCAS) {
		return usageError{"--mode must be association or ccas"}
	}
	dir, err := storage.ResolveDataDir(*data)
	if err != nil {
		return err
	}
	if _, err := os.Stat(dir + string(os.PathSeparator) + storage.DatabaseFile); err == nil {
		return fmt.Errorf("%s already holds an Entraide database: nothing was changed", dir)
	}
	s, err := storage.Open(ctx, dir, storage.OpenOptions{})
	if err != nil {
		return err
	}
	defer s.Close()
	if *mode == string(storage.ModeCCAS) {
		err = s.SetupCCAS(ctx, storage.CCASSetupInput{Name: *name, NetworkName: *network, SmallCellK: *k})
	} else {
		in.AssociationName, in.SiteName = *name, *site
		err = s.Setup(ctx, in)
	}
	if err != nil {
		return fmt.Errorf("setting up %s: %w", dir, err)
	}
	return writeJSON(stdout, map[string]string{"data": dir, "association": strings.TrimSpace(*name), "mode": *mode})
}

func cmdDemo(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	var opts demo.Options
	fs.IntVar(&opts.Households, "households", 300, "number of households")
	fs.IntVar(&opts.Months, "months", 12, "months of visits")
	fs.Uint64Var(&opts.Seed, "seed", 1, "random seed")
	until := fs.String("until", "", "last day with visits (default today)")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	if opts.Households <= 0 || opts.Households > 200_000 || opts.Months <= 0 || opts.Months > 120 {
		return usageError{"--households must be 1..200000 and --months 1..120"}
	}
	if *until != "" {
		d, err := storage.ParseDate(*until)
		if err != nil {
			return usageError{err.Error()}
		}
		opts.Until = d
	}
	s, err := openStore(ctx, *data, false)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := demo.Generate(ctx, s, opts)
	if err != nil {
		return err
	}
	return writeJSON(stdout, res)
}

func cmdStats(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	s, err := openReader(ctx, *data)
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		return err
	}
	return writeJSON(stdout, st)
}

// searchLine is one line of `entraidectl search`.
type searchLine struct {
	Card          string   `json:"card"`
	HouseholdID   string   `json:"household_id"`
	Members       []string `json:"members"`
	LastVisit     string   `json:"last_visit,omitempty"`
	EligibleUntil string   `json:"eligible_until"`
	Archived      bool     `json:"archived"`
	OldNumber     string   `json:"old_number,omitempty"`
}

func cmdSearch(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	limit := fs.Int("limit", 20, "maximum results")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return usageError{"QUERY is missing"}
	}
	s, err := openReader(ctx, *data)
	if err != nil {
		return err
	}
	defer s.Close()
	results, err := s.Search(ctx, strings.Join(rest, " "), *limit)
	if err != nil {
		return err
	}
	for _, r := range results {
		line := searchLine{Card: r.Card, HouseholdID: r.HouseholdID, Members: r.Members,
			EligibleUntil: r.EligibleUntil.String(), Archived: r.Archived, OldNumber: r.OldNumber}
		if r.LastVisit != nil {
			line.LastVisit = r.LastVisit.In(storage.Paris).Format(time.RFC3339)
		}
		if err := writeJSON(stdout, line); err != nil {
			return err
		}
	}
	return nil
}

func cmdCheckIn(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("checkin", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	card := fs.String("card", "", "card number")
	at := fs.String("at", "", "time of the visit, RFC3339 (default now)")
	override := fs.String("override", "", "reason to record despite a broken rule")
	kind := fs.String("kind", string(storage.KindFoodParcel), "food_parcel, social_grocery, meal, baby_kit or other")
	siteName := fs.String("site", "", "distribution site name (default the first one)")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	if *card == "" {
		return usageError{"--card is required"}
	}
	req := storage.CheckInRequest{Kind: storage.VisitKind(*kind), OverrideReason: *override, RecordedBy: "entraidectl"}
	if *at != "" {
		t, err := time.Parse(time.RFC3339, *at)
		if err != nil {
			return usageError{fmt.Sprintf("--at %q: expected a time like 2026-11-23T10:30:00+01:00", *at)}
		}
		req.At = t
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	if *siteName != "" {
		sites, err := s.Sites(ctx, false)
		if err != nil {
			return err
		}
		for _, site := range sites {
			if strings.EqualFold(site.Name, strings.TrimSpace(*siteName)) {
				req.SiteID = site.ID
			}
		}
		if req.SiteID == "" {
			return fmt.Errorf("no open site is named %q", *siteName)
		}
	}
	if req.HouseholdID, err = s.HouseholdIDByCard(ctx, *card); err != nil {
		return err
	}
	v, err := s.CheckIn(ctx, req)
	if err != nil {
		return err
	}
	h, err := s.Household(ctx, req.HouseholdID)
	if err != nil {
		return err
	}
	// The household's card, which differs from the number typed for an old number.
	return writeJSON(stdout, map[string]any{
		"visit_id": v.ID, "card": h.Card, "at": v.At.In(storage.Paris).Format(time.RFC3339),
		"day": v.Day.String(), "kind": v.Kind, "persons_served": v.PersonsServed, "override_reason": v.OverrideReason,
	})
}

func cmdCheck(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.IntegrityCheck(ctx); err != nil {
		return err
	}
	version, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	out := map[string]any{"integrity": "ok", "schema_version": version}
	if st, err := s.Stats(ctx); err == nil {
		out["households"], out["persons"], out["visits"] = st.Households, st.Persons, st.Visits
	}
	return writeJSON(stdout, out)
}
