package tradevest

import (
	"maps"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/paging"
	"github.com/customers-api/sandbox/sandbox/internal/store"
)

// Store is the Tradevest state of every partner (see package store).
type Store = store.Tenants[*Partner]

func newStore() *Store { return store.New(newPartner, errPartnerNotFound) }

// Client is an API client of a partner.
type Client struct {
	ID     string `json:"client_id" yaml:"client_id"`
	Secret string `json:"client_secret" yaml:"client_secret"`
	// TokenTTL is the lifetime of the client's tokens in seconds (0:
	// tokenTTL).
	TokenTTL int `json:"token_ttl,omitempty" yaml:"token_ttl,omitempty"`
}

// Partner is one Tradevest partner's state: its clients, entities,
// customer roles and onboardings. Stored records are never changed in
// place: a change stores a new copy, so clones share them safely.
type Partner struct {
	ID      string
	Clients map[string]Client

	entities    map[string]*Entity
	entityOrder map[string]*paging.Index[string] // per entity kind, (createdOn, id)
	externalIDs map[string]string                // externalId → entity id

	customers        map[string]*Customer
	customerOrder    *paging.Index[string]
	customerByEntity map[string]string // entity id → customer id

	onboardings map[string]*Onboarding

	proxies           map[string]*Proxy
	proxyOrder        *paging.Index[string]
	offboardings      map[string]*Offboarding
	webhooks          map[string]*Webhook // by event type
	related           map[string]*Related // legal representatives and beneficial owners
	relatedOrder      *paging.Index[string]
	documents         map[string]*SignedDocument // signed partner documents (documents.go)
	docsByCustomer    map[string][]string        // customer id → its documents' ids, in stored order
	verifications     map[string]*Verification   // WebID identification verifications (verifications.go)
	verificationOrder *paging.Index[string]

	events        []event                   // notifications of the current write (webhooks.go)
	store.Changes                           // what the current write stored, for the change log
	due           *paging.Index[paging.Key] // transitions to come, by due time (settle.go); nil until built
}

func newPartner(id string) *Partner {
	p := &Partner{
		ID: id, Clients: map[string]Client{},
		entities: map[string]*Entity{}, entityOrder: map[string]*paging.Index[string]{}, externalIDs: map[string]string{},
		customers: map[string]*Customer{}, customerOrder: paging.NewIndex[string](), customerByEntity: map[string]string{},
		onboardings: map[string]*Onboarding{},
		proxies:     map[string]*Proxy{}, proxyOrder: paging.NewIndex[string](), offboardings: map[string]*Offboarding{},
		webhooks: map[string]*Webhook{}, related: map[string]*Related{}, relatedOrder: paging.NewIndex[string](),
		documents: map[string]*SignedDocument{}, docsByCustomer: map[string][]string{},
		verifications: map[string]*Verification{}, verificationOrder: paging.NewIndex[string](),
	}
	for _, k := range kinds {
		p.entityOrder[k.entityType] = paging.NewIndex[string]()
	}
	return p
}

// Clone returns a copy of the partner that shares nothing mutable with it.
func (p *Partner) Clone() *Partner {
	q := *p
	q.Clients = maps.Clone(p.Clients)
	q.entities = maps.Clone(p.entities)
	q.entityOrder = make(map[string]*paging.Index[string], len(p.entityOrder))
	for k, x := range p.entityOrder {
		q.entityOrder[k] = x.Clone()
	}
	q.externalIDs = maps.Clone(p.externalIDs)
	q.customers = maps.Clone(p.customers)
	q.customerOrder = p.customerOrder.Clone()
	q.customerByEntity = maps.Clone(p.customerByEntity)
	q.onboardings = maps.Clone(p.onboardings)
	q.proxies = maps.Clone(p.proxies)
	q.proxyOrder = p.proxyOrder.Clone()
	q.offboardings = maps.Clone(p.offboardings)
	q.webhooks = maps.Clone(p.webhooks)
	q.related = maps.Clone(p.related)
	q.relatedOrder = p.relatedOrder.Clone()
	q.documents = maps.Clone(p.documents)
	q.docsByCustomer = maps.Clone(p.docsByCustomer) // the lists are clipped, never appended to in place
	q.verifications = maps.Clone(p.verifications)
	q.verificationOrder = p.verificationOrder.Clone()
	q.events = nil
	q.Changes = store.Changes{}
	q.due = nil // rebuilt on the copy's first settle
	return &q
}

// timeFormat prints times as Tradevest does: RFC 3339, UTC, milliseconds.
const timeFormat = "2006-01-02T15:04:05.000Z"

func ts(t time.Time) string { return t.UTC().Format(timeFormat) }

func str(v any) string { s, _ := v.(string); return s }
