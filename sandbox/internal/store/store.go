// Package store keeps the state of every tenant of an API (a Dintero
// account, a Tradevest partner) in memory, one lock per tenant, and the
// baseline the fixtures loaded, which a reset restores. Each API defines its
// own tenant state type; this package needs it to clone itself and, for the
// change log, to name the records a write changed.
//
// Every change to a tenant happens under that tenant's write lock: API
// writes (Update), fixture loads (Prepare), resets and snapshots (which clone
// the tenant, and cloning a B-tree writes to it). A load holds the locks of
// the tenants it changes from the moment it copies them until it installs the
// result, so a write acknowledged in between is never overwritten.
package store

import (
	"bytes"
	"encoding/json"
	"sort"
	"sync"
)

// Change is one record a write stored or removed.
type Change struct {
	Kind  string // the kind of record, e.g. "customer"
	Key   string // its id within the kind
	Value any    // the record, encodable as JSON; nil: removed
}

// State is a tenant's state.
type State[S any] interface {
	// Clone returns a copy that shares nothing mutable with the original
	// and has no pending changes.
	Clone() S
	// TakeChanges returns the records changed since the last call, in
	// order, and forgets them.
	TakeChanges() []Change
	// Records yields every record of the tenant, in an order Restore can
	// apply them in.
	Records(yield func(Change) bool)
	// Decode decodes a record of kind from its JSON (called on an empty
	// tenant, possibly concurrently: it must not touch the tenant).
	Decode(kind string, data []byte) (any, error)
	// Restore stores one record as Records or TakeChanges gave it and
	// Decode decoded it.
	Restore(kind, key string, v any) error
}

// Op is what a log entry does.
type Op string

// The log entries' operations.
const (
	OpPut    Op = "put"    // store (or remove, Value nil) one record
	OpTenant Op = "tenant" // the tenant starts empty; its records follow
	OpDrop   Op = "drop"   // the tenant is removed
)

// Entry is one change of the state as the change log keeps it.
type Entry struct {
	Op     Op
	Tenant string
	Change Change
}

// Sink receives every change, in the order the tenants' locks serialise
// them, while the lock is held; the function it returns waits until the
// entries are durable. A nil Sink keeps nothing.
type Sink func(entries []Entry) (wait func() error)

// Tenants holds the live state of every tenant and the fixture baseline.
// It is safe for concurrent use: View and Update serialise writers per
// tenant; loads and resets are serialised among themselves by the caller.
type Tenants[S State[S]] struct {
	fresh    func(id string) S // a new, empty tenant
	proto    S                 // an empty tenant, to decode records
	notFound func(id string) error
	sink     Sink

	mu   sync.RWMutex
	live map[string]*locked[S]

	loadMu   sync.Mutex
	baseline map[string]S // the tenants as the fixtures loaded them

	// removed are the tenants removed (Remove, or a reset dropping them)
	// and not loaded again since: a snapshot names them, so that a tenant
	// the fixtures define again at the next start stays removed. Guarded
	// by mu.
	removed map[string]bool
}

type locked[S any] struct {
	mu   sync.RWMutex
	s    S
	gone bool // removed from the live set: callers that still hold it see not found
}

// New returns an empty set of tenants. fresh makes a new tenant; notFound
// is the error View and Update return for an unknown tenant.
func New[S State[S]](fresh func(id string) S, notFound func(id string) error) *Tenants[S] {
	return &Tenants[S]{fresh: fresh, proto: fresh(""), notFound: notFound, live: map[string]*locked[S]{}, baseline: map[string]S{}, removed: map[string]bool{}}
}

// SetSink makes every later change go to sink (the change log). Set it
// before the tenants are shared.
func (t *Tenants[S]) SetSink(sink Sink) { t.sink = sink }

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
	if l.gone {
		return t.notFound(id)
	}
	return fn(l.s)
}

