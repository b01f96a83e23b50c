package exchange

import (
	"context"
	"errors"
	"fmt"

	"entraide/storage"
	"entraide/sync/directory"
	"entraide/sync/envelope"
)

// importDirectory checks a directory file on an association's installation: signed by
// the CCAS key pinned at joining, for its network, newer than the one held.
func importDirectory(ctx context.Context, s *storage.Store, env envelope.Envelope, key []byte) (Verdict, error) {
	m, err := s.Membership(ctx)
	if err != nil {
		return Verdict{}, err
	}
	var d directory.DirectoryFile
	if err := envelope.Decode(env, &d); err != nil {
		return Verdict{}, err
	}
	if d.NetworkID != m.NetworkID || env.SignerID != m.NetworkID {
		return Verdict{}, envelope.Refuse(envelope.ReasonOtherNetwork, "")
	}
	if string(key) != string(m.CCASPublicKey) {
		return Verdict{}, envelope.Refuse(envelope.ReasonKeyMismatch, "not the CCAS key pinned when the association joined")
	}
	if d.Version < 1 {
		return Verdict{}, envelope.Refuse(envelope.ReasonMalformed, "directory version %d", d.Version)
	}
	err = s.ReplaceDirectory(ctx, storage.PublishedDirectory{Version: d.Version, PublishedAt: d.PublishedAt, Payload: string(env.Payload)})
	if errors.Is(err, storage.ErrOldDirectory) {
		return Verdict{}, envelope.Refuse(envelope.ReasonOldDirectory, "%v", err)
	}
	if err != nil {
		return Verdict{}, fmt.Errorf("keeping the directory: %w", err)
	}
	return Verdict{Accepted: true, Association: d.NetworkName, Outcome: storage.OutcomeNew}, nil
}

// importListing checks a listing file (envelope already opened) and keeps it.
func importListing(ctx context.Context, s *storage.Store, env envelope.Envelope, key []byte, networkID string) (Verdict, error) {
	var lf directory.ListingFile
	if err := envelope.Decode(env, &lf); err != nil {
		return Verdict{}, err
	}
	if lf.NetworkID != networkID {
		return Verdict{}, envelope.Refuse(envelope.ReasonOtherNetwork, "")
	}
	if lf.AssociationID == "" || lf.AssociationID != env.SignerID || lf.Listing.Name == "" {
		return Verdict{}, envelope.Refuse(envelope.ReasonMalformed, "listing incomplete")
	}
	v := Verdict{Association: lf.Listing.Name}
	outcome, err := s.AcceptListing(ctx, lf.AssociationID, lf.GeneratedAt, envelope.PayloadHash(env.Payload), string(env.Payload), key, envelope.Fingerprint(key))
	switch {
	case errors.Is(err, storage.ErrUnknownAssociation):
		return v, envelope.Refuse(envelope.ReasonUnknownAssociation, "%s", lf.Listing.Name)
	case errors.Is(err, storage.ErrKeyMismatch):
		return v, envelope.Refuse(envelope.ReasonKeyMismatch, "%v", err)
	case err != nil:
		return v, fmt.Errorf("keeping the listing: %w", err)
	}
	v.Accepted, v.Outcome = true, outcome
	return v, nil
}
