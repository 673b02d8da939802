package report

import (
	"errors"
	"fmt"
	"testing"
)

// TestCollectPrinted: a printed report takes up to MaxPrintedSites sites
// and stops reading at the first one more, with ErrTooManyToPrint.
func TestCollectPrinted(t *testing.T) {
	stream := func(n int, read *int) Stream {
		return Stream{Count: -1, Each: func(fn func(*Scorecard) error) error {
			for i := 0; i < n; i++ {
				*read = i + 1
				if err := fn(&Scorecard{ID: fmt.Sprintf("s%d", i)}); err != nil {
					return err
				}
			}
			return nil
		}}
	}
	tests := []struct {
		sites    int
		wantErr  bool
		wantRead int
	}{
		{0, false, 0},
		{MaxPrintedSites, false, MaxPrintedSites},
		{MaxPrintedSites + 1, true, MaxPrintedSites + 1},
		{10 * MaxPrintedSites, true, MaxPrintedSites + 1},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.sites), func(t *testing.T) {
			read := 0
			doc, err := stream(tt.sites, &read).CollectPrinted()
			if got := errors.Is(err, ErrTooManyToPrint); got != tt.wantErr {
				t.Fatalf("error: got %v, want ErrTooManyToPrint %v", err, tt.wantErr)
			}
			if read != tt.wantRead {
				t.Errorf("scorecards read: got %d, want %d", read, tt.wantRead)
			}
			if !tt.wantErr && len(doc.Sites) != tt.sites {
				t.Errorf("sites: got %d, want %d", len(doc.Sites), tt.sites)
			}
		})
	}
}
