package tradevest

import (
	"fmt"
	"maps"
	"slices"
	"sort"

	"github.com/customers-api/sandbox/sandbox/internal/store"
)

// The kinds of record the change log keeps for a partner. Each is stored
// as its Go struct in JSON; indexes are rebuilt from the records.
const (
	kindClient      = "client"
	kindEntity      = "entity"
	kindCustomer    = "customer"
	kindOnboarding  = "onboarding"
	kindProxy       = "proxy"
	kindOffboarding = "offboarding"
	kindWebhook     = "webhook"
	kindRelated     = "related" // legal representatives and beneficial owners
)

// TakeChanges returns the records stored since the last call. The
// notifications noted meanwhile are dropped: a write on the live state has
// dispatched them already (API.update), and a load or replay notifies
// nobody.
func (p *Partner) TakeChanges() []store.Change {
	p.events = nil
	return p.Changes.TakeChanges()
}

// Records yields every record of the partner: clients, entities (natural
// persons before the joint persons that name them), customers, onboardings.
func (p *Partner) Records(yield func(store.Change) bool) {
	ids := make([]string, 0, len(p.Clients))
	for id := range p.Clients {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if !yield(store.Change{Kind: kindClient, Key: id, Value: p.Clients[id]}) {
			return
		}
	}
	for _, k := range kinds {
		for id := range p.entityOrder[k.entityType].Ascend(nil) {
			if !yield(store.Change{Kind: kindEntity, Key: id, Value: p.entities[id]}) {
				return
			}
		}
	}
	for id := range p.customerOrder.Ascend(nil) {
		if !yield(store.Change{Kind: kindCustomer, Key: id, Value: p.customers[id]}) {
			return
		}
	}
	for id := range p.proxyOrder.Ascend(nil) {
		if !yield(store.Change{Kind: kindProxy, Key: id, Value: p.proxies[id]}) {
			return
		}
	}
	for id := range p.relatedOrder.Ascend(nil) {
		if !yield(store.Change{Kind: kindRelated, Key: id, Value: p.related[id]}) {
			return
		}
	}
	for _, cid := range slices.Sorted(maps.Keys(p.docsByCustomer)) {
		for _, id := range p.docsByCustomer[cid] {
			if !yield(store.Change{Kind: kindDocument, Key: id, Value: p.documents[id]}) {
				return
			}
		}
	}
	for id := range p.verificationOrder.Ascend(nil) {
		if !yield(store.Change{Kind: kindVerification, Key: id, Value: p.verifications[id]}) {
			return
		}
	}
	for _, id := range slices.Sorted(maps.Keys(p.onboardings)) {
		if !yield(store.Change{Kind: kindOnboarding, Key: id, Value: p.onboardings[id]}) {
			return
		}
	}
	for _, id := range slices.Sorted(maps.Keys(p.offboardings)) {
		if !yield(store.Change{Kind: kindOffboarding, Key: id, Value: p.offboardings[id]}) {
			return
		}
	}
	for _, id := range slices.Sorted(maps.Keys(p.webhooks)) {
		if !yield(store.Change{Kind: kindWebhook, Key: id, Value: p.webhooks[id]}) {
			return
		}
	}
}

// Decode decodes a record of the change log.
func (p *Partner) Decode(kind string, data []byte) (any, error) {
	var v any
	switch kind {
	case kindClient:
		v = &Client{}
	case kindEntity:
		v = &Entity{}
	case kindCustomer:
		v = &Customer{}
	case kindOnboarding:
		v = &Onboarding{}
	case kindProxy:
		v = &Proxy{}
	case kindOffboarding:
		v = &Offboarding{}
	case kindWebhook:
		v = &Webhook{}
	case kindRelated:
		v = &Related{}
	case kindDocument:
		v = &SignedDocument{}
	case kindVerification:
		v = &Verification{}
	default:
		return nil, fmt.Errorf("unknown kind of record %q", kind)
	}
	if err := store.DecodeRecord(data, v); err != nil {
		return nil, err
	}
	if e, ok := v.(*Entity); ok && kindOf(e.Kind) == nil {
		return nil, fmt.Errorf("entity %s: unknown entity type %q", e.ID, e.Kind)
	}
	return v, nil
}

// Restore stores one record from the change log, as Decode decoded it.
// Records are only ever replaced, never removed.
func (p *Partner) Restore(kind, key string, v any) error {
	switch r := v.(type) {
	case *Client:
		p.Clients[r.ID] = *r
	case *Entity:
		p.indexEntity(r)
	case *Customer:
		if old, ok := p.customers[r.ID]; ok && old.EntityID != r.EntityID {
			delete(p.customerByEntity, old.EntityID)
		}
		p.indexCustomer(r)
	case *Onboarding:
		p.indexOnboarding(r)
	case *Proxy:
		p.indexProxy(r)
	case *Offboarding:
		p.indexOffboarding(r)
	case *Webhook:
		p.indexWebhook(r)
	case *Related:
		if _, ok := relatedKinds[r.Kind]; !ok {
			return fmt.Errorf("%s %s: unknown kind %q", kind, key, r.Kind)
		}
		p.indexRelated(r)
	case *SignedDocument:
		if c, ok := p.documents[r.ID]; ok && c.CustomerID != r.CustomerID {
			return fmt.Errorf("%s %s: a signed document does not move to another customer", kind, key)
		}
		p.indexDocument(r)
	case *Verification:
		return p.restoreVerification(r)
	default:
		return fmt.Errorf("%s %s: not a record (%T)", kind, key, v)
	}
	return nil
}
