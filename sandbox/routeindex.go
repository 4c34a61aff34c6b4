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
	subs      atomic.Pointer[map[routeSet]*subRouter] // copy on write
	subsMu    sync.Mutex
}

// subRouter is the router of one set of routes, with the routes' indexes
// in order; direct says every one of them can be matched by segments
// (matchSegments) rather than by mux.
type subRouter struct {
	*mux.Router
	idx    []int
	direct bool
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
	// segs are the template's '/'-separated segments; a variable is a
	// whole segment "{name}" with mux's default pattern [^/]+ (varName
	// set). direct is false when some variable is not a whole segment or
	// has a pattern of its own: only mux matches that template.
	segs    []string
	varName []string
	nvars   int
	direct  bool
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
		sp.segs, sp.varName, sp.nvars, sp.direct = templateSegments(sp.template)
		n := strings.Count(sp.template, "/")
		ix.bySlashes[n] = append(ix.bySlashes[n], i)
	}
	m := map[routeSet]*subRouter{}
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

// templateSegments splits a template into segments and says whether each
// of its variables is a whole segment with no pattern.
func templateSegments(t string) (segs, varName []string, nvars int, direct bool) {
	segs = strings.Split(t, "/")
	varName = make([]string, len(segs))
	for i, seg := range segs {
		if !strings.ContainsAny(seg, "{}") {
			continue
		}
		name, ok := strings.CutPrefix(seg, "{")
		if name, ok = strings.CutSuffix(name, "}"); !ok || name == "" || strings.ContainsAny(name, "{}:") {
			return segs, varName, 0, false
		}
		varName[i], nvars = name, nvars+1
	}
	return segs, varName, nvars, true
}

// matchSegments matches a clean path against a direct template as mux
// would: each literal segment equal, each variable a non-empty segment.
// It returns the variables (escaped, as mux gives them).
func (sp *routeSpec) matchSegments(path string) (map[string]string, bool) {
	var vars map[string]string
	for i, seg := range sp.segs {
		var part string
		if i == len(sp.segs)-1 {
			part = path
			if strings.IndexByte(part, '/') >= 0 {
				return nil, false
			}
		} else {
			j := strings.IndexByte(path, '/')
			if j < 0 {
				return nil, false
			}
			part, path = path[:j], path[j+1:]
		}
		if sp.varName[i] == "" {
			if part != seg {
				return nil, false
			}
			continue
		}
		if part == "" {
			return nil, false
		}
		if vars == nil {
			vars = make(map[string]string, sp.nvars)
		}
		vars[sp.varName[i]] = part
	}
	return vars, true
}

// cleanPath reports whether mux would serve path as it is rather than
// redirect it to its cleaned form (no empty, "." or ".." segment; a path
// with a segment starting with a dot is left to mux).
func cleanPath(path string) bool {
	return path != "" && path[0] == '/' && !strings.Contains(path, "//") && !strings.Contains(path, "/.")
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

// pick returns the router for the request path (escaped, what the routes
// match with UseEncodedPath): the routes it may match.
func (ix *routeIndex) pick(path string) *subRouter {
	if len(ix.routes) > maxIndexedRoutes {
		return &subRouter{Router: ix.full()}
	}
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

func (ix *routeIndex) sub(set routeSet) *subRouter {
	ix.subsMu.Lock()
	defer ix.subsMu.Unlock()
	old := *ix.subs.Load()
	if r := old[set]; r != nil {
		return r
	}
	if len(old) >= maxSubRouters {
		return &subRouter{Router: ix.full()}
	}
	r := &subRouter{direct: true}
	for i := range ix.routes {
		if set[i/64]&(1<<(i%64)) != 0 {
			r.idx = append(r.idx, i)
			r.direct = r.direct && ix.routes[i].direct
		}
	}
	r.Router = ix.build(r.idx)
	m := make(map[routeSet]*subRouter, len(old)+1)
	for k, v := range old {
		m[k] = v
	}
	m[set] = r
	ix.subs.Store(&m)
	return r
}

// ServeHTTP serves req as the full router would. When every route the
// path may match is direct and the path is clean, it finds the route
// itself, as mux would (the first in order whose method and segments
// match), and calls its handler with the variables in the request's
// context: no regexp, no copies of the request. Anything else (a 404, a
// 405, a redirect to the clean path) is mux's.
func (ix *routeIndex) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	path := req.URL.EscapedPath()
	sub := ix.pick(path)
	if rc, ok := req.Context().(*requestContext); ok && sub.direct && cleanPath(path) {
		if sp, vars := ix.direct(sub, req.Method, path); sp != nil {
			rc.vars = vars
			rc.info.route, rc.info.account = sp.name, vars["aid"]
			sp.handler.ServeHTTP(w, req)
			return
		}
	}
	sub.ServeHTTP(w, req)
}

// direct is the route of sub that serves method and path, and its
// variables; nil when none does (mux answers then).
func (ix *routeIndex) direct(sub *subRouter, method, path string) (*routeSpec, map[string]string) {
	for _, i := range sub.idx {
		sp := &ix.routes[i]
		if sp.method != method {
			continue
		}
		if vars, ok := sp.matchSegments(path); ok {
			return sp, vars
		}
	}
	return nil, nil
}

// Walk walks every route, as mux.Router.Walk.
func (ix *routeIndex) Walk(walk mux.WalkFunc) error { return ix.full().Walk(walk) }

// Match matches req as the full router would.
func (ix *routeIndex) Match(req *http.Request, m *mux.RouteMatch) bool {
	return ix.pick(req.URL.EscapedPath()).Match(req, m)
}
