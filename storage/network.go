package storage

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

var (
	// ErrNotJoined: the association has not joined a network yet (no invitation imported).
	ErrNotJoined = errors.New("this association has not joined a network yet")
	// ErrWrongMode: the action belongs to the other kind of installation.
	ErrWrongMode = errors.New("not possible on this kind of installation")
	// ErrUnknownAssociation: a report comes from an association the CCAS never invited.
	ErrUnknownAssociation = errors.New("unknown association")
	// ErrKeyMismatch: a report is signed with another key than the one pinned for its association.
	ErrKeyMismatch = errors.New("signed with another key than the association's")
	// ErrBeforeJoined: a report is for a month before the association was invited.
	ErrBeforeJoined = errors.New("month before the association joined the network")
	// ErrOtherNetwork: an invitation from another network than the one joined.
	ErrOtherNetwork = errors.New("another network")
)

// DefaultSmallCellK is the default small-cell threshold: counts 1..4 are sent as "fewer than 5".
const DefaultSmallCellK = 5

type installationKey struct {
	ID         int `gorm:"primaryKey"`
	PublicKey  []byte
	PrivateKey []byte
	CreatedAt  time.Time
}

func (installationKey) TableName() string { return "installation_key" }

func ensureInstallationKey(tx *gorm.DB, now time.Time) error {
	var n int64
	if err := tx.Model(&installationKey{}).Count(&n).Error; err != nil {
		return fmt.Errorf("reading installation key: %w", err)
	}
	if n > 0 {
		return nil
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("making installation key: %w", err)
	}
	if err := tx.Create(&installationKey{ID: 1, PublicKey: pub, PrivateKey: priv, CreatedAt: now}).Error; err != nil {
		return fmt.Errorf("saving installation key: %w", err)
	}
	return nil
}

// InstallationKey is this installation's signing key, made at setup (or now, for a
// database set up before keys existed).
func (s *Store) InstallationKey(ctx context.Context) (ed25519.PrivateKey, error) {
	var k installationKey
	err := s.write(ctx).Transaction(func(tx *gorm.DB) error {
		if err := ensureInstallationKey(tx, s.now()); err != nil {
			return err
		}
		return tx.Take(&k).Error
	})
	if err != nil {
		return nil, fmt.Errorf("reading installation key: %w", err)
	}
	return ed25519.PrivateKey(k.PrivateKey), nil
}

// CCASSetupInput is what the CCAS's first start asks.
type CCASSetupInput struct {
	Name        string // e.g. "CCAS de Roubaix"
	NetworkName string // e.g. "Réseau d'aide alimentaire de Roubaix"
	SmallCellK  int
	Quartiers   []string
}

// SetupCCAS sets the installation up as the CCAS coordinating a network.
func (s *Store) SetupCCAS(ctx context.Context, in CCASSetupInput) error {
	in.Name = strings.TrimSpace(in.Name)
	in.NetworkName = strings.TrimSpace(in.NetworkName)
	if in.Name == "" {
		return &ValidationError{Problem: ProblemEmptyAssocName, Field: "association_name"}
	}
	if in.NetworkName == "" {
		in.NetworkName = in.Name
	}
	if in.SmallCellK == 0 {
		in.SmallCellK = DefaultSmallCellK
	}
	if in.SmallCellK < 2 || in.SmallCellK > 50 {
		return &ValidationError{Problem: ProblemBadRule, Field: "small_cell_k"}
	}
	if len(in.Quartiers) == 0 {
		in.Quartiers = Quartiers
	}
	quartiers, _ := json.Marshal(in.Quartiers)
	return s.write(ctx).Transaction(func(tx *gorm.DB) error {
		if err := beginSetup(tx, s.now()); err != nil {
			return err
		}
		if err := tx.Create(&Settings{ID: newID(), Mode: ModeCCAS, AssociationName: in.Name, CardName: CardNameFirstInitial,
			MinDaysBetweenVisits: 7, EligibilityMonths: 12}).Error; err != nil {
			return fmt.Errorf("saving CCAS settings: %w", err)
		}
		return tx.Exec(`INSERT INTO network(id, network_id, name, small_cell_k, quartiers) VALUES (1, ?, ?, ?, ?)`,
			newID(), in.NetworkName, in.SmallCellK, string(quartiers)).Error
	})
}

// Network is the network a CCAS installation coordinates.
type Network struct {
	NetworkID  string
	Name       string
	SmallCellK int
	Quartiers  []string
}

