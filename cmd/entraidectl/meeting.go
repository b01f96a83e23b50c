package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"entraide/storage"
	"entraide/sync/bulletin"
	"entraide/sync/directory"
	"entraide/sync/meeting"
	"entraide/sync/printout"
)

var weekdays = map[string]time.Weekday{"mo": time.Monday, "tu": time.Tuesday, "we": time.Wednesday, "th": time.Thursday, "fr": time.Friday}

const meetingUsage = "meeting plan|list|show|host|agenda|attend|minutes|decision|cancel|ics|print"

// cmdMeeting plans and keeps the network's meetings (CCAS only).
func cmdMeeting(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{meetingUsage}
	}
	commands := map[string]func(context.Context, []string, io.Writer) error{
		"plan": cmdMeetingPlan, "list": cmdMeetingList, "show": cmdMeetingShow, "host": cmdMeetingHost,
		"agenda": cmdMeetingAgenda, "attend": cmdMeetingAttend, "minutes": cmdMeetingMinutes,
		"decision": cmdMeetingDecision, "cancel": cmdMeetingCancel, "ics": cmdMeetingICS, "print": cmdMeetingPrint,
	}
	cmd, ok := commands[args[0]]
	if !ok {
		return usageError{fmt.Sprintf("meeting %q: expected %s", args[0], meetingUsage)}
	}
	return cmd(ctx, args[1:], stdout)
}

// openCCAS opens the CCAS's data folder (for writing unless readOnly).
func openCCAS(ctx context.Context, data string, readOnly bool) (*storage.Store, storage.Settings, error) {
	open := func() (*storage.Store, error) { return openStore(ctx, data, true) }
	if readOnly {
		open = func() (*storage.Store, error) { return openReader(ctx, data) }
	}
	s, err := open()
	if err != nil {
		return nil, storage.Settings{}, err
	}
	st, err := s.Settings(ctx)
	if err == nil && st.Mode != storage.ModeCCAS {
		err = fmt.Errorf("the network's meetings are kept by the CCAS: %s is an association's data folder", data)
	}
	if err != nil {
		s.Close()
		return nil, st, err
	}
	return s, st, nil
}