// Update runs fn with exclusive access to one tenant's state. fn must check
// everything before it changes anything: an error leaves the state as it
// was. When fn succeeds, what it changed goes to the change log before
// Update returns, so a caller acknowledges only durable writes.
func (t *Tenants[S]) Update(id string, fn func(S) error) error {
	l := t.get(id)
	if l == nil {
		return t.notFound(id)
	}
	l.mu.Lock()
	if l.gone {
		l.mu.Unlock()
		return t.notFound(id)
	}
	err := fn(l.s)
	// What fn stored is logged even when it then failed: a failing write
	// stores nothing, but what happened before it (a due transition,
	// say) stays.
	changes := l.s.TakeChanges()
	var wait func() error
	if len(changes) > 0 && t.sink != nil {
		entries := make([]Entry, len(changes))
		for i, c := range changes {
			entries[i] = Entry{Op: OpPut, Tenant: id, Change: c}
		}
		wait = t.sink(entries)
	}
	l.mu.Unlock()
	if wait != nil {
		if werr := wait(); werr != nil && err == nil {
			return werr
		}
	}
	return err
}

// IDs lists the tenants' ids, sorted.
func (t *Tenants[S]) IDs() []string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	ids := make([]string, 0, len(t.live))
	for id := range t.live {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Has reports whether the tenant exists.
func (t *Tenants[S]) Has(id string) bool { return t.get(id) != nil }

// Snapshot returns a clone of every tenant, keyed by id. Each clone is
// taken under the tenant's write lock: cloning a B-tree writes to it.
func (t *Tenants[S]) Snapshot() map[string]S {
	t.mu.RLock()
	ls := make(map[string]*locked[S], len(t.live))
	for id, l := range t.live {
		ls[id] = l
	}
	t.mu.RUnlock()
	out := make(map[string]S, len(ls))
	for id, l := range ls {
		l.mu.Lock()
		if !l.gone {
			out[id] = l.s.Clone()
		}
		l.mu.Unlock()
	}
	return out
}

// tenantEntries are the log entries that make a tenant what s is.
func tenantEntries[S State[S]](id string, s S) []Entry {
	entries := []Entry{{Op: OpTenant, Tenant: id}}
	s.Records(func(c Change) bool {
		entries = append(entries, Entry{Op: OpPut, Tenant: id, Change: c})
		return true
	})
	return entries
}

// Entries yields the log entries that rebuild every tenant as it is now,
// each tenant copied under its lock (a snapshot for compaction).
func (t *Tenants[S]) Entries(yield func(Entry) bool) {
	t.mu.RLock()
	removed := make([]string, 0, len(t.removed))
	for id := range t.removed {
		removed = append(removed, id)
	}
	t.mu.RUnlock()
	sort.Strings(removed)
	for _, id := range removed {
		if !yield(Entry{Op: OpDrop, Tenant: id}) {
			return
		}
	}
	snap := t.Snapshot()
	ids := make([]string, 0, len(snap))
	for id := range snap {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if !yield(Entry{Op: OpTenant, Tenant: id}) {
			return
		}
		ok := true
		snap[id].Records(func(c Change) bool {
			ok = yield(Entry{Op: OpPut, Tenant: id, Change: c})
			return ok
		})
		if !ok {
			return
		}
	}
}

// Decode decodes a record of kind from its JSON (Replay's value).
func (t *Tenants[S]) Decode(kind string, data []byte) (any, error) {
	return t.proto.Decode(kind, data)
}

// Replay applies one log entry to the live state (loading a saved state at
// start, before the tenants are shared). v is the entry's record as Decode
// decoded it.
func (t *Tenants[S]) Replay(op Op, tenant, kind, key string, v any) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch op {
	case OpDrop:
		delete(t.live, tenant)
		t.removed[tenant] = true
		return nil
	case OpTenant:
		t.live[tenant] = &locked[S]{s: t.fresh(tenant)}
		delete(t.removed, tenant)
		return nil
	}
	l := t.live[tenant]
	if l == nil {
		l = &locked[S]{s: t.fresh(tenant)}
		t.live[tenant] = l
	}
	err := l.s.Restore(kind, key, v)
	l.s.TakeChanges()
	return err
}

// Workset is the tenants a load changes: each is copied the first time the
// load touches it (under its write lock, held until the load ends), or made
// new.
type Workset[S State[S]] struct {
	t       *Tenants[S]
	live    bool                  // the live state (else the baseline)
	locks   map[string]*locked[S] // live tenants locked by this load
	Touched map[string]S          // the tenants the load changed, by id
}

