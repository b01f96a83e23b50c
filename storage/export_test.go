package storage

// Test hooks for the external benchmarks.

// LongestHistories are the n households with the most visits.
func (s *Store) LongestHistories(n int) ([]string, error) {
	var ids []string
	err := s.reader.Raw(`SELECT household_id FROM visits GROUP BY household_id ORDER BY count(*) DESC LIMIT ?`, n).Scan(&ids).Error
	return ids, err
}

// LastVisitsBy reads the households' last visits as Search does, or by the GROUP BY over
// all their visits that it replaced.
func (s *Store) LastVisitsBy(groupBy bool, ids []string) (int, error) {
	if !groupBy {
		lasts, err := lastVisits(s.reader, ids)
		return len(lasts), err
	}
	var lasts []lastVisit
	err := s.reader.Raw(`SELECT household_id, MAX(at) AS at FROM visits
	    WHERE household_id IN ? AND cancelled_at IS NULL GROUP BY household_id`, ids).Scan(&lasts).Error
	return len(lasts), err
}
