package govaudit

import "testing"

// TestScreenshotted: only the columns whose page is itself the finding are
// screenshotted.
func TestScreenshotted(t *testing.T) {
	want := map[Status]bool{StatusStale: true, StatusEmpty: true, StatusUnreadable: true}
	for _, s := range Statuses {
		t.Run(string(s), func(t *testing.T) {
			if got := s.Screenshotted(); got != want[s] {
				t.Errorf("Screenshotted: got %v, want %v", got, want[s])
			}
		})
	}
}
