package dintero

import (
	"fmt"
	"maps"
	"slices"

	"github.com/customers-api/sandbox/sandbox/internal/store"
)

// The kinds of record the change log keeps for an account. Each is stored
// as its Go struct in JSON; indexes are rebuilt from the records.
const (
	kindClient   = "client"
	kindSettings = "settings"
	kindTag      = "tag"
	kindTerms    = "terms"
	kindCustomer = "customer"
	kindToken    = "token"
	kindRecord   = "token_events"
	kindLocation = "location"
)

// Records yields every record of the account: clients and settings, tags
// and terms (customers name tags), deleted customers before live ones (a
// customer_id names the live one), tokens, token events, then locations.
func (a *Account) Records(yield func(store.Change) bool) {
	for _, id := range slices.Sorted(maps.Keys(a.Clients)) {
		if !yield(store.Change{Kind: kindClient, Key: id, Value: a.Clients[id]}) {
			return
		}
	}
	if a.Settings != nil && !yield(store.Change{Kind: kindSettings, Value: a.Settings}) {
		return
	}
	for id := range a.tagOrder.Ascend(nil) {
		if !yield(store.Change{Kind: kindTag, Key: id, Value: a.tags[id]}) {
			return
		}
	}
	for id := range a.termsOrder.Ascend(nil) {
		if !yield(store.Change{Kind: kindTerms, Key: id, Value: a.terms[id]}) {
			return
		}
	}
	for _, deleted := range []bool{true, false} {
		for id := range a.order.Ascend(nil) {
			if c := a.customers[id]; c.deleted() == deleted && !yield(store.Change{Kind: kindCustomer, Key: id, Value: c}) {
				return
			}
		}
	}
	for id := range a.tokenOrder.Ascend(nil) {
		if !yield(store.Change{Kind: kindToken, Key: id, Value: a.tokens[id]}) {
			return
		}
	}
	for id := range a.recordOrder.Ascend(nil) {
		if !yield(store.Change{Kind: kindRecord, Key: id, Value: a.recordByID[id]}) {
			return
		}
	}
	for id := range a.locOrder.Ascend(nil) {
		if !yield(store.Change{Kind: kindLocation, Key: id, Value: a.locations[id]}) {
			return
		}
	}
}

// Decode decodes a record of the change log.
func (a *Account) Decode(kind string, data []byte) (any, error) {
	var v any
	switch kind {
	case kindClient:
		v = &Client{}
	case kindSettings:
		v = &map[string]any{}
	case kindTag:
		v = &Tag{}
	case kindTerms:
		v = &Terms{}
	case kindCustomer:
		v = &Customer{}
	case kindToken:
		v = &Token{}
	case kindRecord:
		v = &Record{}
	case kindLocation:
		v = &Location{}
	default:
		return nil, fmt.Errorf("unknown kind of record %q", kind)
	}
	return v, store.DecodeRecord(data, v)
}

// Restore stores one record from the change log, as Decode decoded it.
// Records are only ever replaced, never removed.
func (a *Account) Restore(kind, key string, v any) error {
	switch r := v.(type) {
	case *Client:
		a.Clients[r.ID] = *r
	case *map[string]any:
		a.Settings = *r
	case *Tag:
		a.indexTag(r)
	case *Terms:
		a.indexTerms(r)
	case *Customer:
		if prev, ok := a.customers[r.ID]; ok {
			a.unindex(prev)
		}
		a.index(r)
	case *Token:
		a.indexToken(r)
	case *Record:
		if old, ok := a.records[tokenKey(r.Type, r.Value)]; ok && old.ID != r.ID {
			a.recordOrder.Delete(orderKey(old.CreatedAt, old.ID))
			delete(a.recordByID, old.ID)
		}
		a.putRecord(r)
	case *Location:
		a.indexLocation(r)
	default:
		return fmt.Errorf("%s %s: not a record (%T)", kind, key, v)
	}
	return nil
}
