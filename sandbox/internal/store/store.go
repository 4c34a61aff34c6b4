// Package store keeps the state of every tenant of an API (a Dintero
// account, a Tradevest partner) in memory, one lock per tenant, and the
// baseline the fixtures loaded, which a reset restores. Each API defines its
// own tenant state type; this package only needs it to clone itself.
package store

import "sync"

// State is a tenant's state. Clone returns a copy that shares nothing
// mutable with the original.
type State[S any] interface{ Clone() S }

// Tenants holds the live state of every tenant and the fixture baseline.
// It is safe for concurrent use: View and Update serialise writers per
// tenant; loads and resets are serialised among themselves.
type Tenants[S State[S]] struct {
	fresh    func(id string) S // a new, empty tenant
	notFound func(id string) error

	mu   sync.RWMutex
	live map[string]*locked[S]

	loadMu   sync.Mutex
	baseline map[string]S // the tenants as the fixtures loaded them
}

type locked[S any] struct {
	mu sync.RWMutex
	s  S
}

// New returns an empty set of tenants. fresh makes a new tenant; notFound
// is the error View and Update return for an unknown tenant.
func New[S State[S]](fresh func(id string) S, notFound func(id string) error) *Tenants[S] {
	return &Tenants[S]{fresh: fresh, notFound: notFound, live: map[string]*locked[S]{}, baseline: map[string]S{}}
}

func (t *Tenants[S]) get(id string) *locked[S] {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.live[id]
}

// View runs fn with shared access to one tenant's state.
func (t *Tenants[S]) View(id string, fn func(S) error) error {
	l := t.get(id)
	if l == nil {
		return t.notFound(id)
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	return fn(l.s)
}

// Update runs fn with exclusive access to one tenant's state. fn must check
// everything before it changes anything: an error leaves the state as it was.
func (t *Tenants[S]) Update(id string, fn func(S) error) error {
	l := t.get(id)
	if l == nil {
		return t.notFound(id)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return fn(l.s)
}

// IDs lists the tenants' ids, in no particular order.
func (t *Tenants[S]) IDs() []string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	ids := make([]string, 0, len(t.live))
	for id := range t.live {
		ids = append(ids, id)
	}
	return ids
}

// Has reports whether the tenant exists.
func (t *Tenants[S]) Has(id string) bool { return t.get(id) != nil }

// Snapshot returns a clone of every tenant, keyed by id.
func (t *Tenants[S]) Snapshot() map[string]S {
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := make(map[string]S, len(t.live))
	for id, l := range t.live {
		l.mu.RLock()
		out[id] = l.s.Clone()
		l.mu.RUnlock()
	}
	return out
}

// Workset is the tenants a load changes: each is cloned the first time the
// load touches it, or made new.
type Workset[S State[S]] struct {
	src   func(id string) (S, bool)
	fresh func(id string) S
	// Touched are the tenants the load changed, by id.
	Touched map[string]S
}

// Tenant returns the working copy of tenant id.
func (w *Workset[S]) Tenant(id string) S {
	if s, ok := w.Touched[id]; ok {
		return s
	}
	s, ok := w.src(id)
	if !ok {
		s = w.fresh(id)
	}
	w.Touched[id] = s
	return s
}

func (t *Tenants[S]) cloneLive(id string) (S, bool) {
	var zero S
	l := t.get(id)
	if l == nil {
		return zero, false
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.s.Clone(), true
}

// Prepare applies a fixture load to working copies of the live state and of
// the baseline: apply runs once on each. When both succeed it returns the
// function that installs them; when either fails nothing changes. The
// baseline holds tenants, not documents, so its size follows the tenants
// however many documents are loaded. Callers serialise Prepare, its commit
// and Reset (the sandbox loads all its APIs' fixtures together).
func (t *Tenants[S]) Prepare(apply func(ws *Workset[S]) error) (commit func(), err error) {
	return t.prepare(apply, true)
}

// PrepareLive is Prepare for the live state only: what it loads (a saved
// state, say) is not part of what Reset restores.
func (t *Tenants[S]) PrepareLive(apply func(ws *Workset[S]) error) (commit func(), err error) {
	return t.prepare(apply, false)
}

func (t *Tenants[S]) prepare(apply func(ws *Workset[S]) error, baseline bool) (commit func(), err error) {
	live := &Workset[S]{src: t.cloneLive, fresh: t.fresh, Touched: map[string]S{}}
	if err := apply(live); err != nil {
		return nil, err
	}
	if !baseline {
		return func() { t.install(live) }, nil
	}
	t.loadMu.Lock()
	base := &Workset[S]{src: func(id string) (S, bool) {
		s, ok := t.baseline[id]
		if ok {
			s = s.Clone()
		}
		return s, ok
	}, fresh: t.fresh, Touched: map[string]S{}}
	err = apply(base)
	t.loadMu.Unlock()
	if err != nil {
		return nil, err
	}
	return func() {
		t.loadMu.Lock()
		for id, s := range base.Touched {
			t.baseline[id] = s
		}
		t.loadMu.Unlock()
		t.install(live)
	}, nil
}

func (t *Tenants[S]) install(live *Workset[S]) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for id, s := range live.Touched {
		t.live[id] = &locked[S]{s: s}
	}
}

// Load is Prepare followed by its commit.
func (t *Tenants[S]) Load(apply func(ws *Workset[S]) error) error {
	commit, err := t.Prepare(apply)
	if err != nil {
		return err
	}
	commit()
	return nil
}

// Reset puts one tenant (all of them when id is "") back to the baseline.
// It reports whether the baseline knows the tenant.
func (t *Tenants[S]) Reset(id string) bool {
	t.loadMu.Lock()
	defer t.loadMu.Unlock()
	if id == "" {
		live := make(map[string]*locked[S], len(t.baseline))
		for bid, s := range t.baseline {
			live[bid] = &locked[S]{s: s.Clone()}
		}
		t.mu.Lock()
		t.live = live
		t.mu.Unlock()
		return true
	}
	s, ok := t.baseline[id]
	if !ok {
		return false
	}
	t.mu.Lock()
	t.live[id] = &locked[S]{s: s.Clone()}
	t.mu.Unlock()
	return true
}
