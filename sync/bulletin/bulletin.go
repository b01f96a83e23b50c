// Package bulletin is what the CCAS tells the associations in the directory file besides
// the listings: the network's meetings (coming ones with their agendas, past ones with
// their minutes) and the donations to collect, each association reading its own line.
package bulletin

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"entraide/storage"
	"entraide/sync/directory"
	"entraide/sync/donation"
	"entraide/sync/meeting"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"golang.org/x/crypto/ssh"
)

// What the bulletin carries: past meetings' minutes for a year, donations for three months.
const (
	pastMeetingDays = 366
	donationDays    = 92
)

// Of assembles, on the CCAS, the bulletin of the next directory file.
func Of(ctx context.Context, s *storage.Store) (*directory.FileBulletin, error) {
	today := s.Today()
	b := &directory.FileBulletin{Meetings: []directory.FileMeeting{}, Donations: []directory.FileDonation{}}
	meetings, err := s.Meetings(ctx)
	if err != nil {
		return nil, err
	}
	for _, m := range meetings {
		if m.Day.Before(today.AddDays(-pastMeetingDays)) {
			continue
		}
		full, err := s.FindMeeting(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		agenda, err := meeting.AgendaOf(ctx, s, full)
		if err != nil {
			return nil, err
		}
		b.Meetings = append(b.Meetings, fileMeeting(full, agenda))
	}
	members, err := s.MemberAssociations(ctx)
	if err != nil {
		return nil, err
	}
	keys := map[string][]byte{}
	for _, m := range members {
		keys[m.ID] = m.PublicKey
	}
	donations, err := s.Donations(ctx) // newest first
	if err != nil {
		return nil, err
	}
	for _, d := range donations {
		shared := storage.DateOf(d.CreatedAt)
		if shared.Before(today.AddDays(-donationDays)) {
			continue
		}
		fd, err := fileDonation(d, keys)
		if err != nil {
			return nil, err
		}
		b.Donations = append(b.Donations, fd)
	}
	return b, nil
}

func fileMeeting(m storage.Meeting, agenda meeting.Agenda) directory.FileMeeting {
	f := directory.FileMeeting{ID: m.ID, Date: m.Day, Start: m.Start, LengthMinutes: m.LengthMinutes, Host: m.Host, Place: m.Place,
		Status: m.Status, Sequence: m.Sequence, Agenda: []directory.FileAgendaItem{}, Minutes: m.Minutes}
	for _, item := range agenda.Items {
		f.Agenda = append(f.Agenda, directory.FileAgendaItem{Title: item.Title, BroughtBy: item.BroughtBy, DurationMinutes: item.DurationMinutes})
	}
	if m.Status != storage.MeetingHeld {
		for _, d := range agenda.FollowUp {
			f.FollowUp = append(f.FollowUp, directory.FileDecision{Text: d.Text, Done: d.Done, MeetingDate: d.MeetingDay})
		}
	}
	for _, d := range m.Decisions {
		f.Decisions = append(f.Decisions, directory.FileDecision{Text: d.Text, Done: d.Done, MeetingDate: m.Day})
	}
	return f
}

// fileDonation writes a donation's lines in clear when the network chose to show the
// whole table, else each sealed for its association. An association whose key the CCAS
// does not hold yet (no report received) gets no line: it cannot be sealed for it.
func fileDonation(d storage.Donation, keys map[string][]byte) (directory.FileDonation, error) {
	t, err := donation.Saved(d)
	if err != nil {
		return directory.FileDonation{}, err
	}
	f := directory.FileDonation{ID: d.ID, Name: d.Name, Unit: d.Unit, Quantity: d.Quantity, Pickup: d.Pickup, Rule: t.Rule,
		SharedOn: storage.DateOf(d.CreatedAt)}
	for _, l := range t.Lines {
		if l.Excluded || l.Quantity == 0 {
			continue
		}
		line := directory.FileDonationLine{AssociationID: l.AssociationID, Association: l.Name, Quantity: l.Quantity}
		if d.ShownToAll {
			f.Lines = append(f.Lines, line)
			continue
		}
		key := keys[l.AssociationID]
		if len(key) != ed25519.PublicKeySize {
			continue
		}
		sealed, err := seal(line, ed25519.PublicKey(key))
		if err != nil {
			return f, fmt.Errorf("sealing %s's line of %s: %w", l.Name, d.Name, err)
		}
		f.Sealed = append(f.Sealed, directory.FileSealedLine{AssociationID: l.AssociationID, Sealed: sealed})
	}
	return f, nil
}

func seal(line directory.FileDonationLine, key ed25519.PublicKey) (string, error) {
	sshKey, err := ssh.NewPublicKey(key)
	if err != nil {
		return "", err
	}
	recipient, err := agessh.NewEd25519Recipient(sshKey)
	if err != nil {
		return "", err
	}
	plain, err := json.Marshal(line)
	if err != nil {
		return "", err
	}
	var out bytes.Buffer
	w, err := age.Encrypt(&out, recipient)
	if err != nil {
		return "", err
	}
	if _, err := w.Write(plain); err != nil {
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(out.Bytes()), nil
}

func open(sealed string, key ed25519.PrivateKey) (directory.FileDonationLine, error) {
	var line directory.FileDonationLine
	raw, err := base64.StdEncoding.DecodeString(sealed)
	if err != nil {
		return line, err
	}
	identity, err := agessh.NewEd25519Identity(key)
	if err != nil {
		return line, err
	}
	r, err := age.Decrypt(bytes.NewReader(raw), identity)
	if err != nil {
		return line, err
	}
	plain, err := io.ReadAll(io.LimitReader(r, 64<<10))
	if err != nil {
		return line, err
	}
	return line, json.Unmarshal(plain, &line)
}

// Publish signs the directory with the bulletin (CCAS).
func Publish(ctx context.Context, s *storage.Store) ([]byte, directory.Directory, error) {
	b, err := Of(ctx, s)
	if err != nil {
		return nil, directory.Directory{}, fmt.Errorf("writing the network's bulletin: %w", err)
	}
	return directory.PublishWith(ctx, s, b)
}

// Donation is a donation as an association sees it: its own quantity, and every line
// when the network shows the whole table.
type Donation struct {
	directory.FileDonation
	Mine  int  // what this association receives
	Given bool // this association has a line
}

// News is what an association holds of the network's life.
type News struct {
	Network   string
	Meetings  []directory.FileMeeting
	Donations []Donation
}

// ErrSealedLine: a line meant for this association could not be opened.
var ErrSealedLine = errors.New("the line of a donation meant for this association cannot be read: this computer's key is not the one the CCAS knows")

// Meetings is, on an association, the meetings of the directory it holds (what the
// check-in reminder needs, without opening the donation lines).
func Meetings(ctx context.Context, s *storage.Store) (News, error) {
	d, err := directory.Held(ctx, s)
	if err != nil || d.Bulletin == nil {
		return News{}, err
	}
	return News{Network: d.NetworkName, Meetings: d.Bulletin.Meetings}, nil
}

// Read is, on an association, the bulletin of the directory it holds, with its own
// donation lines opened.
func Read(ctx context.Context, s *storage.Store) (News, error) {
	d, err := directory.Held(ctx, s)
	if err != nil || d.Bulletin == nil {
		return News{}, err
	}
	membership, err := s.Membership(ctx)
	if err != nil {
		return News{}, err
	}
	key, err := s.InstallationKey(ctx)
	if err != nil {
		return News{}, err
	}
	news := News{Network: d.NetworkName, Meetings: d.Bulletin.Meetings}
	for _, fd := range d.Bulletin.Donations {
		dn := Donation{FileDonation: fd}
		for _, l := range fd.Lines {
			if l.AssociationID == membership.AssociationID {
				dn.Mine, dn.Given = l.Quantity, true
			}
		}
		for _, sl := range fd.Sealed {
			if sl.AssociationID != membership.AssociationID {
				continue
			}
			line, err := open(sl.Sealed, key)
			if err != nil {
				return news, fmt.Errorf("%s: %w", fd.Name, ErrSealedLine)
			}
			dn.Mine, dn.Given = line.Quantity, true
		}
		news.Donations = append(news.Donations, dn)
	}
	return news, nil
}

// NextMeeting is the next meeting not cancelled on or after today.
func (n News) NextMeeting(today storage.Date) (directory.FileMeeting, bool) {
	for _, m := range n.Meetings {
		if m.Status != storage.MeetingCancelled && !m.Date.Before(today) {
			return m, true
		}
	}
	return directory.FileMeeting{}, false
}

// Reminder is the sentence the check-in screen shows the week before a meeting, or "".
func (n News) Reminder(today storage.Date) string {
	m, ok := n.NextMeeting(today)
	if !ok || today.DaysUntil(m.Date) > 7 {
		return ""
	}
	when := "le " + m.Date.LongFrench()
	switch today.DaysUntil(m.Date) {
	case 0:
		when = "aujourd'hui"
	case 1:
		when = "demain"
	}
	return fmt.Sprintf("Réunion du réseau %s à %s chez %s%s.", when, strings.Replace(m.Start, ":", " h ", 1), m.Host, placeSuffix(m.Place))
}

func placeSuffix(place string) string {
	if place == "" {
		return ""
	}
	return ", " + place
}

// Sentence is a donation in words for the association: "Don du CCAS : 38 paquets de
// couches, à retirer le …".
func (d Donation) Sentence() string {
	if !d.Given {
		return "Don du CCAS : " + d.Name + " (" + strings.TrimSpace(fmt.Sprintf("%d %s", d.Quantity, d.Unit)) + " pour le réseau) — rien pour votre association cette fois."
	}
	return "Don du CCAS : " + strings.TrimSpace(fmt.Sprintf("%d %s", d.Mine, d.Unit)) + " — " + d.Name + placeSuffix(d.Pickup) + "."
}