// Network reads the network of a CCAS installation.
func (s *Store) Network(ctx context.Context) (Network, error) {
	var row struct {
		NetworkID  string
		Name       string
		SmallCellK int
		Quartiers  string
	}
	err := s.reader.WithContext(ctx).Raw(`SELECT network_id, name, small_cell_k, quartiers FROM network`).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Network{}, ErrWrongMode
	}
	if err != nil {
		return Network{}, fmt.Errorf("reading network: %w", err)
	}
	n := Network{NetworkID: row.NetworkID, Name: row.Name, SmallCellK: row.SmallCellK}
	if err := json.Unmarshal([]byte(row.Quartiers), &n.Quartiers); err != nil {
		return n, fmt.Errorf("reading network quartiers: %w", err)
	}
	return n, nil
}

// MemberAssociation is an association of the network, as the CCAS knows it.
type MemberAssociation struct {
	ID             string `gorm:"primaryKey"`
	Name           string
	Status         string // "invited" until its first report is accepted, then "active"
	PublicKey      []byte
	KeyFingerprint string
	RevokedKey     []byte // the key of the computer it had before the last invitation
	ValidFrom      string // first month it may report, YYYY-MM
	InvitedAt      time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (MemberAssociation) TableName() string { return "member_associations" }

// Association statuses.
const (
	StatusInvited = "invited"
	StatusActive  = "active"
)

// InviteAssociation adds an association to the network, or invites it again: then its
// pinned key is forgotten (a lost laptop) and the next report it signs is pinned instead.
// validFrom (YYYY-MM) is the first month the network takes its reports for; empty means
// the month before the invitation, so that the month just ended can be sent at once.
func (s *Store) InviteAssociation(ctx context.Context, name, validFrom string) (MemberAssociation, error) {
	if err := s.RequireManager("inviting an association"); err != nil {
		return MemberAssociation{}, err
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return MemberAssociation{}, &ValidationError{Problem: ProblemEmptyAssocName, Field: "association_name"}
	}
	var m MemberAssociation
	err := s.write(ctx).Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Table("network").Count(&n).Error; err != nil || n == 0 {
			return errors.Join(err, ErrWrongMode)
		}
		now := s.now()
		if validFrom == "" {
			validFrom = MonthOf(DateOf(now).FirstOfMonth().AddMonths(-1)).String()
		}
		err := tx.Where("name = ? COLLATE NOCASE", name).Take(&m).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			m = MemberAssociation{ID: newID(), Name: name, Status: StatusInvited, ValidFrom: validFrom, InvitedAt: now}
			return tx.Create(&m).Error
		}
		if err != nil {
			return err
		}
		if m.PublicKey != nil {
			m.RevokedKey = m.PublicKey
		}
		m.Status, m.PublicKey, m.KeyFingerprint, m.InvitedAt, m.ValidFrom = StatusInvited, nil, "", now, validFrom
		return tx.Model(&m).Select("status", "public_key", "key_fingerprint", "revoked_key", "invited_at", "valid_from", "updated_at").Updates(&m).Error
	})
	if err != nil {
		return m, fmt.Errorf("inviting %s: %w", name, err)
	}
	return m, nil
}

// MemberAssociations lists the network's associations by name.
func (s *Store) MemberAssociations(ctx context.Context) ([]MemberAssociation, error) {
	var list []MemberAssociation
	if err := s.reader.WithContext(ctx).Order("name COLLATE NOCASE").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("listing associations: %w", err)
	}
	return list, nil
}

// Membership is an association's place in the network, from the invitation it imported.
type Membership struct {
	NetworkID            string
	NetworkName          string
	AssociationID        string
	AssociationName      string
	CCASPublicKey        []byte
	SmallCellK           int
	Quartiers            []string
	ValidFrom            string
	JoinedAt             time.Time
	UniqueKey            []byte // derived from the network passphrase; nil until typed
	UniqueKeyFingerprint string
}

type membershipRow struct {
	ID                   int `gorm:"primaryKey"`
	NetworkID            string
	NetworkName          string
	AssociationID        string
	AssociationName      string
	CCASPublicKey        []byte `gorm:"column:ccas_public_key"`
	SmallCellK           int
	Quartiers            string
	ValidFrom            string
	JoinedAt             time.Time
	UniqueKey            []byte
	UniqueKeyFingerprint string
}

func (membershipRow) TableName() string { return "network_membership" }

