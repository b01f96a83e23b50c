package directory

import (
	"time"

	"entraide/storage"
)

// The listing and the directory as they stand in exchange files (listing, directory and
// monthly report files). They are apart from the storage types on purpose: renaming or
// adding a field in the database's types must never change a signed file. Each field's
// JSON name is the format; ListingOf and Storage convert, keeping empty lists as they are.

// FileListing is an association's public listing in a file.
type FileListing struct {
	Name          string         `json:"name"`
	Description   string         `json:"description"`
	Sites         []FileSite     `json:"sites"`
	Referents     []FileReferent `json:"referents"`
	Activities    []string       `json:"activities"`
	Access        []string       `json:"access"`
	AccessDetails string         `json:"access_details,omitempty"`
	Documents     string         `json:"documents,omitempty"`
	Publics       []string       `json:"publics"`
	Languages     []string       `json:"languages"`
	Accessibility string         `json:"accessibility,omitempty"`
	CheckedOn     storage.Date   `json:"checked_on"` // "YYYY-MM-DD" or null
	// MeetingRoom (listing and directory minor 2): the room lent for the network's meetings.
	MeetingRoom *FileMeetingRoom `json:"meeting_room,omitempty"`
}

// FileMeetingRoom is a room an association lends for the network's meetings.
type FileMeetingRoom struct {
	Capacity   int  `json:"capacity"`
	Accessible bool `json:"accessible"`
}

// FileSite is a place where the association receives people.
type FileSite struct {
	SiteID    string       `json:"site_id,omitempty"`
	Name      string       `json:"name"`
	Address   string       `json:"address"`
	Quartier  string       `json:"quartier,omitempty"`
	Latitude  *float64     `json:"latitude,omitempty"`
	Longitude *float64     `json:"longitude,omitempty"`
	Schedule  FileSchedule `json:"schedule"`
}

// FileSchedule is when a site is open.
type FileSchedule struct {
	Rules          []FileRule    `json:"rules"`
	Closures       []FileClosure `json:"closures,omitempty"`
	OpenOnHolidays bool          `json:"open_on_holidays"`
}

// FileRule is one weekly opening: weekday 0 (Sunday) to 6, positions in the month (1..5,
// -1 for the last), "HH:MM" times.
type FileRule struct {
	Weekday   int    `json:"weekday"`
	Positions []int  `json:"positions,omitempty"`
	Opens     string `json:"opens"`
	Closes    string `json:"closes"`
}

// FileClosure is a closed period, both days included.
type FileClosure struct {
	From    storage.Date `json:"from"`
	To      storage.Date `json:"to"`
	Message string       `json:"message,omitempty"`
}

// FileReferent is a person to contact.
type FileReferent struct {
	Name  string `json:"name"`
	Role  string `json:"role,omitempty"`
	Phone string `json:"phone,omitempty"`
	Email string `json:"email,omitempty"`
}

// DirectoryFile is the payload of a directory file.
type DirectoryFile struct {
	NetworkID   string      `json:"network_id"`
	NetworkName string      `json:"network_name"`
	Version     int         `json:"version"`
	PublishedAt time.Time   `json:"published_at"`
	Entries     []FileEntry `json:"entries"`
	// Bulletin (directory minor 3): the network's meetings and the CCAS's donations.
	Bulletin *FileBulletin `json:"bulletin,omitempty"`
}

// FileBulletin is what the CCAS tells the associations besides the directory: the coming
// meetings with their agendas, the minutes of the past ones, and the donations to collect.
type FileBulletin struct {
	Meetings  []FileMeeting  `json:"meetings"`
	Donations []FileDonation `json:"donations"`
}

// FileMeeting is one of the network's meetings.
type FileMeeting struct {
	ID            string           `json:"id"`
	Date          storage.Date     `json:"date"`
	Start         string           `json:"start"`
	LengthMinutes int              `json:"length_minutes"`
	Host          string           `json:"host"`
	Place         string           `json:"place,omitempty"`
	Status        string           `json:"status"` // planned, held or cancelled
	Sequence      int              `json:"sequence"`
	Agenda        []FileAgendaItem `json:"agenda"`
	FollowUp      []FileDecision   `json:"follow_up,omitempty"` // earlier decisions still to do
	Minutes       string           `json:"minutes,omitempty"`
	Decisions     []FileDecision   `json:"decisions,omitempty"`
}

// FileAgendaItem is a point of a meeting's agenda.
type FileAgendaItem struct {
	Title           string `json:"title"`
	BroughtBy       string `json:"brought_by,omitempty"`
	DurationMinutes int    `json:"duration_minutes,omitempty"`
}

// FileDecision is a decision of a meeting and whether it is done.
type FileDecision struct {
	Text        string       `json:"text"`
	Done        bool         `json:"done"`
	MeetingDate storage.Date `json:"meeting_date"`
}

// FileDonation is a donation of the CCAS shared among the associations. Each association
// reads its own line; Lines holds every line when the network chose to show the whole
// table, otherwise Sealed holds each line encrypted for its association alone.
type FileDonation struct {
	ID       string             `json:"id"`
	Name     string             `json:"name"`
	Unit     string             `json:"unit"`
	Quantity int                `json:"quantity"`
	Pickup   string             `json:"pickup,omitempty"`
	Rule     string             `json:"rule"`
	SharedOn storage.Date       `json:"shared_on"`
	Lines    []FileDonationLine `json:"lines,omitempty"`
	Sealed   []FileSealedLine   `json:"sealed,omitempty"`
}

// FileDonationLine is what one association receives.
type FileDonationLine struct {
	AssociationID string `json:"association_id"`
	Association   string `json:"association"`
	Quantity      int    `json:"quantity"`
}

