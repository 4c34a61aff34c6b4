// Package sandbox is the customers-API sandbox as a Go package: an
// in-memory, stateful emulation of the Dintero Customers API and Tradevest's
// roles API, served as an
// http.Handler so Go tests can run one per test without a port, and by
// cmd/sandbox as a binary.
package sandbox

import (
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/customers-api/sandbox/fixtures"
	"github.com/customers-api/sandbox/sandbox/internal/clock"
	"github.com/customers-api/sandbox/sandbox/internal/dintero"
	"github.com/customers-api/sandbox/sandbox/internal/fixture"
	"github.com/customers-api/sandbox/sandbox/internal/jwtauth"
	"github.com/customers-api/sandbox/sandbox/internal/tradevest"
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
	// Log receives one line per request; nil discards them.
	Log io.Writer
	// SigningKey signs access tokens; random when empty.
	SigningKey []byte
}

// Server is one sandbox. It is an http.Handler and safe for concurrent use.
type Server struct {
	clock     *clock.Clock
	dintero   *dintero.API
	tradevest *tradevest.API
	router    *mux.Router
	handler   http.Handler
	log       io.Writer
	loadMu    sync.Mutex // serialises fixture loads and resets
}

// sections are the fixture sections the sandbox reads.
var sections = []string{dintero.Section, tradevest.Section}

// New builds a sandbox and loads its fixtures. A fixture problem is returned
// as an error naming the file and line.
func New(opts Options) (*Server, error) {
	s := &Server{clock: clock.New(), log: opts.Log}
	if !opts.Now.IsZero() {
		s.clock.Freeze(opts.Now)
	}
	if s.log == nil {
		s.log = io.Discard
	}
	issuer := jwtauth.NewIssuer(opts.SigningKey, s.clock)
	var err error
	if s.dintero, err = dintero.New(s.clock, issuer); err != nil {
		return nil, err
	}
	if s.tradevest, err = tradevest.New(s.clock, issuer); err != nil {
		return nil, err
	}
	s.router = mux.NewRouter().UseEncodedPath()
	if err := s.routes(); err != nil {
		return nil, err
	}
	s.handler = s.logRequests(s.router)

	var docs []*fixture.Document
	if !opts.NoDefaultFixtures {
		d, err := defaultFixtures()
		if err != nil {
			return nil, err
		}
		docs = append(docs, d...)
	}
	d, err := fixture.ReadPaths(opts.FixturePaths, sections)
	if err != nil {
		return nil, err
	}
	docs = append(docs, d...)
	for i, y := range opts.Fixtures {
		d, err := fixture.Parse(fmt.Sprintf("Options.Fixtures[%d]", i), []byte(y), sections)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	if err := s.load(docs); err != nil {
		return nil, err
	}
	return s, nil
}

func defaultFixtures() ([]*fixture.Document, error) {
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
		docs = append(docs, d)
	}
	return docs, nil
}

// load applies fixture documents to every API, all or nothing.
func (s *Server) load(docs []*fixture.Document) error {
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	commitDintero, err := s.dintero.Prepare(docs)
	if err != nil {
		return err
	}
	commitTradevest, err := s.tradevest.Prepare(docs)
	if err != nil {
		return err
	}
	commitDintero()
	commitTradevest()
	return nil
}

// LoadFixture loads one YAML fixture document on top of the current state.
func (s *Server) LoadFixture(yamlDoc string) error {
	d, err := fixture.Parse("fixture", []byte(yamlDoc), sections)
	if err != nil {
		return err
	}
	return s.load([]*fixture.Document{d})
}

// ServeHTTP serves the vendor APIs and the control endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Now is the sandbox time.
func (s *Server) Now() time.Time { return s.clock.Now() }

// Freeze stops the sandbox clock at t.
func (s *Server) Freeze(t time.Time) { s.clock.Freeze(t) }

// Advance moves the sandbox clock forward by d.
func (s *Server) Advance(d time.Duration) { s.clock.Advance(d) }

// RealTime puts the sandbox clock back to real time.
func (s *Server) RealTime() { s.clock.Real() }

// Reset puts every account back to the loaded fixtures and the clock back
// to real time.
func (s *Server) Reset() {
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	s.dintero.Reset("")
	s.tradevest.Reset("")
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

// logRequests writes one line per request: method, path, status, duration.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				// A panic is a sandbox bug; the client still gets an answer.
				fmt.Fprintf(s.log, "panic serving %s %s: %v\n%s", r.Method, r.URL.Path, p, debug.Stack())
				if rec.status == 0 {
					writeControlError(rec, r, http.StatusInternalServerError, "Unexpected Error")
				}
			}
			if s.log != io.Discard {
				fmt.Fprintf(s.log, "%s %s %d %s\n", r.Method, r.URL.RequestURI(), rec.status, time.Since(start).Round(time.Microsecond))
			}
		}()
		next.ServeHTTP(rec, r)
	})
}

// routes lists every route of the sandbox: the vendor APIs mount theirs,
// then the control plane, then the answers for unknown paths.
func (s *Server) routes() error {
	if err := s.dintero.Mount(s.router); err != nil {
		return err
	}
	if err := s.tradevest.Mount(s.router); err != nil {
		return err
	}
	s.controlRoutes(s.router.PathPrefix("/_sandbox").Subrouter())
	s.router.NotFoundHandler = http.HandlerFunc(s.notFound)
	s.router.MethodNotAllowedHandler = http.HandlerFunc(s.methodNotAllowed)
	return nil
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasPrefix(r.URL.Path, "/v1/"):
		s.dintero.NotFound(w, r)
	case strings.HasPrefix(r.URL.Path, "/_sandbox/"):
		writeControlError(w, r, http.StatusNotFound, "Resource was not found")
	default:
		s.tradevest.NotFound(w, r)
	}
}

func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasPrefix(r.URL.Path, "/v1/"):
		s.dintero.MethodNotAllowed(w, r)
	case strings.HasPrefix(r.URL.Path, "/_sandbox/"):
		writeControlError(w, r, http.StatusMethodNotAllowed, "Method not allowed")
	default:
		s.tradevest.MethodNotAllowed(w, r)
	}
}
