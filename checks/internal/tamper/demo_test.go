package tamper_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/govaudit/govaudit/checks/internal/tamper"
	"github.com/govaudit/govaudit/demo"
)

// TestTamperingOnlyWhereInjected scans every page of the demo provinces:
// the injected home page shows exactly the findings the model planted, and
// no other page shows any.
func TestTamperingOnlyWhereInjected(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
	for _, p := range []*demo.Province{demo.New(now), demo.Synthetic(8, now)} {
		for _, u := range p.URLs() {
			w := httptest.NewRecorder()
			p.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, u, nil))
			if !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
				continue
			}
			body := w.Body.Bytes()
			if bytes.Contains(body, []byte(`charset="gbk"`)) {
				var err error
				if body, err = simplifiedchinese.GBK.NewDecoder().Bytes(body); err != nil {
					t.Fatalf("%s: decode GBK: %v", u, err)
				}
			}
			found := tamper.Scan(body, u)
			if want := p.PlantedTampering(u); len(found) != want {
				t.Errorf("%s: got %d tampering findings, want %d: %+v", u, len(found), want, found)
			}
		}
	}
}
