package sandbox

import (
	"bytes"
	"compress/gzip"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// metrics are the sandbox's Prometheus metrics, each sandbox's its own, so
// two sandboxes in one process stay apart. They are written by hand rather
// than with the Prometheus client library: three metric families need a
// few atomics and a text writer, and the library (with the protobuf
// runtime it pulls in) was a third of the binary and of its idle memory.
// The text they answer is byte for byte what the library's handler
// answered (TestMetricsTextMatchesClientGolang feeds both the same
// observations), and TestBinaryDoesNotLinkPrometheus keeps the library out
// of the binary.
type metrics struct {
	// routes are the label values route may take: the operation ids of
	// the APIs, read once the routes are mounted.
	routes func() map[string]bool
	// stores reports, at each scrape, the records each API holds by kind.
	stores func() []storeCounts
	// series caches the counter of each route, method and status and the
	// histogram of each route, so a request costs no label hashing and no
	// allocation: copy-on-write maps, few series (labels are bounded).
	series  atomic.Pointer[map[seriesKey]*counter]
	latest  atomic.Pointer[map[string]*histogram]
	cacheMu sync.Mutex
}

type seriesKey struct {
	route, method string
	status        int
}

// storeCounts are one API's records by kind (sandbox_store_records).
type storeCounts struct {
	api    string
	counts map[string]int
}

// counter is one series of sandbox_requests_total.
type counter struct {
	method, route, status string // label values
	n                     atomic.Uint64
}

// latencyBounds are the upper bounds of the buckets of
// sandbox_request_duration_seconds, in seconds; a bucket holds the
// durations up to and including its bound.
var latencyBounds = [...]float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}

// histogram is one series of sandbox_request_duration_seconds. Its count
// is the sum of its buckets' (the last bucket holds what is above every
// bound), so +Inf and _count always agree and the cumulative buckets never
// decrease; a scrape during an observation may count it in the buckets and
// not yet in the sum.
type histogram struct {
	route   string
	buckets [len(latencyBounds) + 1]atomic.Uint64
	sumBits atomic.Uint64 // math.Float64bits of the sum of the observations
}

func (h *histogram) observe(v float64) {
	// The first bound >= v, as sort.SearchFloat64s finds it (the client
	// library's choice): v equal to a bound lands in that bound's bucket.
	i := 0
	for i < len(latencyBounds) && !(latencyBounds[i] >= v) {
		i++
	}
	h.buckets[i].Add(1)
	for {
		old := h.sumBits.Load()
		if h.sumBits.CompareAndSwap(old, math.Float64bits(math.Float64frombits(old)+v)) {
			return
		}
	}
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
	m := &metrics{}
	m.routes = sync.OnceValue(func() map[string]bool {
		known := map[string]bool{routeUnmatched: true, routePreflight: true}
		for _, n := range s.RouteNames() {
			known[n] = true
		}
		return known
	})
	m.stores = func() []storeCounts {
		out := make([]storeCounts, 0, len(s.vendors))
		for _, v := range s.vendors {
			out = append(out, storeCounts{v.Name(), v.Counts()})
		}
		return out
	}
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
	m.counter(route, method, status).n.Add(1)
	m.histogram(route).observe(d.Seconds())
}

func (m *metrics) counter(route, method string, status int) *counter {
	k := seriesKey{route, method, status}
	if p := m.series.Load(); p != nil {
		if c := (*p)[k]; c != nil {
			return c
		}
	}
	m.cacheMu.Lock()
	defer m.cacheMu.Unlock()
	old := map[seriesKey]*counter{}
	if p := m.series.Load(); p != nil {
		old = *p
	}
	if c := old[k]; c != nil { // made while this request waited for the lock
		return c
	}
	k = seriesKey{strings.Clone(route), strings.Clone(method), status} // not a slice of this request's line
	c := &counter{method: k.method, route: k.route, status: strconv.Itoa(status)}
	next := make(map[seriesKey]*counter, len(old)+1)
	for k, v := range old {
		next[k] = v
	}
	next[k] = c
	m.series.Store(&next)
	return c
}