// FileSealedLine is a FileDonationLine encrypted (age, to the association's signing key)
// so that only that association reads it.
type FileSealedLine struct {
	AssociationID string `json:"association_id"`
	Sealed        string `json:"sealed"` // base64
}

// FileEntry is one listing of the directory file.
type FileEntry struct {
	ID            string      `json:"id"`
	AssociationID string      `json:"association_id,omitempty"`
	Source        string      `json:"source"`
	Listing       FileListing `json:"listing"`
}

// mapSlice converts a list, keeping nil as nil (null in the file) and empty as empty ([]).
func mapSlice[A, B any](in []A, f func(A) B) []B {
	if in == nil {
		return nil
	}
	out := make([]B, len(in))
	for i, a := range in {
		out[i] = f(a)
	}
	return out
}

// ListingOf is the file form of a listing.
func ListingOf(l storage.Listing) FileListing {
	return FileListing{Name: l.Name, Description: l.Description,
		Sites: mapSlice(l.Sites, func(s storage.ListingSite) FileSite {
			return FileSite{SiteID: s.SiteID, Name: s.Name, Address: s.Address, Quartier: s.Quartier,
				Latitude: s.Latitude, Longitude: s.Longitude, Schedule: FileSchedule{
					Rules: mapSlice(s.Schedule.Rules, func(r storage.OpeningRule) FileRule {
						return FileRule{Weekday: int(r.Weekday), Positions: r.Positions, Opens: r.Opens, Closes: r.Closes}
					}),
					Closures: mapSlice(s.Schedule.Closures, func(c storage.Closure) FileClosure {
						return FileClosure{From: c.From, To: c.To, Message: c.Message}
					}),
					OpenOnHolidays: s.Schedule.OpenOnHolidays}}
		}),
		Referents: mapSlice(l.Referents, func(r storage.Referent) FileReferent {
			return FileReferent{Name: r.Name, Role: r.Role, Phone: r.Phone, Email: r.Email}
		}),
		Activities: codes(l.Activities), Access: codes(l.Access), AccessDetails: l.AccessDetails, Documents: l.Documents,
		Publics: codes(l.Publics), Languages: l.Languages, Accessibility: l.Accessibility, CheckedOn: l.CheckedOn,
		MeetingRoom: roomOf(l.MeetingRoom)}
}

func roomOf(r *storage.MeetingRoom) *FileMeetingRoom {
	if r == nil {
		return nil
	}
	return &FileMeetingRoom{Capacity: r.Capacity, Accessible: r.Accessible}
}

func (r *FileMeetingRoom) storage() *storage.MeetingRoom {
	if r == nil {
		return nil
	}
	return &storage.MeetingRoom{Capacity: r.Capacity, Accessible: r.Accessible}
}

// codes writes typed codes as the file's strings; typed reads them back.
func codes[T ~string](in []T) []string { return mapSlice(in, func(c T) string { return string(c) }) }

func typed[T ~string](in []string) []T { return mapSlice(in, func(c string) T { return T(c) }) }

// Storage is the listing a file carries, as the program keeps it.
func (l FileListing) Storage() storage.Listing {
	return storage.Listing{Name: l.Name, Description: l.Description,
		Sites: mapSlice(l.Sites, func(s FileSite) storage.ListingSite {
			return storage.ListingSite{SiteID: s.SiteID, Name: s.Name, Address: s.Address, Quartier: s.Quartier,
				Latitude: s.Latitude, Longitude: s.Longitude, Schedule: storage.Schedule{
					Rules: mapSlice(s.Schedule.Rules, func(r FileRule) storage.OpeningRule {
						return storage.OpeningRule{Weekday: time.Weekday(r.Weekday), Positions: r.Positions, Opens: r.Opens, Closes: r.Closes}
					}),
					Closures: mapSlice(s.Schedule.Closures, func(c FileClosure) storage.Closure {
						return storage.Closure{From: c.From, To: c.To, Message: c.Message}
					}),
					OpenOnHolidays: s.Schedule.OpenOnHolidays}}
		}),
		Referents: mapSlice(l.Referents, func(r FileReferent) storage.Referent {
			return storage.Referent{Name: r.Name, Role: r.Role, Phone: r.Phone, Email: r.Email}
		}),
		Activities: typed[storage.Activity](l.Activities), Access: typed[storage.AccessKind](l.Access), AccessDetails: l.AccessDetails,
		Documents: l.Documents, Publics: typed[storage.Public](l.Publics), Languages: l.Languages, Accessibility: l.Accessibility,
		CheckedOn: l.CheckedOn, MeetingRoom: l.MeetingRoom.storage()}
}

// File is the directory as written in a directory file.
func (d Directory) File() DirectoryFile {
	return DirectoryFile{NetworkID: d.NetworkID, NetworkName: d.NetworkName, Version: d.Version, PublishedAt: d.PublishedAt,
		Bulletin: d.Bulletin, Entries: mapSlice(d.Entries, func(e Entry) FileEntry {
			return FileEntry{ID: e.ID, AssociationID: e.AssociationID, Source: e.Source, Listing: ListingOf(e.Listing)}
		})}
}

// Directory is the directory a file carries.
func (f DirectoryFile) Directory() Directory {
	return Directory{NetworkID: f.NetworkID, NetworkName: f.NetworkName, Version: f.Version, PublishedAt: f.PublishedAt,
		Bulletin: f.Bulletin, Entries: mapSlice(f.Entries, func(e FileEntry) Entry {
			return Entry{ID: e.ID, AssociationID: e.AssociationID, Source: e.Source, Listing: e.Listing.Storage()}
		})}
}
