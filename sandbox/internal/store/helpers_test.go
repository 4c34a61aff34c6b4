package store

import (
	"errors"
	"testing"
)

func TestGetSetWith(t *testing.T) {
	ts := newTenants()
	if _, err := Get(ts, "a", func(c *counter) (int, error) { return c.n, nil }); !errors.Is(err, errUnknown) {
		t.Fatalf("unknown tenant: %v", err)
	}
	if err := ts.Load(func(ws *Workset[*counter]) error { ws.Tenant("a").n = 1; return nil }); err != nil {
		t.Fatal(err)
	}
	n, err := Set(ts, "a", func(c *counter) (int, error) { c.inc(); return c.n, nil })
	if err != nil || n != 2 {
		t.Fatalf("Set = %d, %v; want 2", n, err)
	}
	boom := errors.New("boom")
	n, err = Set(ts, "a", func(c *counter) (int, error) { return 7, boom })
	if !errors.Is(err, boom) || n != 0 {
		t.Fatalf("failing Set = %d, %v; want the zero value and its error", n, err)
	}
	n, err = Get(ts, "a", func(c *counter) (int, error) { return c.n, nil })
	if err != nil || n != 2 {
		t.Fatalf("Get = %d, %v; want 2", n, err)
	}
	// With runs fn through a wrapper, which sees every call.
	calls := 0
	wrap := func(id string, fn func(*counter) error) error {
		calls++
		return ts.Update(id, fn)
	}
	if n, err = With(wrap, "a", func(c *counter) (int, error) { c.inc(); return c.n, nil }); err != nil || n != 3 || calls != 1 {
		t.Fatalf("With = %d, %v, %d calls; want 3, nil, 1", n, err, calls)
	}
}
