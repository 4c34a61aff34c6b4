package features

// Steps of tradevest_webhooks.feature: a local HTTP receiver that the
// sandbox delivers webhook notifications to ({receiver_url}), and checks
// of what it received, in order.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"time"

	"github.com/cucumber/godog"
)

// receiver collects the notifications posted to it.
type receiver struct {
	srv *httptest.Server

	mu       sync.Mutex
	got      []received
	failNext int // answer 500 to this many more requests
	changed  chan struct{}
}

type received struct {
	header http.Header
	body   []byte
}

var receivers sync.Map // *world → *receiver

func newReceiver() *receiver {
	rc := &receiver{changed: make(chan struct{})}
	rc.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		defer rc.mu.Unlock()
		if rc.failNext > 0 {
			rc.failNext--
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		rc.got = append(rc.got, received{r.Header.Clone(), data})
		close(rc.changed)
		rc.changed = make(chan struct{})
		w.WriteHeader(http.StatusNoContent)
	}))
	return rc
}

// wait waits until the receiver holds at least n notifications.
func (rc *receiver) wait(n int, d time.Duration) ([]received, error) {
	deadline := time.After(d)
	for {
		rc.mu.Lock()
		got, ch := append([]received(nil), rc.got...), rc.changed
		rc.mu.Unlock()
		if len(got) >= n {
			return got, nil
		}
		select {
		case <-ch:
		case <-deadline:
			var bodies []string
			for _, g := range got {
				bodies = append(bodies, string(g.body))
			}
			return got, fmt.Errorf("the receiver got %d notifications within %s, want %d: %v", len(got), d, n, bodies)
		}
	}
}

func receiverOf(w *world) (*receiver, error) {
	if rc, ok := receivers.Load(w); ok {
		return rc.(*receiver), nil
	}
	return nil, fmt.Errorf("no webhook receiver is listening in this scenario")
}

func init() {
	extraSteps = append(extraSteps, func(sc *stepRegistry) {
		sc.After(func(ctx context.Context, _ *godog.Scenario, err error) (context.Context, error) {
			if w, ok := ctx.Value(worldKey{}).(*world); ok {
				if rc, ok := receivers.LoadAndDelete(w); ok {
					rc.(*receiver).srv.Close()
				}
			}
			return ctx, err
		})
		sc.Step(`^a webhook receiver is listening$`, func(ctx context.Context) error {
			w := get(ctx)
			rc := newReceiver()
			receivers.Store(w, rc)
			w.vars["receiver_url"] = rc.srv.URL + "/notifications"
			return nil
		})
		sc.Step(`^the receiver answers 500 to the next (\d+) notifications?$`, func(ctx context.Context, n int) error {
			rc, err := receiverOf(get(ctx))
			if err != nil {
				return err
			}
			rc.mu.Lock()
			rc.failNext = n
			rc.mu.Unlock()
			return nil
		})
		// The notifications received so far must be, in order, exactly
		// these bodies (a JSON array; {vars} expanded).
		sc.Step(`^the receiver gets, in order, the notifications:$`, func(ctx context.Context, doc *godog.DocString) error {
			w := get(ctx)
			rc, err := receiverOf(w)
			if err != nil {
				return err
			}
			var want []any
			if err := json.Unmarshal([]byte(w.expand(doc.Content)), &want); err != nil {
				return fmt.Errorf("the expected notifications are no JSON array: %v", err)
			}
			if _, err := rc.wait(len(want), 10*time.Second); err != nil {
				return err
			}
			time.Sleep(50 * time.Millisecond) // nothing more should come
			got, _ := rc.wait(0, 0)
			var have []any
			for _, g := range got {
				var v any
				if err := json.Unmarshal(g.body, &v); err != nil {
					return fmt.Errorf("a notification is no JSON: %s", g.body)
				}
				have = append(have, v)
			}
			if !reflect.DeepEqual(have, want) {
				h, _ := json.MarshalIndent(have, "", "  ")
				return fmt.Errorf("the receiver got:\n%s", h)
			}
			return nil
		})
		sc.Step(`^every notification received has the header "([^"]*)" "([^"]*)"$`, func(ctx context.Context, name, value string) error {
			rc, err := receiverOf(get(ctx))
			if err != nil {
				return err
			}
			got, _ := rc.wait(1, 10*time.Second)
			for _, g := range got {
				if g.header.Get(name) != value {
					return fmt.Errorf("a notification has %s %q, want %q", name, g.header.Get(name), value)
				}
			}
			return nil
		})
		sc.Step(`^the receiver gets no notification$`, func(ctx context.Context) error {
			rc, err := receiverOf(get(ctx))
			if err != nil {
				return err
			}
			time.Sleep(100 * time.Millisecond)
			if got, _ := rc.wait(0, 0); len(got) > 0 {
				return fmt.Errorf("the receiver got %d notifications, the first %s", len(got), got[0].body)
			}
			return nil
		})
		// Polls GET /_sandbox/webhooks/deliveries until every delivery has
		// left PENDING.
		sc.Step(`^the webhook deliveries are done$`, func(ctx context.Context) error {
			w := get(ctx)
			deadline := time.Now().Add(10 * time.Second)
			for {
				r, err := w.do("GET", "/_sandbox/webhooks/deliveries", "", nil, "")
				if err != nil {
					return err
				}
				var list []struct {
					Status string `json:"status"`
				}
				if err := json.Unmarshal(r.body, &list); err != nil {
					return fmt.Errorf("GET /_sandbox/webhooks/deliveries: %v: %s", err, r.body)
				}
				pending := false
				for _, d := range list {
					pending = pending || d.Status == "PENDING"
				}
				if !pending {
					w.last = r
					return nil
				}
				if time.Now().After(deadline) {
					return fmt.Errorf("deliveries still pending: %s", r.body)
				}
				time.Sleep(20 * time.Millisecond)
			}
		})
	})
}
