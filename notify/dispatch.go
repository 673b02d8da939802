// Package notify delivers Alertmanager's notifications to the places a
// government office reads: DingTalk, WeCom and Feishu group robots, and
// email. It renders each notification as a Chinese message (the site, the
// requirement's title, the evidence link, the scorecard link), retries a
// failed delivery with backoff, and reports every delivery to hooks that
// the caller backs with counters. It imports only the standard library.
package notify

import (
	"cmp"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// Config is the part of the notify settings an operator writes (the
// `notify:` key of govaudit's config).
type Config struct {
	// BaseURL is the address at which people reach govaudit, for the
	// scorecard links (BASE/sites/ID). Empty: the links come from the
	// rules' scorecard_url annotation when Prometheus sets govaudit_url.
	BaseURL   string
	Receivers []Receiver
	// Attempts is how many times one message is tried before it counts as
	// failed; Backoff the wait after the first failed attempt, doubled
	// after each further one; Timeout bounds one attempt.
	Attempts int
	Backoff  time.Duration
	Timeout  time.Duration
	// WebhookToken, when set, is the bearer token the webhook requires
	// (Alertmanager's http_config.authorization), so that only Alertmanager
	// can put messages into the groups.
	WebhookToken string
}

// Defaults of Config.
const (
	DefaultAttempts = 3
	DefaultBackoff  = 2 * time.Second
	DefaultTimeout  = 10 * time.Second
)

// maxBackoff caps the doubling of Backoff.
const maxBackoff = time.Minute

// DefaultConfig returns the defaults and no receivers.
func DefaultConfig() Config {
	return Config{Attempts: DefaultAttempts, Backoff: DefaultBackoff, Timeout: DefaultTimeout}
}

// Options are what the program wires in; every field may be left zero.
type Options struct {
	Logger *slog.Logger
	Client *http.Client // for the robots; default: a client without a timeout of its own (Config.Timeout bounds an attempt)
	// TLSConfig is the base of SMTP TLS connections (its RootCAs, for a
	// mail server with a private CA); ServerName defaults to the host.
	TLSConfig *tls.Config
	Location  *time.Location // of times in messages; default Asia/Shanghai, else UTC
	HelloName string         // the EHLO name; default the host name
	// OnSent and OnFailed are called once per message and receiver, after
	// its last attempt: the hooks of the sent and failed counters.
	OnSent, OnFailed func(receiver string, kind Kind)
	Now              func() time.Time // default time.Now; signatures and dates use it
	// Spacing overrides the least time between two messages to one robot
	// of a kind (tests).
	Spacing map[Kind]time.Duration
}

// spacing is the least time between two messages to one robot. DingTalk and
// WeCom take 20 messages a minute per robot (DingTalk then blocks the robot
// for 10 minutes); Feishu 100 a minute and 5 a second.
var spacing = map[Kind]time.Duration{
	DingTalk: 3 * time.Second,
	WeCom:    3 * time.Second,
	Feishu:   600 * time.Millisecond,
}

// rememberFor is how long a delivered notification is remembered after the
// last request that carried it. Alertmanager retries a notification that
// got an error answer until its next group interval, with at most a minute
// between tries; receivers that already have it are skipped meanwhile.
const rememberFor = 15 * time.Minute

// sender delivers a message to one receiver, in one attempt.
type sender interface {
	send(ctx context.Context, m Message) error
}

// target is a configured receiver with its sender and pace.
type target struct {
	rc     Receiver
	sender sender
	pace   *pacer
}

// Dispatcher delivers notifications to the configured receivers. It is safe
// for concurrent use.
type Dispatcher struct {
	cfg     Config
	opts    Options
	render  renderer
	targets map[string]*target
	names   []string

	mu        sync.Mutex
	delivered map[string]time.Time // receiver + notification hash → forget after
}

// ErrUnknownReceiver is returned for a receiver name that is not configured.
var ErrUnknownReceiver = errors.New("unknown receiver")

// New checks the config and returns a dispatcher. A config without
// receivers is valid; its dispatcher delivers nothing.
func New(cfg Config, opts Options) (*Dispatcher, error) {
	cfg.Attempts = cmp.Or(cfg.Attempts, DefaultAttempts)
	cfg.Backoff = cmp.Or(cfg.Backoff, DefaultBackoff)
	cfg.Timeout = cmp.Or(cfg.Timeout, DefaultTimeout)
	if cfg.Attempts < 1 || cfg.Backoff < 0 || cfg.Timeout < 0 {
		return nil, fmt.Errorf("notify: attempts, backoff and timeout must be positive, got %d, %s, %s", cfg.Attempts, cfg.Backoff, cfg.Timeout)
	}
	if cfg.BaseURL != "" {
		if msg := CheckBaseURL(cfg.BaseURL); msg != "" {
			return nil, fmt.Errorf("notify: base_url %q %s", cfg.BaseURL, msg)
		}
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Client == nil {
		opts.Client = &http.Client{}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Location == nil {
		loc, err := time.LoadLocation("Asia/Shanghai")
		if err != nil {
			loc = time.UTC
		}
		opts.Location = loc
	}
	if opts.HelloName == "" {
		opts.HelloName, _ = os.Hostname()
		opts.HelloName = cmp.Or(opts.HelloName, "localhost")
	}
	d := &Dispatcher{
		cfg:       cfg,
		opts:      opts,
		render:    renderer{base: strings.TrimRight(cfg.BaseURL, "/"), loc: opts.Location},
		targets:   make(map[string]*target),
		delivered: make(map[string]time.Time),
	}
	for i, rc := range cfg.Receivers {
		if err := rc.Validate(); err != nil {
			return nil, fmt.Errorf("notify: receivers[%d] %q: %w", i, rc.Name, err)
		}
		if _, dup := d.targets[rc.Name]; dup {
			return nil, fmt.Errorf("notify: receivers[%d]: duplicate name %q", i, rc.Name)
		}
		t := &target{rc: rc}
		if rc.Kind == Email {
			t.sender = &mailer{rc: rc, tlsConfig: opts.TLSConfig, helo: opts.HelloName, now: opts.Now, loc: opts.Location}
		} else {
			t.sender = &robot{rc: rc, client: opts.Client, now: opts.Now}
		}
		gap, ok := opts.Spacing[rc.Kind]
		if !ok {
			gap = spacing[rc.Kind]
		}
		t.pace = &pacer{gap: gap}
		d.targets[rc.Name] = t
		d.names = append(d.names, rc.Name)
	}
	return d, nil
}

// Names lists the configured receivers in config order.
func (d *Dispatcher) Names() []string { return slices.Clone(d.names) }

// Kind returns the kind of a configured receiver.
func (d *Dispatcher) Kind(name string) (Kind, bool) {
	t, ok := d.targets[name]
	if !ok {
		return "", false
	}
	return t.rc.Kind, true
}

// Select resolves a list of receiver names (each may itself be a
// comma-separated list); none means every receiver.
func (d *Dispatcher) Select(names []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		for _, part := range strings.Split(n, ",") {
			part = strings.TrimSpace(part)
			if part == "" || seen[part] {
				continue
			}
			if _, ok := d.targets[part]; !ok {
				return nil, fmt.Errorf("%w %q; configured: %s", ErrUnknownReceiver, part, d.configured())
			}
			seen[part] = true
			out = append(out, part)
		}
	}
	if len(out) == 0 {
		return d.Names(), nil
	}
	return out, nil
}

func (d *Dispatcher) configured() string {
	if len(d.names) == 0 {
		return "none (add receivers under notify: in the config)"
	}
	return strings.Join(d.names, ", ")
}

// Failure is a receiver that did not get a notification.
type Failure struct {
	Receiver string `json:"receiver"`
	Error    string `json:"error"`
}

// Report says what became of one notification.
type Report struct {
	Delivered []string `json:"delivered"`
	// Already lists receivers that had the notification from an earlier
	// request (a retry by Alertmanager) and were skipped.
	Already []string  `json:"already_delivered,omitempty"`
	Failed  []Failure `json:"failed,omitempty"`
}

// Deliver renders the notification and sends it to the named receivers
// (checked with Select) at once, each with its retries, and waits for all.
// A receiver that got the same notification in the last 15 minutes is
// skipped, so that Alertmanager's retry of a notification that failed for
// one receiver does not repeat it to the others.
func (d *Dispatcher) Deliver(ctx context.Context, p *Payload, names []string) Report {
	m := d.render.render(p)
	hash := payloadHash(p)
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		rep = Report{Delivered: []string{}}
	)
	for _, name := range names {
		t, ok := d.targets[name]
		if !ok {
			mu.Lock()
			rep.Failed = append(rep.Failed, Failure{Receiver: name, Error: ErrUnknownReceiver.Error()})
			mu.Unlock()
			continue
		}
		key := name + "\x00" + hash
		if d.seen(key) {
			rep.Already = append(rep.Already, name)
			continue
		}
		wg.Go(func() {
			err := d.send(ctx, t, m)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				rep.Failed = append(rep.Failed, Failure{Receiver: name, Error: err.Error()})
				return
			}
			d.remember(key)
			rep.Delivered = append(rep.Delivered, name)
		})
	}
	wg.Wait()
	order := func(a, b string) int { return slices.Index(names, a) - slices.Index(names, b) }
	slices.SortFunc(rep.Delivered, order)
	slices.SortFunc(rep.Failed, func(a, b Failure) int { return order(a.Receiver, b.Receiver) })
	return rep
}

