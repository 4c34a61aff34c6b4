package sandbox

import (
	"net/http"
	"strings"
	"testing"

	"github.com/gorilla/mux"
)

// TestRouteIndexMatchesFullRouter checks that the index in front of the
// router changes nothing: for every documented path (with its variables
// filled in, escaped, cut, extended and bent), with every method, the
// route, its variables and the error are what the full router finds.
func TestRouteIndexMatchesFullRouter(t *testing.T) {
	s, err := New(Options{NoDefaultFixtures: true})
	if err != nil {
		t.Fatal(err)
	}
	ix := s.router
	var paths []string
	for _, sp := range ix.routes {
		filled := sp.template
		for strings.Contains(filled, "{") {
			i := strings.IndexByte(filled, '{')
			j := strings.IndexByte(filled, '}')
			filled = filled[:i] + "x%2Fy" + filled[j+1:]
		}
		paths = append(paths, sp.template, filled, filled+"/", filled+"/extra", strings.TrimSuffix(filled, "/"+lastSegment(filled)),
			strings.Replace(filled, "/", "//", 2), "/"+filled, filled+"/..", strings.ToUpper(filled))
	}
	paths = append(paths, "/", "", "/_sandbox", "/v1", "/v1/accounts/T1/customers/users/c-1/tags", "/v1/accounts//customers/users")
	methods := []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "BREW"}
	direct := 0
	defer func() {
		if direct < len(ix.routes) {
			t.Errorf("the index served only %d requests without mux, want at least one per route (%d)", direct, len(ix.routes))
		}
	}()
	for _, p := range paths {
		for _, m := range methods {
			req, err := http.NewRequest(m, "http://sandbox"+p, nil)
			if err != nil {
				continue
			}
			var want, got mux.RouteMatch
			wok := ix.full().Match(req, &want)
			gok := ix.Match(req, &got)
			if wok != gok || name(want.Route) != name(got.Route) || want.MatchErr != got.MatchErr || !sameVars(want.Vars, got.Vars) {
				t.Errorf("%s %s: full router %v %q %v %v, index %v %q %v %v", m, p, wok, name(want.Route), want.MatchErr, want.Vars, gok, name(got.Route), got.MatchErr, got.Vars)
			}
			// The index's own matching, where it serves without mux, must
			// pick the route and variables mux picks.
			path := req.URL.EscapedPath()
			sub := ix.pick(path)
			if !sub.direct || !cleanPath(path) {
				continue
			}
			sp, vars := ix.direct(sub, m, path)
			if sp == nil {
				if wok && want.MatchErr == nil {
					t.Errorf("%s %s: mux serves %q, the index's matching finds no route", m, p, name(want.Route))
				}
				continue
			}
			direct++
			if !wok || want.MatchErr != nil {
				t.Errorf("%s %s: the index's matching serves %s, mux does not (%v)", m, p, sp.template, want.MatchErr)
				continue
			}
			wt, _ := want.Route.GetPathTemplate()
			if wt != sp.template || want.Route.GetName() != sp.name || !sameVars(want.Vars, vars) {
				t.Errorf("%s %s: mux %q %v, the index's matching %s %q %v", m, p, name(want.Route), want.Vars, sp.template, sp.name, vars)
			}
		}
	}
}

func lastSegment(p string) string { return p[strings.LastIndexByte(p, '/')+1:] }

func name(r *mux.Route) string {
	if r == nil {
		return "<nil>"
	}
	t, _ := r.GetPathTemplate()
	return r.GetName() + " " + t
}

func sameVars(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