// Membership reads the network the association joined.
func (s *Store) Membership(ctx context.Context) (Membership, error) {
	var row membershipRow
	err := s.reader.WithContext(ctx).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Membership{}, ErrNotJoined
	}
	if err != nil {
		return Membership{}, fmt.Errorf("reading network membership: %w", err)
	}
	m := Membership{NetworkID: row.NetworkID, NetworkName: row.NetworkName, AssociationID: row.AssociationID,
		AssociationName: row.AssociationName, CCASPublicKey: row.CCASPublicKey, SmallCellK: row.SmallCellK,
		ValidFrom: row.ValidFrom, JoinedAt: row.JoinedAt, UniqueKey: row.UniqueKey, UniqueKeyFingerprint: row.UniqueKeyFingerprint}
	if err := json.Unmarshal([]byte(row.Quartiers), &m.Quartiers); err != nil {
		return m, fmt.Errorf("reading network quartiers: %w", err)
	}
	return m, nil
}

// Join records the network of a verified invitation. An association already in a network
// accepts a new invitation only from the same network and the same CCAS key; the
// passphrase key is kept.
func (s *Store) Join(ctx context.Context, m Membership) error {
	if err := s.RequireManager("joining a network"); err != nil {
		return err
	}
	quartiers, _ := json.Marshal(m.Quartiers)
	return s.write(ctx).Transaction(func(tx *gorm.DB) error {
		settings, err := readSettings(tx)
		if err != nil {
			return err
		}
		if settings.Mode != ModeAssociation {
			return ErrWrongMode
		}
		var old membershipRow
		err = tx.Take(&old).Error
		switch {
		case errors.Is(err, gorm.ErrRecordNotFound):
		case err != nil:
			return fmt.Errorf("reading network membership: %w", err)
		case old.NetworkID != m.NetworkID:
			return fmt.Errorf("already in %q: %w", old.NetworkName, ErrOtherNetwork)
		case string(old.CCASPublicKey) != string(m.CCASPublicKey):
			return fmt.Errorf("the invitation is signed with another CCAS key than %q's: %w", old.NetworkName, ErrKeyMismatch)
		default:
			m.UniqueKey, m.UniqueKeyFingerprint = old.UniqueKey, old.UniqueKeyFingerprint
		}
		row := membershipRow{ID: 1, NetworkID: m.NetworkID, NetworkName: m.NetworkName, AssociationID: m.AssociationID,
			AssociationName: m.AssociationName, CCASPublicKey: m.CCASPublicKey, SmallCellK: m.SmallCellK,
			Quartiers: string(quartiers), ValidFrom: m.ValidFrom, JoinedAt: s.now(),
			UniqueKey: m.UniqueKey, UniqueKeyFingerprint: m.UniqueKeyFingerprint}
		return tx.Save(&row).Error
	})
}

// SetUniqueKey keeps the key derived from the network passphrase, and its fingerprint.
func (s *Store) SetUniqueKey(ctx context.Context, key []byte, fingerprint string) error {
	if err := s.RequireManager("setting the network passphrase"); err != nil {
		return err
	}
	res := s.write(ctx).Model(&membershipRow{}).Where("id = 1").
		Updates(map[string]any{"unique_key": key, "unique_key_fingerprint": fingerprint})
	if res.Error != nil {
		return fmt.Errorf("saving the network passphrase key: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrNotJoined
	}
	return nil
}

// RecordSentReport notes that the month's report was saved (for the reminder).
func (s *Store) RecordSentReport(ctx context.Context, month, fileName string) error {
	if err := s.RequireManager("saving a monthly report"); err != nil {
		return err
	}
	err := s.write(ctx).Exec(`INSERT INTO sent_reports(month, saved_at, file_name) VALUES (?, ?, ?)
	    ON CONFLICT(month) DO UPDATE SET saved_at = excluded.saved_at, file_name = excluded.file_name`,
		month, s.now(), fileName).Error
	if err != nil {
		return fmt.Errorf("noting the report of %s: %w", month, err)
	}
	return s.Audit(ctx, "", AuditReportSaved, month)
}

// ReportSaved tells whether the month's report was saved.
func (s *Store) ReportSaved(ctx context.Context, month string) (bool, error) {
	var n int64
	if err := s.reader.WithContext(ctx).Table("sent_reports").Where("month = ?", month).Count(&n).Error; err != nil {
		return false, fmt.Errorf("reading saved reports: %w", err)
	}
	return n > 0, nil
}
