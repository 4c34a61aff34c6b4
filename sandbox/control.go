package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/fixture"
	"github.com/customers-api/sandbox/sandbox/internal/schema"
	"github.com/gorilla/mux"
)

// controlRoutes are the sandbox's own endpoints (/_sandbox/…), listed in
// the README: health, reset, clock, token expiry, fixtures, state, removing
// an account or a partner, the request journal, fault rules and metrics.
func (s *Server) controlRoutes(r *mux.Router) {
	r.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) {
		api.WriteJSON(w, r, http.StatusOK, map[string]string{"status": "ok"})
	}).Methods("GET")
	r.HandleFunc("/reset", s.handleReset).Methods("POST")
	r.HandleFunc("/clock", s.handleClockGet).Methods("GET")
	r.HandleFunc("/clock", s.handleClockSet).Methods("PUT")
	r.HandleFunc("/clock", s.handleClockReal).Methods("DELETE")
	r.HandleFunc("/clock/advance", s.handleClockAdvance).Methods("POST")
	r.HandleFunc("/tokens/expire", s.handleTokensExpire).Methods("POST")
	r.HandleFunc("/fixtures", s.handleFixtures).Methods("POST")
	r.HandleFunc("/state", s.handleState).Methods("GET")
	r.HandleFunc("/requests", s.handleJournal).Methods("GET")
	r.HandleFunc("/requests", s.handleJournalClear).Methods("DELETE")
	r.HandleFunc("/faults", s.handleFaultAdd).Methods("POST")
	r.HandleFunc("/faults", s.handleFaultList).Methods("GET")
	r.HandleFunc("/faults", s.handleFaultClear).Methods("DELETE")
	r.HandleFunc("/faults/{id}", s.handleFaultDelete).Methods("DELETE")
	r.HandleFunc("/accounts/{id}", s.handleRemove("account", s.dintero.Remove)).Methods("DELETE")
	r.HandleFunc("/partners/{id}", s.handleRemove("partner", s.tradevest.Remove)).Methods("DELETE")
	r.Handle("/metrics", s.metrics.handler()).Methods("GET")
	s.uiRoutes(r) // the dashboard, ui.go
}

// writeControlError writes a control-plane error: {"error": {code, message}}.
func writeControlError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	api.WriteJSON(w, r, status, map[string]any{"error": map[string]any{"code": http.StatusText(status), "message": msg}})
}

// handleReset is POST /_sandbox/reset: everything, or one Dintero account
// (?account=) or one Tradevest partner (?partner=), back to the fixtures.
func (s *Server) handleReset(w http.ResponseWriter, r *http.Request) {
	for _, one := range []struct {
		param string
		reset func(string) bool
	}{{"account", s.dintero.Reset}, {"partner", s.tradevest.Reset}} {
		id := r.URL.Query().Get(one.param)
		if id == "" {
			continue
		}
		s.loadMu.Lock()
		known := one.reset(id)
		s.loadMu.Unlock()
		if !known {
			writeControlError(w, r, http.StatusNotFound, "no fixtures define "+one.param+" "+id)
			return
		}
		api.WriteJSON(w, r, http.StatusOK, map[string]any{"reset": one.param, one.param: id})
		return
	}
	s.Reset()
	api.WriteJSON(w, r, http.StatusOK, map[string]any{"reset": "all"})
}

// handleRemove is DELETE /_sandbox/accounts/{id} and
// DELETE /_sandbox/partners/{id}: the Dintero account or Tradevest partner
// and everything in it leave the state and the reset baseline, so a suite
// that loaded its own can clean up after itself on a shared sandbox
// (decision D53). 204;
// 404 when no account or partner has that id.
func (s *Server) handleRemove(what string, remove func(string) bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := mux.Vars(r)["id"]
		s.loadMu.Lock()
		known := remove(id)
		s.loadMu.Unlock()
		if !known {
			writeControlError(w, r, http.StatusNotFound, "no "+what+" "+id)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
}

func (s *Server) clockBody() map[string]any {
	return map[string]any{"now": s.clock.Now().Format(time.RFC3339Nano), "frozen": s.clock.Frozen()}
}

func (s *Server) handleClockGet(w http.ResponseWriter, r *http.Request) {
	api.WriteJSON(w, r, http.StatusOK, s.clockBody())
}

// decodeControl reads a small JSON body into v.
func decodeControl(w http.ResponseWriter, r *http.Request, v any) bool {
	data, aerr := api.ReadBody(w, r)
	if aerr != nil {
		writeControlError(w, r, aerr.Status, aerr.Message)
		return false
	}
	if err := schema.CheckDepth(data); err != nil {
		writeControlError(w, r, http.StatusBadRequest, "invalid JSON body: "+err.Error())
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeControlError(w, r, http.StatusBadRequest, "invalid JSON body: "+err.Error())
		return false
	}
	return true
}

func (s *Server) handleClockSet(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Now string `json:"now"`
	}
	if !decodeControl(w, r, &body) {
		return
	}
	t, err := time.Parse(time.RFC3339Nano, body.Now)
	if err != nil {
		writeControlError(w, r, http.StatusBadRequest, `"now" must be an RFC 3339 date-time`)
		return
	}
	if s.Freeze(t) != nil {
		writeControlError(w, r, http.StatusBadRequest, `"now" must be from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z`)
		return
	}
	api.WriteJSON(w, r, http.StatusOK, s.clockBody())
}

