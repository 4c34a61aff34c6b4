// Package sandbox is the customers-API sandbox as a Go package: an
// in-memory, stateful emulation of the Dintero Customers API and Tradevest's
// roles API, served as an
// http.Handler so Go tests can run one per test without a port, and by
// cmd/sandbox as a binary.
package sandbox

import (
	"context"
	"crypto/subtle"
	"fmt"
	"github.com/customers-api/sandbox/sandbox/internal/tradevest"
	"io"
	"io/fs"
	"net/http"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/customers-api/sandbox/fixtures"
	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/clock"
	"github.com/customers-api/sandbox/sandbox/internal/fixture"
	"github.com/customers-api/sandbox/sandbox/internal/jwtauth"
	"github.com/customers-api/sandbox/sandbox/internal/schema"
	"github.com/customers-api/sandbox/sandbox/internal/statelog"
	"github.com/customers-api/sandbox/sandbox/internal/store"
	"github.com/gorilla/mux"
)

// Options configure a sandbox.
type Options struct {
	// FixturePaths are YAML files or folders loaded after the defaults.
	FixturePaths []string
	// Fixtures are YAML documents loaded after FixturePaths.
	Fixtures []string
	// NoDefaultFixtures skips the embedded default fixtures.
	NoDefaultFixtures bool
	// Now, when set, starts the sandbox clock frozen at that instant.
	Now time.Time
	// Log receives one line per request; nil discards them. Lines to an
	// *os.File are written in batches, at most a few milliseconds late
	// (decision D96); Close writes the rest.
	Log io.Writer
	// SigningKey signs access tokens; random when empty.
	SigningKey []byte
	// JournalSize bounds the request journal (DefaultJournalSize when 0).
	JournalSize int
	// AdminToken, when set, guards every control endpoint but health:
	// they need "Authorization: Bearer <AdminToken>".
	AdminToken string
	// StateFile, when set, keeps the state across restarts: loaded at
	// start when it exists (on top of the fixtures, not part of what reset
	// restores), and every write is in it before it is answered (see
	// package statelog). Close the server when done.
	StateFile string
	// Webhooks tunes the delivery of Tradevest webhook notifications
	// (attempts, backoff, timeout, how many deliveries are kept); zero
	// values take the defaults. A sandbox that delivers webhooks runs
	// goroutines until Close.
	Webhooks WebhookOptions
}

// WebhookOptions tune webhook deliveries (see tradevest.DeliveryOptions).
type WebhookOptions = tradevest.DeliveryOptions

// Server is one sandbox. It is an http.Handler and safe for concurrent use.
type Server struct {
	opts     Options
	clock    *clock.Clock
	issuer   *jwtauth.Issuer
	journal  *journal
	faults   faults
	metrics  *metrics
	statelog *statelog.Log // the state file, when Options.StateFile is set
	vendors  []Vendor
	sections []string         // the vendors' fixture sections
	bound    [][]http.Handler // per vendor, the handler of each endpoint of its document
	router   *routeIndex
	handler  http.Handler
	log      io.Writer
	loadMu   sync.Mutex // serialises fixture loads and resets
}

// New builds a sandbox and loads its fixtures. A fixture problem is returned
// as an error naming the file and line.
func New(opts Options) (*Server, error) {
	s := &Server{opts: opts, clock: clock.New(), log: requestLog(opts.Log), journal: newJournal(opts.JournalSize)}
	if !opts.Now.IsZero() {
		s.clock.Freeze(opts.Now)
	}
	schema.PrefetchEmbedded() // once per process; then a no-op
	issuer := jwtauth.NewIssuer(opts.SigningKey)
	s.issuer = issuer
	for _, nv := range vendors {
		v, err := nv(s.clock, issuer)
		if err != nil {
			return nil, err
		}
		s.vendors = append(s.vendors, v)
		s.sections = append(s.sections, v.Name())
	}
	vendorOf[*tradevest.API](s).ConfigureWebhooks(opts.Webhooks, 0)
	s.metrics = newMetrics(s)
	if err := s.routes(); err != nil {
		return nil, err
	}
	s.handler = http.HandlerFunc(s.serve)

	var docs []*fixture.Document
	if !opts.NoDefaultFixtures {
		d, err := defaultFixtures(s.sections)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d...)
	}
	d, err := fixture.ReadPaths(opts.FixturePaths, s.sections)
	if err != nil {
		return nil, err
	}
	docs = append(docs, d...)
	for i, y := range opts.Fixtures {
		d, err := fixture.Parse(fmt.Sprintf("Options.Fixtures[%d]", i), []byte(y), s.sections)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	if err := s.load(docs, true); err != nil {
		return nil, err
	}
	if err := s.openState(); err != nil {
		return nil, err
	}
	return s, nil
}

// parsedDefaults caches the embedded default fixtures, parsed once per
// process (per list of sections): a parsed document is only read.
var parsedDefaults sync.Map // sections joined → *defaultDocs

type defaultDocs struct {
	once   sync.Once
	docs   []*fixture.Document
	err    error
	parsed atomic.Bool // docs and err are set (forgetDefaultFixtures reads them)
}

