package tradevest

import (
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/paging"
)

// Time-driven transitions (an onboarding CREATED → PENDING → APPROVED, its
// customer PENDING → ACTIVE and the customer's entity with it) are due at a
// time on the sandbox clock. Reads work out what is due themselves, under a
// read lock; settle stores what is due, under the partner's write lock,
// before every write (update), before the clock is moved (Settle) and
// before the state is exported, so a transition, once due, is never undone
// when the clock goes back (decision D50).
//
// Partner.due orders the records with a transition to come by its due
// time: key {At: due, ID: "c"+customer id or "o"+onboarding id}. It is
// derived data: nil in a new or cloned partner (so fixture loads need not
// keep it), built on the first settle and kept up to date by indexCustomer
// and indexOnboarding from then on.

// update is store.Update for the API's writes: it runs fn with exclusive
// access to a partner's state after storing the transitions due now. Those
// stay even when fn fails: they happened whatever the request asks.
func (a *API) update(partner string, fn func(p *Partner) error) error {
	return a.store.Update(partner, func(p *Partner) error {
		p.settle(a.clock.Now())
		err := fn(p)
		a.dispatch(p) // the notifications of what was stored, in order
		return err
	})
}

// Settle stores, for every partner, the transitions due at the sandbox time
// at.
func (a *API) Settle(at time.Time) {
	for _, id := range a.store.IDs() {
		_ = a.store.Update(id, func(p *Partner) error {
			p.settle(at)
			a.dispatch(p)
			return nil
		})
	}
}

// settle stores every transition due at now, oldest first.
func (p *Partner) settle(now time.Time) {
	if p.due == nil {
		p.buildDue()
	}
	for {
		var first paging.Key
		found := false
		for k := range p.due.Ascend(nil) {
			first, found = k, true
			break
		}
		if !found || first.At.After(now) {
			return
		}
		p.due.Delete(first)
		switch kind, id := first.ID[0], first.ID[1:]; kind {
		case 'c':
			if c, ok := p.customers[id]; ok {
				p.activate(c)
			}
		case 'o':
			if o, ok := p.onboardings[id]; ok {
				p.advanceOnboarding(o)
			}
		case 'p':
			if x, ok := p.proxies[id]; ok {
				p.settleProxy(x, first.At)
			}
		case 'f':
			if f, ok := p.offboardings[id]; ok {
				p.advanceOffboarding(f)
			}
		case 'b':
			if x, ok := p.related[id]; ok {
				p.settleRelated(x, first.At)
			}
		case 'v':
			if v, ok := p.verifications[id]; ok {
				p.settleVerification(v)
			}
		}
	}
}

// activate stores the customer's transition due at (its onboarding's
// outcome, approved when ACTIVE; INACTIVE once its offboarding took
// effect) and moves its entity with it.
func (p *Partner) activate(c *Customer) {
	at, ok := c.due()
	if !ok {
		return
	}
	status, modified, approved := c.at(at)
	next := *c
	next.Status, next.ApprovedOn, next.ModifiedOn = status, approved, modified
	p.indexCustomer(&next)
	if status != "INACTIVE" {
		p.moveEntity(c.EntityID, status, at)
	}
}

// advanceOnboarding stores an onboarding's next status.
func (p *Partner) advanceOnboarding(o *Onboarding) {
	at, ok := o.due()
	if !ok {
		return
	}
	next := *o
	next.Status, next.ModifiedOn = o.step(o.Status), at
	p.indexOnboarding(&next)
}

// moveEntity moves a role's entity to status at the time at when the
// entity follows its role (it is CREATED or PENDING); an entity a fixture
// gave another status keeps it.
func (p *Partner) moveEntity(entityID, status string, at time.Time) {
	e, ok := p.entities[entityID]
	if !ok || e.Status != "CREATED" && e.Status != "PENDING" || e.Status == status {
		return
	}
	next := *e
	next.Status, next.ModifiedOn = status, later(e.ModifiedOn, at)
	p.indexEntity(&next)
}

func (p *Partner) buildDue() {
	p.due = paging.NewIndex[paging.Key]()
	for _, c := range p.customers {
		p.trackDue("c"+c.ID, nil, c.due)
	}
	for _, o := range p.onboardings {
		p.trackDue("o"+o.ID, nil, o.due)
	}
	for _, x := range p.proxies {
		p.trackDue("p"+x.ID, nil, x.due)
	}
	for _, f := range p.offboardings {
		p.trackDue("f"+f.ID, nil, f.due)
	}
	for _, x := range p.related {
		p.trackDue("b"+x.ID, nil, x.due)
	}
	for _, v := range p.verifications {
		p.trackDue("v"+v.ID, nil, v.due)
	}
}

// trackDue moves a record's entry in the due index from its old due time to
// its new one (either may be nil).
func (p *Partner) trackDue(id string, old, next func() (time.Time, bool)) {
	if p.due == nil {
		return
	}
	if old != nil {
		if t, ok := old(); ok {
			p.due.Delete(paging.Key{At: t, ID: id})
		}
	}
	if next != nil {
		if t, ok := next(); ok {
			k := paging.Key{At: t, ID: id}
			p.due.Set(k, k)
		}
	}
}

// indexOnboarding stores an onboarding (a new copy on every change).
func (p *Partner) indexOnboarding(o *Onboarding) {
	var old func() (time.Time, bool)
	if prev, ok := p.onboardings[o.ID]; ok {
		old = prev.due
	}
	p.trackDue("o"+o.ID, old, o.due)
	_, known := p.onboardings[o.ID]
	p.notify("ONBOARDING_NOTIFICATION", onboardingNotification(o, !known))
	p.onboardings[o.ID] = o
	p.Note(kindOnboarding, o.ID, o)
}
