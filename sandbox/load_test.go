package sandbox_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/customers-api/sandbox/sandbox"
)

// BenchmarkLoad drives a sandbox over loopback HTTP with parallel clients
// mixing creates, gets and searches, as a CI suite would. Run it with
// `go test ./sandbox -run '^$' -bench Load -benchtime 20000x`; it only
// talks to 127.0.0.1 and stops after b.N requests.
func BenchmarkLoad(b *testing.B) {
	s, err := sandbox.New(sandbox.Options{})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	tok := token(b, s, "T12345678", "sandbox-client", "sandbox-secret")
	base := srv.URL + "/v1/accounts/T12345678/customers/users"
	var seq atomic.Int64
	client := srv.Client()
	client.Transport.(*http.Transport).MaxIdleConnsPerHost = 64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			n := seq.Add(1)
			var req *http.Request
			switch n % 4 {
			case 0:
				body := fmt.Sprintf(`{"customer_id":"load-%d","email":"load%d@example.com","first_name":"Load"}`, n, n)
				req, _ = http.NewRequest("POST", base, bytes.NewBufferString(body))
				req.Header.Set("Content-Type", "application/json")
			case 1:
				req, _ = http.NewRequest("GET", base+"/c-1001", nil)
			case 2:
				req, _ = http.NewRequest("GET", base+"?search=load&limit=20", nil)
			default:
				req, _ = http.NewRequest("GET", base+"?email=load1&limit=5", nil)
			}
			req.Header.Set("Authorization", "Bearer "+tok)
			res, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != 200 {
				b.Errorf("%s %s: %d", req.Method, req.URL, res.StatusCode)
				return
			}
		}
	})
}
