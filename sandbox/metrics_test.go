package sandbox

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// referenceMetrics are the sandbox's metrics as they were kept with the
// Prometheus client library (client_golang) before the hand-written ones:
// the same families, labels, buckets and bounding of label values, on a
// registry of their own, served by promhttp.HandlerFor(registry,
// HandlerOpts{}).
type referenceMetrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	routes   map[string]bool
	handler  http.Handler
}

func newReferenceMetrics(routes map[string]bool, stores func() []storeCounts) *referenceMetrics {
	r := &referenceMetrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sandbox_requests_total", Help: "Requests served, by route (operation id) and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "sandbox_request_duration_seconds", Help: "Time to serve a request, by route.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route"}),
		routes: routes,
	}
	r.registry.MustRegister(r.requests, r.latency, referenceStoreCollector{stores})
	r.handler = promhttp.HandlerFor(r.registry, promhttp.HandlerOpts{})
	return r
}

func (r *referenceMetrics) observe(route, method string, status int, d time.Duration) {
	if !knownMethods[method] {
		method = otherLabel
	}
	if !r.routes[route] {
		route = otherLabel
	}
	r.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	r.latency.WithLabelValues(route).Observe(d.Seconds())
}

type referenceStoreCollector struct{ stores func() []storeCounts }

var referenceStoreDesc = prometheus.NewDesc("sandbox_store_records", "Records held, by API and kind (deleted records included).", []string{"api", "kind"}, nil)

func (c referenceStoreCollector) Describe(ch chan<- *prometheus.Desc) { ch <- referenceStoreDesc }

func (c referenceStoreCollector) Collect(ch chan<- prometheus.Metric) {
	for _, s := range c.stores() {
		for kind, n := range s.counts {
			ch <- prometheus.MustNewConstMetric(referenceStoreDesc, prometheus.GaugeValue, float64(n), s.api, kind)
		}
	}
}

// scrape answers GET /_sandbox/metrics with the given request headers.
func scrape(t *testing.T, h http.Handler, header http.Header) (*httptest.ResponseRecorder, string) {
	t.Helper()
	r := httptest.NewRequest("GET", "/_sandbox/metrics", nil)
	for k, vs := range header {
		r.Header[k] = vs
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	body := w.Body.Bytes()
	if w.Header().Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if body, err = io.ReadAll(zr); err != nil {
			t.Fatal(err)
		}
	}
	return w, string(body)
}

// TestMetricsTextMatchesClientGolang feeds the same random requests
// (known and unknown routes and methods, statuses that sort differently as
// text and as numbers, durations on, just off and between the bucket
// bounds) and store counts (large ones, label values to escape) to the
// metrics and to the client library's, and compares what both answer,
// byte for byte, at several points.
func TestMetricsTextMatchesClientGolang(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 11))

	m := newTestServer(t).metrics
	var stores []storeCounts
	m.stores = func() []storeCounts { return stores }
	ref := newReferenceMetrics(m.routes(), m.stores)

	var routes []string
	for r := range m.routes() {
		routes = append(routes, r)
	}
	routes = append(routes, "made-up", "", "customers_get ")
	methods := []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "BREW", "get", ""}
	statuses := []int{200, 201, 204, 301, 400, 401, 403, 404, 409, 413, 418, 429, 500, 501, 503, 99, 1000}
	var durations []time.Duration
	for _, b := range latencyBounds {
		d := time.Duration(b * float64(time.Second))
		if d.Seconds() != b {
			t.Fatalf("%v is not the bound %v", d, b)
		}
		durations = append(durations, d, d-1, d+1)
	}
	durations = append(durations, 0, 1, time.Hour)
	duration := func() time.Duration {
		if rng.IntN(3) == 0 {
			return durations[rng.IntN(len(durations))]
		}
		return time.Duration(rng.ExpFloat64() * float64(20*time.Millisecond))
	}
	kinds := []string{"customers", "accounts", "tokens", `we"ird\kind` + "\n", "kündigungen", "Z", ""}
	randomStores := func() []storeCounts {
		var out []storeCounts
		for _, api := range []string{"tradevest", "dintero", "toy"} {
			if rng.IntN(4) == 0 {
				continue
			}
			counts := map[string]int{}
			for _, k := range kinds {
				if rng.IntN(2) == 0 {
					counts[k] = []int{0, 1, rng.IntN(1000), rng.IntN(100_000_000), 1_000_000}[rng.IntN(5)]
				}
			}
			out = append(out, storeCounts{api, counts})
		}
		return out
	}

	encodings := [][]string{
		{"gzip"}, {"gzip, deflate, br"}, {"identity;q=1, gzip;q=0.5"}, {"identity;q=0.5, gzip;q=0.8"},
		{"gzip;q=0"}, {"*"}, {"*;q=0"}, {"br"}, {"GZIP"}, {"gzip;q=0.9, identity;q=0.9"}, {"x;y, gzip"},
		{"gzip;q=1.0"}, {"gzip ; q=0.3 , identity;q=0.2"}, {"identity;q=0.1", "gzip"}, {""}, {"gzip;q=2"},
	}
	compare := func(at string) {
		t.Helper()
		gotW, got := scrape(t, m.handler(), nil)
		wantW, want := scrape(t, ref.handler, nil)
		if got != want {
			t.Fatalf("%s: the metrics text differs from client_golang's\n--- got\n%s\n--- want\n%s", at, got, want)
		}
		if gotW.Code != wantW.Code || gotW.Header().Get("Content-Type") != wantW.Header().Get("Content-Type") {
			t.Fatalf("%s: answer %d %q, client_golang's %d %q", at, gotW.Code, gotW.Header().Get("Content-Type"),
				wantW.Code, wantW.Header().Get("Content-Type"))
		}
		for _, enc := range encodings {
			h := http.Header{"Accept-Encoding": enc}
			gotW, got := scrape(t, m.handler(), h)
			wantW, want := scrape(t, ref.handler, h)
			if g, w := gotW.Header().Get("Content-Encoding"), wantW.Header().Get("Content-Encoding"); g != w || got != want {
				t.Fatalf("%s, Accept-Encoding %q: encoding %q, client_golang's %q (same text: %v)", at, enc, g, w, got == want)
			}
		}
	}

	compare("no requests, no store")
	stores = randomStores()
	compare("no requests")
	n := 0
	for _, checkpoint := range []int{1, 2, 10, 100, 3000} {
		for ; n < checkpoint; n++ {
			route, method := routes[rng.IntN(len(routes))], methods[rng.IntN(len(methods))]
			status, d := statuses[rng.IntN(len(statuses))], duration()
			m.observe(route, method, status, d)
			ref.observe(route, method, status, d)
		}
		stores = randomStores()
		compare(strconv.Itoa(n) + " requests")
	}
	// Counts past a million are written as client_golang writes them (1e+06).
	m.counter("customers_get", "GET", 200).n.Add(999_999)
	ref.requests.WithLabelValues("customers_get", "GET", "200").Add(999_999)
	compare("a million requests")
}

