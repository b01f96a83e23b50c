package meeting

import (
	"context"
	"sort"
	"time"

	"entraide/storage"
	"entraide/sync/directory"
)

// Hosts are the network's associations whose listing, as the CCAS holds it, lends a room
// for the meetings; their closures and first address come from the listing's places, and
// the last meeting each hosted before the given day from the meetings kept.
func Hosts(ctx context.Context, s *storage.Store, before storage.Date) ([]Host, error) {
	d, err := directory.Current(ctx, s)
	if err != nil {
		return nil, err
	}
	last, err := s.LastHosted(ctx, before)
	if err != nil {
		return nil, err
	}
	var hosts []Host
	for _, e := range d.Entries {
		room := e.Listing.MeetingRoom
		if e.Source != directory.SourceAssociation || room == nil || room.Capacity == 0 {
			continue
		}
		h := Host{AssociationID: e.AssociationID, Name: e.Listing.Name, Room: *room, LastHosted: last[e.AssociationID]}
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

// Plan proposes a year's meetings from the network's hosts and the meetings kept: who
// hosted last before the year, and the previous meeting's host.
func Plan(ctx context.Context, s *storage.Store, year int, weekday time.Weekday, start string) ([]Proposal, error) {
	yearStart := storage.Date{Year: year, Month: time.January, Day: 1}
	hosts, err := Hosts(ctx, s, yearStart)
	if err != nil {
		return nil, err
	}
	previous, err := s.PreviousHost(ctx, yearStart)
	if err != nil {
		return nil, err
	}
	return PlanYear(year, weekday, start, hosts, previous)
}

// Save keeps a plan's meetings; days that already have one are left as they are.
func Save(ctx context.Context, s *storage.Store, plan []Proposal, length time.Duration, actor string) ([]storage.Meeting, []storage.Date, error) {
	meetings := make([]storage.Meeting, len(plan))
	for i, p := range plan {
		meetings[i] = storage.Meeting{Day: p.Date, Start: p.Start, LengthMinutes: int(length / time.Minute), HostID: p.HostID,
			Host: p.Host, Place: p.Place, HostRule: p.HostRule + nonEmpty(" Date ", p.Moved)}
	}
	return s.PlanMeetings(ctx, meetings, actor)
}
