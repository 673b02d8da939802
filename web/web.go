package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/store"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed assets
var assetFiles embed.FS

// Options configures the handler New returns.
type Options struct {
	// Store is read for every page; *store.Store is the production one.
	Store Store
	// Location is the timezone times are shown in; UTC when nil.
	Location *time.Location
	// Logger receives failures to read the store or to render a page;
	// nothing is logged when nil.
	Logger *slog.Logger
}

// pageCSP is the Content-Security-Policy of govaudit's own pages: their
// stylesheet and script come from this server, nothing from elsewhere.
const pageCSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// handler serves the pages.
type handler struct {
	store   Store
	loc     *time.Location
	log     *slog.Logger
	catalog govaudit.Catalog
	pages   map[string]*template.Template
	mux     *http.ServeMux
	now     func() time.Time
	trend   passTrend
	indexes indexCache
}

// New returns the handler of the pages: / (the overview), /sites/{id},
// /requirements and /requirements/{id}, /evidence/{hash} (with /copy, the
// stored copy it frames, and /raw), and the embedded stylesheet and script under
// /assets/. Anything else gets a 404 page, so New is meant to be mounted at
// "/" beside the routes cmd keeps (/metrics, /healthz, /api/v1/…).
func New(opts Options) http.Handler {
	if opts.Store == nil {
		panic("web: Options.Store is nil")
	}
	h := &handler{store: opts.Store, loc: opts.Location, log: opts.Logger,
		catalog: govaudit.DefaultCatalog(), pages: parsePages(), now: time.Now}
	if h.loc == nil {
		h.loc = time.UTC
	}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", h.overview)
	mux.HandleFunc("GET /sites/{id}", h.site)
	mux.HandleFunc("GET /requirements", h.requirements)
	mux.HandleFunc("GET /requirements/{id}", h.requirement)
	mux.HandleFunc("GET /evidence/{hash}", h.evidence)
	mux.HandleFunc("GET /evidence/{hash}/copy", h.evidenceCopy)
	mux.HandleFunc("GET /evidence/{hash}/raw", h.evidenceRaw)
	mux.Handle("GET /assets/", assetHandler())
	mux.HandleFunc("/", h.notFound)
	h.mux = mux
	return h
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	// Links lead to government sites; they need not learn which internal
	// page an evaluator came from.
	w.Header().Set("Referrer-Policy", "no-referrer")
	h.mux.ServeHTTP(w, r)
}

// parsePages parses every page template with the shared layout. A broken
// template is a programming error caught by the tests, so it panics.
func parsePages() map[string]*template.Template {
	layout := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/charts.html"))
	pages := map[string]*template.Template{}
	for _, name := range []string{"overview", "site", "requirement", "requirements", "error", "evidence"} {
		t := template.Must(layout.Clone())
		pages[name] = template.Must(t.ParseFS(templateFiles, "templates/"+name+".html"))
	}
	return pages
}

var funcs = template.FuncMap{
	"statusMark": statusMark,
	// statusCode orders statuses for sorting, worse higher; a site
	// without a result is lowest.
	"statusCode": func(s string) int {
		if st := govaudit.Status(s); st.Valid() {
			return st.Code()
		}
		return -1
	},
}

// layout is what every page of ours shows around its content.
type layout struct {
	Title string
	// Nav marks the current section in the header.
	Nav         string
	GeneratedAt string
	Page        any
}

// render writes a page of ours. It renders to a buffer first, so that a
// template failure sends an error page instead of half a page.
func (h *handler) render(w http.ResponseWriter, status int, name, title, nav string, page any) {
	var buf bytes.Buffer
	data := layout{Title: title, Nav: nav, GeneratedAt: timeText(h.now(), h.loc), Page: page}
	if err := h.pages[name].ExecuteTemplate(&buf, "layout.html", data); err != nil {
		h.log.Error("render page", "page", name, "err", err)
		http.Error(w, "internal error: the page could not be rendered", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if w.Header().Get("Content-Security-Policy") == "" {
		w.Header().Set("Content-Security-Policy", pageCSP)
	}
	w.WriteHeader(status)
	w.Write(visibleBytes(buf.Bytes()))
}

// errorPage is the content of an error page.
type errorPage struct {
	Status  int
	Heading string
	Message string
}

func (h *handler) fail(w http.ResponseWriter, status int, heading, message string) {
	h.render(w, status, "error", heading, "", errorPage{Status: status, Heading: heading, Message: message})
}

func (h *handler) notFound(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		h.fail(w, http.StatusMethodNotAllowed, "不支持的请求方法", fmt.Sprintf("%s is not allowed here; these pages are read-only.", r.Method))
		return
	}
	h.fail(w, http.StatusNotFound, "页面不存在", fmt.Sprintf("No page at %s.", r.URL.Path))
}

// snapshot is the store's current snapshot, or an empty one before the
// store has published any.
func (h *handler) snapshot() *store.Snapshot {
	if s := h.store.Snapshot(); s != nil {
		return s
	}
	return &store.Snapshot{}
}

// assetHandler serves the embedded stylesheet and script. They change only
// with the binary, so a browser may keep them for an hour.
func assetHandler() http.Handler {
	sub, err := fs.Sub(assetFiles, "assets")
	if err != nil {
		panic(err)
	}
	files := http.StripPrefix("/assets/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
}
