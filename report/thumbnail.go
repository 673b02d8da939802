package report

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"image"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/draw"

	"github.com/govaudit/govaudit/store"
)

// A printed report shows the screenshots of its stale, empty and unreadable
// columns and of its census vetoes as small pictures beside their copies:
// the top of the page, where the column's list begins, scaled to a column's
// width. At most thumbsPerSite a site and maxThumbs a report, so that a
// province's report stays a document one can mail; the others are linked.
const (
	thumbWidth    = 480 // pixels: about 70 mm at 175 dpi
	thumbHeight   = 360 // the top of the page, after scaling
	thumbQuality  = 70
	thumbsPerSite = 3
	maxThumbs     = 300
)

// thumbnail scales a screenshot (PNG) to thumbWidth and keeps its top
// thumbHeight pixels, as a JPEG.
func thumbnail(shot []byte) ([]byte, error) {
	src, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		return nil, fmt.Errorf("screenshot: %w", err)
	}
	b := src.Bounds()
	if b.Dx() <= 0 || b.Dy() <= 0 {
		return nil, fmt.Errorf("screenshot: empty image")
	}
	w := min(thumbWidth, b.Dx())
	scaledHeight := b.Dy() * w / b.Dx()
	h := max(1, min(thumbHeight, scaledHeight))
	// The part of the source that becomes the thumbnail: its full width,
	// and as much of its top as scales to h.
	top := image.Rect(b.Min.X, b.Min.Y, b.Max.X, b.Min.Y+max(1, h*b.Dx()/w))
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, top.Intersect(b), draw.Src, nil)
	var out bytes.Buffer
	if err := jpeg.Encode(&out, dst, &jpeg.Options{Quality: thumbQuality}); err != nil {
		return nil, fmt.Errorf("thumbnail: %w", err)
	}
	return out.Bytes(), nil
}

// ScreenshotReader reads a stored screenshot by its hash (store.Store).
type ScreenshotReader interface {
	Evidence(hash string) (store.EvidenceRecord, []byte, error)
}

// ThumbnailsFromStore makes the thumbnails of the screenshots the copies
// name, by screenshot hash, as data URLs for the report's pictures: the
// first thumbsPerSite of each site, maxThumbs in all. A screenshot that
// cannot be read is left out, not the report.
func ThumbnailsFromStore(st ScreenshotReader, doc Document, copies map[string][]store.EvidenceRef) map[string]template.URL {
	out := map[string]template.URL{}
	for _, sc := range doc.Sites {
		n := 0
		for _, ref := range copies[sc.ID] {
			if ref.Screenshot == "" || n == thumbsPerSite || len(out) == maxThumbs {
				continue
			}
			if _, done := out[ref.Screenshot]; done {
				n++
				continue
			}
			_, shot, err := st.Evidence(ref.Screenshot)
			if err != nil {
				continue
			}
			thumb, err := thumbnail(shot)
			if err != nil {
				continue
			}
			// A data URL the report's own code made from a decoded image:
			// html/template would otherwise refuse it in src.
			out[ref.Screenshot] = template.URL("data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(thumb))
			n++
		}
	}
	return out
}
