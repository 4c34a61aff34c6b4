package sandbox

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/clock"
	"github.com/customers-api/sandbox/sandbox/internal/dintero"
	"github.com/customers-api/sandbox/sandbox/internal/fixture"
	"github.com/customers-api/sandbox/sandbox/internal/jwtauth"
	"github.com/customers-api/sandbox/sandbox/internal/schema"
	"github.com/customers-api/sandbox/sandbox/internal/statelog"
	"github.com/customers-api/sandbox/sandbox/internal/store"
	"github.com/customers-api/sandbox/sandbox/internal/tradevest"
	"github.com/gorilla/mux"
)

// Vendor is one emulated API, plugged into the sandbox: everything the
// sandbox's cross-vendor layers (routing, faults, limits, validation,
// metrics, fixtures, state, reset, the start-up line) need of it. A new
// vendor is its package and one line in vendors.
type Vendor interface {
	// Name is the API's fixture and state-file section and metrics label.
	Name() string
	// Title is its name for people ("Dintero").
	Title() string
	// Owns reports whether a path (outside /_sandbox) is this API's: its
	// unknown routes, faults and limits answer in its error shape.
	Owns(path string) bool
	// Schemas is its compiled OpenAPI document: routes, request rules,
	// response shapes.
	Schemas() *schema.Set
	// Handlers is its handler table, keyed by the document's operationIds.
	Handlers() api.Handlers
	// Pipeline is its authentication, error shape and usual headers.
	Pipeline() api.Vendor
	// NotFound, MethodNotAllowed and Fault answer in its error shape.
	NotFound(w http.ResponseWriter, r *http.Request)
	MethodNotAllowed(w http.ResponseWriter, r *http.Request)
	Fault(w http.ResponseWriter, r *http.Request, status int, msg string)
	// Prepare checks its fixture section of docs and returns the load.
	Prepare(docs []*fixture.Document, baseline bool) (*store.Pending, error)
	// State is its fixture section of the whole state.
	State() map[string]any
	// Reset puts one tenant (all: "") back to the fixtures; false: unknown.
	Reset(id string) bool
	// ResetParam names one tenant in POST /_sandbox/reset (?account=).
	ResetParam() string
	// Remove deletes one tenant from the state and the reset baseline;
	// false: unknown.
	Remove(id string) bool
	// Counts are the records it holds, by kind (metrics).
	Counts() map[string]int
	// Clients are its tenants' API clients: tenant → client → secret.
	Clients() map[string]map[string]string
	// TenantLabel prefixes a tenant on the start-up line.
	TenantLabel() string
	// StateStore is what the state file keeps of it; nil: nothing.
	StateStore() statelog.Store
}

// settler is a vendor with time-driven transitions, stored as the clock
// passes them (Tradevest's onboardings).
type settler interface{ Settle(at time.Time) }

// newVendor builds one vendor for a sandbox.
type newVendor func(c *clock.Clock, issuer *jwtauth.Issuer) (Vendor, error)

// vendors are the emulated APIs. A path belongs to the first whose Owns
// says so, so Tradevest, which serves at the root, comes last.
var vendors = []newVendor{
	func(c *clock.Clock, i *jwtauth.Issuer) (Vendor, error) { return dintero.New(c, i) },
	func(c *clock.Clock, i *jwtauth.Issuer) (Vendor, error) { return tradevest.New(c, i) },
}

// vendorOf is the sandbox's vendor of type T (its *dintero.API, say), for
// the control endpoints that serve one vendor's own features.
func vendorOf[T Vendor](s *Server) T {
	for _, v := range s.vendors {
		if t, ok := v.(T); ok {
			return t
		}
	}
	panic(fmt.Sprintf("the sandbox has no vendor %T", *new(T)))
}

// vendorFor is the vendor a path belongs to, nil for the control plane's.
func (s *Server) vendorFor(path string) Vendor {
	if strings.HasPrefix(path, "/_sandbox/") {
		return nil
	}
	for _, v := range s.vendors {
		if v.Owns(path) {
			return v
		}
	}
	return nil
}

// A router is built once per process (per list of vendors): compiling its
// path templates is most of what a sandbox would otherwise cost. Its
// routes dispatch to the handlers of the sandbox serving the request.
var (
	routersMu sync.Mutex
	routers   = map[string]*routeIndex{}
)

type serverKey struct{}

func serverOf(r *http.Request) *Server { return r.Context().Value(serverKey{}).(*Server) }

// sharedRouter returns the process's router for the vendors' documents
// and the control plane's.
func sharedRouter(vs []Vendor, control *controlTable) *routeIndex {
	var key strings.Builder
	for _, v := range vs {
		key.WriteString(v.Name() + "\x00")
	}
	routersMu.Lock()
	defer routersMu.Unlock()
	if r := routers[key.String()]; r != nil {
		return r
	}
	var specs []routeSpec
	for i, v := range vs {
		for j, e := range v.Schemas().Endpoints() {
			specs = append(specs, routeSpec{template: e.Path, method: e.Method, name: api.RouteName(e),
				handler: http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
					serverOf(req).bound[i][j].ServeHTTP(w, req)
				})})
		}
	}
	for _, e := range control.set.Endpoints() {
		specs = append(specs, routeSpec{template: e.Path, method: e.Method, handler: control.handlers[e.Op.ID]})
	}
	r := newRouteIndex(specs, func(specs []routeSpec) *mux.Router {
		r := mux.NewRouter().UseEncodedPath()
		for _, sp := range specs {
			route := r.Handle(sp.template, sp.handler).Methods(sp.method)
			if sp.name != "" {
				route.Name(sp.name)
			}
		}
		r.Use(noteRoute)
		r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) { serverOf(req).notFound(w, req) })
		r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) { serverOf(req).methodNotAllowed(w, req) })
		return r
	})
	routers[key.String()] = r
	return r
}