func defaultFixtures(sections []string) ([]*fixture.Document, error) {
	v, _ := parsedDefaults.LoadOrStore(strings.Join(sections, "\x00"), &defaultDocs{})
	d := v.(*defaultDocs)
	d.once.Do(func() {
		d.docs, d.err = parseDefaultFixtures(sections)
		d.parsed.Store(true)
	})
	return d.docs, d.err
}

// forgetDefaultFixtures lets the parsed default fixtures go, with what
// their checks remembered: Run serves one sandbox for the life of its
// process, which never reads them again. The cache is for processes that
// make many sandboxes (test suites); one that does after this parses them
// again.
func forgetDefaultFixtures() {
	parsedDefaults.Range(func(k, v any) bool {
		parsedDefaults.Delete(k)
		if d := v.(*defaultDocs); d.parsed.Load() { // else being parsed for another sandbox, which keeps it
			for _, doc := range d.docs {
				fixture.Unshare(doc)
			}
		}
		return true
	})
}

func parseDefaultFixtures(sections []string) ([]*fixture.Document, error) {
	names, err := fs.Glob(fixtures.FS, "*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var docs []*fixture.Document
	for _, n := range names {
		data, err := fs.ReadFile(fixtures.FS, n)
		if err != nil {
			return nil, err
		}
		d, err := fixture.Parse("fixtures/"+n, data, sections)
		if err != nil {
			return nil, err
		}
		fixture.Share(d) // kept for the process: its records are checked once
		docs = append(docs, d)
	}
	return docs, nil
}

// load applies fixture documents to every API, all or nothing; with
// baseline they also become part of what a reset restores.
func (s *Server) load(docs []*fixture.Document, baseline bool) error {
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	var loads []*store.Pending
	for _, v := range s.vendors {
		p, err := v.Prepare(docs, baseline)
		if err != nil {
			for _, l := range loads {
				l.Abort()
			}
			return err
		}
		loads = append(loads, p)
	}
	for _, l := range loads {
		l.Commit()
	}
	return nil
}

// LoadFixture loads one YAML fixture document on top of the current state.
func (s *Server) LoadFixture(yamlDoc string) error {
	d, err := fixture.Parse("fixture", []byte(yamlDoc), s.sections)
	if err != nil {
		return err
	}
	return s.load([]*fixture.Document{d}, true)
}

// ServeHTTP serves the vendor APIs and the control endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Now is the sandbox time.
func (s *Server) Now() time.Time { return s.clock.Now() }

// Freeze stops the sandbox clock at t. A t before 1970 or after 9999 is an
// error and changes nothing.
func (s *Server) Freeze(t time.Time) error {
	if !clock.InRange(t) {
		return clock.ErrOutOfRange
	}
	return s.changeClock(func() (time.Time, error) { return s.clock.Freeze(t), nil })
}

// Advance moves the sandbox clock forward by d. A negative d, or one that
// would move the clock past 9999, is an error and changes nothing.
func (s *Server) Advance(d time.Duration) error {
	return s.changeClock(func() (time.Time, error) { return s.clock.Advance(d) })
}

// RealTime puts the sandbox clock back to real time.
func (s *Server) RealTime() {
	_ = s.changeClock(func() (time.Time, error) { return s.clock.Real(), nil })
}

// changeClock moves the clock with change, which returns the time the clock
// showed just before. The time-driven transitions due by then are stored
// first (and again after, for those that fell due in between), so moving
// the clock back never undoes one (decision D50).
func (s *Server) changeClock(change func() (prev time.Time, err error)) error {
	s.settle(s.clock.Now())
	prev, err := change()
	if err != nil {
		return err
	}
	// A clock moved forward stores (and notifies, decision D86) what fell
	// due up to its new time.
	at := prev
	if now := s.clock.Now(); now.After(at) {
		at = now
	}
	s.settle(at)
	return nil
}

// settle stores the time-driven transitions due by at, on every vendor
// that has them.
func (s *Server) settle(at time.Time) {
	for _, v := range s.vendors {
		if st, ok := v.(settler); ok {
			st.Settle(at)
		}
	}
}

// ExpireTokens makes every access token issued so far expire, on both
// APIs: its next use answers the vendor's 401 for an expired token. Tokens
// issued afterwards work.
func (s *Server) ExpireTokens() { s.issuer.ExpireAll() }

// Reset puts every account back to the loaded fixtures and the clock back
// to real time.
func (s *Server) Reset() {
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	for _, v := range s.vendors {
		v.Reset("")
	}
	s.clock.Real()
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// requestInfo collects what the layers learn of a request for the journal
// and the metrics.
type requestInfo struct {
	route   string // operation id
	account string
	partner string
}

type infoKey struct{}

// requestContext is a request's context as the sandbox serves it: what
// the layers learn of it (infoKey), its sandbox (serverKey) and its
// caller (api.Caller), with the status recorder, in one allocation rather
// than one per value.
type requestContext struct {
	context.Context
	server *Server
	info   requestInfo
	caller api.Caller
	rec    statusRecorder
	vars   map[string]string // path variables, when the route index matched the route itself
}

func (c *requestContext) Value(key any) any {
	switch key.(type) {
	case infoKey:
		return &c.info
	case serverKey:
		return c.server
	}
	if api.IsCallerKey(key) {
		return &c.caller
	}
	if api.IsVarsKey(key) {
		return c.vars
	}
	return c.Context.Value(key)
}

// serve is the sandbox's outer layer: request limits and CORS (screen),
// the admin guard for the control endpoints, injected faults, then the
// router; afterwards one log line, a journal entry and metrics for every
// API request. A panic is a sandbox
// bug: it is logged and the client still gets a 500.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rc := &requestContext{Context: r.Context(), server: s}
	info, caller, rec := &rc.info, &rc.caller, &rc.rec
	rec.ResponseWriter = w
	r = r.WithContext(rc)
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(s.log, "panic serving %s %s: %v\n%s", r.Method, r.URL.Path, p, debug.Stack())
			if rec.status == 0 {
				writeControlError(rec, r, http.StatusInternalServerError, "Unexpected Error")
			}
		}
		d := time.Since(start)
		if s.log != io.Discard && !uiQuiet(r.URL.Path) {
			s.logLine(r, rec.status, d)
		}
		if strings.HasPrefix(r.URL.Path, "/_sandbox") {
			return
		}
		route := info.route
		if route == "" {
			route = routeUnmatched
		}
		s.metrics.observe(route, r.Method, rec.status, d)
		if c, ok := caller.Principal.(*jwtauth.Claims); ok {
			info.partner = c.Partner
		}
		s.journal.add(s.journalEntry(r, info, rec.status, d))
	}()
	if s.screen(rec, r, info) {
		return
	}
	if !s.adminAllowed(r) {
		writeControlError(rec, r, http.StatusUnauthorized, "the control endpoints need Authorization: Bearer <admin token>")
		return
	}
	if s.injectFault(rec, r) {
		return
	}
	s.router.ServeHTTP(rec, r)
}

