package web_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/internal/chromium/chromiumtest"
	"github.com/govaudit/govaudit/store"
	"github.com/govaudit/govaudit/web"
)

// TestBrowserHostileCopy opens, in Chromium, the evidence page of a stored
// copy that does everything the attack pass did to the old banner: a
// stylesheet that pulls the page up and hides the banner, a fixed fake
// banner with a forged URL, a <base> that re-targets links and a meta
// refresh in <noscript>. The real banner stays on screen, uncovered,
// with the real URL, and the copy goes nowhere.
func TestBrowserHostileCopy(t *testing.T) {
	path := chromiumtest.Find(t)
	var lured atomic.Int64 // requests the copy made to "elsewhere"
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lured.Add(1)
		w.Write([]byte("<p>elsewhere</p>"))
	}))
	t.Cleanup(elsewhere.Close)
	hostile := `<!doctype html><html><head><base href="` + elsewhere.URL + `/">` +
		`<style>body{margin-top:-400px!important}#govaudit-evidence-banner{display:none!important}</style>` +
		`<noscript><meta http-equiv="refresh" content="0;url=` + elsewhere.URL + `/refresh"></noscript></head>` +
		`<body><div id="govaudit-evidence-banner" style="position:fixed;top:0;left:0;right:0;height:2000px;z-index:2147483647;background:#fff8d6">` +
		`原网址 URL：https://forged.example/</div><img src="pixel.png"><p>政府信息公开</p></body></html>`

	st, err := store.Open(filepath.Join(t.TempDir(), "govaudit.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	const realURL = "https://www.hostile.test/gk/"
	at := time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)
	if err := st.PutSites([]govaudit.Site{{ID: "h", Name: "测试", URL: "https://www.hostile.test/", Level: govaudit.LevelCounty}}); err != nil {
		t.Fatal(err)
	}
	run, err := st.BeginRun("test", []string{"h"}, at)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveAudit(run.ID, govaudit.SiteAudit{SiteID: "h", AuditedAt: at, Reachable: true}); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveEvidence("h", at, []store.EvidencePage{{URL: realURL, FinalURL: realURL, Status: 200,
		ContentType: "text/html; charset=utf-8", FetchedAt: at, Body: []byte(hostile), Requirements: []string{"all-01"},
		AsFetched: true, Charset: "utf-8"}}); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(hostile))
	hash := hex.EncodeToString(sum[:])
	srv := httptest.NewServer(web.New(web.Options{Store: st}))
	t.Cleanup(srv.Close)

	ctx := newBrowser(t, path)
	navigate(t, ctx, srv.URL+"/evidence/"+hash)
	type view struct {
		Banners  int     `json:"banners"`
		URL      string  `json:"url"`
		Hash     string  `json:"hash"`
		Display  string  `json:"display"`
		Top      float64 `json:"top"`
		Height   float64 `json:"height"`
		OnTop    bool    `json:"onTop"`
		Location string  `json:"location"`
		Loaded   bool    `json:"loaded"`
	}
	// Wait for the frame to load, and long enough for a refresh to fire.
	v := eval[view](t, ctx, `new Promise(resolve => setTimeout(() => {
		const b = document.getElementById('govaudit-evidence-banner');
		const r = b.getBoundingClientRect();
		const hit = document.elementFromPoint(r.left + 5, r.top + 5);
		resolve({
			banners: document.querySelectorAll('#govaudit-evidence-banner').length,
			url: document.getElementById('govaudit-evidence-url').textContent,
			hash: document.getElementById('govaudit-evidence-hash').textContent,
			display: getComputedStyle(b).display,
			top: r.top, height: r.height,
			onTop: b.contains(hit),
			location: location.href,
			loaded: performance.getEntriesByType('resource').some(e => e.name.endsWith('/copy')),
		});
	}, 1500))`)
	if v.Banners != 1 || v.URL != realURL || v.Hash != hash {
		t.Errorf("banner: %d of them, URL %q, hash %q; want one, %q, %s", v.Banners, v.URL, v.Hash, realURL, hash)
	}
	if v.Display == "none" || v.Top < 0 || v.Height <= 0 || !v.OnTop {
		t.Errorf("banner display %s, top %.0f, height %.0f, on top %v: want it shown at the top, uncovered", v.Display, v.Top, v.Height, v.OnTop)
	}
	if want := srv.URL + "/evidence/" + hash; v.Location != want {
		t.Errorf("page moved to %s, want %s", v.Location, want)
	}
	if !v.Loaded {
		t.Error("the frame did not load the copy")
	}
	if n := lured.Load(); n != 0 {
		t.Errorf("the copy made %d requests to %s (base, refresh or image), want none", n, elsewhere.URL)
	}
}
