package web

import (
	"strings"
	"testing"
	"time"
)

// TestScreenshotEvidence: a screenshot kept beside a stored copy is linked
// from the scorecard and served as the PNG it is, under the evidence CSP.
func TestScreenshotEvidence(t *testing.T) {
	f := fixture()
	png := string(pngSignature) + "fake image data"
	fetched := auditTime.Add(-time.Minute)
	shot := f.addCopy("https://sthj.ln.test/sthj/zfxxgk/zcwj/", "image/png", 200, fetched, png)
	f.refs["ln-sthj"][0].Screenshot = shot
	h := newTestHandler(f)

	res, body := get(t, h, "/sites/ln-sthj")
	if res.StatusCode != 200 || !strings.Contains(body, `href="/evidence/`+shot+`">截图 screenshot</a>`) {
		t.Errorf("scorecard: got %d, want a link to the screenshot; body %.300q", res.StatusCode, body)
	}
	res, body = get(t, h, "/evidence/"+shot)
	if got := res.Header.Get("Content-Type"); got != "image/png" {
		t.Errorf("screenshot content type: got %q, want image/png", got)
	}
	if got := res.Header.Get("Content-Security-Policy"); got != copyCSP {
		t.Errorf("screenshot CSP: got %q, want %q", got, copyCSP)
	}
	if body != png {
		t.Errorf("screenshot body: got %q, want the PNG", body)
	}
}
