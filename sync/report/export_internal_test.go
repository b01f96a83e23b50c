package report

import "entraide/storage"

// Names for the external tests.
var NewIdentityHasher = newIdentityHasher

func (h *identityHasher) ByDate(last, first string, birth storage.Date) uint64 {
	return h.byDate(last, first, birth)
}
func (h *identityHasher) ByYear(last, first string, year int) uint64 {
	return h.byYear(last, first, year)
}
