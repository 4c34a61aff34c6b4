package sandbox

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"
)

// Route names the outer layer gives requests no API route serves, for the
// journal and the metrics.
const (
	routeUnmatched = "unmatched"
	routePreflight = "cors_preflight"
)

// CORS (decision D54): both APIs, and the control plane, can be
// called from a browser app on any origin.
const (
	// corsMaxAge is how long a browser may cache a preflight's answer.
	// Decision D54: an hour; browsers cap it lower (Chrome at 2 hours).
	corsMaxAge = 3600
	// corsAllowHeaders are always allowed, whatever the preflight asks.
	corsAllowHeaders = "Authorization,Content-Type,Accept,Origin,Requestor-ID,X-Request-ID"
	// corsExposeHeaders are the response headers a browser app may read.
	corsExposeHeaders = "paging_token,total-count,X-Request-ID,Retry-After"
)

// corsMethods are the methods a preflight may be told about, in the order
// Dintero lists them.
var corsMethods = []string{http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPatch, http.MethodPost, http.MethodDelete}

// allowOrigin lets a browser app on any origin read the response to r: the
// headers are set before any layer writes, so every answer (faults and
// errors included) carries them. Dintero's own answers replace
// Expose-Headers with the list Dintero documents.
func allowOrigin(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Origin") == "" {
		return
	}
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Expose-Headers", corsExposeHeaders)
}

// preflight answers a browser's CORS preflight (OPTIONS with
// Access-Control-Request-Method) with 204: any origin, the methods of the
// route, the headers asked for and the ones the APIs read. It needs no
// token, is never faulted and changes nothing. It reports whether it
// answered.
func (s *Server) preflight(w http.ResponseWriter, r *http.Request, info *requestInfo) bool {
	if r.Method != http.MethodOptions || r.Header.Get("Access-Control-Request-Method") == "" {
		return false
	}
	info.route = routePreflight
	var allowed []string
	for _, m := range corsMethods {
		probe := *r
		probe.Method = m
		var match mux.RouteMatch
		if s.router.Match(&probe, &match) && match.Route != nil && match.MatchErr == nil {
			allowed = append(allowed, m)
		}
	}
	if len(allowed) == 0 {
		// Decision D54: a path no route serves allows every method, so the
		// browser sends the request and the app sees the API's own 404
		// rather than an opaque CORS failure.
		allowed = corsMethods
	}
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Allow-Methods", strings.Join(allowed, ","))
	h.Set("Access-Control-Allow-Headers", allowHeaders(r.Header.Values("Access-Control-Request-Headers")))
	h.Set("Access-Control-Max-Age", strconv.Itoa(corsMaxAge))
	h.Add("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
	w.WriteHeader(http.StatusNoContent)
	return true
}

// allowHeaders is corsAllowHeaders plus every well-formed header name the
// preflight asks for (at most 64 of them).
func allowHeaders(requested []string) string {
	out := []string{corsAllowHeaders}
	seen := map[string]bool{}
	for _, name := range strings.Split(strings.ToLower(corsAllowHeaders), ",") {
		seen[name] = true
	}
	for _, line := range requested {
		for _, name := range strings.Split(line, ",") {
			name = strings.TrimSpace(name)
			lower := strings.ToLower(name)
			if !isToken(name) || seen[lower] || len(seen) >= 64 {
				continue
			}
			seen[lower] = true
			out = append(out, name)
		}
	}
	return strings.Join(out, ",")
}

// isToken reports whether s is an HTTP token (a valid header name).
func isToken(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for _, c := range []byte(s) {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
		if !ok {
			return false
		}
	}
	return true
}
