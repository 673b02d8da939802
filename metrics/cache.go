package metrics

import (
	"bytes"
	"compress/gzip"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/prometheus/common/expfmt"

	"github.com/govaudit/govaudit"
)

// CachedHandler serves the metrics of a store as Handler does, but gathers
// and encodes the per-site series once per change of the store instead of
// once per scrape: at thousands of sites they are hundreds of thousands of
// series, and rebuilding them on every scrape cost seconds.
//
// live (the process, Go runtime and recorder metrics) is served through
// promhttp on every scrape, which also negotiates the format from the
// scrape's Accept header and counts the scrapes and errors in live. The
// store's series follow in the same format, from a cache keyed by the
// snapshot's Version. The two sets share no metric name, so the exposition
// is their concatenation; with gzip, two gzip members, which every gzip
// reader (RFC 1952) reads as one stream.
func CachedHandler(live *prometheus.Registry, src Snapshotter, cat govaudit.Catalog) http.Handler {
	reg := prometheus.NewRegistry()
	reg.MustRegister(NewCollector(src, cat))
	h := &cachedHandler{live: liveHandler(live)}
	h.cache = &exposition{src: src, gather: reg, errors: handlerErrors(live)}
	return h
}

// handlerErrors is promhttp's own error counter in reg (registered by
// liveHandler), so that errors of the cached part are counted with the
// live part's, as promhttp would count them.
func handlerErrors(reg *prometheus.Registry) *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "promhttp_metric_handler_errors_total",
		Help: "Total number of internal errors encountered by the promhttp metric handler.",
	}, []string{"cause"})
	if err := reg.Register(c); err != nil {
		var are prometheus.AlreadyRegisteredError
		if errors.As(err, &are) {
			if existing, ok := are.ExistingCollector.(*prometheus.CounterVec); ok {
				return existing
			}
		}
	}
	return c
}

// liveHandler is promhttp's handler for live without compression: the
// cached handler compresses the whole answer itself.
func liveHandler(reg *prometheus.Registry) http.Handler {
	return promhttp.InstrumentMetricHandler(reg, promhttp.HandlerFor(reg, promhttp.HandlerOpts{
		ErrorLog:           slogErrorLog{},
		ErrorHandling:      promhttp.ContinueOnError,
		Registry:           reg,
		DisableCompression: true,
	}))
}

type cachedHandler struct {
	live  http.Handler
	cache *exposition
}

// Warmer is implemented by the handler CachedHandler returns.
type Warmer interface {
	// Warm encodes the store's series as Prometheus will ask for them
	// next, so that the first scrape after a change is served from the
	// cache: at thousands of sites the encoding takes seconds, a good part
	// of a scrape's timeout.
	Warm()
}

// prometheusAccept is the Accept header of Prometheus' scrapes (2.x), from
// which promhttp picks the format the cache is kept in.
const prometheusAccept = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"

func (h *cachedHandler) Warm() {
	r := &http.Request{Method: http.MethodGet, URL: &url.URL{Path: "/metrics"}, Header: http.Header{}}
	r.Header.Set("Accept", prometheusAccept)
	r.Header.Set("Accept-Encoding", "gzip")
	h.ServeHTTP(&bufferWriter{header: http.Header{}}, r)
}

func (h *cachedHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// promhttp answers the live part into a buffer, so that its format
	// (and any error status) is known before anything is sent.
	buf := &bufferWriter{header: http.Header{}, status: http.StatusOK}
	h.live.ServeHTTP(buf, r)
	for k, v := range buf.header {
		w.Header()[k] = v
	}
	if buf.status != http.StatusOK {
		w.WriteHeader(buf.status)
		w.Write(buf.body.Bytes())
		return
	}
	format := expfmt.Format(buf.header.Get("Content-Type"))
	enc := h.cache.encoded(format)
	w.Header().Add("Vary", "Accept-Encoding")
	if !acceptsGzip(r) {
		w.Header().Set("Content-Length", strconv.Itoa(len(enc.plain)+buf.body.Len()))
		w.Write(enc.plain)
		w.Write(buf.body.Bytes())
		return
	}
	var gz bytes.Buffer
	zw := gzipWriters.Get().(*gzip.Writer)
	zw.Reset(&gz)
	zw.Write(buf.body.Bytes())
	zw.Close()
	gzipWriters.Put(zw)
	w.Header().Set("Content-Encoding", "gzip")
	w.Header().Set("Content-Length", strconv.Itoa(len(enc.gz)+gz.Len()))
	w.Write(enc.gz)
	w.Write(gz.Bytes())
}

var gzipWriters = sync.Pool{New: func() any { return gzip.NewWriter(nil) }}

// acceptsGzip reads Accept-Encoding as promhttp does: gzip offered with a
// non-zero quality.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

// bufferWriter is an http.ResponseWriter into memory.
type bufferWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferWriter) Header() http.Header         { return b.header }
func (b *bufferWriter) WriteHeader(code int)        { b.status = code }
func (b *bufferWriter) Write(p []byte) (int, error) { return b.body.Write(p) }

// exposition is the store's series, gathered once per snapshot version and
// encoded once per format asked for.
type exposition struct {
	src    Snapshotter
	gather prometheus.Gatherer
	errors *prometheus.CounterVec

	mu       sync.Mutex // one rebuild at a time; scrapes meanwhile wait for it
	version  uint64
	valid    bool
	byFormat map[expfmt.Format]*encodedFamilies
}

type encodedFamilies struct {
	plain, gz []byte
}

func (e *exposition) encoded(format expfmt.Format) *encodedFamilies {
	var version uint64
	if snap := e.src.Snapshot(); snap != nil {
		version = snap.Version
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	// Version 0 is a snapshot built outside a store, which never says it
	// changed: it is gathered every time.
	if !e.valid || version != e.version || version == 0 {
		e.version, e.valid = version, true
		e.byFormat = map[expfmt.Format]*encodedFamilies{}
	}
	if enc, ok := e.byFormat[format]; ok {
		return enc
	}
	// The gathered families are several times the size of their encoding,
	// so only the encodings are kept; a second format asked for (rare:
	// Prometheus keeps to one) gathers again.
	mfs, err := e.gather.Gather()
	if err != nil {
		// As promhttp's ContinueOnError: log, and serve what was gathered.
		slogErrorLog{}.Println("error gathering metrics:", err)
		e.errors.WithLabelValues("gathering").Inc()
	}
	var plain bytes.Buffer
	encoder := expfmt.NewEncoder(&plain, format)
	for _, mf := range mfs {
		if err := encoder.Encode(mf); err != nil {
			slogErrorLog{}.Println("error encoding and sending metric family:", err)
			e.errors.WithLabelValues("encoding").Inc()
		}
	}
	var gz bytes.Buffer
	zw := gzipWriters.Get().(*gzip.Writer)
	zw.Reset(&gz)
	zw.Write(plain.Bytes())
	zw.Close()
	gzipWriters.Put(zw)
	enc := &encodedFamilies{plain: plain.Bytes(), gz: gz.Bytes()}
	e.byFormat[format] = enc
	return enc
}