func (m *metrics) histogram(route string) *histogram {
	if p := m.latest.Load(); p != nil {
		if h := (*p)[route]; h != nil {
			return h
		}
	}
	m.cacheMu.Lock()
	defer m.cacheMu.Unlock()
	old := map[string]*histogram{}
	if p := m.latest.Load(); p != nil {
		old = *p
	}
	if h := old[route]; h != nil {
		return h
	}
	h := &histogram{route: strings.Clone(route)}
	next := make(map[string]*histogram, len(old)+1)
	for k, v := range old {
		next[k] = v
	}
	next[h.route] = h
	m.latest.Store(&next)
	return h
}

// metricsContentType is what the client library's handler named the text
// format (its default name escaping included).
//
// Decision: the metrics answer this text format to every request, whatever
// its Accept (D97): Prometheus takes it, and the library's protobuf format
// is what made it large.
const metricsContentType = "text/plain; version=0.0.4; charset=utf-8; escaping=underscores"

func (m *metrics) handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		text := m.text()
		w.Header().Set("Content-Type", metricsContentType)
		if !acceptsGzip(r.Header["Accept-Encoding"]) {
			_, _ = w.Write(text)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(w)
		_, _ = gz.Write(text)
		_ = gz.Close()
	})
}

// text is the exposition in the Prometheus text format 0.0.4, as the
// client library writes it: families sorted by name, a family with no
// series left out, labels in the order of their names, series sorted by
// their label values (as strings, status too), numbers as its writeFloat
// formats them.
func (m *metrics) text() []byte {
	var b bytes.Buffer
	if p := m.latest.Load(); p != nil && len(*p) > 0 {
		hs := make([]*histogram, 0, len(*p))
		for _, h := range *p {
			hs = append(hs, h)
		}
		slices.SortFunc(hs, func(a, b *histogram) int { return strings.Compare(a.route, b.route) })
		writeHeader(&b, "sandbox_request_duration_seconds", "Time to serve a request, by route.", "histogram")
		for _, h := range hs {
			var cum uint64
			for i := range h.buckets {
				cum += h.buckets[i].Load()
				le := math.Inf(+1)
				if i < len(latencyBounds) {
					le = latencyBounds[i]
				}
				b.WriteString(`sandbox_request_duration_seconds_bucket{route="`)
				writeLabelValue(&b, h.route)
				b.WriteString(`",le="`)
				writeFloat(&b, le)
				b.WriteString(`"} `)
				writeFloat(&b, float64(cum))
				b.WriteByte('\n')
			}
			for _, s := range [...]struct {
				suffix string
				v      float64
			}{{"_sum", math.Float64frombits(h.sumBits.Load())}, {"_count", float64(cum)}} {
				b.WriteString("sandbox_request_duration_seconds" + s.suffix + `{route="`)
				writeLabelValue(&b, h.route)
				b.WriteString(`"} `)
				writeFloat(&b, s.v)
				b.WriteByte('\n')
			}
		}
	}
	if p := m.series.Load(); p != nil && len(*p) > 0 {
		cs := make([]*counter, 0, len(*p))
		for _, c := range *p {
			cs = append(cs, c)
		}
		slices.SortFunc(cs, func(a, b *counter) int {
			if c := strings.Compare(a.method, b.method); c != 0 {
				return c
			}
			if c := strings.Compare(a.route, b.route); c != 0 {
				return c
			}
			return strings.Compare(a.status, b.status)
		})
		writeHeader(&b, "sandbox_requests_total", "Requests served, by route (operation id) and status.", "counter")
		for _, c := range cs {
			writeSample(&b, "sandbox_requests_total", [][2]string{{"method", c.method}, {"route", c.route}, {"status", c.status}}, float64(c.n.Load()))
		}
	}
	type record struct {
		api, kind string
		n         int
	}
	var records []record
	for _, s := range m.stores() {
		for kind, n := range s.counts {
			records = append(records, record{s.api, kind, n})
		}
	}
	if len(records) > 0 {
		slices.SortFunc(records, func(a, b record) int {
			if c := strings.Compare(a.api, b.api); c != 0 {
				return c
			}
			return strings.Compare(a.kind, b.kind)
		})
		writeHeader(&b, "sandbox_store_records", "Records held, by API and kind (deleted records included).", "gauge")
		for _, r := range records {
			writeSample(&b, "sandbox_store_records", [][2]string{{"api", r.api}, {"kind", r.kind}}, float64(r.n))
		}
	}
	return b.Bytes()
}

