package sandboxtest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// Notification is one webhook notification a Receiver got.
type Notification struct {
	Header http.Header
	Body   map[string]any // the JSON body
	Raw    []byte
}

// Receiver is an in-process webhook endpoint: register URL as a
// Tradevest webhook (POST /webhooks) and the sandbox delivers the
// notifications to it. It answers 204 (or 500 while Fail says so) and
// stops when the test ends.
type Receiver struct {
	URL string
	C   <-chan Notification // every notification received, in order

	srv  *httptest.Server
	ch   chan Notification
	mu   sync.Mutex
	fail int
}

// Webhooks starts a Receiver for this test.
func (s *Sandbox) Webhooks() *Receiver {
	s.t.Helper()
	rc := &Receiver{ch: make(chan Notification, 1024)}
	rc.C = rc.ch
	rc.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		failing := rc.fail > 0
		if failing {
			rc.fail--
		}
		rc.mu.Unlock()
		if failing {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		n := Notification{Header: r.Header.Clone(), Raw: data}
		_ = json.Unmarshal(data, &n.Body)
		select {
		case rc.ch <- n:
		default: // a test that reads none keeps the sandbox going
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	rc.URL = rc.srv.URL + "/notifications"
	s.t.Cleanup(rc.srv.Close)
	return rc
}

// Fail makes the receiver answer 500 to the next n notifications, so the
// sandbox retries them.
func (rc *Receiver) Fail(n int) {
	rc.mu.Lock()
	rc.fail = n
	rc.mu.Unlock()
}

// Wait returns the next n notifications, failing t if they do not all
// arrive within timeout.
func (rc *Receiver) Wait(t testing.TB, n int, timeout time.Duration) []Notification {
	t.Helper()
	out := make([]Notification, 0, n)
	deadline := time.After(timeout)
	for len(out) < n {
		select {
		case x := <-rc.ch:
			out = append(out, x)
		case <-deadline:
			t.Fatalf("sandboxtest: %d of %d webhook notifications within %s", len(out), n, timeout)
		}
	}
	return out
}
