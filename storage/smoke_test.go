package storage

import (
	"context"
	"testing"
)

func TestSmoke(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	h := register(t, s, member("Lefèvre", "Marie-Claire", "12/03/1980"), member("Lefèvre", "Léo", "2015"))
	t.Logf("%+v", h)
	res, err := s.Search(ctx, "lefev mar", 20)
	t.Logf("%+v %v", res, err)
	v, err := s.CheckIn(ctx, CheckInRequest{HouseholdID: h.ID})
	t.Logf("%+v %v", v, err)
	_, err = s.CheckIn(ctx, CheckInRequest{HouseholdID: h.ID})
	t.Logf("%v", err)
	res, err = s.Search(ctx, h.Card[:4], 20)
	t.Logf("%+v %v", res, err)
	d, err := s.Day(ctx, DateOf(testNow))
	t.Logf("%+v %v", d, err)
	st, err := s.Stats(ctx)
	t.Logf("%+v %v", st, err)
	sum, err := s.HouseholdSummaries(ctx, false)
	t.Logf("%+v %v", sum, err)
}
