package tradevest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// Webhook deliveries (decision D86). Every notification a partner's
// registered webhook asks for is POSTed to its URL by a Deliverer:
// asynchronously (the API call that caused it never waits for it nor fails
// because of it), in order per partner (one worker per partner with
// deliveries queued, started on demand and gone when its queue is empty),
// retried with exponential backoff up to a bounded number of attempts.
// The deliveries and their outcomes are kept in a bounded list the control
// plane shows (GET /_sandbox/webhooks/deliveries) and clears.

// DeliveryOptions tune a Deliverer; zero values take the defaults.
type DeliveryOptions struct {
	// Attempts is how many times a notification is sent before it is given
	// up (default 5).
	Attempts int
	// Backoff is the wait before the first retry; each later retry waits
	// twice as long as the one before, at most 10 times Backoff
	// (default 1s).
	Backoff time.Duration
	// Timeout bounds one attempt (default 10s).
	Timeout time.Duration
	// Keep is how many deliveries the list keeps, newest last (default
	// 1000). A partner's queue holds at most as many waiting deliveries:
	// past that the oldest waiting one is dropped (outcome DROPPED).
	Keep int
	// Client sends the requests (default: a client of its own).
	Client *http.Client
}

// Delivery outcomes.
const (
	DeliveryPending   = "PENDING"   // queued or being retried
	DeliveryDelivered = "DELIVERED" // the receiver answered 2xx
	DeliveryFailed    = "FAILED"    // every attempt failed
	DeliveryDropped   = "DROPPED"   // dropped from a full queue, or the sandbox closed first
)

// Attempt is one try of a delivery.
type Attempt struct {
	At         string `json:"at"` // wall time (deliveries happen in real time)
	StatusCode int    `json:"statusCode,omitempty"`
	Error      string `json:"error,omitempty"`
}

// Delivery is one notification sent (or to be sent) to a webhook.
type Delivery struct {
	ID        int64             `json:"id"`
	Partner   string            `json:"partner"`
	EventType string            `json:"eventType"`
	URL       string            `json:"url"`
	Headers   map[string]string `json:"headers"`
	Body      any               `json:"body"`
	Status    string            `json:"status"`
	Attempts  []Attempt         `json:"attempts"`
	QueuedAt  string            `json:"queuedAt"`

	data []byte // the body as sent
}

// Deliverer sends webhook notifications. Close stops it.
type Deliverer struct {
	opts   DeliveryOptions
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex
	closed  bool
	seq     int64
	list    []*Delivery            // newest last, at most opts.Keep
	queues  map[string][]*Delivery // partner → waiting deliveries
	running map[string]bool        // partner → a worker is running
	changed chan struct{}          // closed and replaced whenever a delivery changes
}

// NewDeliverer returns a running deliverer.
func NewDeliverer(o DeliveryOptions) *Deliverer {
	if o.Attempts <= 0 {
		o.Attempts = 5
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	if o.Keep <= 0 {
		o.Keep = 1000
	}
	if o.Client == nil {
		o.Client = &http.Client{Timeout: o.Timeout, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Deliverer{opts: o, ctx: ctx, cancel: cancel, queues: map[string][]*Delivery{}, running: map[string]bool{}, changed: make(chan struct{})}
}

// enqueue queues a notification for partner's webhook. It never blocks.
func (d *Deliverer) enqueue(partner, eventType, url string, headers map[string]string, body any, data []byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return
	}
	d.seq++
	dl := &Delivery{ID: d.seq, Partner: partner, EventType: eventType, URL: url, Headers: headers, Body: body,
		Status: DeliveryPending, Attempts: []Attempt{}, QueuedAt: time.Now().UTC().Format(timeFormat), data: data}
	d.list = append(d.list, dl)
	if over := len(d.list) - d.opts.Keep; over > 0 {
		d.list = append(d.list[:0:0], d.list[over:]...)
	}
	q := append(d.queues[partner], dl)
	if len(q) > d.opts.Keep && len(q) > 1 { // q[0] may be in flight: drop the next oldest
		q[1].Status = DeliveryDropped
		q = append(q[:1], q[2:]...)
	}
	d.queues[partner] = q
	d.notifyLocked()
	if !d.running[partner] {
		d.running[partner] = true
		d.wg.Add(1)
		go d.work(partner)
	}
}

func (d *Deliverer) notifyLocked() {
	close(d.changed)
	d.changed = make(chan struct{})
}

// work delivers partner's queue in order, then ends.
func (d *Deliverer) work(partner string) {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		q := d.queues[partner]
		if len(q) == 0 || d.closed {
			delete(d.running, partner)
			delete(d.queues, partner)
			for _, dl := range q {
				dl.Status = DeliveryDropped
			}
			d.notifyLocked()
			d.mu.Unlock()
			return
		}
		dl := q[0]
		d.mu.Unlock()
		status := d.deliver(dl)
		d.mu.Lock()
		if q := d.queues[partner]; len(q) > 0 && q[0] == dl {
			d.queues[partner] = q[1:]
		}
		dl.Status = status
		d.notifyLocked()
		d.mu.Unlock()
	}
}

// deliver makes up to Attempts tries, waiting between them; it returns the
// outcome.
func (d *Deliverer) deliver(dl *Delivery) string {
	wait := d.opts.Backoff
	for i := 0; i < d.opts.Attempts; i++ {
		if i > 0 {
			t := time.NewTimer(wait)
			select {
			case <-d.ctx.Done():
				t.Stop()
				return DeliveryDropped
			case <-t.C:
			}
			wait = min(2*wait, 10*d.opts.Backoff)
		}
		a := d.attempt(dl)
		d.mu.Lock()
		dl.Attempts = append(dl.Attempts, a)
		d.notifyLocked()
		d.mu.Unlock()
		if a.Error == "" && a.StatusCode >= 200 && a.StatusCode < 300 {
			return DeliveryDelivered
		}
		if d.ctx.Err() != nil {
			return DeliveryDropped
		}
	}
	return DeliveryFailed
}

func (d *Deliverer) attempt(dl *Delivery) Attempt {
	a := Attempt{At: time.Now().UTC().Format(timeFormat)}
	ctx, cancel := context.WithTimeout(d.ctx, d.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, dl.URL, bytes.NewReader(dl.data))
	if err != nil {
		a.Error = err.Error()
		return a
	}
	for k, v := range dl.Headers {
		req.Header.Set(k, v)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "customers-api-sandbox-webhooks")
	req.Header.Set("X-Sandbox-Delivery-ID", fmt.Sprint(dl.ID))
	res, err := d.opts.Client.Do(req)
	if err != nil {
		a.Error = err.Error()
		return a
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 1<<16))
	res.Body.Close()
	a.StatusCode = res.StatusCode
	if res.StatusCode < 200 || res.StatusCode > 299 {
		a.Error = "the receiver answered " + res.Status
	}
	return a
}

