package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// UsedBytes is how much of the file holds data: its size as the last
// commit sees it, less the free pages bbolt will reuse. The file itself
// grows in steps and never shrinks (govaudit compact reclaims it), so this
// is the figure that says what a run added.
func (s *Store) UsedBytes() (int64, error) {
	var size int64
	err := s.db.View(func(tx *bolt.Tx) error {
		size = tx.Size()
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store size: %w", err)
	}
	st := s.db.Stats()
	free := int64(st.FreePageN+st.PendingPageN) * int64(s.db.Info().PageSize)
	return size - free, nil
}
