package sandbox

import (
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/gorilla/mux"
)

// routeIndex is the process's gorilla/mux router with an index in front:
// mux tries its routes in turn, each by a regular expression, so a request
// to the last of ~130 routes runs ~130 regexps. The index narrows them
// first, without regexps, to the routes whose template can match the
// request's path (same number of segments, same literal text before,
// between and after the variables), and serves the request with a mux
// router holding only those, in the same order, with the same names,
// middleware and not-found / method-not-allowed handlers. Every route left
// out cannot match the path, so which route serves a request, its
// variables, the 405 and the 404 are mux's own, as with the full router.
//
// The router with every route (Walk, and the fallback) is built at its
// first use: compiling each route's regexps was a tenth of a process's
// start-up, and most processes never need it.
type routeIndex struct {
	full      func() *mux.Router // all routes, built once when first asked
	routes    []routeSpec        // in the router's order
	bySlashes map[int][]int      // number of '/' in the template → route indexes
	build     func(idx []int) *mux.Router
	subs      atomic.Pointer[map[routeSet]*mux.Router] // copy on write
	subsMu    sync.Mutex
}

// routeSet is a set of route indexes.
type routeSet [4]uint64

const maxIndexedRoutes = len(routeSet{}) * 64

// maxSubRouters bounds the routers the index builds: the sets a path can
// pick are few (one per shape of path), but what clients send is not
// theirs to grow without bound.
const maxSubRouters = 1024

// routeSpec is one route as registered.
type routeSpec struct {
	template string
	method   string
	name     string
	handler  http.Handler
	// chunks are the template's literal text around its variables:
	// "/v1/accounts/{aid}/tags" → "/v1/accounts/", "/tags".
	chunks []string
	vars   bool
}

func newRouteIndex(specs []routeSpec, build func(specs []routeSpec) *mux.Router) *routeIndex {
	ix := &routeIndex{routes: specs, bySlashes: map[int][]int{}}
	ix.full = sync.OnceValue(func() *mux.Router { return build(specs) })
	ix.build = func(idx []int) *mux.Router {
		sub := make([]routeSpec, len(idx))
		for i, j := range idx {
			sub[i] = specs[j]
		}
		return build(sub)
	}
	for i := range ix.routes {
		sp := &ix.routes[i]
		sp.chunks, sp.vars = templateChunks(sp.template)
		n := strings.Count(sp.template, "/")
		ix.bySlashes[n] = append(ix.bySlashes[n], i)
	}
	m := map[routeSet]*mux.Router{}
	ix.subs.Store(&m)
	return ix
}

// templateChunks splits a mux template into its literal parts; vars
// reports whether it has variables at all.
func templateChunks(t string) (chunks []string, vars bool) {
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			return append(chunks, t), vars
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			return append(chunks, t), vars
		}
		chunks, vars = append(chunks, t[:i]), true
		t = t[i+j+1:]
	}
}

// mayMatch reports whether the template could match path: false only when
// it cannot (a variable matches one non-empty segment, never a '/').
func (sp *routeSpec) mayMatch(path string) bool {
	if !sp.vars {
		return path == sp.template
	}
	first, last := sp.chunks[0], sp.chunks[len(sp.chunks)-1]
	if !strings.HasPrefix(path, first) || !strings.HasSuffix(path, last) || len(path) < len(first)+len(last) {
		return false
	}
	mid := path[len(first) : len(path)-len(last)]
	for _, c := range sp.chunks[1 : len(sp.chunks)-1] {
		k := strings.Index(mid, c)
		if k < 0 {
			return false
		}
		mid = mid[k+len(c):]
	}
	return true
}

// pick returns the router for req: the routes its path may match.
func (ix *routeIndex) pick(req *http.Request) *mux.Router {
	if len(ix.routes) > maxIndexedRoutes {
		return ix.full()
	}
	path := req.URL.EscapedPath() // what the routes match (UseEncodedPath)
	var set routeSet
	for _, i := range ix.bySlashes[strings.Count(path, "/")] {
		if ix.routes[i].mayMatch(path) {
			set[i/64] |= 1 << (i % 64)
		}
	}
	if r := (*ix.subs.Load())[set]; r != nil {
		return r
	}
	return ix.sub(set)
}

func (ix *routeIndex) sub(set routeSet) *mux.Router {
	ix.subsMu.Lock()
	defer ix.subsMu.Unlock()
	old := *ix.subs.Load()
	if r := old[set]; r != nil {
		return r
	}
	if len(old) >= maxSubRouters {
		return ix.full()
	}
	var idx []int
	for i := range ix.routes {
		if set[i/64]&(1<<(i%64)) != 0 {
			idx = append(idx, i)
		}
	}
	r := ix.build(idx)
	m := make(map[routeSet]*mux.Router, len(old)+1)
	for k, v := range old {
		m[k] = v
	}
	m[set] = r
	ix.subs.Store(&m)
	return r
}

// ServeHTTP serves req as the full router would.
func (ix *routeIndex) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	ix.pick(req).ServeHTTP(w, req)
}

// Walk walks every route, as mux.Router.Walk.
func (ix *routeIndex) Walk(walk mux.WalkFunc) error { return ix.full().Walk(walk) }

// Match matches req as the full router would.
func (ix *routeIndex) Match(req *http.Request, m *mux.RouteMatch) bool {
	return ix.pick(req).Match(req, m)
}