// Test sends a test message (测试消息) to one receiver.
func (d *Dispatcher) Test(ctx context.Context, name string) error {
	t, ok := d.targets[name]
	if !ok {
		return fmt.Errorf("%w %q; configured: %s", ErrUnknownReceiver, name, d.configured())
	}
	return d.send(ctx, t, d.render.testMessage(t.rc, d.opts.Now()))
}

// send tries a message up to Attempts times, waiting Backoff, then twice
// as long, and so on between tries. The final outcome is logged and
// reported to OnSent or OnFailed once.
func (d *Dispatcher) send(ctx context.Context, t *target, m Message) error {
	log := d.opts.Logger.With("receiver", t.rc.Name, "kind", string(t.rc.Kind))
	wait := d.cfg.Backoff
	var err error
	attempt := 0
	for attempt < d.cfg.Attempts {
		attempt++
		if err = t.pace.wait(ctx); err != nil {
			break
		}
		actx, cancel := context.WithTimeout(ctx, d.cfg.Timeout)
		err = t.sender.send(actx, m)
		cancel()
		if err == nil {
			log.Info("notification sent", "attempt", attempt)
			if d.opts.OnSent != nil {
				d.opts.OnSent(t.rc.Name, t.rc.Kind)
			}
			return nil
		}
		if attempt == d.cfg.Attempts || ctx.Err() != nil {
			break
		}
		log.Warn("notification attempt failed; retrying", "attempt", attempt, "retry_in", wait, "err", err)
		if sleep(ctx, wait) != nil {
			break
		}
		wait = min(2*wait, maxBackoff)
	}
	if err == nil {
		err = ctx.Err()
	}
	log.Error("notification not delivered", "attempts", attempt, "err", err)
	if d.opts.OnFailed != nil {
		d.opts.OnFailed(t.rc.Name, t.rc.Kind)
	}
	return err
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-tm.C:
		return nil
	}
}

