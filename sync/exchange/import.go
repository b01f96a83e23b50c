// Package exchange moves files between installations: invitations and joining, and the
// import of any exchange file (report, listing, directory), checked completely before
// anything is written.
package exchange

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"entraide/storage"
	"entraide/sync/directory"
	"entraide/sync/envelope"
	"entraide/sync/report"
)

// Verdict is what importing one file did.
type Verdict struct {
	File        string                `json:"file"`
	Accepted    bool                  `json:"accepted"`
	Reason      string                `json:"reason"`
	Code        envelope.Reason       `json:"code,omitempty"`
	Association string                `json:"association,omitempty"`
	Month       string                `json:"month,omitempty"`
	Outcome     storage.ReportOutcome `json:"outcome,omitempty"`
}

// ImportFile checks an exchange file and keeps it; nothing changes when it is refused. The
// CCAS imports reports and listings; an association imports the network directory.
func ImportFile(ctx context.Context, s *storage.Store, data []byte) (Verdict, error) {
	env, key, err := envelope.Open(data)
	if err != nil {
		return Verdict{}, err
	}
	settings, err := s.Settings(ctx)
	if err != nil {
		return Verdict{}, err
	}
	if settings.Mode == storage.ModeAssociation {
		if env.Format != envelope.FormatDirectory {
			return Verdict{}, envelope.Refuse(envelope.ReasonWrongInstallation, "an association imports the network directory; reports and listings go to the CCAS")
		}
		return importDirectory(ctx, s, env, key)
	}
	n, err := s.Network(ctx)
	if err != nil {
		return Verdict{}, err
	}
	if env.Format == envelope.FormatListing {
		return importListing(ctx, s, env, key, n.NetworkID)
	}
	r, err := report.OpenReport(env, n.NetworkID, s.Today())
	if err != nil {
		return Verdict{}, err
	}
	v := Verdict{Association: r.AssociationName, Month: r.Month}
	in := storage.IncomingReport{AssociationID: r.AssociationID, Month: r.Month,
		GeneratedAt: r.GeneratedAt, PayloadSHA256: envelope.PayloadHash(env.Payload), Payload: string(env.Payload),
		PublicKey: key, KeyFingerprint: envelope.Fingerprint(key)}
	if r.Listing != nil {
		doc, err := json.Marshal(directory.ListingFile{NetworkID: r.NetworkID, AssociationID: r.AssociationID, GeneratedAt: r.GeneratedAt, Listing: *r.Listing})
		if err != nil {
			return v, err
		}
		in.Listing, in.ListingSHA256 = string(doc), envelope.PayloadHash(doc)
	}
	outcome, err := s.AcceptReport(ctx, in)
	switch {
	case errors.Is(err, storage.ErrUnknownAssociation):
		return v, envelope.Refuse(envelope.ReasonUnknownAssociation, "%s", r.AssociationName)
	case errors.Is(err, storage.ErrKeyMismatch):
		return v, envelope.Refuse(envelope.ReasonKeyMismatch, "%v", err)
	case errors.Is(err, storage.ErrBeforeJoined):
		return v, envelope.Refuse(envelope.ReasonBeforeJoined, "%v", err)
	case err != nil:
		return v, fmt.Errorf("keeping the report: %w", err)
	}
	v.Accepted, v.Outcome = true, outcome
	return v, nil
}

// outcomeText says in plain words what an accepted import did.
func outcomeText(o storage.ReportOutcome) string {
	switch o {
	case storage.OutcomeNew:
		return "imported"
	case storage.OutcomeReplaced:
		return "imported; replaces an older report for that month (kept in history)"
	case storage.OutcomeHistory:
		return "older than the report held for that month: kept in history only"
	case storage.OutcomeDuplicate:
		return "already imported: nothing changed"
	}
	return string(o)
}

// ReportFiles lists the files to import: files as given, and the .json files of folders.
func ReportFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", p, err)
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, fmt.Errorf("reading folder %s: %w", p, err)
		}
		var inFolder []string
		for _, e := range entries {
			if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".json") {
				inFolder = append(inFolder, filepath.Join(p, e.Name()))
			}
		}
		sort.Strings(inFolder)
		files = append(files, inFolder...)
	}
	return files, nil
}

// ImportFiles imports every file, one transaction each, and gives a verdict per file.
// progress (may be nil) is called after each file.
func ImportFiles(ctx context.Context, s *storage.Store, files []string, progress func(done, total int)) []Verdict {
	verdicts := make([]Verdict, 0, len(files))
	for i, f := range files {
		v := importFile(ctx, s, f)
		v.File = f
		verdicts = append(verdicts, v)
		if progress != nil {
			progress(i+1, len(files))
		}
	}
	accepted := 0
	for _, v := range verdicts {
		if v.Accepted {
			accepted++
		}
	}
	if len(files) > 0 {
		// The trail keeps counts only: file names may hold an association's name, not a person's.
		_ = s.Audit(ctx, "", storage.AuditImport, fmt.Sprintf("%d file(s), %d accepted", len(files), accepted))
	}
	return verdicts
}

func importFile(ctx context.Context, s *storage.Store, path string) Verdict {
	data, err := os.ReadFile(path)
	if err != nil {
		return Verdict{Code: envelope.ReasonUnreadable, Reason: (&envelope.RefusedError{Reason: envelope.ReasonUnreadable, Detail: err.Error()}).Error()}
	}
	v, err := ImportFile(ctx, s, data)
	if err != nil {
		v.Accepted, v.Code, v.Reason = false, envelope.ReasonOf(err), err.Error()
		return v
	}
	v.Reason = outcomeText(v.Outcome)
	return v
}
