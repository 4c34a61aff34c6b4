package tradevest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/customers-api/sandbox/sandbox/internal/store"
)

// The kinds of record the change log keeps for a partner. Each is stored
// as its Go struct in JSON; indexes are rebuilt from the records.
const (
	kindClient     = "client"
	kindEntity     = "entity"
	kindCustomer   = "customer"
	kindOnboarding = "onboarding"
)

// touch notes that a write stored v (immutable from now on).
func (p *Partner) touch(kind, key string, v any) {
	p.changes = append(p.changes, store.Change{Kind: kind, Key: key, Value: v})
}

// TakeChanges returns the records stored since the last call.
func (p *Partner) TakeChanges() []store.Change {
	c := p.changes
	p.changes = nil
	return c
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
	ids = ids[:0]
	for id := range p.onboardings {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if !yield(store.Change{Kind: kindOnboarding, Key: id, Value: p.onboardings[id]}) {
			return
		}
	}
}

// Restore stores one record from the change log. Records are only ever
// replaced, never removed.
func (p *Partner) Restore(kind, key string, data []byte) error {
	switch kind {
	case kindClient:
		var c Client
		if err := decodeRecord(data, &c); err != nil {
			return err
		}
		p.Clients[c.ID] = c
	case kindEntity:
		e := &Entity{}
		if err := decodeRecord(data, e); err != nil {
			return err
		}
		if kindOf(e.Kind) == nil {
			return fmt.Errorf("entity %s: unknown entity type %q", e.ID, e.Kind)
		}
		p.indexEntity(e)
	case kindCustomer:
		c := &Customer{}
		if err := decodeRecord(data, c); err != nil {
			return err
		}
		if old, ok := p.customers[c.ID]; ok && old.EntityID != c.EntityID {
			delete(p.customerByEntity, old.EntityID)
		}
		p.indexCustomer(c)
	case kindOnboarding:
		o := &Onboarding{}
		if err := decodeRecord(data, o); err != nil {
			return err
		}
		p.indexOnboarding(o)
	default:
		return fmt.Errorf("unknown kind of record %q", kind)
	}
	return nil
}

// decodeRecord decodes a logged record, numbers as json.Number as the API
// keeps them.
func decodeRecord(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v)
}