// seen reports whether key was delivered recently, and keeps it for
// another rememberFor if so.
func (d *Dispatcher) seen(key string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.opts.Now()
	for k, until := range d.delivered {
		if now.After(until) {
			delete(d.delivered, k)
		}
	}
	if _, ok := d.delivered[key]; ok {
		d.delivered[key] = now.Add(rememberFor)
		return true
	}
	return false
}

func (d *Dispatcher) remember(key string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.delivered[key] = d.opts.Now().Add(rememberFor)
}

// payloadHash identifies a notification. encoding/json writes maps in key
// order, so equal payloads hash equal however they were written.
func payloadHash(p *Payload) string {
	sum := sha256.Sum256(marshal(p))
	return hex.EncodeToString(sum[:])
}

// pacer spaces the messages to one robot at least gap apart.
type pacer struct {
	gap  time.Duration
	mu   sync.Mutex
	next time.Time
}

// wait blocks until the robot may take the next message. A wait cut short
// by ctx still uses up its turn, which only delays later messages.
func (p *pacer) wait(ctx context.Context) error {
	if p.gap <= 0 {
		return ctx.Err()
	}
	p.mu.Lock()
	now := time.Now()
	at := p.next
	if at.Before(now) {
		at = now
	}
	p.next = at.Add(p.gap)
	p.mu.Unlock()
	return sleep(ctx, at.Sub(now))
}
