package exchange

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"slices"
	"time"

	"entraide/storage"
	"entraide/sync/envelope"
	"entraide/sync/report"
)

// Invitation is what the CCAS sends an association so that it joins the network.
type Invitation struct {
	NetworkID       string    `json:"network_id"`
	NetworkName     string    `json:"network_name"`
	AssociationID   string    `json:"association_id"`
	AssociationName string    `json:"association_name"`
	Quartiers       []string  `json:"quartiers"`
	SmallCellK      int       `json:"small_cell_k"`
	ValidFrom       string    `json:"valid_from"`
	CreatedAt       time.Time `json:"created_at"`
}

// Invite adds (or invites again) an association and writes its signed invitation;
// validFrom is the first month taken (YYYY-MM, empty: the month before today).
func Invite(ctx context.Context, s *storage.Store, associationName, validFrom string) ([]byte, storage.MemberAssociation, error) {
	if validFrom != "" {
		if _, err := storage.MonthStart(validFrom); err != nil {
			return nil, storage.MemberAssociation{}, err
		}
	}
	n, err := s.Network(ctx)
	if err != nil {
		return nil, storage.MemberAssociation{}, err
	}
	m, err := s.InviteAssociation(ctx, associationName, validFrom)
	if err != nil {
		return nil, m, err
	}
	key, err := s.InstallationKey(ctx)
	if err != nil {
		return nil, m, err
	}
	inv := Invitation{NetworkID: n.NetworkID, NetworkName: n.Name, AssociationID: m.ID, AssociationName: m.Name,
		Quartiers: n.Quartiers, SmallCellK: n.SmallCellK, ValidFrom: m.ValidFrom, CreatedAt: m.InvitedAt.UTC()}
	file, err := envelope.Seal(envelope.FormatInvitation, n.NetworkID, key, inv)
	return file, m, err
}

// InvitationFileName is the default name of an invitation file.
func InvitationFileName(associationName string) string {
	return "invitation-" + envelope.FileSlug(associationName) + ".json"
}

// ReadInvitation checks an invitation file without changing anything.
func ReadInvitation(data []byte) (Invitation, ed25519.PublicKey, error) {
	env, pub, err := envelope.Open(data)
	if err != nil {
		return Invitation{}, nil, err
	}
	if env.Format != envelope.FormatInvitation {
		return Invitation{}, nil, envelope.Refuse(envelope.ReasonWrongFormat, "%s, not an invitation", env.Format)
	}
	var inv Invitation
	if err := envelope.Decode(env, &inv); err != nil {
		return inv, nil, err
	}
	if inv.NetworkID == "" || inv.AssociationID == "" || inv.NetworkID != env.SignerID || inv.SmallCellK < 2 {
		return inv, nil, envelope.Refuse(envelope.ReasonMalformed, "invitation incomplete")
	}
	if _, err := storage.MonthStart(inv.ValidFrom); err != nil {
		return inv, nil, envelope.Refuse(envelope.ReasonMalformed, "%v", err)
	}
	return inv, pub, nil
}

// Join imports an invitation: the association pins the CCAS key and joins the network.
func Join(ctx context.Context, s *storage.Store, data []byte) (Invitation, error) {
	inv, pub, err := ReadInvitation(data)
	if err != nil {
		return inv, err
	}
	settings, err := s.Settings(ctx)
	if err != nil {
		return inv, err
	}
	if settings.Mode != storage.ModeAssociation {
		return inv, envelope.Refuse(envelope.ReasonWrongInstallation, "an invitation is imported by an association")
	}
	err = s.Join(ctx, storage.Membership{NetworkID: inv.NetworkID, NetworkName: inv.NetworkName,
		AssociationID: inv.AssociationID, AssociationName: inv.AssociationName, CCASPublicKey: pub,
		SmallCellK: inv.SmallCellK, Quartiers: slices.Clone(inv.Quartiers), ValidFrom: inv.ValidFrom})
	switch {
	case errors.Is(err, storage.ErrOtherNetwork):
		return inv, envelope.Refuse(envelope.ReasonOtherNetwork, "%v", err)
	case errors.Is(err, storage.ErrKeyMismatch):
		return inv, envelope.Refuse(envelope.ReasonKeyMismatch, "%v", err)
	case err != nil:
		return inv, fmt.Errorf("joining %s: %w", inv.NetworkName, err)
	}
	return inv, nil
}

// SetPassphrase derives and keeps the network key from the passphrase the associations
// agreed on; it returns the key's fingerprint.
func SetPassphrase(ctx context.Context, s *storage.Store, passphrase string) (string, error) {
	m, err := s.Membership(ctx)
	if err != nil {
		return "", err
	}
	key, err := report.DeriveUniqueKey(passphrase, m.NetworkID)
	if err != nil {
		return "", err
	}
	fp := report.KeyFingerprint(key)
	return fp, s.SetUniqueKey(ctx, key, fp)
}
