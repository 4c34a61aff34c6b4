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
	default:
		return nil, fmt.Errorf("unknown kind of record %q", kind)
	}
	if err := decodeRecord(data, v); err != nil {
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
	default:
		return fmt.Errorf("%s %s: not a record (%T)", kind, key, v)
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
