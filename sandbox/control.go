package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"sync"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/dintero"
	"github.com/customers-api/sandbox/sandbox/internal/fixture"
	"github.com/customers-api/sandbox/sandbox/internal/schema"
	"github.com/customers-api/sandbox/sandbox/internal/tradevest"
	"github.com/customers-api/sandbox/sandbox/internal/ui"
)

// ControlDocument is the control plane's OpenAPI document in schemas/.
const ControlDocument = "sandbox.openapi.json"

// controlPlane mounts the sandbox's own endpoints (/_sandbox/…) from the
// contract, as schemas/sandbox.openapi.json lists them: health, reset,
// clock, fixtures, state, the request journal, fault rules, metrics and the
// OpenAPI documents. Start-up fails when an operation has no handler or a
// handler no operation. The handlers are built once per process, each
// serving the sandbox of its request (serverOf).
var controlPlane = sync.OnceValues(func() (*controlTable, error) {
	handlers := map[string]http.Handler{
		"health_get": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			api.WriteJSON(w, r, http.StatusOK, map[string]string{"status": "ok"})
		}),
		"reset_post":         on((*Server).handleReset),
		"clock_get":          on((*Server).handleClockGet),
		"clock_put":          on((*Server).handleClockSet),
		"clock_delete":       on((*Server).handleClockReal),
		"clock_advance_post": on((*Server).handleClockAdvance),
		"tokens_expire_post": on((*Server).handleTokensExpire),
		"fixtures_post":      on((*Server).handleFixtures),
		"state_get":          on((*Server).handleState),
		"requests_get":       on((*Server).handleJournal),
		"requests_delete":    on((*Server).handleJournalClear),
		"faults_post":        on((*Server).handleFaultAdd),
		"faults_get":         on((*Server).handleFaultList),
		"faults_delete":      on((*Server).handleFaultClear),
		"faults_id_delete":   on((*Server).handleFaultDelete),
		"metrics_get": on(func(s *Server, w http.ResponseWriter, r *http.Request) {
			s.metrics.handler().ServeHTTP(w, r)
		}),
		"openapi_get": on((*Server).handleOpenAPI),
		"accounts_id_delete": on(func(s *Server, w http.ResponseWriter, r *http.Request) {
			s.handleRemove("account", "dintero")(w, r)
		}),
		"partners_id_delete": on(func(s *Server, w http.ResponseWriter, r *http.Request) {
			s.handleRemove("partner", "tradevest")(w, r)
		}),
		// Dintero customer login (control_dintero.go).
		"messages_get":             on((*Server).handleMessages),
		"messages_delete":          on((*Server).handleMessagesClear),
		"password_reset_post":      on((*Server).handlePasswordReset),
		"authorization_codes_post": on((*Server).handleAuthorizationCode),
		// Tradevest webhook deliveries.
		"webhooks_deliveries_get":    on((*Server).handleDeliveries),
		"webhooks_deliveries_delete": on((*Server).handleDeliveriesClear),
		// The dashboard (ui.go).
		"ui_get":          ui.Handler(),
		"ui_slash_get":    http.RedirectHandler(uiPath, http.StatusMovedPermanently),
		"ui_assets_get":   ui.Handler(),
		"ui_summary_get":  on((*Server).handleUISummary),
		"ui_requests_get": on((*Server).handleUIRequests),
		"ui_dintero_get": on(func(s *Server, w http.ResponseWriter, r *http.Request) {
			s.handleUIList(dintero.ViewKinds, vendorOf[*dintero.API](s).View)(w, r)
		}),
		"ui_tradevest_get": on(func(s *Server, w http.ResponseWriter, r *http.Request) {
			s.handleUIList(tradevest.ViewKinds, vendorOf[*tradevest.API](s).View)(w, r)
		}),
	}
	set, err := schema.Embedded(ControlDocument)
	if err != nil {
		return nil, err
	}
	for _, e := range set.Endpoints() {
		if e.NotEmulated() {
			return nil, fmt.Errorf("%s %s: the control plane emulates nothing", e.Method, e.Path)
		}
		if _, ok := handlers[e.Op.ID]; !ok {
			return nil, fmt.Errorf("%s %s: operation %q has no handler", e.Method, e.Path, e.Op.ID)
		}
	}
	for id := range handlers {
		if set.Op(id) == nil {
			return nil, fmt.Errorf("handler %q has no operation in %s", id, ControlDocument)
		}
	}
	for _, e := range set.Endpoints() {
		limit := int64(api.MaxBody)
		if e.Op.ID == "fixtures_post" {
			limit = MaxFixtureBody
		}
		handlers[e.Op.ID] = checked(e.Op, limit, handlers[e.Op.ID])
	}
	return &controlTable{set: set, handlers: handlers}, nil
})

// controlTable is the control plane: its document and its handlers by
// operation id.
type controlTable struct {
	set      *schema.Set
	handlers map[string]http.Handler
}

// on is a control handler of the sandbox serving the request.
func on(h func(s *Server, w http.ResponseWriter, r *http.Request)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h(serverOf(r), w, r) })
}

