// Package directory is the network's public directory: each association's listing, the
// signed directory file the CCAS publishes, searching it, and its standard exports (Open
// Referral HSDS 3.0, data·inclusion, OpenStreetMap opening_hours).
package directory

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"time"

	"entraide/storage"
	"entraide/sync/envelope"
)

// Entry is one organisation of the directory.
type Entry struct {
	ID            string          `json:"id"`
	AssociationID string          `json:"association_id,omitempty"` // empty for entries the CCAS typed
	Source        string          `json:"source"`                   // "association" or "ccas"
	Listing       storage.Listing `json:"listing"`
}

// Directory is the network directory as the program uses it; DirectoryFile is how a file
// carries it.
type Directory struct {
	NetworkID   string    `json:"network_id"`
	NetworkName string    `json:"network_name"`
	Version     int       `json:"version"`
	PublishedAt time.Time `json:"published_at"`
	Entries     []Entry   `json:"entries"`
	// Bulletin is carried as the file has it: it is only read, never edited, by associations.
	Bulletin *FileBulletin `json:"bulletin,omitempty"`
}

// Directory sources.
const (
	SourceAssociation = "association"
	SourceCCAS        = "ccas"
)

// Current assembles, on the CCAS, the directory as it would be published now:
// the listings received from associations and the entries the CCAS typed.
func Current(ctx context.Context, s *storage.Store) (Directory, error) {
	n, err := s.Network(ctx)
	if err != nil {
		return Directory{}, err
	}
	d := Directory{NetworkID: n.NetworkID, NetworkName: n.Name}
	listings, err := s.CurrentListings(ctx)
	if err != nil {
		return d, err
	}
	for id, l := range listings {
		var lf ListingFile
		if err := json.Unmarshal([]byte(l.Document), &lf); err != nil {
			return d, fmt.Errorf("reading a received listing: %w", err)
		}
		d.Entries = append(d.Entries, Entry{ID: id, AssociationID: id, Source: SourceAssociation, Listing: lf.Listing.Storage()})
	}
	typed, err := s.DirectoryEntries(ctx)
	if err != nil {
		return d, err
	}
	for _, e := range typed {
		var l storage.Listing
		if err := json.Unmarshal([]byte(e.Document), &l); err != nil {
			return d, fmt.Errorf("reading a directory entry: %w", err)
		}
		d.Entries = append(d.Entries, Entry{ID: e.ID, Source: SourceCCAS, Listing: l})
	}
	sort.Slice(d.Entries, func(i, j int) bool { return d.Entries[i].Listing.Name < d.Entries[j].Listing.Name })
	return d, nil
}

// SaveEntry adds or changes an entry the CCAS types for an association that
// does not use Entraide; an empty id adds one.
func SaveEntry(ctx context.Context, s *storage.Store, id string, l storage.Listing) (string, error) {
	if l.Name == "" {
		return "", &storage.ValidationError{Problem: storage.ProblemEmptyAssocName, Field: "name"}
	}
	doc, err := json.Marshal(l)
	if err != nil {
		return "", err
	}
	return s.SaveDirectoryEntry(ctx, id, string(doc))
}

// EntryChanges lists, for each entry, the parts of its listing that changed since the last
// published directory (every part for a new entry).
func EntryChanges(ctx context.Context, s *storage.Store, current Directory) (map[string][]string, error) {
	last, err := s.LastPublishedDirectory(ctx)
	if err != nil {
		return nil, err
	}
	previous := map[string]storage.Listing{}
	if last.Version > 0 {
		var d DirectoryFile
		if err := json.Unmarshal([]byte(last.Payload), &d); err != nil {
			return nil, fmt.Errorf("reading the last directory: %w", err)
		}
		for _, e := range d.Entries {
			previous[e.ID] = e.Listing.Storage()
		}
	}
	changes := map[string][]string{}
	for _, e := range current.Entries {
		before, ok := previous[e.ID]
		if !ok {
			changes[e.ID] = []string{"new"}
			continue
		}
		a, b := reflect.ValueOf(before), reflect.ValueOf(e.Listing)
		for i := 0; i < a.NumField(); i++ {
			name := a.Type().Field(i).Tag.Get("json")
			if name == "checked_on" {
				continue
			}
			if !reflect.DeepEqual(a.Field(i).Interface(), b.Field(i).Interface()) {
				changes[e.ID] = append(changes[e.ID], name)
			}
		}
	}
	return changes, nil
}

// Publish signs the current directory with the next version number, without bulletin.
func Publish(ctx context.Context, s *storage.Store) ([]byte, Directory, error) {
	return PublishWith(ctx, s, nil)
}

// PublishWith signs the current directory and the network's bulletin with the next
// version number.
func PublishWith(ctx context.Context, s *storage.Store, bulletin *FileBulletin) ([]byte, Directory, error) {
	d, err := Current(ctx, s)
	if err != nil {
		return nil, d, err
	}
	d.Bulletin = bulletin
	last, err := s.LastPublishedDirectory(ctx)
	if err != nil {
		return nil, d, err
	}
	d.Version, d.PublishedAt = last.Version+1, s.Now()
	key, err := s.InstallationKey(ctx)
	if err != nil {
		return nil, d, err
	}
	file, err := envelope.Seal(envelope.FormatDirectory, d.NetworkID, key, d.File())
	if err != nil {
		return nil, d, err
	}
	env, _, err := envelope.Open(file)
	if err != nil {
		return nil, d, err
	}
	if err := s.RecordPublishedDirectory(ctx, storage.PublishedDirectory{Version: d.Version, PublishedAt: d.PublishedAt,
		Payload: string(env.Payload)}); err != nil {
		return nil, d, err
	}
	return file, d, nil
}

// FileName is the default name of a directory file.
func FileName(d Directory) string {
	return fmt.Sprintf("annuaire-%s-v%d.json", envelope.FileSlug(d.NetworkName), d.Version)
}

// Held reads the directory an association holds (empty before the first one).
func Held(ctx context.Context, s *storage.Store) (Directory, error) {
	held, err := s.HeldDirectory(ctx)
	if err != nil || held.Version == 0 {
		return Directory{}, err
	}
	var f DirectoryFile
	if err := json.Unmarshal([]byte(held.Payload), &f); err != nil {
		return Directory{}, fmt.Errorf("reading the directory: %w", err)
	}
	return f.Directory(), nil
}
