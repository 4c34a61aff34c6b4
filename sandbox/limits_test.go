package sandbox

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"
)

func newTestServer(t *testing.T) *Server {
	t.Helper()
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// heapInUse is the live heap after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestJournalBoundsWhatItKeeps sends 1,100 requests with a 500 KB query
// each (more than the journal holds): the journal keeps at most
// maxJournalField bytes of each path and query, shares no memory with the
// requests, and marks the entries it cut.
func TestJournalBoundsWhatItKeeps(t *testing.T) {
	s := newTestServer(t)
	const requests, querySize = 1100, 500 << 10
	filler := strings.Repeat("y", querySize)
	before := heapInUse()
	for i := 0; i < requests; i++ {
		// A fresh string per request, so a journal that kept a slice of
		// one would keep all of it alive.
		q := fmt.Sprintf("x=%06d", i) + filler[:querySize-8]
		req := httptest.NewRequest("GET", "/nope?"+q, nil)
		s.ServeHTTP(httptest.NewRecorder(), req)
	}
	entries := s.journal.list()
	if len(entries) != DefaultJournalSize {
		t.Fatalf("the journal holds %d entries, want %d", len(entries), DefaultJournalSize)
	}
	kept := 0
	for _, e := range entries {
		kept += len(e.Method) + len(e.Path) + len(e.Query) + len(e.Account) + len(e.Partner) + len(e.Time)
		if len(e.Query) > maxJournalField || len(e.Path) > maxJournalField {
			t.Fatalf("an entry keeps %d bytes of query and %d of path, want at most %d", len(e.Query), len(e.Path), maxJournalField)
		}
		if !e.Truncated {
			t.Fatalf("an entry cut to %d bytes is not marked truncated", len(e.Query))
		}
	}
	if limit := DefaultJournalSize * (2*maxJournalField + 256); kept > limit {
		t.Fatalf("the journal keeps %d bytes of strings, want at most %d", kept, limit)
	}
	// What the journal retains on the heap, slices of requests included:
	// 1,000 entries of 500 KB would be about 500 MB.
	grown := int64(heapInUse()) - int64(before)
	if grown > 64<<20 {
		t.Fatalf("the heap grew by %d MB over %d requests, want a bounded journal", grown>>20, requests)
	}
	t.Logf("journal strings: %d KB; heap growth: %d KB", kept>>10, grown>>10)
	runtime.KeepAlive(s)
}

func TestJournalShortEntriesAreNotMarked(t *testing.T) {
	s := newTestServer(t)
	s.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/nope?a=1", nil))
	e := s.journal.list()[0]
	if e.Truncated || e.Query != "a=1" || e.Path != "/nope" {
		t.Fatalf("entry %+v", e)
	}
	long := "/roles/" + strings.Repeat("é", maxJournalField) // 2 bytes a character
	req := httptest.NewRequest("GET", "/x", nil)
	req.URL.Path = long
	s.ServeHTTP(httptest.NewRecorder(), req)
	l := s.journal.list()
	e = l[len(l)-1]
	if !e.Truncated || len(e.Path) > maxJournalField || len(e.Path) < maxJournalField-1 || !strings.HasPrefix(long, e.Path) {
		t.Fatalf("long path kept as %d bytes, truncated %v", len(e.Path), e.Truncated)
	}
	if strings.ToValidUTF8(e.Path, "?") != e.Path {
		t.Fatal("the path was cut inside a character")
	}
}

// TestMetricsLabelsAreBounded sends 20,000 requests with distinct methods
// and paths: the series of sandbox_requests_total stay a handful.
func TestMetricsLabelsAreBounded(t *testing.T) {
	s := newTestServer(t)
	for i := 0; i < 20000; i++ {
		req := httptest.NewRequest("GET", fmt.Sprintf("/v1/accounts/T12345678/nope-%d", i), nil)
		req.Method = fmt.Sprintf("M%05d", i)
		s.ServeHTTP(httptest.NewRecorder(), req)
	}
	s.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/roles/customers", nil))
	series := map[string]int{}
	methods := map[string]bool{}
	for _, line := range strings.Split(string(s.metrics.text()), "\n") {
		name, labels, ok := strings.Cut(line, "{")
		if !ok || strings.HasSuffix(name, "_bucket") || strings.HasSuffix(name, "_sum") {
			continue
		}
		series[strings.TrimSuffix(name, "_count")]++
		if name != "sandbox_requests_total" {
			continue
		}
		_, method, _ := strings.Cut(labels, `method="`)
		method, _, _ = strings.Cut(method, `"`)
		methods[method] = true
	}
	if n := series["sandbox_requests_total"]; n == 0 || n > 10 {
		t.Fatalf("sandbox_requests_total has %d series, want a handful", n)
	}
	if n := series["sandbox_request_duration_seconds"]; n > 10 {
		t.Fatalf("sandbox_request_duration_seconds has %d series, want a handful", n)
	}
	if !methods[otherLabel] || !methods["GET"] || len(methods) != 2 {
		t.Fatalf("method labels %v, want GET and %s", methods, otherLabel)
	}
}

func TestMetricsRouteLabelIsKnownOrOther(t *testing.T) {
	s := newTestServer(t)
	m := s.metrics
	m.observe("customers_get", "GET", 200, time.Millisecond)
	m.observe("made-up-route", "BREW", 418, time.Millisecond)
	out := httptest.NewRecorder()
	m.handler().ServeHTTP(out, httptest.NewRequest("GET", "/_sandbox/metrics", nil))
	text := out.Body.String()
	if strings.Contains(text, "made-up-route") || strings.Contains(text, "BREW") {
		t.Fatalf("unknown labels reached the metrics:\n%s", text)
	}
	if !strings.Contains(text, `sandbox_requests_total{method="other",route="other",status="418"} 1`) {
		t.Fatalf("no other/other series:\n%s", text)
	}
}

func TestWriteTimeoutLeavesRoomForTheLongestLatencyFault(t *testing.T) {
	if serverTimeouts.write <= maxLatency {
		t.Fatalf("write timeout %s does not exceed the longest latency fault %s", serverTimeouts.write, maxLatency)
	}
	hs := (&Server{}).httpServer(serverTimeouts)
	if hs.ReadHeaderTimeout == 0 || hs.ReadTimeout == 0 || hs.WriteTimeout == 0 || hs.IdleTimeout == 0 {
		t.Fatalf("a timeout is not set: %+v", hs)
	}
	if hs.MaxHeaderBytes <= maxHeaderBytes+maxRequestURI {
		t.Fatalf("net/http's header limit %d would answer before the sandbox's", hs.MaxHeaderBytes)
	}
}

// TestSlowBodyIsCutOffAndShutdownEnds: a client sending its body 1 byte at
// a time is cut off at the read timeout, and a shutdown started meanwhile
// ends instead of waiting for the client.
func TestSlowBodyIsCutOffAndShutdownEnds(t *testing.T) {
	s := newTestServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := s.httpServer(timeouts{readHeader: time.Second, read: 300 * time.Millisecond, write: 5 * time.Second, idle: time.Second})
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := "grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret"
	fmt.Fprintf(conn, "POST /oauth2/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n", len(body))
	stop := make(chan struct{})
	defer close(stop)
	go func() { // 1 byte every 50 ms: the body would take seconds
		for i := 0; i < len(body); i++ {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
			if _, err := conn.Write([]byte{body[i]}); err != nil {
				return
			}
		}
	}()
	time.Sleep(100 * time.Millisecond) // the request is in flight
	shutdown := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		shutdown <- hs.Shutdown(ctx)
	}()

	// The client gets an answer (the body could not be read) or the
	// connection ends: either way, it ended.
	_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err == nil {
		data, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusBadRequest {
			t.Fatalf("a body cut off by the read timeout answered %d %s", res.StatusCode, data)
		}
	} else if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatal("the server never cut the slow client off")
	}
	if err := <-shutdown; err != nil {
		t.Fatalf("shutdown with a slow client: %v", err)
	}
	if err := <-served; err != http.ErrServerClosed {
		t.Fatalf("serve: %v", err)
	}
}