// maxAdvanceSeconds is the longest advance a time.Duration holds (about
// 292 years); the clock's own range (to 9999) may allow less.
const maxAdvanceSeconds = float64(math.MaxInt64 / int64(time.Second))

func (s *Server) handleClockAdvance(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Seconds *float64 `json:"seconds"`
	}
	if !decodeControl(w, r, &body) {
		return
	}
	const msg = `"seconds" must be a number >= 0 that keeps the clock at or before 9999-12-31T23:59:59.999Z`
	if body.Seconds == nil || math.IsNaN(*body.Seconds) || *body.Seconds < 0 || *body.Seconds > maxAdvanceSeconds {
		writeControlError(w, r, http.StatusBadRequest, msg)
		return
	}
	if s.Advance(time.Duration(math.Round(*body.Seconds*float64(time.Second)))) != nil {
		writeControlError(w, r, http.StatusBadRequest, msg)
		return
	}
	api.WriteJSON(w, r, http.StatusOK, s.clockBody())
}

func (s *Server) handleClockReal(w http.ResponseWriter, r *http.Request) {
	s.RealTime()
	api.WriteJSON(w, r, http.StatusOK, s.clockBody())
}

// handleTokensExpire is POST /_sandbox/tokens/expire: every access token
// issued so far, on both APIs, expires now.
func (s *Server) handleTokensExpire(w http.ResponseWriter, r *http.Request) {
	s.ExpireTokens()
	api.WriteJSON(w, r, http.StatusOK, map[string]any{"expired": true})
}

// MaxFixtureBody is the largest fixture document POST /_sandbox/fixtures
// takes (413 past it): far above the API's 1 MiB, so that any state the
// sandbox exports can be loaded back (decision: 1 GiB).
const MaxFixtureBody = 1 << 30

// handleFixtures loads one YAML fixture document: 400 with the line and
// problem when invalid, and nothing loaded.
func (s *Server) handleFixtures(w http.ResponseWriter, r *http.Request) {
	data, aerr := api.ReadBodyLimit(w, r, MaxFixtureBody)
	if aerr != nil {
		writeControlError(w, r, aerr.Status, aerr.Message)
		return
	}
	d, err := fixture.Parse("request body", data, sections)
	if err == nil {
		err = s.load([]*fixture.Document{d}, true)
	}
	if err != nil {
		var fe *fixture.Error
		if errors.As(err, &fe) {
			api.WriteJSON(w, r, http.StatusBadRequest, map[string]any{"error": map[string]any{
				"code": "INVALID_FIXTURE", "message": fe.Error(), "line": fe.Line, "problem": fe.Problem}})
			return
		}
		writeControlError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	api.WriteJSON(w, r, http.StatusOK, map[string]any{"loaded": true})
}

// State returns the whole state as a YAML fixture document.
func (s *Server) State() ([]byte, error) {
	var buf bytes.Buffer
	if err := s.WriteState(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteState writes the whole state as a YAML fixture document, in time
// proportional to its size (fixture.Write), numbers as numbers.
func (s *Server) WriteState(w io.Writer) error {
	s.tradevest.Settle(s.clock.Now()) // the state shows what the API shows
	return fixture.Write(w, map[string]any{"dintero": s.dintero.State(), "tradevest": s.tradevest.State()})
}

func (s *Server) handleState(w http.ResponseWriter, r *http.Request) {
	out, err := s.State()
	if err != nil {
		writeControlError(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/yaml")
	_, _ = w.Write(out)
}