// cmdMeetingPlan prints one JSON line per proposed meeting (date, start, host,
// host_rule); --save keeps them, --out writes the year's calendar.
func cmdMeetingPlan(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("meeting plan", flag.ContinueOnError)
	data := fs.String("data", "", "data folder (the CCAS's)")
	year := fs.Int("year", 0, "the year to plan")
	weekdayFlag := fs.String("weekday", "tu", "mo|tu|we|th|fr: the meetings' day of the week")
	start := fs.String("time", "14:00", "the start, HH:MM")
	hours := fs.Float64("hours", 2, "the length, in hours")
	out := fs.String("out", "", "write the year's calendar to FILE.ics")
	save := fs.Bool("save", false, "keep the proposed meetings")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	weekday, ok := weekdays[strings.ToLower(*weekdayFlag)]
	if !ok || *year < 2000 || *year > 2100 || *hours <= 0 || *hours > 12 {
		return usageError{"--year YYYY is required; --weekday is mo, tu, we, th or fr; --hours between 0 and 12"}
	}
	if *out != "" && !strings.HasSuffix(strings.ToLower(*out), ".ics") {
		return usageError{"--out FILE.ics"}
	}
	s, st, err := openCCAS(ctx, *data, !*save)
	if err != nil {
		return err
	}
	defer s.Close()
	plan, err := meeting.Plan(ctx, s, *year, weekday, *start)
	if err != nil {
		return err
	}
	for _, p := range plan {
		if err := writeJSON(stdout, p); err != nil {
			return err
		}
	}
	length := time.Duration(*hours * float64(time.Hour))
	if *save {
		added, kept, err := meeting.Save(ctx, s, plan, length, "entraidectl")
		if err != nil {
			return err
		}
		if err := writeJSON(stdout, map[string]any{"saved": len(added), "already_planned": kept}); err != nil {
			return err
		}
	}
	if *out == "" {
		return nil
	}
	events, err := meeting.ProposalEvents(plan, st.AssociationName, length)
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

// meetingFlags are the flags every command on one meeting has.
func meetingFlags(name string) (*flag.FlagSet, *string, *string) {
	fs := flag.NewFlagSet("meeting "+name, flag.ContinueOnError)
	return fs, fs.String("data", "", "data folder (the CCAS's)"), fs.String("id", "", "the meeting: its id or its date YYYY-MM-DD")
}

func cmdMeetingList(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("meeting list", flag.ContinueOnError)
	data := fs.String("data", "", "data folder (the CCAS's)")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	s, _, err := openCCAS(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	list, err := s.Meetings(ctx)
	if err != nil {
		return err
	}
	for _, m := range list {
		if err := writeJSON(stdout, m); err != nil {
			return err
		}
	}
	return nil
}

func cmdMeetingShow(ctx context.Context, args []string, stdout io.Writer) error {
	fs, data, id := meetingFlags("show")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	return onMeeting(ctx, *data, *id, true, func(s *storage.Store, m storage.Meeting) error {
		agenda, err := meeting.AgendaOf(ctx, s, m)
		if err != nil {
			return err
		}
		return writeJSON(stdout, map[string]any{"meeting": m, "follow_up": agenda.FollowUp})
	})
}

// withMeeting opens the CCAS's folder for writing and finds the meeting named by --id.
func withMeeting(ctx context.Context, data, id string, do func(*storage.Store, storage.Meeting) error) error {
	return onMeeting(ctx, data, id, false, do)
}

// onMeeting opens the CCAS's folder (to read only, or to write) and finds the meeting
// named by --id.
func onMeeting(ctx context.Context, data, id string, readOnly bool, do func(*storage.Store, storage.Meeting) error) error {
	if id == "" {
		return usageError{"--id ID (or the meeting's date) is required"}
	}
	s, _, err := openCCAS(ctx, data, readOnly)
	if err != nil {
		return err
	}
	defer s.Close()
	m, err := s.FindMeeting(ctx, id)
	if err != nil {
		return err
	}
	return do(s, m)
}

// cmdMeetingHost moves a meeting or gives it another host (with the reason).
func cmdMeetingHost(ctx context.Context, args []string, stdout io.Writer) error {
	fs, data, id := meetingFlags("host")
	association := fs.String("association", "", "the new host (an association of the network)")
	reason := fs.String("reason", "", "why not the host the rule proposed")
	date := fs.String("date", "", "a new date, YYYY-MM-DD")
	start := fs.String("time", "", "a new start, HH:MM")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	return withMeeting(ctx, *data, *id, func(s *storage.Store, m storage.Meeting) error {
		c := storage.MeetingChange{Day: m.Day, Start: m.Start, HostID: m.HostID, Host: m.Host, Place: m.Place, Reason: *reason}
		if *date != "" {
			day, err := storage.ParseDate(*date)
			if err != nil {
				return usageError{fmt.Sprintf("--date %q: expected YYYY-MM-DD", *date)}
			}
			c.Day = day
		}
		if *start != "" {
			c.Start = *start
		}
		if *association != "" {
			hostID, host, place, err := meeting.FindHost(ctx, s, *association)
			if err != nil {
				return err
			}
			c.HostID, c.Host, c.Place = hostID, host, place
		}
		changed, err := s.ChangeMeeting(ctx, m.ID, c, "entraidectl")
		if err != nil {
			return err
		}
		return writeJSON(stdout, changed)
	})
}

// cmdMeetingAgenda adds a point to a meeting's agenda, or removes one (--remove N).
func cmdMeetingAgenda(ctx context.Context, args []string, stdout io.Writer) error {
	fs, data, id := meetingFlags("agenda")
	title := fs.String("add", "", "the point's title")
	by := fs.String("by", "", "who brings it")
	minutes := fs.Int("minutes", 0, "how long, in minutes")
	remove := fs.Int("remove", 0, "remove the point at this number (1 is the first)")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	if (*title == "") == (*remove == 0) {
		return usageError{"--add TITLE [--by WHO] [--minutes N], or --remove N"}
	}
	return withMeeting(ctx, *data, *id, func(s *storage.Store, m storage.Meeting) error {
		items := m.Items
		if *remove > 0 {
			if *remove > len(items) {
				return fmt.Errorf("the agenda has %d points: there is no point %d", len(items), *remove)
			}
			items = append(items[:*remove-1:*remove-1], items[*remove:]...)
		} else {
			items = append(items, storage.MeetingItem{Title: *title, BroughtBy: *by, DurationMinutes: *minutes})
		}
		if err := s.SetAgenda(ctx, m.ID, items); err != nil {
			return err
		}
		return writeJSON(stdout, map[string]any{"id": m.ID, "agenda": items})
	})
}

func cmdMeetingAttend(ctx context.Context, args []string, stdout io.Writer) error {
	fs, data, id := meetingFlags("attend")
	association := fs.String("association", "", "the association")
	status := fs.String("status", "", "present|excused|absent")
	persons := fs.String("persons", "", "who came, e.g. \"Mme Leroy, M. Diallo\"")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	if *association == "" || *status == "" {
		return usageError{"--association NAME --status present|excused|absent [--persons NAMES]"}
	}
	return withMeeting(ctx, *data, *id, func(s *storage.Store, m storage.Meeting) error {
		member, err := meeting.FindMember(ctx, s, *association)
		if err != nil {
			return err
		}
		a := storage.Attendance{MeetingID: m.ID, AssociationID: member.ID, Association: member.Name, Status: *status, Persons: *persons}
		if err := s.SetAttendance(ctx, a); err != nil {
			return err
		}
		return writeJSON(stdout, a)
	})
}

func cmdMeetingMinutes(ctx context.Context, args []string, stdout io.Writer) error {
	fs, data, id := meetingFlags("minutes")
	file := fs.String("file", "", "a text file: the minutes; lines that begin with \"Décision :\" are decisions")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	if *file == "" {
		return usageError{"--file TEXT is required"}
	}
	text, err := os.ReadFile(*file)
	if err != nil {
		return fmt.Errorf("reading the minutes: %w", err)
	}
	return withMeeting(ctx, *data, *id, func(s *storage.Store, m storage.Meeting) error {
		decisions, err := meeting.SaveMinutes(ctx, s, m.ID, string(text), "entraidectl")
		if err != nil {
			return err
		}
		return writeJSON(stdout, map[string]any{"id": m.ID, "status": storage.MeetingHeld, "decisions": decisions})
	})
}

func cmdMeetingDecision(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("meeting decision", flag.ContinueOnError)
	data := fs.String("data", "", "data folder (the CCAS's)")
	id := fs.String("id", "", "the decision's id (meeting show lists them)")
	done := fs.Bool("done", false, "the decision is carried out")
	todo := fs.Bool("todo", false, "the decision is to do again")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	if *id == "" || *done == *todo {
		return usageError{"--id DECISION and one of --done or --todo"}
	}
	s, _, err := openCCAS(ctx, *data, false)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.SetDecisionDone(ctx, *id, *done); err != nil {
		return err
	}
	return writeJSON(stdout, map[string]any{"id": *id, "done": *done})
}

func cmdMeetingCancel(ctx context.Context, args []string, stdout io.Writer) error {
	fs, data, id := meetingFlags("cancel")
	out := fs.String("out", "", "write the cancellation to FILE.ics for the agendas that hold the meeting")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	return withMeeting(ctx, *data, *id, func(s *storage.Store, m storage.Meeting) error {
		cancelled, err := s.CancelMeeting(ctx, m.ID, "entraidectl")
		if err != nil {
			return err
		}
		if *out != "" {
			if err := writeCalendar(ctx, s, []storage.Meeting{cancelled}, *out); err != nil {
				return err
			}
		}
		return writeJSON(stdout, cancelled)
	})
}

// cmdMeetingICS writes one meeting's calendar (--id) or a year's (--year).
func cmdMeetingICS(ctx context.Context, args []string, stdout io.Writer) error {
	fs, data, id := meetingFlags("ics")
	year := fs.Int("year", 0, "every meeting of the year")
	out := fs.String("out", "", "FILE.ics")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	if !strings.HasSuffix(strings.ToLower(*out), ".ics") || (*id == "") == (*year == 0) {
		return usageError{"--out FILE.ics and one of --id ID or --year YYYY"}
	}
	s, _, err := openCCAS(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	var meetings []storage.Meeting
	if *id != "" {
		m, err := s.FindMeeting(ctx, *id)
		if err != nil {
			return err
		}
		meetings = append(meetings, m)
	} else {
		all, err := s.Meetings(ctx)
		if err != nil {
			return err
		}
		for _, m := range all {
			if m.Day.Year == *year {
				meetings = append(meetings, m)
			}
		}
		if len(meetings) == 0 {
			return fmt.Errorf("no meeting is planned in %d: plan them with 'entraidectl meeting plan --year %d --save'", *year, *year)
		}
	}
	if err := writeCalendar(ctx, s, meetings, *out); err != nil {
		return err
	}
	return writeJSON(stdout, map[string]any{"file": *out, "meetings": len(meetings)})
}

func writeCalendar(ctx context.Context, s *storage.Store, meetings []storage.Meeting, out string) error {
	network, err := s.Network(ctx)
	if err != nil {
		return err
	}
	cal, err := meeting.CalendarOf(ctx, s, meetings, network.Name)
	if err != nil {
		return err
	}
	return writeNewFile(out, cal)
}

// cmdMeetingPrint writes a meeting's convocation, attendance sheet or minutes as PDF.
func cmdMeetingPrint(ctx context.Context, args []string, stdout io.Writer) error {
	fs, data, id := meetingFlags("print")
	kind := fs.String("kind", "convocation", "convocation|attendance|minutes")
	out := fs.String("out", "", "FILE.pdf")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	printPDF, ok := printout.MeetingPrintouts[*kind]
	if !ok || *id == "" || !strings.HasSuffix(strings.ToLower(*out), ".pdf") {
		return usageError{"--id ID --kind convocation|attendance|minutes --out FILE.pdf"}
	}
	return onMeeting(ctx, *data, *id, true, func(s *storage.Store, m storage.Meeting) error {
		paper, err := printout.MeetingPaperOf(ctx, s, m)
		if err != nil {
			return err
		}
		pdf, err := printPDF(m, paper)
		if err != nil {
			return err
		}
		if err := writeNewFile(*out, pdf); err != nil {
			return err
		}
		return writeJSON(stdout, map[string]any{"file": *out, "kind": *kind})
	})
}

// cmdBulletin shows, on an association, what the last directory file said of the
// network's life: meetings (with the reminder the week before) and its donation lines.
func cmdBulletin(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bulletin", flag.ContinueOnError)
	data := fs.String("data", "", "the association's data folder")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	s, err := openStore(ctx, *data, true) // reading the installation key may need to write it
	if err != nil {
		return err
	}
	defer s.Close()
	news, err := bulletin.Read(ctx, s)
	if err != nil {
		return err
	}
	type donationLine struct {
		Name     string `json:"name"`
		Quantity int    `json:"quantity"`
		Unit     string `json:"unit"`
		Given    bool   `json:"given"`
		Sentence string `json:"sentence"`
	}
	out := struct {
		Reminder  string                  `json:"reminder,omitempty"`
		Meetings  []directory.FileMeeting `json:"meetings"`
		Donations []donationLine          `json:"donations"`
	}{Reminder: news.Reminder(s.Today()), Meetings: news.Meetings, Donations: []donationLine{}}
	for _, d := range news.Donations {
		out.Donations = append(out.Donations, donationLine{Name: d.Name, Quantity: d.Mine, Unit: d.Unit, Given: d.Given, Sentence: d.Sentence()})
	}
	return writeJSON(stdout, out)
}