// handleDeliveries is GET /_sandbox/webhooks/deliveries: the Tradevest
// webhook notifications sent or being sent, oldest first, with their
// attempts and outcome (PENDING, DELIVERED, FAILED, DROPPED); ?partner=
// keeps one partner's.
func (s *Server) handleDeliveries(w http.ResponseWriter, r *http.Request) {
	partner := r.URL.Query().Get("partner")
	out := []tradevest.Delivery{}
	for _, d := range vendorOf[*tradevest.API](s).Deliveries() {
		if partner == "" || d.Partner == partner {
			out = append(out, d)
		}
	}
	api.WriteJSON(w, r, http.StatusOK, out)
}

// handleDeliveriesClear is DELETE /_sandbox/webhooks/deliveries: forgets
// the deliveries kept (those queued are still sent); 204.
func (s *Server) handleDeliveriesClear(w http.ResponseWriter, r *http.Request) {
	vendorOf[*tradevest.API](s).ClearDeliveries()
	w.WriteHeader(http.StatusNoContent)
}

// document is the compiled OpenAPI document GET /_sandbox/openapi/{name}
// serves: a vendor's (dintero.json) or the control plane's (sandbox.json).
func (s *Server) document(name string) (*schema.Set, bool) {
	if name == "sandbox.json" {
		set, err := schema.Embedded(ControlDocument)
		return set, err == nil
	}
	for _, v := range s.vendors {
		if name == v.Name()+".json" {
			return v.Schemas(), true
		}
	}
	return nil, false
}

// handleOpenAPI serves one OpenAPI document with servers naming this
// sandbox (the scheme and Host the request came with), so a client
// generator or Postman calls the sandbox it imported from.
func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	name := api.Vars(r)["document"]
	set, ok := s.document(name)
	if !ok {
		writeControlError(w, r, http.StatusNotFound, "no OpenAPI document "+name)
		return
	}
	var doc map[string]any
	if err := json.Unmarshal(set.Document(), &doc); err != nil {
		writeControlError(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	doc["servers"] = []any{map[string]any{"url": scheme + "://" + r.Host, "description": "this sandbox"}}
	api.WriteJSON(w, r, http.StatusOK, doc)
}

// The control plane's error codes.
const (
	CodeBadRequest       = "BAD_REQUEST"
	CodeUnauthorized     = "UNAUTHORIZED"
	CodeNotFound         = "NOT_FOUND"
	CodeMethodNotAllowed = "METHOD_NOT_ALLOWED"
	CodePayloadTooLarge  = "PAYLOAD_TOO_LARGE"
	CodeHeadersTooLarge  = "REQUEST_HEADER_FIELDS_TOO_LARGE"
	CodeServerError      = "SERVER_ERROR"
	CodeControlError     = "ERROR" // any other status
)

// controlCodes name the statuses the control plane answers with.
var controlCodes = map[int]string{
	http.StatusBadRequest: CodeBadRequest, http.StatusUnauthorized: CodeUnauthorized, http.StatusNotFound: CodeNotFound,
	http.StatusMethodNotAllowed: CodeMethodNotAllowed, http.StatusRequestEntityTooLarge: CodePayloadTooLarge,
	http.StatusRequestHeaderFieldsTooLarge: CodeHeadersTooLarge, http.StatusInternalServerError: CodeServerError,
}

// writeControlError writes a control-plane error: {"error": {code, message}},
// the code named by the status.
func writeControlError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	code, ok := controlCodes[status]
	if !ok {
		code = CodeControlError
	}
	api.WriteJSON(w, r, status, map[string]any{"error": map[string]any{"code": code, "message": msg}})
}

// handleReset is POST /_sandbox/reset: everything, or one Dintero account
// (?account=) or one Tradevest partner (?partner=), back to the fixtures.
func (s *Server) handleReset(w http.ResponseWriter, r *http.Request) {
	for _, one := range s.vendors {
		id := r.URL.Query().Get(one.ResetParam())
		if id == "" {
			continue
		}
		s.loadMu.Lock()
		known := one.Reset(id)
		s.loadMu.Unlock()
		if !known {
			writeControlError(w, r, http.StatusNotFound, "no fixtures define "+one.ResetParam()+" "+id)
			return
		}
		api.WriteJSON(w, r, http.StatusOK, map[string]any{"reset": one.ResetParam(), one.ResetParam(): id})
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
func (s *Server) handleRemove(what, vendor string) http.HandlerFunc {
	var remove func(string) bool
	for _, v := range s.vendors {
		if v.Name() == vendor {
			remove = v.Remove
		}
	}
	return func(w http.ResponseWriter, r *http.Request) {
		id := api.Vars(r)["id"]
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
	d, err := fixture.Parse("request body", data, s.sections)
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
	s.settle(s.clock.Now()) // the state shows what the API shows
	state := make(map[string]any, len(s.vendors))
	for _, v := range s.vendors {
		state[v.Name()] = v.State()
	}
	return fixture.Write(w, state)
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