// logLines are the buffers request log lines are put together in.
var logLines = sync.Pool{New: func() any { b := make([]byte, 0, 256); return &b }}

// logLine writes the request log line of r: "GET /path?query 200 1.234ms",
// in one write.
func (s *Server) logLine(r *http.Request, status int, d time.Duration) {
	bp := logLines.Get().(*[]byte)
	b := append((*bp)[:0], r.Method...)
	b = append(b, ' ')
	b = append(b, r.URL.RequestURI()...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(status), 10)
	b = append(b, ' ')
	b = append(b, d.Round(time.Microsecond).String()...)
	b = append(b, '\n')
	_, _ = s.log.Write(b)
	if cap(b) <= 4<<10 {
		*bp = b
		logLines.Put(bp)
	}
}

// adminAllowed applies -admin-token: every control endpoint but health
// needs it.
func (s *Server) adminAllowed(r *http.Request) bool {
	if s.opts.AdminToken == "" || !strings.HasPrefix(r.URL.Path, "/_sandbox") || r.URL.Path == "/_sandbox/health" || uiPublic(r.URL.Path) {
		return true
	}
	tok, ok := jwtauth.Bearer(r.Header.Get("Authorization"))
	return ok && subtle.ConstantTimeCompare([]byte(tok), []byte(s.opts.AdminToken)) == 1
}

// noteRoute records the matched route and account for the outer layer.
func noteRoute(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if info, ok := r.Context().Value(infoKey{}).(*requestInfo); ok {
			if route := mux.CurrentRoute(r); route != nil {
				info.route = route.GetName()
			}
			info.account = mux.Vars(r)["aid"]
		}
		next.ServeHTTP(w, r)
	})
}

// routes binds the sandbox's handlers to the process's router: each
// vendor's document endpoints, then the control plane's; unknown paths
// answer in the shape of the API they belong to.
func (s *Server) routes() error {
	s.bound = make([][]http.Handler, len(s.vendors))
	for i, v := range s.vendors {
		h, err := api.Bind(v.Pipeline(), v.Schemas(), v.Handlers(), v.Title())
		if err != nil {
			return fmt.Errorf("%s: %w", v.Name(), err)
		}
		s.bound[i] = h
	}
	control, err := controlPlane()
	if err != nil {
		return err
	}
	s.router = sharedRouter(s.vendors, control)
	return nil
}

// notFound and methodNotAllowed answer what no route serves, in the shape
// of the API the path belongs to (decision D51).
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if v := s.vendorFor(r.URL.Path); v != nil {
		v.NotFound(w, r)
		return
	}
	writeControlError(w, r, http.StatusNotFound, http.StatusText(http.StatusNotFound))
}

func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	if v := s.vendorFor(r.URL.Path); v != nil {
		v.MethodNotAllowed(w, r)
		return
	}
	writeControlError(w, r, http.StatusMethodNotAllowed, http.StatusText(http.StatusMethodNotAllowed))
}
