package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"entraide/storage"
	"entraide/sync/printout"
)

// cardList collects --card given several times.
type cardList []string

func (c *cardList) String() string     { return strings.Join(*c, ",") }
func (c *cardList) Set(v string) error { *c = append(*c, v); return nil }

// cmdCards prints household cards as a PDF: the given cards, those registered since a
// day, or every active household.
func cmdCards(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("cards", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	out := fs.String("out", "", "PDF file to write")
	var cards cardList
	fs.Var(&cards, "card", "a card to print (repeat for several)")
	since := fs.String("registered-since", "", "the households registered since this day, YYYY-MM-DD")
	if err := noFlagsLeft(fs, args); err != nil {
		return err
	}
	if !strings.HasSuffix(strings.ToLower(*out), ".pdf") {
		return usageError{"--out FILE.pdf is required"}
	}
	filter := storage.CardFilter{Cards: cards}
	if *since != "" {
		d, err := storage.ParseDate(*since)
		if err != nil {
			return usageError{fmt.Sprintf("--registered-since %q: expected YYYY-MM-DD", *since)}
		}
		filter.RegisteredSince = d
	}
	s, err := openReader(ctx, *data)
	if err != nil {
		return err
	}
	defer s.Close()
	pdf, holders, err := printout.Cards(ctx, s, filter)
	if err != nil {
		return err
	}
	if err := writeNewFile(*out, pdf); err != nil {
		return err
	}
	printed := make([]string, len(holders))
	for i, h := range holders {
		printed[i] = h.Card
	}
	return writeJSON(stdout, map[string]any{"file": *out, "cards": printed, "pages": (len(holders) + 9) / 10})
}

// cmdCard handles one card: "replace" gives a household whose card was lost a new one.
func cmdCard(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "replace" {
		return usageError{"card replace --data DIR --card CARD"}
	}
	fs := flag.NewFlagSet("card replace", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	card := fs.String("card", "", "the lost card's number")
	if err := noFlagsLeft(fs, args[1:]); err != nil {
		return err
	}
	if *card == "" {
		return usageError{"--card is required"}
	}
	s, err := openStore(ctx, *data, true)
	if err != nil {
		return err
	}
	defer s.Close()
	id, err := s.HouseholdIDByCard(ctx, *card)
	if err != nil {
		return err
	}
	old, replacement, err := s.ReplaceCard(ctx, id, "entraidectl")
	if err != nil {
		return err
	}
	return writeJSON(stdout, map[string]any{"old_card": old, "card": replacement})
}
