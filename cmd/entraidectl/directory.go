package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"
	"time"

	"entraide/storage"
	"entraide/sync/bulletin"
	"entraide/sync/directory"
	"entraide/sync/printout"
)

func cmdDirectory(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{"directory needs publish, export or search"}
	}
	switch args[0] {
	case "publish":
		return cmdDirectoryPublish(ctx, args[1:], stdout)
	case "export":
		return cmdDirectoryExport(ctx, args[1:], stdout)
	case "search":
		return cmdDirectorySearch(ctx, args[1:], stdout)
	}
	return usageError{fmt.Sprintf("directory %q: expected publish, export or search", args[0])}
}

func cmdDirectoryPublish(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("directory publish", flag.ContinueOnError)
	data := fs.String("data", "", "CCAS data folder")
	out := fs.String("out", "", "directory file to write")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"--out is required"}
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	file, d, err := bulletin.Publish(ctx, s)
	if err != nil {
		return err
	}
	if err := writeNewFile(*out, file); err != nil {
		return err
	}
	return writeJSON(stdout, map[string]any{"file": *out, "version": d.Version, "entries": len(d.Entries)})
}

// directoryOf is the directory an installation has: the CCAS's current one, or the one an
// association received.
func directoryOf(ctx context.Context, s *storage.Store) (directory.Directory, error) {
	settings, err := s.Settings(ctx)
	if err != nil {
		return directory.Directory{}, err
	}
	if settings.Mode == storage.ModeCCAS {
		d, err := directory.Current(ctx, s)
		if last, lerr := s.LastPublishedDirectory(ctx); lerr == nil {
			d.Version, d.PublishedAt = last.Version, last.PublishedAt
		}
		return d, err
	}
	d, err := directory.Held(ctx, s)
	if err == nil && d.Version == 0 {
		err = fmt.Errorf("no network directory yet: import the file the CCAS publishes with 'entraidectl import'")
	}
	return d, err
}

func cmdDirectoryExport(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("directory export", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	format := fs.String("format", "", "hsds, data-inclusion, osm, html or pdf")
	out := fs.String("out", "", "file to write")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	formats := []string{"hsds", "data-inclusion", "osm", "html", "pdf"}
	if !slices.Contains(formats, *format) || *out == "" {
		return usageError{"--format (hsds, data-inclusion, osm, html or pdf) and --out are required"}
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	d, err := directoryOf(ctx, s)
	if err != nil {
		return err
	}
	var content []byte
	switch *format {
	case "hsds":
		content, err = json.MarshalIndent(directory.HSDSOrganizations(d), "", "  ")
	case "data-inclusion":
		content, err = json.MarshalIndent(directory.DataInclusionExport(d, s.Now()), "", "  ")
	case "osm":
		var sites []map[string]string
		for _, e := range d.Entries {
			for _, site := range e.Listing.Sites {
				sites = append(sites, map[string]string{"name": e.Listing.Name + " — " + site.Name, "address": site.Address,
					"opening_hours": directory.OSMOpeningHours(site.Schedule)})
			}
		}
		content, err = json.MarshalIndent(sites, "", "  ")
	case "html":
		content, err = printout.GuideHTML(d)
	case "pdf":
		content, err = printout.GuidePDF(d)
	}
	if err != nil {
		return err
	}
	if err := writeNewFile(*out, content); err != nil {
		return err
	}
	return writeJSON(stdout, map[string]any{"file": *out, "format": *format, "entries": len(d.Entries)})
}

// directoryHit is one line of `entraidectl directory search`.
type directoryHit struct {
	Name         string `json:"name"`
	Site         string `json:"site"`
	Address      string `json:"address"`
	Quartier     string `json:"quartier"`
	OpenNow      bool   `json:"open_now"`
	NextOpening  string `json:"next_opening,omitempty"`
	ClosedReason string `json:"closed_reason,omitempty"`
}

func cmdDirectorySearch(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("directory search", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	var q directory.DirectoryQuery
	activity := fs.String("activity", "", "food_parcel, social_grocery, meals, baby_products, clothes, hygiene, other")
	openAt := fs.String("open-at", "", "open at this time, RFC3339")
	fs.BoolVar(&q.NoReferral, "no-referral", false, "no social worker's referral needed")
	fs.BoolVar(&q.Free, "free", false, "no participation fee")
	fs.BoolVar(&q.Undocumented, "undocumented", false, "welcomes undocumented people")
	fs.StringVar(&q.Quartier, "quartier", "", "quartier")
	fs.StringVar(&q.Language, "language", "", "language code, e.g. ar")
	fs.StringVar(&q.Text, "text", "", "words in the name or description")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	now := time.Now()
	if *openAt != "" {
		t, err := time.Parse(time.RFC3339, *openAt)
		if err != nil {
			return usageError{fmt.Sprintf("--open-at %q: expected a time like 2026-11-28T10:00:00+01:00", *openAt)}
		}
		q.OpenAt, now = t, t
	}
	q.Activity = storage.Activity(*activity)
	if q.Activity != "" && !slices.Contains(storage.Activities, q.Activity) {
		return usageError{fmt.Sprintf("--activity %q: unknown", *activity)}
	}
	s, err := openReader(ctx, *data)
	if err != nil {
		return err
	}
	defer s.Close()
	d, err := directoryOf(ctx, s)
	if err != nil {
		return err
	}
	for _, h := range directory.Search(d, q, now) {
		line := directoryHit{Name: h.Entry.Listing.Name, Site: h.Site.Name, Address: h.Site.Address, Quartier: h.Site.Quartier,
			OpenNow: h.OpenNow, ClosedReason: h.ClosedReason}
		if !h.NextOpening.IsZero() {
			line.NextOpening = h.NextOpening.In(storage.Paris).Format(time.RFC3339)
		}
		if err := writeJSON(stdout, line); err != nil {
			return err
		}
	}
	return nil
}