// TestOversizedHeadersAreVendorShaped: headers past maxHeaderBytes are a
// 431 in the shape of the API of the path.
func TestOversizedHeadersAreVendorShaped(t *testing.T) {
	s := newTestServer(t)
	for _, tc := range []struct{ path, field string }{
		{"/v1/accounts/T12345678/customers/users", `"code":"REQUEST_HEADER_FIELDS_TOO_LARGE"`},
		{"/roles/customers", `"errorCode":"REQUEST_HEADER_FIELDS_TOO_LARGE"`},
		{"/_sandbox/health", `"code":"` + CodeHeadersTooLarge + `"`},
	} {
		req := httptest.NewRequest("GET", tc.path, nil)
		req.Header.Set("X-Big", strings.Repeat("b", maxHeaderBytes))
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != http.StatusRequestHeaderFieldsTooLarge || !strings.Contains(rec.Body.String(), tc.field) {
			t.Errorf("%s: %d %s", tc.path, rec.Code, rec.Body)
		}
		if err := s.ValidateResponse("GET", tc.path, rec.Code, rec.Body.Bytes()); err != nil {
			t.Error(err)
		}
	}
}

// serveTCP serves s on a loopback port the way Run does, until the test ends.
func serveTCP(t *testing.T, s *Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := s.httpServer(serverTimeouts)
	go func() { _ = hs.Serve(s.Listener(ln)) }()
	t.Cleanup(func() { _ = hs.Close() })
	return ln.Addr().String()
}

