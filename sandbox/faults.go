package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/google/uuid"
	"github.com/gorilla/mux"
)

// maxLatency bounds an injected delay, so a forgotten rule cannot hang a
// test suite for ever.
const maxLatency = 5 * time.Minute

// FaultRule makes matching requests slow, or fail, or both.
type FaultRule struct {
	ID     string `json:"id"`
	Method string `json:"method"`
	// Path is exact, or a prefix when it ends in "*".
	Path      string          `json:"path"`
	Status    int             `json:"status,omitempty"`
	Body      json.RawMessage `json:"body,omitempty"`
	LatencyMS int             `json:"latency_ms,omitempty"`
	// Times is how many more requests the rule applies to; absent: all.
	Times *int `json:"times,omitempty"`
}

func (f *FaultRule) matches(r *http.Request) bool {
	if f.Method != "" && f.Method != "*" && !strings.EqualFold(f.Method, r.Method) {
		return false
	}
	if p, ok := strings.CutSuffix(f.Path, "*"); ok {
		return strings.HasPrefix(r.URL.Path, p)
	}
	return r.URL.Path == f.Path
}

type faults struct {
	mu    sync.Mutex
	rules []*FaultRule
}

// take returns a copy of the first rule matching r and uses one of its
// times; a rule with no times left is removed.
func (f *faults) take(r *http.Request) *FaultRule {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, rule := range f.rules {
		if !rule.matches(r) {
			continue
		}
		hit := *rule
		if rule.Times != nil {
			left := *rule.Times - 1
			if left <= 0 {
				f.rules = append(f.rules[:i], f.rules[i+1:]...)
			} else {
				rule.Times = &left
			}
		}
		return &hit
	}
	return nil
}

func (f *faults) list() []FaultRule {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]FaultRule, len(f.rules))
	for i, r := range f.rules {
		out[i] = *r
	}
	return out
}

// handleFaultAdd is POST /_sandbox/faults: 201 with the rule and its id.
func (s *Server) handleFaultAdd(w http.ResponseWriter, r *http.Request) {
	var rule FaultRule
	if !decodeControl(w, r, &rule) {
		return
	}
	var problems []string
	if rule.Path == "" || !strings.HasPrefix(rule.Path, "/") {
		problems = append(problems, `"path" must be a path starting with "/" (end it with "*" for a prefix)`)
	}
	if strings.HasPrefix(rule.Path, "/_sandbox") {
		problems = append(problems, "the control endpoints cannot be faulted")
	}
	if rule.Status != 0 && (rule.Status < 100 || rule.Status > 599) {
		problems = append(problems, `"status" must be an HTTP status (100-599)`)
	}
	if rule.LatencyMS < 0 || time.Duration(rule.LatencyMS)*time.Millisecond > maxLatency {
		problems = append(problems, fmt.Sprintf(`"latency_ms" must be between 0 and %d`, maxLatency.Milliseconds()))
	}
	if rule.Times != nil && *rule.Times < 1 {
		problems = append(problems, `"times" must be >= 1 (leave it out for every request)`)
	}
	if len(rule.Body) > 0 && rule.Status == 0 {
		problems = append(problems, `"body" needs a "status"`)
	}
	if rule.Status == 0 && rule.LatencyMS == 0 {
		problems = append(problems, `a rule needs "status" or "latency_ms"`)
	}
	if len(problems) > 0 {
		writeControlError(w, r, http.StatusBadRequest, strings.Join(problems, "; "))
		return
	}
	rule.ID = uuid.NewString()
	s.faults.mu.Lock()
	s.faults.rules = append(s.faults.rules, &rule)
	s.faults.mu.Unlock()
	api.WriteJSON(w, r, http.StatusCreated, rule)
}

func (s *Server) handleFaultList(w http.ResponseWriter, r *http.Request) {
	api.WriteJSON(w, r, http.StatusOK, s.faults.list())
}

func (s *Server) handleFaultClear(w http.ResponseWriter, r *http.Request) {
	s.faults.mu.Lock()
	s.faults.rules = nil
	s.faults.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleFaultDelete(w http.ResponseWriter, r *http.Request) {
	id := api.Vars(r)["id"]
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	for i, rule := range s.faults.rules {
		if rule.ID == id {
			s.faults.rules = append(s.faults.rules[:i], s.faults.rules[i+1:]...)
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	writeControlError(w, r, http.StatusNotFound, "no fault rule "+id)
}

// injectFault applies the first matching rule: it waits latency_ms (or
// until the client gives up) and, when the rule has a status, answers in
// place of the API. It reports whether it answered.
func (s *Server) injectFault(w http.ResponseWriter, r *http.Request) bool {
	if strings.HasPrefix(r.URL.Path, "/_sandbox") {
		return false
	}
	rule := s.faults.take(r)
	if rule == nil {
		return false
	}
	// The router never sees a faulted request: name its route here.
	var m mux.RouteMatch
	if info, ok := r.Context().Value(infoKey{}).(*requestInfo); ok && s.router.Match(r, &m) && m.Route != nil {
		info.route, info.account = m.Route.GetName(), m.Vars["aid"]
	}
	if rule.LatencyMS > 0 {
		t := time.NewTimer(time.Duration(rule.LatencyMS) * time.Millisecond)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
		}
	}
	if rule.Status == 0 {
		return false
	}
	if rule.Status == http.StatusTooManyRequests || rule.Status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	if len(rule.Body) > 0 {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(rule.Status)
		_, _ = w.Write(rule.Body)
		return true
	}
	msg := fmt.Sprintf("Injected fault: %d %s", rule.Status, http.StatusText(rule.Status))
	s.vendorFor(r.URL.Path).Fault(w, r, rule.Status, msg)
	return true
}
