package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"entraide/storage"
	"entraide/sync/meeting"
)

var weekdays = map[string]time.Weekday{"mo": time.Monday, "tu": time.Tuesday, "we": time.Wednesday, "th": time.Thursday, "fr": time.Friday}

// cmdMeeting plans the network's meetings of a year ("plan"): one JSON line per meeting
// (date, start, host, host_rule), and with --out the year's calendar (.ics).
func cmdMeeting(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "plan" {
		return usageError{"meeting plan --data CCASDIR --year YYYY [--weekday tu] [--time 14:00] [--hours 2] [--out FILE.ics]"}
	}
	fs := flag.NewFlagSet("meeting plan", flag.ContinueOnError)
	data := fs.String("data", "", "data folder (the CCAS's)")
	year := fs.Int("year", 0, "the year to plan")
	weekdayFlag := fs.String("weekday", "tu", "mo|tu|we|th|fr: the meetings' day of the week")
	start := fs.String("time", "14:00", "the start, HH:MM")
	hours := fs.Float64("hours", 2, "the length, in hours")
	out := fs.String("out", "", "write the year's calendar to FILE.ics")
	if err := noFlagsLeft(fs, args[1:]); err != nil {
		return err
	}
	weekday, ok := weekdays[strings.ToLower(*weekdayFlag)]
	if !ok || *year < 2000 || *year > 2100 || *hours <= 0 || *hours > 12 {
		return usageError{"--year YYYY is required; --weekday is mo, tu, we, th or fr; --hours between 0 and 12"}
	}
	if *out != "" && !strings.HasSuffix(strings.ToLower(*out), ".ics") {
		return usageError{"--out FILE.ics"}
	}
	s, err := openReader(ctx, *data)
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	if st.Mode != storage.ModeCCAS {
		return fmt.Errorf("meetings are planned by the CCAS: %s is an association's data folder", *data)
	}
	hosts, err := meeting.Hosts(ctx, s)
	if err != nil {
		return err
	}
	plan, err := meeting.PlanYear(*year, weekday, *start, hosts, "")
	if err != nil {
		return err
	}
	for _, p := range plan {
		if err := writeJSON(stdout, p); err != nil {
			return err
		}
	}
	if *out == "" {
		return nil
	}
	events, err := meeting.ProposalEvents(plan, st.AssociationName, time.Duration(*hours*float64(time.Hour)))
	if err != nil {
		return err
	}
	cal, err := meeting.Calendar(st.AssociationName, events, s.Now())
	if err != nil {
		return err
	}
	if err := writeNewFile(*out, cal); err != nil {
		return err
	}
	return writeJSON(stdout, map[string]any{"file": *out, "meetings": len(plan)})
}