// rawExchange sends raw requests on one connection and reads one answer
// for each.
func rawExchange(t *testing.T, addr string, requests ...string) []*http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
	br := bufio.NewReader(conn)
	var out []*http.Response
	for _, req := range requests {
		if _, err := io.WriteString(conn, req); err != nil {
			t.Fatal(err)
		}
		res, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("reading the answer to %.60q: %v", req, err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		res.Body = io.NopCloser(strings.NewReader(string(body)))
		out = append(out, res)
	}
	return out
}

func readAll(r *http.Response) string { b, _ := io.ReadAll(r.Body); return string(b) }

// TestNetHTTPErrorsAreVendorShaped: what net/http refuses before any
// handler runs is answered in the shape of the API of the path.
func TestNetHTTPErrorsAreVendorShaped(t *testing.T) {
	s := newTestServer(t)
	addr := serveTCP(t, s)
	for _, tc := range []struct {
		name, request string
		status        int
		want          []string
		validateAs    string // a parseable path of the same API, for the schema check
	}{
		{"Dintero path with %zz", "GET /v1/accounts/T12345678/customers/users/%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400,
			[]string{`"code":"VALIDATION_ERROR"`, `invalid URL escape \"%zz\"`, `"in":"path"`}, "/v1/accounts/T12345678/customers/users/x"},
		{"Tradevest path with %zz", "GET /roles/customers/%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400,
			[]string{`"errorCode":"VALIDATION_ERROR"`, `"responseType":"BAD_REQUEST"`, `"requestId":"`, `"field":"path"`}, "/roles/customers/x"},
		{"control path with %zz", "GET /_sandbox/%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400,
			[]string{`"error":{"code":"BAD_REQUEST"`}, ""},
		{"bad header name", "GET /roles/customers HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n", 400,
			[]string{`"errorCode":"BAD_REQUEST"`, `"message":"invalid header name"`}, "/roles/customers"},
		{"head past net/http's limit", "GET /v1/accounts/T12345678/customers/users HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("b", netHTTPMaxHeaderBytes+8192) + "\r\n\r\n", 431,
			[]string{`"code":"REQUEST_HEADER_FIELDS_TOO_LARGE"`}, "/v1/accounts/T12345678/customers/users"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := rawExchange(t, addr, tc.request)[0]
			body := readAll(res)
			if res.StatusCode != tc.status || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
				t.Fatalf("%d %s: %s", res.StatusCode, res.Header.Get("Content-Type"), body)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("the body lacks %s: %s", w, body)
				}
			}
			if tc.validateAs != "" {
				if err := s.ValidateResponse("GET", tc.validateAs, res.StatusCode, []byte(body)); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

// A connection that served requests before still gets the bad one's answer
// in the right shape: each request's start is tracked anew.
func TestNetHTTPErrorAfterKeptAliveRequests(t *testing.T) {
	s := newTestServer(t)
	addr := serveTCP(t, s)
	got := rawExchange(t, addr,
		"GET /roles/customers HTTP/1.1\r\nHost: x\r\n\r\n",
		"GET /_sandbox/health HTTP/1.1\r\nHost: x\r\n\r\n",
		"GET /v1/accounts/T12345678/customers/users/%zz HTTP/1.1\r\nHost: x\r\n\r\n")
	if got[0].StatusCode != 401 || got[1].StatusCode != 200 {
		t.Fatalf("first answers: %d %d", got[0].StatusCode, got[1].StatusCode)
	}
	if body := readAll(got[2]); got[2].StatusCode != 400 || !strings.Contains(body, `"code":"VALIDATION_ERROR"`) {
		t.Fatalf("%d %s", got[2].StatusCode, body)
	}
}