// helpEscaper and labelEscaper escape as the client library's text writer
// does: a backslash and a newline in help, a double quote too in a label
// value.
var (
	helpEscaper  = strings.NewReplacer(`\`, `\\`, "\n", `\n`)
	labelEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`)
)

func writeHeader(b *bytes.Buffer, name, help, kind string) {
	b.WriteString("# HELP " + name + " ")
	_, _ = helpEscaper.WriteString(b, help)
	b.WriteString("\n# TYPE " + name + " " + kind + "\n")
}

func writeSample(b *bytes.Buffer, name string, labels [][2]string, v float64) {
	b.WriteString(name)
	for i, l := range labels {
		if i == 0 {
			b.WriteByte('{')
		} else {
			b.WriteByte(',')
		}
		b.WriteString(l[0] + `="`)
		writeLabelValue(b, l[1])
		b.WriteByte('"')
	}
	if len(labels) > 0 {
		b.WriteByte('}')
	}
	b.WriteByte(' ')
	writeFloat(b, v)
	b.WriteByte('\n')
}

func writeLabelValue(b *bytes.Buffer, v string) { _, _ = labelEscaper.WriteString(b, v) }

// writeFloat formats as the client library's text writer: shortest 'g'
// (so a count of a million is 1e+06), +Inf, -Inf and NaN.
func writeFloat(b *bytes.Buffer, f float64) {
	switch {
	case f == 1:
		b.WriteByte('1')
	case f == 0:
		b.WriteByte('0')
	case f == -1:
		b.WriteString("-1")
	case math.IsNaN(f):
		b.WriteString("NaN")
	case math.IsInf(f, +1):
		b.WriteString("+Inf")
	case math.IsInf(f, -1):
		b.WriteString("-Inf")
	default:
		var num [24]byte
		b.Write(strconv.AppendFloat(num[:0], f, 'g', -1, 64))
	}
}

// acceptsGzip chooses between identity and gzip as the client library's
// handler did: the offer ("identity" first, then "gzip") with the highest
// q, a tie going to identity, "*" matching both; values are taken as
// written (case matters) and a header it cannot read from some point on
// counts up to that point.
func acceptsGzip(values []string) bool {
	best, bestQ := "identity", -1.0
	for _, offer := range [...]string{"identity", "gzip"} {
		for _, v := range values {
			for _, spec := range parseAcceptEncoding(v) {
				if spec.q > bestQ && (spec.value == "*" || spec.value == offer) {
					best, bestQ = offer, spec.q
				}
			}
		}
	}
	return best == "gzip" && bestQ != 0
}

type acceptSpec struct {
	value string
	q     float64
}

// parseAcceptEncoding reads one Accept-Encoding header value as the
// library's header parser does: tokens, each with an optional ";q=",
// separated by commas; it stops at the first thing it cannot read.
func parseAcceptEncoding(s string) []acceptSpec {
	var specs []acceptSpec
	for {
		i := 0
		for i < len(s) && (isTokenByte(s[i]) || s[i] == '/') {
			i++
		}
		spec := acceptSpec{value: s[:i], q: 1}
		if spec.value == "" {
			return specs
		}
		s = skipSpaces(s[i:])
		if strings.HasPrefix(s, ";") {
			s = skipSpaces(s[1:])
			if !strings.HasPrefix(s, "q=") {
				return specs
			}
			spec.q, s = readQuality(s[2:])
			if spec.q < 0 {
				return specs
			}
		}
		specs = append(specs, spec)
		s = skipSpaces(s)
		if !strings.HasPrefix(s, ",") {
			return specs
		}
		s = skipSpaces(s[1:])
	}
}

func isTokenByte(c byte) bool {
	return c > 31 && c < 127 && !strings.ContainsRune(" \t\"(),/:;<=>?@[]\\{}", rune(c))
}

func skipSpaces(s string) string {
	return strings.TrimLeft(s, " \t\r\n")
}

func readQuality(s string) (float64, string) {
	var q float64
	switch {
	case s == "":
		return -1, ""
	case s[0] == '0':
		q = 0
	case s[0] == '1':
		q = 1
	default:
		return -1, ""
	}
	s = s[1:]
	if !strings.HasPrefix(s, ".") {
		return q, s
	}
	s = s[1:]
	i, n, d := 0, 0, 1
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int(s[i]-'0')
		d *= 10
	}
	return q + float64(n)/float64(d), s[i:]
}
