package app

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/govaudit/govaudit/store"
)

func TestWithinBudget(t *testing.T) {
	page := func(u string, n int) store.EvidencePage {
		return store.EvidencePage{URL: u, Body: make([]byte, n)}
	}
	pages := []store.EvidencePage{page("a", 6), page("b", 5), page("c", 3), page("d", 1)}
	var urls []string
	for _, p := range withinBudget(pages, 10, "s", slog.New(slog.DiscardHandler)) {
		urls = append(urls, p.URL)
	}
	if got, want := strings.Join(urls, ","), "a,c,d"; got != want {
		t.Errorf("kept %s, want %s (b does not fit after a; c and d do)", got, want)
	}
	if len(pages) != 4 || pages[1].URL != "b" {
		t.Error("the caller's slice was changed")
	}
}
