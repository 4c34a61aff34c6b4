package sandbox

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/schema"
	"github.com/gorilla/mux"
)

// ValidateResponse checks a response of this sandbox's APIs against the
// schemas in schemas/: the success body against its operation's declared
// response, an error body against the vendor's error shape unless its
// operation declares a shape of its own for the status (the OAuth2 errors
// of Tradevest's token endpoint). Tests call it
// for every response they see. Control endpoints (/_sandbox) are not
// vendor API and are not checked here.
func (s *Server) ValidateResponse(method, path string, status int, body []byte) error {
	if strings.HasPrefix(path, "/_sandbox") {
		return nil
	}
	if method == http.MethodOptions && status == http.StatusNoContent {
		return expectEmpty(body) // a CORS preflight, answered before any route
	}
	req, err := http.NewRequest(method, path, nil)
	if err != nil {
		return err
	}
	var m mux.RouteMatch
	matched := s.router.Match(req, &m) && m.Route != nil && m.MatchErr == nil
	set := s.vendorFor(path).Schemas()
	if status >= 400 {
		if method == http.MethodHead {
			return expectEmpty(body)
		}
		if matched {
			if op := set.Op(m.Route.GetName()); op != nil && op.Declares(status) {
				if err := op.ValidateResponse(status, body); err != nil {
					return fmt.Errorf("%s %s → %d: %v", method, path, status, err)
				}
				return nil
			}
		}
		errSchema := set.ErrorSchema()
		if errSchema == nil {
			return fmt.Errorf("no components/responses/Error in the document")
		}
		if err := schema.ValidateJSON(errSchema, body); err != nil {
			return fmt.Errorf("%s %s → %d: error body: %v", method, path, status, err)
		}
		return nil
	}
	if !matched {
		return fmt.Errorf("%s %s → %d: no route matches, yet the status is a success", method, path, status)
	}
	op := set.Op(m.Route.GetName())
	if op == nil {
		return fmt.Errorf("%s %s: route %q has no schema operation", method, path, m.Route.GetName())
	}
	if method == http.MethodHead {
		return expectEmpty(body)
	}
	if err := op.ValidateResponse(status, body); err != nil {
		return fmt.Errorf("%s %s → %d: %v", method, path, status, err)
	}
	return nil
}

func expectEmpty(body []byte) error {
	if len(strings.TrimSpace(string(body))) != 0 {
		return fmt.Errorf("a HEAD response must have no body, got %q", body)
	}
	return nil
}

// RouteName is the operation id of the API route serving method and path,
// or "" when none does.
func (s *Server) RouteName(method, path string) string {
	req, err := http.NewRequest(method, path, nil)
	if err != nil {
		return ""
	}
	var m mux.RouteMatch
	if s.router.Match(req, &m) && m.Route != nil && m.MatchErr == nil {
		return m.Route.GetName()
	}
	return ""
}

// RouteNames lists the operation ids of every vendor API route the sandbox
// emulates (the documented routes it answers with 501 are no operation).
func (s *Server) RouteNames() []string {
	var names []string
	_ = s.router.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		if n := route.GetName(); n != "" && n != api.NotEmulatedRoute && !strings.Contains(n, "/") {
			names = append(names, n)
		}
		return nil
	})
	return names
}
