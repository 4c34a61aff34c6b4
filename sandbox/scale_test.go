package sandbox_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/customers-api/sandbox/sandbox"
)

// seed creates customers and token-event records in T12345678 through the
// API, in process, from 32 clients at once.
func seed(tb testing.TB, srv *sandbox.Server, customers, records int) {
	tb.Helper()
	tok := inProcessToken(tb, srv)
	work := make(chan string, 1024)
	var wg sync.WaitGroup
	for w := 0; w < 32; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for body := range work {
				path := "/v1/accounts/T12345678/customers/users"
				if strings.HasPrefix(body, `{"token"`) {
					path = "/v1/accounts/T12345678/customers/tokens/events"
				}
				req := httptest.NewRequest("POST", path, strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+tok)
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, req)
				if rec.Code != 200 {
					tb.Errorf("seeding %s: %d %s", path, rec.Code, rec.Body)
				}
			}
		}()
	}
	for i := 0; i < customers; i++ {
		work <- fmt.Sprintf(`{"customer_id":"scale-%d","first_name":"Ada%d","last_name":"Lovelace","email":"ada%d@example.com","phone_number":"+47%08d","metadata":{"n":%d,"tier":"gold"}}`, i, i, i, i, i)
	}
	for i := 0; i < records; i++ {
		work <- fmt.Sprintf(`{"token":{"type":"sha1:email","value":"%040x"},"event":{"event":"signup","status":"OPT_IN","metadata":{"store_id":"S%d"}}}`, i, i%100)
	}
	close(work)
	wg.Wait()
}

func inProcessToken(tb testing.TB, srv http.Handler) string {
	req := httptest.NewRequest("POST", "/v1/accounts/T12345678/auth/token",
		strings.NewReader(`{"grant_type":"client_credentials","audience":"http://sandbox.test/v1/accounts/T12345678"}`))
	req.SetBasicAuth("sandbox-client", "sandbox-secret")
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	_, tok, _ := strings.Cut(rec.Body.String(), `"access_token":"`)
	tok, _, _ = strings.Cut(tok, `"`)
	return tok
}

func heap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkStateScale measures what issue 8 asks of a large state: with
// SANDBOX_SCALE_CUSTOMERS customers (default 100,000) and
// SANDBOX_SCALE_RECORDS token-event records (default 200,000) it reports
// the start-up time with the saved state file, the time to export the state
// (GET /_sandbox/state), to load that export back (POST /_sandbox/fixtures),
// and the heap per stored record. Run it once:
//
//	go test ./sandbox -run '^$' -bench StateScale -benchtime 1x
func BenchmarkStateScale(b *testing.B) {
	customers, records := envInt("SANDBOX_SCALE_CUSTOMERS", 100_000), envInt("SANDBOX_SCALE_RECORDS", 200_000)
	file := filepath.Join(b.TempDir(), "state")
	srv, err := sandbox.New(sandbox.Options{StateFile: file})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	seed(b, srv, customers, records)
	b.ReportMetric(time.Since(start).Seconds(), "s-seed")
	if err := srv.SaveState(); err != nil { // compact, as the log would
		b.Fatal(err)
	}
	srv.Close()
	srv = nil
	info, _ := os.Stat(file)
	b.ReportMetric(float64(info.Size())/float64(customers+records), "B-file/record")

	for i := 0; i < b.N; i++ {
		before := heap()
		start = time.Now()
		loaded, err := sandbox.New(sandbox.Options{StateFile: file})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s-start")
		b.ReportMetric(float64(heap()-before)/float64(customers+records), "B-heap/record")

		start = time.Now()
		state, err := loaded.State()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s-export")
		b.ReportMetric(float64(len(state))/1e6, "MB-export")
		loaded.Close()

		fresh, err := sandbox.New(sandbox.Options{NoDefaultFixtures: true})
		if err != nil {
			b.Fatal(err)
		}
		start = time.Now()
		req := httptest.NewRequest("POST", "/_sandbox/fixtures", bytes.NewReader(state))
		req.Header.Set("Content-Type", "application/yaml")
		rec := httptest.NewRecorder()
		fresh.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("loading the export back: %d %.300s", rec.Code, rec.Body)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s-import")
		again, _ := fresh.State()
		if !bytes.Equal(again, state) {
			b.Errorf("the export does not round-trip (%d vs %d bytes)", len(again), len(state))
		}
	}
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return n
	}
	return def
}
