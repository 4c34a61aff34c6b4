package store

import (
	"errors"
	"fmt"
	"sync"
	"testing"
)

type counter struct {
	n       int
	changes []Change
}

func (c *counter) Clone() *counter { return &counter{n: c.n} }
func (c *counter) TakeChanges() []Change {
	ch := c.changes
	c.changes = nil
	return ch
}
func (c *counter) Records(yield func(Change) bool) { yield(Change{Kind: "n", Value: c.n}) }
func (c *counter) Decode(kind string, data []byte) (any, error) {
	var n int
	_, err := fmt.Sscan(string(data), &n)
	return n, err
}
func (c *counter) Restore(kind, key string, v any) error { c.n = v.(int); return nil }
func (c *counter) inc()                                  { c.n++; c.changes = append(c.changes, Change{Kind: "n", Value: c.n}) }

var errUnknown = errors.New("unknown")

func newTenants() *Tenants[*counter] {
	return New(func(string) *counter { return &counter{} }, func(string) error { return errUnknown })
}

func TestLoadUpdateReset(t *testing.T) {
	ts := newTenants()
	if err := ts.View("a", func(*counter) error { return nil }); !errors.Is(err, errUnknown) {
		t.Fatalf("unknown tenant: %v", err)
	}
	if err := ts.Load(func(ws *Workset[*counter]) error { ws.Tenant("a").n = 1; ws.Tenant("b").n = 10; return nil }); err != nil {
		t.Fatal(err)
	}
	_ = ts.Update("a", func(c *counter) error { c.n = 99; return nil })
	_ = ts.Update("b", func(c *counter) error { c.n = 99; return nil })
	ts.Reset("a")
	get := func(id string) int {
		var n int
		_ = ts.View(id, func(c *counter) error { n = c.n; return nil })
		return n
	}
	if get("a") != 1 || get("b") != 99 {
		t.Fatalf("reset one: a=%d b=%d", get("a"), get("b"))
	}
	ts.Reset("")
	if get("b") != 10 {
		t.Fatalf("reset all: b=%d", get("b"))
	}
	if ts.Reset("zzz") {
		t.Fatal("reset of an unknown tenant reported success")
	}
}

func TestFailedLoadChangesNothing(t *testing.T) {
	ts := newTenants()
	_ = ts.Load(func(ws *Workset[*counter]) error { ws.Tenant("a").n = 1; return nil })
	err := ts.Load(func(ws *Workset[*counter]) error {
		ws.Tenant("a").n = 2
		ws.Tenant("new").n = 5
		return errors.New("bad document")
	})
	if err == nil || ts.Has("new") {
		t.Fatalf("err %v, new tenant present %v", err, ts.Has("new"))
	}
	var n int
	_ = ts.View("a", func(c *counter) error { n = c.n; return nil })
	if n != 1 {
		t.Fatalf("a = %d after a failed load", n)
	}
	ts.Reset("")
	_ = ts.View("a", func(c *counter) error { n = c.n; return nil })
	if n != 1 {
		t.Fatalf("baseline a = %d after a failed load", n)
	}
}

func TestConcurrentUpdatesAreSerialised(t *testing.T) {
	ts := newTenants()
	_ = ts.Load(func(ws *Workset[*counter]) error { ws.Tenant("a"); return nil })
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = ts.Update("a", func(c *counter) error { c.n++; return nil })
			_ = ts.View("a", func(c *counter) error { _ = c.n; return nil })
		}()
	}
	wg.Wait()
	var n int
	_ = ts.View("a", func(c *counter) error { n = c.n; return nil })
	if n != 50 {
		t.Fatalf("n = %d, want 50", n)
	}
}

// The first load of an empty store runs apply once and keeps a copy as the
// baseline: a write to the live state must not reach the baseline, and a
// reset must bring the loaded state back.
func TestFirstLoadBaselineIsACopy(t *testing.T) {
	ts := newTenants()
	calls := 0
	if err := ts.Load(func(ws *Workset[*counter]) error { calls++; ws.Tenant("a").n = 1; return nil }); err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Fatalf("apply ran %d times on an empty store, want once", calls)
	}
	_ = ts.Update("a", func(c *counter) error { c.n = 99; return nil })
	ts.Reset("a")
	var n int
	_ = ts.View("a", func(c *counter) error { n = c.n; return nil })
	if n != 1 {
		t.Fatalf("after reset a=%d, want the loaded 1", n)
	}
	// A second load takes the usual path: on the live state and on the
	// baseline, each from what it holds.
	_ = ts.Update("a", func(c *counter) error { c.n = 50; return nil })
	calls = 0
	if err := ts.Load(func(ws *Workset[*counter]) error { calls++; ws.Tenant("a").n++; return nil }); err != nil {
		t.Fatal(err)
	}
	_ = ts.View("a", func(c *counter) error { n = c.n; return nil })
	if calls != 2 || n != 51 {
		t.Fatalf("second load: %d calls, a=%d; want 2 calls, 51", calls, n)
	}
	ts.Reset("a")
	_ = ts.View("a", func(c *counter) error { n = c.n; return nil })
	if n != 2 {
		t.Fatalf("reset after the second load: a=%d, want 2", n)
	}
}
