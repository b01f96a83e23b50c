package ui

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"entraide/storage"
	"entraide/sync/report"

	"fyne.io/fyne/v2/lang"
)

func monthLabel(month string) string {
	d, err := storage.MonthStart(month)
	if err != nil {
		return month
	}
	names := []string{lang.L("January"), lang.L("February"), lang.L("March"), lang.L("April"), lang.L("May"),
		lang.L("June"), lang.L("July"), lang.L("August"), lang.L("September"), lang.L("October"),
		lang.L("November"), lang.L("December")}
	return fmt.Sprintf("%s %d", names[d.Month-1], d.Year)
}

// monthShort is a month's abbreviation, for the chart.
func monthShort(month string) string {
	d, err := storage.MonthStart(month)
	if err != nil {
		return month
	}
	names := []string{lang.L("Jan."), lang.L("Feb."), lang.L("Mar."), lang.L("Apr."), lang.L("May (short)"), lang.L("Jun."),
		lang.L("Jul."), lang.L("Aug."), lang.L("Sep."), lang.L("Oct."), lang.L("Nov."), lang.L("Dec.")}
	return names[d.Month-1]
}

// recentMonths lists the last n months that are over, the most recent first.
func recentMonths(today storage.Date, n int) []string {
	months := make([]string, n)
	first := today.FirstOfMonth()
	for i := range months {
		months[i] = storage.MonthOf(first.AddMonths(-(i + 1))).String()
	}
	return months
}

func marginTitle(name string) string {
	switch name {
	case report.MarginAge:
		return lang.L("Persons by age")
	case report.MarginSex:
		return lang.L("Persons by sex")
	case report.MarginHouseholdType:
		return lang.L("Households by type")
	case report.MarginQuartier:
		return lang.L("Households by quartier")
	case report.MarginReferral:
		return lang.L("Households by referral")
	case report.MarginVisitKind:
		return lang.L("Visits by kind")
	}
	return name
}

func categoryLabel(margin, category string) string {
	switch category {
	case "unknown":
		return lang.L("not given")
	case "other":
		if margin == report.MarginQuartier {
			return lang.L("another quartier")
		}
	}
	switch margin {
	case report.MarginAge:
		bands := map[string]string{"0-2": lang.L("0 to 2 years"), "3-15": lang.L("3 to 15 years"), "16-17": lang.L("16 to 17 years"),
			"18-24": lang.L("18 to 24 years"), "25-59": lang.L("25 to 59 years"), "60-64": lang.L("60 to 64 years"), "65+": lang.L("65 years and over")}
		return bands[category]
	case report.MarginSex:
		return sexLabel(storage.Sex(category))
	case report.MarginHouseholdType:
		types := map[string]string{"single_person": lang.L("single person"), "single_parent": lang.L("single parent"),
			"couple_without_children": lang.L("couple without children"), "couple_with_children": lang.L("couple with children"),
			"other": lang.L("other household")}
		return types[category]
	case report.MarginReferral:
		return referralLabel(storage.Referral(category))
	case report.MarginVisitKind:
		return kindLabel(storage.VisitKind(category))
	}
	return category
}

// cellText shows a published count the way it leaves the installation.
func cellText(c report.Count, k int) string {
	switch {
	case c.Hidden && c.Secondary:
		return lang.L("hidden (so that a small count cannot be worked out)")
	case c.Hidden:
		return lang.L("fewer than {{.K}}", map[string]any{"K": k})
	}
	return fmt.Sprint(c.N)
}

// marginOrder is the order categories are shown in.
func marginOrder(name string, m report.Margin) []string {
	switch name {
	case report.MarginAge:
		return report.AgeBands
	case report.MarginSex:
		return report.SexCategories
	case report.MarginHouseholdType:
		return report.HouseholdTypes
	}
	var order []string
	for c := range m.Cells {
		order = append(order, c)
	}
	sort.Strings(order)
	return order
}

// reportLines is the preview: every count the file holds, as it will be sent.
func reportLines(r report.Report) []string {
	lines := []string{
		lang.L("Households served: {{.N}}", map[string]any{"N": r.HouseholdsServed}),
		lang.L("Persons served: {{.N}}", map[string]any{"N": r.PersonsServed}),
		lang.L("Visits: {{.N}}", map[string]any{"N": r.Visits}),
		lang.L("New households: {{.N}}", map[string]any{"N": r.NewHouseholds}),
		lang.L("Registered households (active): {{.N}}", map[string]any{"N": r.ActiveHouseholds}),
		lang.L("Weight given: {{.N}} kg", map[string]any{"N": frenchDecimal(r.WeightKg)}),
		lang.L("Persons without a birth year (counted apart in the network's figure): {{.N}}", map[string]any{"N": r.PersonsWithoutBirthYear}),
	}
	switch {
	case r.UniqueByYear != nil:
		lines = append(lines, lang.L("Unique-persons sketch: {{.N}} persons, network key {{.FP}}",
			map[string]any{"N": r.UniqueByYear.PersonsHashed, "FP": r.UniqueByYear.KeyFingerprint}))
	case r.Unique != nil: // a report made by an older Entraide
		lines = append(lines, lang.L("Unique-persons sketch: {{.N}} persons, network key {{.FP}}",
			map[string]any{"N": r.Unique.PersonsHashed, "FP": r.Unique.KeyFingerprint}))
	default:
		lines = append(lines, lang.L("No unique-persons sketch: the network passphrase is not set (Settings)."))
	}
	for _, name := range []string{report.MarginAge, report.MarginSex, report.MarginHouseholdType, report.MarginQuartier,
		report.MarginReferral, report.MarginVisitKind} {
		m := r.Margins[name]
		lines = append(lines, "", marginTitle(name)+" — "+lang.L("total {{.N}}", map[string]any{"N": m.Total}))
		for _, c := range marginOrder(name, m) {
			cell, ok := m.Cells[c]
			if !ok || (!cell.Hidden && cell.N == 0 && name == report.MarginQuartier) {
				continue // the many empty quartiers would drown the others
			}
			lines = append(lines, "    "+categoryLabel(name, c)+" : "+cellText(cell, r.SmallCellK))
		}
	}
	return lines
}

// frenchDecimal writes 9378.6 as 9 378,6.
func frenchDecimal(x float64) string {
	whole, frac, _ := strings.Cut(strconv.FormatFloat(x, 'f', -1, 64), ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 && r != '-' {
			b.WriteRune('\u202f')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("," + frac)
	}
	return b.String()
}
