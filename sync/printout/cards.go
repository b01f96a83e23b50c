package printout

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"strings"

	"entraide/storage"

	"github.com/boombuler/barcode/code128"
	"github.com/go-pdf/fpdf"
)

// Card sheet geometry, in millimetres: ID-1 cards (the size of a bank card), two across
// and five down an A4 page, the grid centred, with cutting marks in the margins.
const (
	cardWidth    = 85.6
	cardHeight   = 54.0
	cardsAcross  = 2
	cardsDown    = 5
	cardsPerPage = cardsAcross * cardsDown
	cardPadding  = 4.0
	// A Code 128 module of 0.4 mm reads with any desk scanner and at 300 dpi on paper;
	// the quiet zone is ten modules on each side, as the symbology asks.
	barModule      = 0.4
	barQuietZone   = 10 * barModule
	barHeight      = 12.0
	cutMarkLength  = 5.0
	cutMarkSpacing = 1.5
)

// CardsPDF prints household cards, ten to an A4 page with cutting marks: the
// association's name, the card number large, its Code 128 barcode, the name as the
// association chose (storage.CardName) and the end of eligibility.
func CardsPDF(association string, holders []storage.CardHolder, show storage.CardName) ([]byte, error) {
	if len(holders) == 0 {
		return nil, fmt.Errorf("no card to print")
	}
	pdf, tr := newPDF()
	pdf.SetAutoPageBreak(false, 0)
	left := (210 - cardsAcross*cardWidth) / 2
	top := (297 - cardsDown*cardHeight) / 2
	for i, h := range holders {
		if i%cardsPerPage == 0 {
			pdf.AddPage()
			cutMarks(pdf, left, top)
		}
		slot := i % cardsPerPage
		x := left + float64(slot%cardsAcross)*cardWidth
		y := top + float64(slot/cardsAcross)*cardHeight
		if err := drawCard(pdf, tr, x, y, association, h, show); err != nil {
			return nil, fmt.Errorf("card %s: %w", h.Card, err)
		}
	}
	return pdfBytes(pdf)
}

// cutMarks draws short lines in the margins where the sheet is to be cut, so that no line
// shows on the cards themselves.
func cutMarks(pdf *fpdf.Fpdf, left, top float64) {
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetLineWidth(0.2)
	right, bottom := left+cardsAcross*cardWidth, top+cardsDown*cardHeight
	for c := 0; c <= cardsAcross; c++ {
		x := left + float64(c)*cardWidth
		pdf.Line(x, top-cutMarkSpacing-cutMarkLength, x, top-cutMarkSpacing)
		pdf.Line(x, bottom+cutMarkSpacing, x, bottom+cutMarkSpacing+cutMarkLength)
	}
	for r := 0; r <= cardsDown; r++ {
		y := top + float64(r)*cardHeight
		pdf.Line(left-cutMarkSpacing-cutMarkLength, y, left-cutMarkSpacing, y)
		pdf.Line(right+cutMarkSpacing, y, right+cutMarkSpacing+cutMarkLength, y)
	}
}

func drawCard(pdf *fpdf.Fpdf, tr func(string) string, x, y float64, association string, h storage.CardHolder, show storage.CardName) error {
	inner := cardWidth - 2*cardPadding
	pdf.SetTextColor(0, 0, 0)
	pdf.SetXY(x+cardPadding, y+cardPadding)
	pdf.SetFont(pdfFont, "B", 9)
	pdf.CellFormat(inner, 4.5, tr(fitText(pdf, association, inner)), "", 1, "L", false, 0, "")
	pdf.SetX(x + cardPadding)
	pdf.SetFont(pdfFont, "", 7.5)
	pdf.CellFormat(inner, 3.5, tr("Carte de distribution"), "", 1, "L", false, 0, "")

	pdf.SetXY(x+cardPadding, y+cardPadding+9.5)
	pdf.SetFont(pdfFont, "B", 20)
	pdf.CellFormat(inner, 9, h.Card, "", 1, "L", false, 0, "")

	if err := drawBarcode(pdf, x+cardPadding, y+cardPadding+19.5, h.Card); err != nil {
		return err
	}

	pdf.SetFont(pdfFont, "", 9)
	lineY := y + cardHeight - cardPadding - 9
	if name := cardName(h, show); name != "" {
		pdf.SetXY(x+cardPadding, lineY)
		pdf.CellFormat(inner, 4.5, tr(fitText(pdf, name, inner)), "", 1, "L", false, 0, "")
	}
	if !h.EligibleUntil.IsZero() {
		pdf.SetXY(x+cardPadding, lineY+4.5)
		pdf.CellFormat(inner, 4.5, tr("Valable jusqu'au "+h.EligibleUntil.French()), "", 1, "L", false, 0, "")
	}
	return nil
}

// drawBarcode draws the card number's Code 128 as vector bars, its quiet zones left white.
func drawBarcode(pdf *fpdf.Fpdf, x, y float64, card string) error {
	code, err := code128.Encode(card)
	if err != nil {
		return fmt.Errorf("encoding the barcode: %w", err)
	}
	width := code.Bounds().Dx()
	pdf.SetFillColor(0, 0, 0)
	x += barQuietZone // the white space before the first bar
	for start := 0; start < width; {
		if !isDark(code.At(start, 0)) {
			start++
			continue
		}
		end := start
		for end < width && isDark(code.At(end, 0)) {
			end++
		}
		pdf.Rect(x+float64(start)*barModule, y, float64(end-start)*barModule, barHeight, "F")
		start = end
	}
	return nil
}

func isDark(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r+g+b < 3*0x8000
}

// cardName is what the card shows of the applicant's name.
func cardName(h storage.CardHolder, show storage.CardName) string {
	switch show {
	case storage.CardNameNone:
		return ""
	case storage.CardNameFull:
		return storage.DisplayName(h.FirstName, h.LastName)
	}
	initial := []rune(strings.TrimSpace(h.LastName))
	if len(initial) == 0 {
		return h.FirstName
	}
	return strings.TrimSpace(h.FirstName + " " + strings.ToUpper(string(initial[0])) + ".")
}

// fitText shortens text with "…" until it fits width at the current font.
func fitText(pdf *fpdf.Fpdf, text string, width float64) string {
	if pdf.GetStringWidth(text) <= width {
		return text
	}
	runes := []rune(text)
	for len(runes) > 1 && pdf.GetStringWidth(string(runes)+"…") > width {
		runes = runes[:len(runes)-1]
	}
	return string(runes) + "…"
}

// Cards prints the cards of the households the filter chooses (every active household
// when it is empty), with the association's name and its choice of what the cards show.
func Cards(ctx context.Context, s *storage.Store, f storage.CardFilter) ([]byte, []storage.CardHolder, error) {
	settings, err := s.Settings(ctx)
	if err != nil {
		return nil, nil, err
	}
	holders, err := s.CardHolders(ctx, f)
	if err != nil {
		return nil, nil, err
	}
	if len(holders) == 0 {
		return nil, nil, ErrNoCards
	}
	pdf, err := CardsPDF(settings.AssociationName, holders, settings.CardName)
	return pdf, holders, err
}

// ErrNoCards: no active household matches what was asked.
var ErrNoCards = errors.New("no household's card matches")