// TestMetricsAnswerTextToEveryAccept: decision D97.
func TestMetricsAnswerTextToEveryAccept(t *testing.T) {
	m := newTestServer(t).metrics
	m.observe("customers_get", "GET", 200, time.Millisecond)
	_, plain := scrape(t, m.handler(), nil)
	for _, accept := range []string{
		"application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3",
		"application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1",
		"text/plain;escaping=allow-utf-8",
	} {
		w, text := scrape(t, m.handler(), http.Header{"Accept": {accept}})
		if ct := w.Header().Get("Content-Type"); ct != "text/plain; version=0.0.4; charset=utf-8; escaping=underscores" || text != plain {
			t.Fatalf("Accept %q: %q, text the same: %v", accept, ct, text == plain)
		}
	}
}

func TestMetricsObserveDoesNotAllocate(t *testing.T) {
	m := newTestServer(t).metrics
	m.observe("customers_get", "GET", 200, time.Millisecond)
	m.observe("made-up", "BREW", 418, time.Millisecond)
	if n := testing.AllocsPerRun(1000, func() {
		m.observe("customers_get", "GET", 200, time.Millisecond)
		m.observe("made-up", "BREW", 418, 3*time.Second)
	}); n != 0 {
		t.Fatalf("observe allocates %v times", n)
	}
}

// TestHistogramBucketsIncludeTheirBound: a duration equal to a bound is
// counted in that bound's bucket; one a nanosecond above it, in the next.
func TestHistogramBucketsIncludeTheirBound(t *testing.T) {
	for i, b := range latencyBounds {
		d := time.Duration(b * float64(time.Second))
		var h histogram
		h.observe(d.Seconds())
		h.observe((d + 1).Seconds())
		if h.buckets[i].Load() != 1 || h.buckets[i+1].Load() != 1 {
			t.Fatalf("bound %v: buckets %d and %d, want 1 and 1", b, h.buckets[i].Load(), h.buckets[i+1].Load())
		}
	}
}

// TestBinaryDoesNotLinkPrometheus keeps the Prometheus client library and
// the protobuf runtime out of the sandbox binary: they are for the tests
// above only.
func TestBinaryDoesNotLinkPrometheus(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		gobin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	if _, err := os.Stat(gobin); err != nil {
		t.Skipf("no go command to list the binary's packages: %v", err)
	}
	out, err := exec.Command(gobin, "list", "-deps", "../cmd/sandbox").Output()
	if err != nil {
		t.Fatalf("go list -deps ../cmd/sandbox: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) == 0 || !strings.Contains(string(out), "github.com/customers-api/sandbox/sandbox\n") {
		t.Fatalf("go list -deps ../cmd/sandbox answered no sandbox package:\n%s", out)
	}
	for _, d := range deps {
		if strings.HasPrefix(d, "github.com/prometheus/") || strings.HasPrefix(d, "google.golang.org/protobuf/") {
			t.Errorf("the sandbox binary links %s", d)
		}
	}
}

// TestMetricsCountEveryConcurrentRequest: requests observed from many
// goroutines while the metrics are scraped are all counted, once.
func TestMetricsCountEveryConcurrentRequest(t *testing.T) {
	m := newTestServer(t).metrics
	const workers, each = 8, 500
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 20; i++ {
			_, _ = scrape(t, m.handler(), nil)
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				m.observe("customers_get", []string{"GET", "POST"}[i%2], 200+i%3, time.Duration(i)*time.Millisecond)
			}
		}()
	}
	wg.Wait()
	<-done
	_, text := scrape(t, m.handler(), nil)
	for _, line := range []string{
		`sandbox_request_duration_seconds_bucket{route="customers_get",le="+Inf"} 4000`,
		`sandbox_request_duration_seconds_count{route="customers_get"} 4000`,
		`sandbox_requests_total{method="GET",route="customers_get",status="200"} 672`,
		`sandbox_requests_total{method="POST",route="customers_get",status="202"} 664`,
	} {
		if !strings.Contains(text, line+"\n") {
			t.Fatalf("no line %s in\n%s", line, text)
		}
	}
}
