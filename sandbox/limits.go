package sandbox

import (
	"net/http"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
)

// Limits on what one request may carry before any route sees it (decisions D60
// and D61). The body limit (api.MaxBody) and the JSON depth limit
// (schema.MaxDepth) are the API pipeline's.
const (
	// maxRequestURI bounds the request target (path and query): 414 past
	// it. Decision D61: 16 KiB, far above any URL the APIs need.
	maxRequestURI = 16 << 10
	// maxHeaderBytes bounds the request's header fields (names and values):
	// 431 past it. Decision D61: 64 KiB.
	maxHeaderBytes = 64 << 10
	// netHTTPMaxHeaderBytes is what the HTTP server itself reads of a
	// request's head: far above the two limits above, so that the sandbox,
	// not net/http, answers them, in the vendor's shape.
	netHTTPMaxHeaderBytes = 1 << 20
)

// timeouts are the HTTP server's; tests shorten them.
type timeouts struct {
	readHeader, read, write, idle time.Duration
}

// serverTimeouts bound slow clients (decision D62):
//   - readHeader: the request line and headers;
//   - read: the whole request, body included, so a client sending its body
//     1 byte a second is cut off and cannot hold up a shutdown (whose grace
//     is 30 s) for longer than this;
//   - write: from the end of the headers to the end of the answer, so it
//     leaves room for the longest latency fault (maxLatency) and a minute
//     more;
//   - idle: a kept-alive connection with no request.
var serverTimeouts = timeouts{
	readHeader: 10 * time.Second,
	read:       20 * time.Second,
	write:      maxLatency + time.Minute,
	idle:       2 * time.Minute,
}

// httpServer is the HTTP server Run serves s with.
func (s *Server) httpServer(t timeouts) *http.Server {
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: t.readHeader,
		ReadTimeout:       t.read,
		WriteTimeout:      t.write,
		IdleTimeout:       t.idle,
		MaxHeaderBytes:    netHTTPMaxHeaderBytes,
	}
}

// screen answers what the outer layer answers itself, before the admin
// guard, the faults and the routes: a request target or headers too large
// (414, 431) and CORS preflights. Every other request with an Origin gets
// the CORS headers. It reports whether it answered.
func (s *Server) screen(w http.ResponseWriter, r *http.Request, info *requestInfo) bool {
	allowOrigin(w, r)
	uri := r.RequestURI
	if uri == "" { // a request built in-process
		uri = r.URL.RequestURI()
	}
	if len(uri) > maxRequestURI {
		s.writeError(w, r, api.Errorf(http.StatusRequestURITooLong, "URI_TOO_LONG", "the request target is longer than %d bytes", maxRequestURI))
		return true
	}
	size := 0
	for k, vs := range r.Header {
		for _, v := range vs {
			size += len(k) + len(v) + 4 // "k: v\r\n"
		}
	}
	if size > maxHeaderBytes {
		s.writeError(w, r, api.Errorf(http.StatusRequestHeaderFieldsTooLarge, "REQUEST_HEADER_FIELDS_TOO_LARGE", "the request headers are larger than %d bytes", maxHeaderBytes))
		return true
	}
	return s.preflight(w, r, info)
}

// writeError answers r with e in the shape of the API the path belongs to
// (decision D51).
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, e *api.Error) {
	if v := s.vendorFor(r.URL.Path); v != nil {
		api.Write(w, r, v.Pipeline(), nil, e)
		return
	}
	writeControlError(w, r, e.Status, e.Message)
}
