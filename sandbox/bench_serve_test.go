package sandbox_test

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/customers-api/sandbox/sandbox"
)

// BenchmarkServe is the sandbox's own cost per request, without a network
// in between: what the load benchmark (cmd/sandbox-bench) compares with a
// plain server, measured alone so that a profile shows only the sandbox.
// The request log goes to a file, as the load benchmark's does.
//
//	go test ./sandbox -run '^$' -bench Serve -benchmem -cpuprofile /tmp/serve.prof
func BenchmarkServe(b *testing.B) {
	log, err := os.Create(filepath.Join(b.TempDir(), "requests.log"))
	if err != nil {
		b.Fatal(err)
	}
	defer log.Close()
	s, err := sandbox.New(sandbox.Options{Log: log})
	if err != nil {
		b.Fatal(err)
	}
	tok := token(b, s, "T12345678", "sandbox-client", "sandbox-secret")
	base := "http://sandbox/v1/accounts/T12345678/customers"
	cases := []struct {
		name, method, url string
		body              func(i int) string
	}{
		{"GET customer tags", "GET", base + "/users/c-1001/tags", nil},
		{"POST token events", "POST", base + "/tokens/events", func(i int) string {
			return fmt.Sprintf(`{"token":{"type":"sha1:email","value":"serve%035d"},"event":{"event":"customer declined signup in store","status":"OPT_OUT","metadata":{"store_id":"SID1234"}}}`, i)
		}},
		{"GET customers list", "GET", base + "/users?limit=10", nil},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			w := &discardWriter{h: http.Header{}}
			cpu0 := cpuTime()
			defer func() { b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op") }()
			for i := 0; i < b.N; i++ {
				var body io.Reader
				if c.body != nil {
					body = strings.NewReader(c.body(i))
				}
				req, _ := http.NewRequest(c.method, c.url, body)
				req.Header.Set("Authorization", "Bearer "+tok)
				if body != nil {
					req.Header.Set("Content-Type", "application/json")
				}
				clear(w.h)
				w.status = 0
				s.ServeHTTP(w, req)
				if w.status != http.StatusOK {
					b.Fatalf("%s %s: %d", c.method, c.url, w.status)
				}
			}
		})
	}
}

// cpuTime is the CPU time the process has used (every thread, the
// garbage collector's too): on a shared machine, a steadier measure of
// the work per request than the wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// discardWriter is a ResponseWriter that keeps only the status.
type discardWriter struct {
	h      http.Header
	status int
}

func (w *discardWriter) Header() http.Header { return w.h }
func (w *discardWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}
func (w *discardWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return len(p), nil
}
