package sandbox

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/clock"
	"github.com/customers-api/sandbox/sandbox/internal/fixture"
	"github.com/customers-api/sandbox/sandbox/internal/jwtauth"
	"github.com/customers-api/sandbox/sandbox/internal/schema"
	"github.com/customers-api/sandbox/sandbox/internal/statelog"
	"github.com/customers-api/sandbox/sandbox/internal/store"
)

// toy is a third vendor, the smallest there can be: one document, one
// operation, its own error shape. Plugging it in is one line in vendors.
type toy struct{ set *schema.Set }

const toyDoc = `{"openapi": "3.1.0", "info": {"title": "Toy", "version": "1"},
  "paths": {"/toy/things/{id}": {"get": {"operationId": "toy_get", "security": [],
    "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[a-z]+$"}}],
    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
      "default": {"$ref": "#/components/responses/Error"}}}}},
  "components": {"schemas": {
      "Thing": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"], "additionalProperties": false},
      "Oops": {"type": "object", "properties": {"oops": {"type": "string"}}, "required": ["oops"]}},
    "responses": {"Error": {"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Oops"}}}}}}}`

func newToy(*clock.Clock, *jwtauth.Issuer) (Vendor, error) {
	set, err := schema.Load(fstest.MapFS{"toy.openapi.json": {Data: []byte(toyDoc)}}, "toy.openapi.json")
	return toy{set}, err
}

func (t toy) Name() string           { return "toy" }
func (t toy) Title() string          { return "Toy" }
func (t toy) Owns(path string) bool  { return strings.HasPrefix(path, "/toy/") }
func (t toy) Schemas() *schema.Set   { return t.set }
func (t toy) Pipeline() api.Vendor   { return t }
func (t toy) ResetParam() string     { return "thing" }
func (t toy) TenantLabel() string    { return "toy " }
func (t toy) Reset(string) bool      { return false }
func (t toy) Remove(string) bool     { return false }
func (t toy) State() map[string]any  { return map[string]any{} }
func (t toy) Counts() map[string]int { return map[string]int{"things": 1} }
func (t toy) Clients() map[string]map[string]string {
	return map[string]map[string]string{"box": {"toy-client": "toy-secret"}}
}
func (t toy) StateStore() statelog.Store { return nil }
func (t toy) Handlers() api.Handlers {
	return api.Handlers{"toy_get": func(r *api.Request) (*api.Response, error) {
		return api.JSON(http.StatusOK, map[string]any{"id": r.Path("id")}), nil
	}}
}
func (t toy) Prepare([]*fixture.Document, bool) (*store.Pending, error) {
	return &store.Pending{Commit: func() {}, Abort: func() {}}, nil
}
func (t toy) Authenticate(*http.Request, *api.Route) (any, *api.Error) { return nil, nil }
func (t toy) Header(http.Header)                                       {}
func (t toy) WriteError(w http.ResponseWriter, r *http.Request, e *api.Error) {
	api.WriteJSON(w, r, e.Status, map[string]any{"oops": e.Message})
}
func (t toy) NotFound(w http.ResponseWriter, r *http.Request) {
	t.WriteError(w, r, api.Errorf(http.StatusNotFound, "", "no such toy"))
}
func (t toy) MethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	t.WriteError(w, r, api.Errorf(http.StatusMethodNotAllowed, "", "toys are read-only"))
}
func (t toy) Fault(w http.ResponseWriter, r *http.Request, status int, msg string) {
	t.WriteError(w, r, api.Errorf(status, "", msg))
}

// A new vendor needs its package and one line in vendors: its routes,
// request rules, error shape, metrics, credentials and document work
// through the same layers as Dintero's and Tradevest's.
func TestAThirdVendorIsOneLine(t *testing.T) {
	saved := vendors
	defer func() { vendors = saved }()
	vendors = append([]newVendor{newToy}, vendors...) // the one line

	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		method, path string
		status       int
		body         string
	}{
		{"GET", "/toy/things/abc", 200, `{"id":"abc"}`},
		{"GET", "/toy/things/ABC", 400, `{"oops":"invalid request: path id does not match pattern '^[a-z]+$'"}`},
		{"GET", "/toy/nothing", 404, `{"oops":"no such toy"}`},
		{"DELETE", "/toy/things/abc", 405, `{"oops":"toys are read-only"}`},
	} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
		if rec.Code != tc.status || strings.TrimSpace(rec.Body.String()) != tc.body {
			t.Errorf("%s %s: %d %s, want %d %s", tc.method, tc.path, rec.Code, rec.Body, tc.status, tc.body)
		}
		if err := s.ValidateResponse(tc.method, tc.path, rec.Code, rec.Body.Bytes()); err != nil {
			t.Errorf("%s %s: %v", tc.method, tc.path, err)
		}
	}
	if got := s.RouteName("GET", "/toy/things/abc"); got != "toy_get" {
		t.Errorf("route name %q", got)
	}
	for path, want := range map[string]string{
		"/_sandbox/openapi/toy.json":             `"operationId":"toy_get"`,
		"/_sandbox/metrics":                      `sandbox_store_records{api="toy",kind="things"} 1`,
		"/v1/accounts/T12345678/customers/users": `"error"`, // Dintero still there (401)
	} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("%s: %d %.300s; want %s", path, rec.Code, rec.Body, want)
		}
	}
	if c := s.Credentials().String(); !strings.HasPrefix(c, "Toy toy box toy-client:toy-secret; Dintero ") {
		t.Errorf("credentials: %s", c)
	}
}