// Deliveries returns a copy of the kept deliveries, oldest first.
func (d *Deliverer) Deliveries() []Delivery {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]Delivery, len(d.list))
	for i, dl := range d.list {
		out[i] = *dl
		out[i].Attempts = append([]Attempt{}, dl.Attempts...)
	}
	return out
}

// Clear forgets the kept deliveries (those still queued are still sent).
func (d *Deliverer) Clear() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.list = nil
	d.notifyLocked()
}

// Changed returns a channel closed at the next change of any delivery.
func (d *Deliverer) Changed() <-chan struct{} {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.changed
}

// Idle reports whether nothing is queued or being sent.
func (d *Deliverer) Idle() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.running) == 0
}

// Close stops the deliverer: waiting deliveries are dropped, a running
// attempt is cancelled, and Close returns when every worker has ended.
func (d *Deliverer) Close() {
	d.mu.Lock()
	d.closed = true
	d.mu.Unlock()
	d.cancel()
	d.wg.Wait()
}

// webhookRuntime is the API's delivery machinery, started on first use
// (the first webhook registered or notification sent), so a sandbox that
// never uses webhooks runs no goroutine for them.
type webhookRuntime struct {
	mu          sync.Mutex
	opts        DeliveryOptions
	settleEvery time.Duration
	deliverer   *Deliverer
	closed      bool
	stop        chan struct{}
	bg          sync.WaitGroup
}

// ConfigureWebhooks sets the delivery options and how often, while the
// sandbox clock runs in real time and some partner has a webhook, the API
// stores the transitions that fell due (default every second), so that
// one (an onboarding approved 60 seconds on) is notified without waiting
// for the next write. Call it before the API serves.
func (a *API) ConfigureWebhooks(o DeliveryOptions, settleEvery time.Duration) {
	a.hooks.mu.Lock()
	defer a.hooks.mu.Unlock()
	a.hooks.opts, a.hooks.settleEvery = o, settleEvery
}

// deliver returns the running deliverer, starting it (and the background
// settle) on first use; nil once the API is closed.
func (a *API) deliver() *Deliverer {
	h := &a.hooks
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil
	}
	if h.deliverer != nil {
		return h.deliverer
	}
	every := h.settleEvery
	if every <= 0 {
		every = time.Second
	}
	h.deliverer = NewDeliverer(h.opts)
	h.stop = make(chan struct{})
	h.bg.Add(1)
	go func() {
		defer h.bg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-h.stop:
				return
			case <-t.C:
				if !a.clock.Frozen() {
					a.Settle(a.clock.Now())
				}
			}
		}
	}()
	return h.deliverer
}

// running returns the deliverer if it runs, without starting it.
func (a *API) running() *Deliverer {
	a.hooks.mu.Lock()
	defer a.hooks.mu.Unlock()
	return a.hooks.deliverer
}

// Deliveries returns the webhook deliveries kept, oldest first.
func (a *API) Deliveries() []Delivery {
	if d := a.running(); d != nil {
		return d.Deliveries()
	}
	return []Delivery{}
}

// ClearDeliveries forgets the webhook deliveries kept.
func (a *API) ClearDeliveries() {
	if d := a.running(); d != nil {
		d.Clear()
	}
}

// DeliveriesChanged returns a channel closed at the next change of any
// delivery (a closed channel once the API is closed).
func (a *API) DeliveriesChanged() <-chan struct{} {
	if d := a.deliver(); d != nil {
		return d.Changed()
	}
	c := make(chan struct{})
	close(c)
	return c
}

// Close stops the background settle and the deliveries and waits for them
// to end. Notifications of later writes are dropped.
func (a *API) Close() {
	h := &a.hooks
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return
	}
	h.closed = true
	d := h.deliverer
	h.mu.Unlock()
	if d == nil {
		return
	}
	close(h.stop)
	h.bg.Wait()
	d.Close()
}

// webhooksChanged notes that a partner registered or removed a webhook:
// deliveries (and the background settle) run from now on.
func (a *API) webhooksChanged() { a.deliver() }
