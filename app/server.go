package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/metrics"
	"github.com/govaudit/govaudit/notify"
	"github.com/govaudit/govaudit/report"
	"github.com/govaudit/govaudit/store"
	"github.com/govaudit/govaudit/web"
)

// AsOfHeader is how the serving owner confirms which day an export
// stands as of. The client insists on it when it asked for --as-of, so
// that a server that ignores ?as_of= cannot pass today's scorecards off as
// those of an earlier day.
const AsOfHeader = "Govaudit-As-Of"

// exportCSP is the policy of the HTML export: its own inline styles, no
// script, nothing loaded from elsewhere.
const exportCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// apiServer is the HTTP side of serve and demo: metrics, health, the
// scorecard overview, exports, and the small API other govaudit commands
// use while this process owns the store.
type apiServer struct {
	store   *store.Store
	runner  *runner
	reg     *prometheus.Registry
	metrics http.Handler
	loc     *time.Location
	log     *slog.Logger
	baseCtx context.Context // audits triggered through the API stop with the process
	// notifier takes Alertmanager's webhook (docs/notify.md).
	notifier *notify.Dispatcher
	// report is the cover of the printable exports (html, pdf).
	report report.Extras
	token  string // the API token; "" when none is configured (loopback only)
	hosts  hostCheck
	cop    *http.CrossOriginProtection
	gate   *requestGate
}

func (s *apiServer) handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", s.metrics)
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /api/v1/export", s.protect(s.export))
	mux.HandleFunc("GET /api/v1/runs", s.runs)
	mux.HandleFunc("POST /api/v1/audits", s.protect(s.triggerAudit))
	// No method in the pattern: the handler answers 405 to anything but POST.
	mux.HandleFunc("/api/v1/alerts/webhook", s.alertWebhook)
	// Everything else is the evaluators' web UI: overview, site and
	// requirement pages, stored evidence, history.
	pages := web.New(web.Options{Store: s.store, Location: s.loc, Logger: s.log})
	// After every run (and when serve starts) the overview's index and the
	// metrics' exposition are built before anyone asks for them.
	warm := func() {
		if w, ok := s.metrics.(metrics.Warmer); ok {
			w.Warm()
		}
		if w, ok := pages.(web.Warmer); ok {
			w.Warm()
		}
	}
	s.runner.warm.Store(&warm)
	mux.Handle("/", pages)
	return s.guard(mux)
}

func (s *apiServer) healthz(w http.ResponseWriter, _ *http.Request) {
	snap := s.store.Snapshot()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "ok: %d sites, snapshot of %s\n", len(snap.Sites), snap.TakenAt.Format(time.RFC3339))
}

// exportParams are the query parameters /api/v1/export takes; any other is
// an error, so that a mistyped filter cannot silently export everything.
var exportParams = []string{"format", "download", "as_of", "site", "city", "level", "department", "status", "verdict"}

// export serves the scorecard export in any format:
// ?format=json|csv|xlsx|html|pdf, ?site= (repeats), ?as_of=YYYY-MM-DD and
// the filters ?city=&level=&department=&status=&verdict=, as `govaudit
// export` takes them. The document is written to a buffer first so that a
// failure never sends half a file.
func (s *apiServer) export(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	for k := range q {
		if !slices.Contains(exportParams, k) {
			httpError(w, http.StatusBadRequest, fmt.Errorf("unknown parameter %q: use %s", k, strings.Join(exportParams, ", ")))
			return
		}
	}
	sel := report.Selection{City: q.Get("city"), Level: q.Get("level"), Department: q.Get("department"),
		Status: q.Get("status"), Verdict: q.Get("verdict")}
	if err := sel.Check(); err != nil {
		httpError(w, http.StatusBadRequest, err)
		return
	}
	format := q.Get("format")
	if format == "" {
		format = "json"
	}
	if err := report.CheckFormat(format); err != nil {
		httpError(w, http.StatusBadRequest, err)
		return
	}
	var day govaudit.Date
	if v := q.Get("as_of"); v != "" {
		d, err := report.ParseDay(v, s.loc)
		if err != nil {
			httpError(w, http.StatusBadRequest, err)
			return
		}
		day = d
	}
	notFound := func(err error) int {
		if errors.Is(err, report.ErrUnknownSite) || errors.Is(err, report.ErrNoAudit) {
			return http.StatusNotFound
		}
		return http.StatusInternalServerError
	}
	if !day.IsZero() {
		w.Header().Set(AsOfHeader, day.String())
	}
	if format != "html" && format != "pdf" {
		stream, err := report.StreamFromStore(s.store, q["site"], day, time.Now(), s.loc)
		if err != nil {
			httpError(w, notFound(err), err)
			return
		}
		stream = stream.Select(sel)
		w.Header().Set("Content-Type", report.MediaType(format))
		if q.Get("download") != "" {
			w.Header().Set("Content-Disposition", `attachment; filename="`+report.StreamFileName(stream, s.store.Snapshot(), q["site"], format)+`"`)
		}
		// The export is written as the store is read, so that an export of
		// thousands of sites holds one site in memory. A failure half-way
		// aborts the connection: the client sees a broken transfer, never a
		// file that looks whole.
		if err := report.WriteStream(w, format, stream); err != nil {
			s.log.Error("export", "err", err)
			panic(http.ErrAbortHandler)
		}
		return
	}
	// The printable report needs the whole selection: its summaries come
	// before the sites. It is read one site at a time up to its bound.
	stream, err := report.StreamFromStore(s.store, q["site"], day, time.Now(), s.loc)
	if err != nil {
		httpError(w, notFound(err), err)
		return
	}
	doc, err := stream.Select(sel).CollectPrinted()
	if errors.Is(err, report.ErrTooManyToPrint) {
		httpError(w, http.StatusRequestEntityTooLarge, err)
		return
	}
	if err != nil {
		httpError(w, http.StatusInternalServerError, err)
		return
	}
	ex := s.report
	if ex.Copies, err = report.CopiesFromStore(s.store, doc, s.loc); err != nil {
		httpError(w, http.StatusInternalServerError, err)
		return
	}
	ex.Thumbs = report.ThumbnailsFromStore(s.store, doc, ex.Copies)
	var buf bytes.Buffer
	if err := report.WriteWith(r.Context(), &buf, format, doc, ex); err != nil {
		httpError(w, http.StatusInternalServerError, err)
		return
	}
	w.Header().Set("Content-Type", report.MediaType(format))
	if format == "html" {
		// The printable scorecards quote site names, titles and evidence
		// from the sites; whatever slips through escaping can run nothing.
		w.Header().Set("Content-Security-Policy", exportCSP)
	}
	if q.Get("download") != "" {
		w.Header().Set("Content-Disposition", `attachment; filename="`+report.FileName(doc, format)+`"`)
	}
	w.Write(buf.Bytes())
}

