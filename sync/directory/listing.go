package directory

import (
	"context"
	"time"

	"entraide/storage"
	"entraide/sync/envelope"
)

// ListingFile is the payload of a listing file.
type ListingFile struct {
	NetworkID     string      `json:"network_id"`
	AssociationID string      `json:"association_id"`
	GeneratedAt   time.Time   `json:"generated_at"`
	Listing       FileListing `json:"listing"`
}

// ListingFileName is the default name of a listing file.
func ListingFileName(associationName string) string {
	return "fiche-" + envelope.FileSlug(associationName) + ".json"
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
	return envelope.Seal(envelope.FormatListing, m.AssociationID, key, ListingFile{NetworkID: m.NetworkID, AssociationID: m.AssociationID,
		GeneratedAt: s.Now(), Listing: ListingOf(l)})
}
