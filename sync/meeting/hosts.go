package meeting

import (
	"context"
	"sort"

	"entraide/storage"
	"entraide/sync/directory"
)

// Hosts are the network's associations whose listing, as the CCAS holds it, lends a room
// for the meetings; their closures and first address come from the listing's places.
func Hosts(ctx context.Context, s *storage.Store) ([]Host, error) {
	d, err := directory.Current(ctx, s)
	if err != nil {
		return nil, err
	}
	var hosts []Host
	for _, e := range d.Entries {
		room := e.Listing.MeetingRoom
		if e.Source != directory.SourceAssociation || room == nil || room.Capacity == 0 {
			continue
		}
		h := Host{AssociationID: e.AssociationID, Name: e.Listing.Name, Room: *room}
		for _, site := range e.Listing.Sites {
			if h.Address == "" {
				h.Address = site.Address
			}
			h.Closures = append(h.Closures, site.Schedule.Closures...)
		}
		hosts = append(hosts, h)
	}
	sort.Slice(hosts, func(i, j int) bool { return hosts[i].Name < hosts[j].Name })
	return hosts, nil
}
