package tradevest

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

func waitIdle(t *testing.T, d *Deliverer) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !d.Idle() {
		if time.Now().After(deadline) {
			t.Fatal("the deliverer did not finish")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Deliveries of one partner arrive in the order queued; the kept list is
// bounded.
func TestDeliveriesInOrderAndBounded(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Header.Get("X-N"))
		mu.Unlock()
	}))
	defer srv.Close()
	d := NewDeliverer(DeliveryOptions{Keep: 5, Backoff: time.Millisecond})
	defer d.Close()
	for i := 0; i < 20; i++ {
		d.enqueue("p", "CUSTOMER_NOTIFICATION", srv.URL, map[string]string{"X-N": strconv.Itoa(i)}, nil, []byte(`{}`))
	}
	waitIdle(t, d)
	if l := d.Deliveries(); len(l) != 5 || l[0].ID != 16 || l[4].ID != 20 {
		t.Fatalf("kept %d deliveries, first %d", len(l), l[0].ID)
	}
	mu.Lock()
	defer mu.Unlock()
	for i := 1; i < len(got); i++ {
		a, _ := strconv.Atoi(got[i-1])
		b, _ := strconv.Atoi(got[i])
		if b <= a {
			t.Fatalf("out of order: %v", got)
		}
	}
	// The queue holds at most Keep waiting deliveries: some may have been
	// dropped while the worker was busy, never reordered.
	if len(got) < 5 {
		t.Fatalf("only %d delivered", len(got))
	}
}

// A failing receiver is retried with backoff up to Attempts times, and the
// outcome is FAILED.
func TestDeliveryRetriesThenFails(t *testing.T) {
	var mu sync.Mutex
	var times []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	d := NewDeliverer(DeliveryOptions{Attempts: 3, Backoff: 30 * time.Millisecond})
	defer d.Close()
	d.enqueue("p", "CUSTOMER_NOTIFICATION", srv.URL, nil, nil, []byte(`{}`))
	waitIdle(t, d)
	l := d.Deliveries()
	if l[0].Status != DeliveryFailed || len(l[0].Attempts) != 3 || l[0].Attempts[0].StatusCode != 503 {
		t.Fatalf("%+v", l[0])
	}
	mu.Lock()
	defer mu.Unlock()
	if gap := times[2].Sub(times[1]); gap < 55*time.Millisecond {
		t.Fatalf("the second retry came %s after the first: no backoff", gap)
	}
	d.Clear()
	if len(d.Deliveries()) != 0 {
		t.Fatal("Clear kept deliveries")
	}
}

// Close drops what waits and returns even when a receiver hangs.
func TestDelivererCloseDropsWaiting(t *testing.T) {
	hang := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-hang }))
	defer srv.Close()
	defer close(hang)
	d := NewDeliverer(DeliveryOptions{Timeout: time.Minute})
	for i := 0; i < 3; i++ {
		d.enqueue("p", "CUSTOMER_NOTIFICATION", srv.URL, nil, nil, []byte(`{}`))
	}
	time.Sleep(20 * time.Millisecond)
	done := make(chan struct{})
	go func() { d.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close hangs")
	}
	for _, x := range d.Deliveries() {
		if x.Status != DeliveryDropped {
			t.Fatalf("delivery %d is %s after Close", x.ID, x.Status)
		}
	}
	d.enqueue("p", "CUSTOMER_NOTIFICATION", srv.URL, nil, nil, []byte(`{}`)) // ignored once closed
	if len(d.Deliveries()) != 3 {
		t.Fatal("a closed deliverer queued more")
	}
}
