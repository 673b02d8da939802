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
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/govaudit/govaudit/store"
)

// copyCSP sandboxes a stored copy of a government page: it is shown as it
// was fetched, but cannot run a script, submit a form, open a window, set
// a base address or load anything (images only from data: URLs, styles
// only inline), and only a page of govaudit's may frame it. Viewing it so
// neither runs a stranger's code on govaudit's origin nor tells the site
// that someone looked.
const copyCSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

// evidencePageCSP is the policy of the page around a copy: a page of ours
// that frames the copy from this server.
const evidencePageCSP = pageCSP + "; frame-src 'self'"

// hashPattern is a hex SHA-256, the store's content hash; anything else
// cannot name a stored copy and is not worth a store call.
var hashPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// pngSignature starts every PNG file.
var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// evidencePage is what the page around a stored copy shows. The banner is
// a page of ours and the copy a sandboxed frame in it, so nothing in the
// copy (a stylesheet, a <base>, a fixed element) can hide or forge it.
type evidencePage struct {
	URL, FinalURL, FetchedAt, Hash string
	Status                         int
	ContentType, Charset           string
	AsFetched                      bool
	RawHref, CopyHref              string
	// Removed names what was taken out of the copy so that it stays on
	// screen: meta refresh, <base>.
	Removed []string
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
	data := evidencePage{URL: rec.URL, FetchedAt: timeText(rec.FetchedAt, h.loc), Hash: hash, Status: rec.Status,
		ContentType: rec.ContentType, AsFetched: rec.AsFetched,
		RawHref: "/evidence/" + hash + "/raw", CopyHref: "/evidence/" + hash + "/copy"}
	if rec.AsFetched && rec.Charset != "utf-8" {
		data.Charset = rec.Charset
	}
	if rec.FinalURL != rec.URL {
		data.FinalURL = rec.FinalURL
	}
	if text := displayText(rec, body); isHTML(rec.ContentType, text) {
		data.Removed = removedNames(scanStored(text))
	}
	w.Header().Set("Content-Security-Policy", evidencePageCSP)
	h.render(w, http.StatusOK, "evidence", "存档副本 "+rec.URL, "", data)
}

// evidenceCopy serves the stored copy for the frame of the evidence page:
// decoded to UTF-8 for display, without what would take it off screen.
func (h *handler) evidenceCopy(w http.ResponseWriter, r *http.Request) {
	_, rec, body, ok := h.loadEvidence(w, r)
	if !ok {
		return
	}
	text := displayText(rec, body)
	if !isHTML(rec.ContentType, text) {
		h.writeEvidence(w, "text/plain; charset=utf-8", text)
		return
	}
	var out bytes.Buffer
	applyEdits(&out, text, scanStored(text))
	h.writeEvidence(w, "text/html; charset=utf-8", out.Bytes())
}

// evidenceRaw serves the stored bytes unchanged, as text, so that what
// was fetched can be read and its hash checked exactly. A copy kept as
// fetched is labelled with the charset it was read in.
func (h *handler) evidenceRaw(w http.ResponseWriter, r *http.Request) {
	hash, rec, body, ok := h.loadEvidence(w, r)
	if !ok {
		return
	}
	charset := "utf-8"
	if rec.AsFetched && rec.Charset != "" {
		charset = rec.Charset
	}
	w.Header().Set("Content-Disposition", `inline; filename="`+hash+`.txt"`)
	h.writeEvidence(w, "text/plain; charset="+charset, body)
}

func (h *handler) writeEvidence(w http.ResponseWriter, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Security-Policy", copyCSP)
	// For browsers without frame-ancestors.
	w.Header().Set("X-Frame-Options", "SAMEORIGIN")
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

// displayText is a stored body as UTF-8 text: a copy kept as fetched is
// decoded from its charset; an older copy is already UTF-8.
func displayText(rec store.EvidenceRecord, body []byte) []byte {
	if rec.AsFetched && rec.Charset != "" && rec.Charset != "utf-8" {
		if enc := displayEncoding(rec.Charset); enc != nil {
			if strings.HasPrefix(rec.Charset, "utf-16") && len(body) >= 2 &&
				(bytes.HasPrefix(body, []byte{0xFE, 0xFF}) || bytes.HasPrefix(body, []byte{0xFF, 0xFE})) {
				body = body[2:]
			}
			if out, err := enc.NewDecoder().Bytes(body); err == nil {
				return out
			}
		}
	}
	return bytes.ToValidUTF8(body, []byte("\uFFFD"))
}

// displayEncoding is the decoder of a charset name the crawler records;
// GBK is read as GB18030, its superset, as the crawler reads it.
func displayEncoding(name string) encoding.Encoding {
	enc, err := htmlindex.Get(name)
	if err != nil {
		return nil
	}
	if n, _ := htmlindex.Name(enc); n == "gbk" || n == "gb18030" {
		return simplifiedchinese.GB18030
	}
	return enc
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
	what   string // what was removed, for the banner
}

// Replacements left where a tag was taken out, so that the copy still
// shows where it was.
const (
	refreshOff = `<meta name="govaudit-disabled" content="meta refresh">`
	baseOff    = `<meta name="govaudit-disabled" content="base">`
)

// scanStored finds what must come out of a stored page for it to stay on
// screen as it was fetched: meta refresh (which would send the frame to
// the live site, or elsewhere) and <base> (which would re-target its
// links). A sandboxed frame runs no script, so the browser parses
// <noscript> content as markup: it is scanned too.
func scanStored(body []byte) []edit {
	var edits []edit
	z := html.NewTokenizer(bytes.NewReader(body))
	offset := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := len(z.Raw())
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			name, hasAttr := z.TagName()
			switch atom.Lookup(name) {
			case atom.Meta:
				if hasAttr && isRefresh(z) {
					edits = append(edits, edit{at: offset, n: raw, insert: []byte(refreshOff), what: "meta refresh"})
				}
			case atom.Base:
				edits = append(edits, edit{at: offset, n: raw, insert: []byte(baseOff), what: "<base>"})
			case atom.Noscript:
				if tt == html.StartTagToken {
					z.NextIsNotRawText()
				}
			}
		}
		offset += raw
	}
	return edits
}

// removedNames lists what edits took out, each once.
func removedNames(edits []edit) []string {
	var out []string
	for _, e := range edits {
		if !slices.Contains(out, e.what) {
			out = append(out, e.what)
		}
	}
	return out
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

// applyEdits writes body with the edits made; edits do not overlap (each
// replaces one tag).
func applyEdits(w io.Writer, body []byte, edits []edit) {
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