func (s *apiServer) runs(w http.ResponseWriter, _ *http.Request) {
	runs, err := s.store.Runs(50)
	if err != nil {
		httpError(w, http.StatusInternalServerError, err)
		return
	}
	writeJSON(w, http.StatusOK, runs)
}

// AuditResponse answers POST /api/v1/audits.
type AuditResponse struct {
	Run    store.Run        `json:"run"`
	Error  string           `json:"error,omitempty"`
	Export *report.Document `json:"export,omitempty"`
}

// triggerAudit starts an audit of the given sites (?site= repeats; none
// means all). With ?wait=1 it answers when the run is over, with the export
// of the audited sites, which is how `govaudit audit` works while serve runs.
func (s *apiServer) triggerAudit(w http.ResponseWriter, r *http.Request) {
	ids := r.URL.Query()["site"]
	sites, err := s.runner.selectSites(ids)
	if err != nil {
		httpError(w, http.StatusNotFound, err)
		return
	}
	if busy := s.runner.busy(sites); len(busy) > 0 {
		httpError(w, http.StatusConflict, fmt.Errorf("already being audited: %s", strings.Join(busy, ", ")))
		return
	}
	if wait := s.gate.admit(sites); wait > 0 {
		secs := int(math.Ceil(wait.Seconds()))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		httpError(w, http.StatusTooManyRequests, fmt.Errorf("an audit of these sites was asked for less than %s ago; try again in %d s", s.gate.interval, secs))
		return
	}
	if r.URL.Query().Get("wait") == "" {
		// Counted before the answer, so that a shutdown that follows it
		// waits for this run too.
		s.runner.active.Add(1)
		go func() {
			defer s.runner.active.Done()
			if _, err := s.runner.run(s.baseCtx, "api", ids, nil); err != nil {
				s.log.Warn("api-triggered audit", "err", err)
			}
		}()
		writeJSON(w, http.StatusAccepted, map[string]string{"status": "started"})
		return
	}
	ctx, cancel := mergeDone(s.baseCtx, r.Context())
	defer cancel()
	run, err := s.runner.run(ctx, "api", ids, nil)
	resp := AuditResponse{Run: run}
	status := http.StatusOK
	if err != nil {
		resp.Error = err.Error()
		if errors.Is(err, ErrNoSites) {
			status = http.StatusConflict
		}
	}
	// The export of the audited sites is streamed from the store into the
	// answer, one site at a time, however many sites the run had.
	stream, derr := report.SnapshotStream(s.store.Snapshot(), run.Sites, time.Now(), s.loc)
	if derr != nil || len(run.Sites) == 0 {
		writeJSON(w, status, resp)
		return
	}
	head, _ := json.Marshal(resp)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(head[:len(head)-1]) // without the closing brace
	io.WriteString(w, `,"export":`)
	if err := report.StreamJSON(w, stream); err != nil {
		s.log.Error("audit answer", "err", err)
		panic(http.ErrAbortHandler)
	}
	io.WriteString(w, "}\n")
}

// alertWebhook delivers Alertmanager's notifications. Deliveries stop when
// the server shuts down, so that a message waiting for its robot's turn does
// not hold the shutdown; Alertmanager sends it again to the next process.
func (s *apiServer) alertWebhook(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := mergeDone(s.baseCtx, r.Context())
	defer cancel()
	notify.WebhookHandler(s.notifier).ServeHTTP(w, r.WithContext(ctx))
}

// mergeDone returns a context cancelled when either parent is done: an API
// audit stops when the client goes away or the server shuts down.
func mergeDone(a, b context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(a)
	stop := context.AfterFunc(b, cancel)
	return ctx, func() { stop(); cancel() }
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// HTML stays escaped (\u003c): an error that quotes a request's
	// markup must not become markup if a browser is talked into reading
	// the body as HTML.
	_ = enc.Encode(v)
}

func httpError(w http.ResponseWriter, status int, err error) {
	writeJSON(w, status, map[string]string{"error": err.Error()})
}

// listen opens the address now so that a port clash is reported before
// any audit starts.
func Listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	return ln, nil
}

// APIBase turns a listen address into the URL other commands call.
func APIBase(listen string) string {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return "http://" + listen
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}
