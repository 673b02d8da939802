package web

import (
	"bytes"
	"cmp"
	"errors"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/govaudit/govaudit/store"
)

// evidenceCSP sandboxes a stored copy of a government page: it is shown as
// it was fetched, but cannot run a script, submit a form, open a window or
// load anything (images only from data: URLs, styles only inline), so
// viewing it neither runs a stranger's code on govaudit's origin nor tells
// the site that someone looked.
const evidenceCSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"

// hashPattern is a hex SHA-256, the store's content hash; anything else
// cannot name a stored copy and is not worth a store call.
var hashPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// pngSignature starts every PNG file.
var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// bannerData is what the banner over a stored copy shows.
type bannerData struct {
	URL, FinalURL, FetchedAt, Hash string
	Status                         int
	RawHref                        string
	// RefreshDisabled says that the copy asked the browser to go to
	// another page (meta refresh) and that this was turned off.
	RefreshDisabled bool
	// Text is the content of a copy that is not HTML, shown as text.
	Text string
}

func (h *handler) evidence(w http.ResponseWriter, r *http.Request) {
	hash, rec, body, ok := h.loadEvidence(w, r)
	if !ok {
		return
	}
	if rec.ContentType == "image/png" && bytes.HasPrefix(body, pngSignature) {
		// A screenshot govaudit's browser took: an image runs nothing.
		h.writeEvidence(w, "image/png", body)
		return
	}
	data := bannerData{URL: rec.URL, FetchedAt: timeText(rec.FetchedAt, h.loc), Hash: hash, Status: rec.Status,
		RawHref: "/evidence/" + hash + "/raw"}
	if rec.FinalURL != rec.URL {
		data.FinalURL = rec.FinalURL
	}
	var out bytes.Buffer
	if isHTML(rec.ContentType, body) {
		edits, at := scanStored(body)
		data.RefreshDisabled = len(edits) > 0
		var banner bytes.Buffer
		if err := h.pages["banner"].ExecuteTemplate(&banner, "banner", data); err != nil {
			h.log.Error("render evidence banner", "hash", hash, "err", err)
			http.Error(w, "internal error: the banner could not be rendered", http.StatusInternalServerError)
			return
		}
		edits = append(edits, edit{at: at, insert: banner.Bytes()})
		applyEdits(&out, body, edits)
	} else {
		data.Text = string(body)
		if err := h.pages["banner"].ExecuteTemplate(&out, "text", data); err != nil {
			h.log.Error("render evidence text", "hash", hash, "err", err)
			http.Error(w, "internal error: the page could not be rendered", http.StatusInternalServerError)
			return
		}
	}
	h.writeEvidence(w, "text/html; charset=utf-8", out.Bytes())
}

// evidenceRaw serves the stored bytes unchanged, as text, so that what
// was fetched can be read (and its hash checked) exactly.
func (h *handler) evidenceRaw(w http.ResponseWriter, r *http.Request) {
	hash, _, body, ok := h.loadEvidence(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Disposition", `inline; filename="`+hash+`.txt"`)
	h.writeEvidence(w, "text/plain; charset=utf-8", body)
}

func (h *handler) writeEvidence(w http.ResponseWriter, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Security-Policy", evidenceCSP)
	// A copy never changes: its address is its hash.
	w.Header().Set("Cache-Control", "private, max-age=86400")
	w.Write(body)
}

// loadEvidence reads a stored copy, answering with an error page of ours
// (not sandboxed: it holds nothing from a stranger) when it cannot.
func (h *handler) loadEvidence(w http.ResponseWriter, r *http.Request) (string, store.EvidenceRecord, []byte, bool) {
	hash := r.PathValue("hash")
	if !hashPattern.MatchString(hash) {
		h.fail(w, http.StatusNotFound, "未找到存档页面", "“"+hash+"” is not a content hash.")
		return "", store.EvidenceRecord{}, nil, false
	}
	rec, body, err := h.store.Evidence(hash)
	switch {
	case errors.Is(err, store.ErrNoEvidence):
		h.fail(w, http.StatusNotFound, "未找到存档页面", "No stored page has the hash "+hash+"; copies of pages no finding refers to any more are removed by the retention policy.")
		return "", store.EvidenceRecord{}, nil, false
	case err != nil:
		h.log.Error("read evidence", "hash", hash, "err", err)
		h.fail(w, http.StatusInternalServerError, "无法读取存档页面", err.Error())
		return "", store.EvidenceRecord{}, nil, false
	}
	return hash, rec, body, true
}

// isHTML tells a stored page from a stored data file (the JSON or XML some
// CMSs serve their lists as), by its Content-Type, else by its bytes.
func isHTML(contentType string, body []byte) bool {
	ct := strings.ToLower(contentType)
	if ct == "" {
		ct = http.DetectContentType(body)
	}
	return strings.Contains(ct, "html")
}

// edit replaces n bytes at offset at with insert.
type edit struct {
	at, n  int
	insert []byte
}

// scanStored finds where the banner goes in a stored page (just inside
// <body>, else after the doctype, so the page keeps its rendering mode) and
// the meta refresh tags to disable: a stored copy must stay on screen, not
// send the viewer to the live site.
func scanStored(body []byte) (edits []edit, bannerAt int) {
	z := html.NewTokenizer(bytes.NewReader(body))
	offset, afterDoctype, bodyAt := 0, 0, -1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := len(z.Raw())
		switch tt {
		case html.DoctypeToken:
			if afterDoctype == 0 {
				afterDoctype = offset + raw
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch atom.Lookup(name) {
			case atom.Body:
				if bodyAt < 0 {
					bodyAt = offset + raw
				}
			case atom.Meta:
				if hasAttr && isRefresh(z) {
					edits = append(edits, edit{at: offset, n: raw, insert: []byte(`<meta name="govaudit-disabled" content="meta refresh">`)})
				}
			}
		}
		offset += raw
	}
	if bodyAt < 0 {
		bodyAt = afterDoctype
	}
	return edits, bodyAt
}

func isRefresh(z *html.Tokenizer) bool {
	for {
		key, val, more := z.TagAttr()
		if string(key) == "http-equiv" && strings.EqualFold(strings.TrimSpace(string(val)), "refresh") {
			return true
		}
		if !more {
			return false
		}
	}
}

// applyEdits writes body with the edits made; edits do not overlap (the
// banner goes between tokens).
func applyEdits(w io.Writer, body []byte, edits []edit) {
	// An insertion sorts before a replacement at the same offset.
	slices.SortStableFunc(edits, func(a, b edit) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.n, b.n))
	})
	pos := 0
	for _, e := range edits {
		w.Write(body[pos:e.at])
		w.Write(e.insert)
		pos = e.at + e.n
	}
	w.Write(body[pos:])
}
