package sync

import (
	"context"
	"errors"
	"fmt"
	"time"

	"entraide/storage"
)

// FormatListing is the file an association sends when its public listing changes.
const FormatListing = "entraide/listing"

// ListingFile is the payload of a listing file.
type ListingFile struct {
	NetworkID     string          `json:"network_id"`
	AssociationID string          `json:"association_id"`
	GeneratedAt   time.Time       `json:"generated_at"`
	Listing       storage.Listing `json:"listing"`
}

// ListingFileName is the default name of a listing file.
func ListingFileName(associationName string) string {
	return "fiche-" + fileSlug(associationName) + ".json"
}

// SignedListing writes the association's listing as a signed file for the CCAS.
func SignedListing(ctx context.Context, s *storage.Store) ([]byte, error) {
	if err := s.RequireManager("signing the listing"); err != nil {
		return nil, err
	}
	m, err := s.Membership(ctx)
	if err != nil {
		return nil, err
	}
	l, err := s.Listing(ctx)
	if err != nil {
		return nil, err
	}
	key, err := s.InstallationKey(ctx)
	if err != nil {
		return nil, err
	}
	return Seal(FormatListing, m.AssociationID, key, ListingFile{NetworkID: m.NetworkID, AssociationID: m.AssociationID,
		GeneratedAt: s.Now(), Listing: l})
}

// importListing checks a listing file (envelope already opened) and keeps it.
func importListing(ctx context.Context, s *storage.Store, env Envelope, key []byte, networkID string) (Verdict, error) {
	var lf ListingFile
	if err := decodePayload(env, &lf); err != nil {
		return Verdict{}, err
	}
	if lf.NetworkID != networkID {
		return Verdict{}, refuse(ReasonOtherNetwork, "")
	}
	if lf.AssociationID == "" || lf.AssociationID != env.SignerID || lf.Listing.Name == "" {
		return Verdict{}, refuse(ReasonMalformed, "listing incomplete")
	}
	v := Verdict{Association: lf.Listing.Name}
	outcome, err := s.AcceptListing(ctx, lf.AssociationID, lf.GeneratedAt, payloadHash(env.Payload), string(env.Payload), key, Fingerprint(key))
	switch {
	case errors.Is(err, storage.ErrUnknownAssociation):
		return v, refuse(ReasonUnknownAssociation, "%s", lf.Listing.Name)
	case errors.Is(err, storage.ErrKeyMismatch):
		return v, refuse(ReasonKeyMismatch, "%v", err)
	case err != nil:
		return v, fmt.Errorf("keeping the listing: %w", err)
	}
	v.Accepted, v.Outcome = true, outcome
	return v, nil
}
