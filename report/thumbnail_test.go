package report

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/store"
)

func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestThumbnail(t *testing.T) {
	tests := []struct {
		name         string
		w, h         int
		wantW, wantH int
	}{
		{"a long page: scaled, its top kept", 1280, 4000, 480, 360},
		{"a short wide page: scaled whole", 1280, 500, 480, 187},
		{"smaller than a thumbnail: not enlarged", 300, 100, 300, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			thumb, err := thumbnail(pngOf(t, tt.w, tt.h))
			if err != nil {
				t.Fatal(err)
			}
			img, err := jpeg.Decode(bytes.NewReader(thumb))
			if err != nil {
				t.Fatalf("not a JPEG: %v", err)
			}
			if got := img.Bounds().Size(); got != image.Pt(tt.wantW, tt.wantH) {
				t.Errorf("size: got %v, want %dx%d", got, tt.wantW, tt.wantH)
			}
		})
	}
	if _, err := thumbnail([]byte("not a png")); err == nil {
		t.Error("a body that is not a PNG made a thumbnail")
	}
}

// shotStore serves screenshots by hash; a hash it lacks is not stored.
type shotStore map[string][]byte

func (s shotStore) Evidence(hash string) (store.EvidenceRecord, []byte, error) {
	b, ok := s[hash]
	if !ok {
		return store.EvidenceRecord{}, nil, store.ErrNoEvidence
	}
	return store.EvidenceRecord{Hash: hash, ContentType: "image/png"}, b, nil
}

func TestThumbnailsFromStore(t *testing.T) {
	shots := shotStore{}
	var refs []store.EvidenceRef
	for i := range 5 {
		h := fmt.Sprintf("shot%d", i)
		shots[h] = pngOf(t, 64, 64)
		refs = append(refs, store.EvidenceRef{Requirement: fmt.Sprintf("r%d", i), URL: "http://a.test/", Screenshot: h})
	}
	shots["broken"] = []byte("not a png")
	doc := Document{Sites: []Scorecard{{ID: "a"}, {ID: "b"}}}
	copies := map[string][]store.EvidenceRef{
		"a": refs, // five screenshots: the first three are shown
		"b": {{Screenshot: "broken"}, {Screenshot: "missing"}, {Screenshot: "shot4"}, {Requirement: "no screenshot"}},
	}
	got := ThumbnailsFromStore(shots, doc, copies)
	for _, h := range []string{"shot0", "shot1", "shot2", "shot4"} {
		if !strings.HasPrefix(string(got[h]), "data:image/jpeg;base64,") {
			t.Errorf("%s: got %.40q, want a JPEG data URL", h, got[h])
		}
	}
	if len(got) != 4 {
		t.Errorf("thumbnails: got %d, want 4 (three of a, one readable of b)", len(got))
	}
	if _, _, err := shots.Evidence("missing"); !errors.Is(err, store.ErrNoEvidence) {
		t.Fatal("fixture")
	}
}

// TestReportShowsThumbnails: a copy with a screenshot shows its picture in
// the printed report, as a data URL html/template lets through.
func TestReportShowsThumbnails(t *testing.T) {
	at := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	doc := Document{GeneratedAt: at, Sites: []Scorecard{{ID: "a", Name: "甲", AuditedAt: &at, Requirements: []govaudit.Result{
		{ID: "all-10", Status: govaudit.StatusStale}, {ID: "all-01", Status: govaudit.StatusFresh}}}}}
	ex := Extras{
		Copies: map[string][]store.EvidenceRef{"a": {
			{Requirement: "all-10", URL: "http://a.test/zcwj/", Hash: "h1", FetchedAt: at, Status: 200, Screenshot: "s1"},
			// A fresh column's copy with a screenshot (taken for another
			// finding) shows no picture.
			{Requirement: "all-01", URL: "http://a.test/jcgk/", Hash: "h2", FetchedAt: at, Status: 200, Screenshot: "s2"},
		}},
		Thumbs: map[string]template.URL{"s1": "data:image/jpeg;base64,AAAA", "s2": "data:image/jpeg;base64,BBBB"},
	}
	var b bytes.Buffer
	if err := WriteReport(&b, doc, ex); err != nil {
		t.Fatal(err)
	}
	if want := `<img src="data:image/jpeg;base64,AAAA" alt="截图 screenshot: http://a.test/zcwj/">`; !strings.Contains(b.String(), want) {
		t.Errorf("report lacks %s", want)
	}
	if strings.Contains(b.String(), "BBBB") {
		t.Error("a fresh column's copy shows a screenshot")
	}
}
