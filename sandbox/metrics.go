package sandbox

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the sandbox's Prometheus metrics, on a registry of its own
// (not the global one), so two sandboxes in one process stay apart.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	// routes are the label values route may take: the operation ids of
	// the APIs, read once the routes are mounted.
	routes func() map[string]bool
	// series caches the counter of each route, method and status and the
	// histogram of each route, so a request costs no label hashing and no
	// allocation: copy-on-write maps, few series (labels are bounded).
	series  atomic.Pointer[map[seriesKey]prometheus.Counter]
	latest  atomic.Pointer[map[string]prometheus.Observer]
	cacheMu sync.Mutex
	// serveHTTP is GET /_sandbox/metrics, made at its first scrape.
	serveHTTP func() http.Handler
}

type seriesKey struct {
	route, method string
	status        int
}

// otherLabel stands for any method or route the metrics do not know, so
// that what a client sends cannot grow the number of series.
const otherLabel = "other"

// knownMethods are the methods the metrics label by name.
var knownMethods = map[string]bool{
	http.MethodGet: true, http.MethodHead: true, http.MethodPost: true, http.MethodPut: true,
	http.MethodPatch: true, http.MethodDelete: true, http.MethodOptions: true,
}

func newMetrics(s *Server) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sandbox_requests_total", Help: "Requests served, by route (operation id) and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "sandbox_request_duration_seconds", Help: "Time to serve a request, by route.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route"}),
	}
	m.routes = sync.OnceValue(func() map[string]bool {
		known := map[string]bool{routeUnmatched: true, routePreflight: true}
		for _, n := range s.RouteNames() {
			known[n] = true
		}
		return known
	})
	m.serveHTTP = sync.OnceValue(func() http.Handler { return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{}) })
	m.registry.MustRegister(m.requests, m.latency, storeCollector{s})
	return m
}

// observe counts one request; a method or route not known is "other".
func (m *metrics) observe(route, method string, status int, d time.Duration) {
	if !knownMethods[method] {
		method = otherLabel
	}
	if !m.routes()[route] {
		route = otherLabel
	}
	m.counter(route, method, status).Inc()
	m.histogram(route).Observe(d.Seconds())
}

func (m *metrics) counter(route, method string, status int) prometheus.Counter {
	k := seriesKey{route, method, status}
	if p := m.series.Load(); p != nil {
		if c := (*p)[k]; c != nil {
			return c
		}
	}
	m.cacheMu.Lock()
	defer m.cacheMu.Unlock()
	old := map[seriesKey]prometheus.Counter{}
	if p := m.series.Load(); p != nil {
		old = *p
	}
	c := m.requests.WithLabelValues(route, method, strconv.Itoa(status))
	next := make(map[seriesKey]prometheus.Counter, len(old)+1)
	for k, v := range old {
		next[k] = v
	}
	next[seriesKey{strings.Clone(route), strings.Clone(method), status}] = c // not a slice of this request's line
	m.series.Store(&next)
	return c
}

func (m *metrics) histogram(route string) prometheus.Observer {
	if p := m.latest.Load(); p != nil {
		if o := (*p)[route]; o != nil {
			return o
		}
	}
	m.cacheMu.Lock()
	defer m.cacheMu.Unlock()
	old := map[string]prometheus.Observer{}
	if p := m.latest.Load(); p != nil {
		old = *p
	}
	o := m.latency.WithLabelValues(route)
	next := make(map[string]prometheus.Observer, len(old)+1)
	for k, v := range old {
		next[k] = v
	}
	next[strings.Clone(route)] = o
	m.latest.Store(&next)
	return o
}

func (m *metrics) handler() http.Handler { return m.serveHTTP() }

// storeCollector reports store sizes when scraped.
type storeCollector struct{ s *Server }

var storeDesc = prometheus.NewDesc("sandbox_store_records", "Records held, by API and kind (deleted records included).", []string{"api", "kind"}, nil)

func (c storeCollector) Describe(ch chan<- *prometheus.Desc) { ch <- storeDesc }

func (c storeCollector) Collect(ch chan<- prometheus.Metric) {
	for _, v := range c.s.vendors {
		for kind, n := range v.Counts() {
			ch <- prometheus.MustNewConstMetric(storeDesc, prometheus.GaugeValue, float64(n), v.Name(), kind)
		}
	}
}
