package sandbox_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/customers-api/sandbox/sandbox/sandboxtest"
)

// Fixture loads, resets of other tenants and state snapshots run while
// clients create customers in the same account: every create that was
// answered 200 is there afterwards (a load used to copy the account without
// its lock and install the copy over writes made meanwhile), and `go test
// -race` sees no race (cloning a B-tree for a snapshot writes to it).
func TestLoadsResetsAndSnapshotsKeepConcurrentWrites(t *testing.T) {
	sb := sandboxtest.New(t)
	dintero := sb.Dintero()
	get := func(path string) *http.Response {
		res, err := http.Get(sb.URL + path)
		if err != nil {
			t.Error(err)
			return nil
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res
	}
	post := func(c *http.Client, path, ct, body string) int {
		res, err := c.Post(sb.URL+path, ct, strings.NewReader(body))
		if err != nil {
			t.Error(err)
			return 0
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode
	}

	var acked sync.Map
	var writers, others sync.WaitGroup
	stop := make(chan struct{})
	for w := 0; w < 4; w++ {
		writers.Add(1)
		go func() {
			defer writers.Done()
			for i := 0; i < 200; i++ {
				cid := fmt.Sprintf("conc-%d-%d", w, i)
				if post(dintero, "/v1/accounts/T12345678/customers/users", "application/json", `{"customer_id":"`+cid+`"}`) == 200 {
					acked.Store(cid, true)
				}
			}
		}()
	}
	var loads, snapshots atomic.Int64
	others.Add(3)
	go func() { // fixture loads into the same account
		defer others.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			doc := fmt.Sprintf("dintero:\n  accounts:\n    T12345678:\n      tags: [{tag: load-%d}]\n", i)
			if code := post(http.DefaultClient, "/_sandbox/fixtures", "application/yaml", doc); code != 200 {
				t.Errorf("fixture load: %d", code)
				return
			}
			loads.Add(1)
		}
	}()
	go func() { // resets of other tenants
		defer others.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			post(http.DefaultClient, "/_sandbox/reset?account=T87654321", "application/json", "")
			post(http.DefaultClient, "/_sandbox/reset?partner=sandbox", "application/json", "")
		}
	}()
	go func() { // snapshots
		defer others.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if res := get("/_sandbox/state"); res != nil && res.StatusCode != 200 {
				t.Errorf("state: %d", res.StatusCode)
				return
			}
			snapshots.Add(1)
		}
	}()
	writers.Wait()
	close(stop)
	others.Wait()

	n := 0
	acked.Range(func(k, _ any) bool {
		n++
		res, err := dintero.Get(sb.URL + "/v1/accounts/T12345678/customers/users/" + k.(string))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("customer %s was acknowledged and is gone (%d)", k, res.StatusCode)
		}
		return true
	})
	if n != 800 {
		t.Errorf("%d of 800 creates acknowledged", n)
	}
	t.Logf("800 creates, %d fixture loads and %d snapshots at once", loads.Load(), snapshots.Load())
}