// Tenant returns the working copy of tenant id.
func (w *Workset[S]) Tenant(id string) S {
	if s, ok := w.Touched[id]; ok {
		return s
	}
	var s S
	var found bool
	if w.live {
		if l := w.t.get(id); l != nil {
			l.mu.Lock()
			if l.gone {
				l.mu.Unlock()
			} else {
				w.locks[id] = l
				s, found = l.s.Clone(), true
			}
		}
	} else if b, ok := w.t.baseline[id]; ok {
		s, found = b.Clone(), true
	}
	if !found {
		s = w.t.fresh(id)
	}
	w.Touched[id] = s
	return s
}

// View runs fn on tenant id as the load sees it, without touching it: the
// working copy when the load changed it, else the state as it is.
func (w *Workset[S]) View(id string, fn func(S)) {
	if s, ok := w.Touched[id]; ok {
		fn(s)
		return
	}
	if !w.live {
		if b, ok := w.t.baseline[id]; ok {
			fn(b)
		}
		return
	}
	_ = w.t.View(id, func(s S) error { fn(s); return nil })
}

// IDs lists the tenants the load sees: those there are and those it adds.
func (w *Workset[S]) IDs() []string {
	var ids []string
	if w.live {
		ids = w.t.IDs()
	} else {
		for id := range w.t.baseline {
			ids = append(ids, id)
		}
	}
	for id := range w.Touched {
		if _, ok := w.locks[id]; !ok && !w.has(id) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

func (w *Workset[S]) has(id string) bool {
	if w.live {
		return w.t.Has(id)
	}
	_, ok := w.t.baseline[id]
	return ok
}

// release unlocks the live tenants the load locked.
func (w *Workset[S]) release() {
	for _, l := range w.locks {
		l.mu.Unlock()
	}
	w.locks = nil
}

// Pending is a prepared load: Commit installs it, Abort drops it. Exactly
// one of them must be called: the load holds its tenants' locks until then.
type Pending struct {
	Commit func()
	Abort  func()
}

// Prepare applies a fixture load to working copies of the live state and of
// the baseline: apply runs once on each. When both succeed it returns the
// pending load; when either fails nothing changes. The baseline holds
// tenants, not documents, so its size follows the tenants however many
// documents are loaded. Callers serialise Prepare, its commit and Reset
// (the sandbox loads all its APIs' fixtures together).
func (t *Tenants[S]) Prepare(apply func(ws *Workset[S]) error) (*Pending, error) {
	return t.prepare(apply, true)
}

// PrepareLive is Prepare for the live state only: what it loads (a saved
// state, say) is not part of what Reset restores.
func (t *Tenants[S]) PrepareLive(apply func(ws *Workset[S]) error) (*Pending, error) {
	return t.prepare(apply, false)
}

func (t *Tenants[S]) prepare(apply func(ws *Workset[S]) error, baseline bool) (*Pending, error) {
	live := &Workset[S]{t: t, live: true, locks: map[string]*locked[S]{}, Touched: map[string]S{}}
	if err := apply(live); err != nil {
		live.release()
		return nil, err
	}
	// A store with no tenants yet (the first load of a new sandbox) has a
	// baseline as empty as its live state: the load would do to both the
	// same, so it runs once and the baseline is a copy of the result.
	t.mu.RLock()
	empty := len(t.live) == 0 && len(t.removed) == 0
	t.mu.RUnlock()
	t.loadMu.Lock()
	empty = empty && len(t.baseline) == 0
	t.loadMu.Unlock()
	var base *Workset[S]
	if baseline && empty {
		return &Pending{
			Commit: func() {
				t.loadMu.Lock()
				for id, s := range live.Touched {
					s.TakeChanges()
					t.baseline[id] = s.Clone()
				}
				t.loadMu.Unlock()
				t.install(live)
			},
			Abort: live.release,
		}, nil
	}
	if baseline {
		t.loadMu.Lock()
		base = &Workset[S]{t: t, Touched: map[string]S{}}
		err := apply(base)
		t.loadMu.Unlock()
		if err != nil {
			live.release()
			return nil, err
		}
	}
	return &Pending{
		Commit: func() {
			if base != nil {
				t.loadMu.Lock()
				for id, s := range base.Touched {
					s.TakeChanges()
					t.baseline[id] = s
				}
				t.loadMu.Unlock()
			}
			t.install(live)
		},
		Abort: live.release,
	}, nil
}

// install puts a load's working copies in place of the live tenants (whose
// locks it holds) and adds the new ones, logging each in full.
func (t *Tenants[S]) install(w *Workset[S]) {
	var entries []Entry
	ids := make([]string, 0, len(w.Touched))
	for id := range w.Touched {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	t.mu.Lock()
	for _, id := range ids {
		s := w.Touched[id]
		s.TakeChanges()
		if l, ok := w.locks[id]; ok {
			l.s = s
		} else {
			// New tenants stay locked until they are logged, so that no
			// write to them is logged before they are.
			l := &locked[S]{s: s}
			l.mu.Lock()
			w.locks[id] = l
			t.live[id] = l
			delete(t.removed, id)
		}
		if t.sink != nil {
			entries = append(entries, tenantEntries(id, s)...)
		}
	}
	t.mu.Unlock()
	t.log(entries)
	w.release()
}

// log sends entries to the sink and waits until they are durable.
func (t *Tenants[S]) log(entries []Entry) {
	if t.sink == nil || len(entries) == 0 {
		return
	}
	if wait := t.sink(entries); wait != nil {
		_ = wait() // a failed write is reported by the sink itself
	}
}

// Load is Prepare followed by its commit.
func (t *Tenants[S]) Load(apply func(ws *Workset[S]) error) error {
	p, err := t.Prepare(apply)
	if err != nil {
		return err
	}
	p.Commit()
	return nil
}

// Reset puts one tenant (all of them when id is "") back to the baseline.
// It reports whether the baseline knows the tenant. Each tenant is replaced
// under its write lock, held until the reset is logged, so a write that
// comes after the reset is logged after it too; tenants the baseline does
// not know are removed (a writer that still holds one sees not found).
func (t *Tenants[S]) Reset(id string) bool {
	t.loadMu.Lock()
	defer t.loadMu.Unlock()
	ids := []string{id}
	if id == "" {
		ids = ids[:0]
		for bid := range t.baseline {
			ids = append(ids, bid)
		}
		sort.Strings(ids)
	} else if _, ok := t.baseline[id]; !ok {
		return false
	}
	var entries []Entry
	var held []*locked[S]
	t.mu.Lock()
	if id == "" {
		for lid, l := range t.live {
			if _, ok := t.baseline[lid]; !ok {
				l.mu.Lock()
				l.gone = true
				held = append(held, l)
				delete(t.live, lid)
				t.removed[lid] = true
				entries = append(entries, Entry{Op: OpDrop, Tenant: lid})
			}
		}
	}
	for _, bid := range ids {
		s := t.baseline[bid].Clone()
		l, ok := t.live[bid]
		if !ok {
			l = &locked[S]{}
			t.live[bid] = l
			delete(t.removed, bid)
		}
		l.mu.Lock()
		l.s = s
		held = append(held, l)
		if t.sink != nil {
			entries = append(entries, tenantEntries(bid, s)...)
		}
	}
	t.mu.Unlock()
	t.log(entries)
	for _, l := range held {
		l.mu.Unlock()
	}
	return true
}

// Remove deletes a tenant from the live state and the baseline. It reports
// whether the tenant existed.
func (t *Tenants[S]) Remove(id string) bool {
	t.loadMu.Lock()
	defer t.loadMu.Unlock()
	t.mu.Lock()
	l, live := t.live[id]
	_, base := t.baseline[id]
	delete(t.baseline, id)
	if live {
		l.mu.Lock()
		l.gone = true
		delete(t.live, id)
	}
	if live || base {
		t.removed[id] = true
	}
	t.mu.Unlock()
	if live || base {
		t.log([]Entry{{Op: OpDrop, Tenant: id}})
	}
	if live {
		l.mu.Unlock()
	}
	return live || base
}

// Changes is what a tenant state embeds to name the records its writes
// store: Note them as they are stored, and TakeChanges (State) hands them
// to the change log. A clone starts with none.
type Changes struct{ list []Change }

// Note records that a write stored v (immutable from now on) as the record
// key of kind.
func (c *Changes) Note(kind, key string, v any) {
	c.list = append(c.list, Change{Kind: kind, Key: key, Value: v})
}

// TakeChanges returns the records noted since the last call and forgets
// them.
func (c *Changes) TakeChanges() []Change {
	l := c.list
	c.list = nil
	return l
}

// DecodeRecord decodes a record of the change log from its JSON, numbers
// as json.Number as the APIs keep them.
func DecodeRecord(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v)
}
