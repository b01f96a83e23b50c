package exchange_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"entraide/storage"
	"entraide/sync/directory"
	"entraide/sync/envelope"
	"entraide/sync/exchange"
	"entraide/sync/internal/synctest"
)

// Every exchange file reader is fuzzed through the function the screens call, against a
// real database: never a crash, every refusal has a reason the screens can explain, and a
// refused file changes nothing.

// refusedCleanly fails the fuzz run when a refusal has no reason or changed the database.
func refusedCleanly(t *testing.T, err error, before, after string) {
	t.Helper()
	if envelope.ReasonOf(err) == "" {
		t.Fatalf("a refusal without a reason the user can be told: %v", err)
	}
	if before != after {
		t.Fatalf("a refused file changed the database (%v)", err)
	}
}

// FuzzJoin reads invitations, as an association that has not joined yet.
func FuzzJoin(f *testing.F) {
	n := synctest.NewNetwork(f)
	f.Add(invitation(n, f))
	f.Add(synctest.SignedReport(n, f))
	f.Add([]byte(`{"format":"entraide/invitation","version":1,"payload":{}}`))
	ctx := context.Background()
	stranger := synctest.OpenStore(f, n.Clock)
	if err := stranger.Setup(ctx, storage.DefaultSetup("Nouvelle asso", "Local")); err != nil {
		f.Fatal(err)
	}
	membership := func() string {
		m, err := stranger.Membership(ctx)
		return fmt.Sprintf("%+v %v", m, err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		before := membership()
		if _, err := exchange.Join(ctx, stranger, data); err != nil {
			refusedCleanly(t, err, before, membership())
		}
	})
}

// FuzzImportAtCCAS reads reports and listings, as the CCAS.
func FuzzImportAtCCAS(f *testing.F) {
	n := synctest.NewNetwork(f)
	ctx := context.Background()
	synctest.Serve(f, n.Assoc, n.Clock, 6, synctest.Person("Benali", "Nadia", "12/03/1990"))
	f.Add(synctest.SignedReport(n, f))
	listing, err := directory.SignedListing(ctx, n.Assoc)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(listing)
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"format":"entraide/monthly-report","version":1,"payload":{"month":"2026-10"}}`))
	content := func(t testing.TB) string {
		listings, err := n.CCAS.CurrentListings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		held, err := json.Marshal(listings)
		if err != nil {
			t.Fatal(err)
		}
		return synctest.DatabaseContent(t, n.CCAS) + string(held)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		before := content(t)
		if _, err := exchange.ImportFile(ctx, n.CCAS, data); err != nil {
			refusedCleanly(t, err, before, content(t))
		}
	})
}

// FuzzImportDirectory reads network directories, as an association.
func FuzzImportDirectory(f *testing.F) {
	n := synctest.NewNetwork(f)
	ctx := context.Background()
	file, _, err := directory.Publish(ctx, n.CCAS)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(file)
	f.Add([]byte(`{"format":"entraide/directory","version":1}`))
	content := func() string {
		d, err := directory.Held(ctx, n.Assoc)
		if err != nil {
			f.Fatal(err)
		}
		held, err := json.Marshal(d)
		if err != nil {
			f.Fatal(err)
		}
		return string(held)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		before := content()
		if _, err := exchange.ImportFile(ctx, n.Assoc, data); err != nil {
			refusedCleanly(t, err, before, content())
			return
		}
		// Whatever was accepted can be searched.
		d, err := directory.Held(ctx, n.Assoc)
		if err != nil {
			t.Fatal(err)
		}
		_ = directory.Search(d, directory.DirectoryQuery{Text: "a"}, time.Now())
	})
}
