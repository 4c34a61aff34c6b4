package dintero

import (
	"maps"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/paging"
	"github.com/customers-api/sandbox/sandbox/internal/store"
)

// Store is the Dintero state of every account: one lock per account, and
// the baseline the fixtures loaded (see package store).
type Store = store.Tenants[*Account]

func newStore() *Store { return store.New(newAccount, errAccountNotFound) }

// Client is an API client of an account.
type Client struct {
	ID         string   `json:"client_id" yaml:"client_id"`
	Secret     string   `json:"client_secret" yaml:"client_secret"`
	Scopes     []string `json:"scopes" yaml:"scopes"`
	CustomerID string   `json:"customer_id,omitempty" yaml:"customer_id,omitempty"`
	// TokenTTL is the lifetime of the client's tokens in seconds (0:
	// tokenTTL); applyClients reads it.
	TokenTTL int `json:"token_ttl,omitempty" yaml:"-"`
}

// Account is one Dintero account's state. Stored records are never changed
// in place: a change stores a new copy, so clones share them safely.
type Account struct {
	ID       string
	Clients  map[string]Client
	Settings map[string]any // validated settings document; nil: the defaults

	customers map[string]*Customer       // by id
	byCID     map[string]string          // customer_id → id
	order     *paging.Index[string]      // (created_at, id) → id, deleted included
	email     *prefixIndex               // lowercased email
	phone     *prefixIndex               // phone number
	search    *prefixIndex               // every field `search` matches
	tagged    map[string]map[string]bool // tag id → customer ids
	maxSeq    int64                      // highest numeric customer_id, for sequence ids
	newest    time.Time                  // latest created_at of a customer

	tokens      map[string]*Token // by id
	tokenOrder  *paging.Index[string]
	tokensByVal map[string][]string // token value → token ids

	tags       map[string]*Tag
	tagOrder   *paging.Index[string]
	terms      map[string]*Terms
	termsOrder *paging.Index[string]

	records     map[string]*Record // token type/value → its events
	recordByID  map[string]*Record
	recordOrder *paging.Index[string]

	locations map[string]*Location // by id (locations.go)
	locByLID  map[string]string    // location_id → id, deleted included
	locOrder  *paging.Index[string]

	store.Changes // what the current write stored, for the change log
}

func newAccount(id string) *Account {
	return &Account{
		ID: id, Clients: map[string]Client{},
		customers: map[string]*Customer{}, byCID: map[string]string{},
		order: paging.NewIndex[string](), email: newPrefixIndex(), phone: newPrefixIndex(), search: newPrefixIndex(),
		tagged: map[string]map[string]bool{},
		tokens: map[string]*Token{}, tokenOrder: paging.NewIndex[string](), tokensByVal: map[string][]string{},
		tags: map[string]*Tag{}, tagOrder: paging.NewIndex[string](),
		terms: map[string]*Terms{}, termsOrder: paging.NewIndex[string](),
		records: map[string]*Record{}, recordByID: map[string]*Record{}, recordOrder: paging.NewIndex[string](),
		locations: map[string]*Location{}, locByLID: map[string]string{}, locOrder: paging.NewIndex[string](),
	}
}

// Clone returns a copy of the account that shares nothing mutable with it.
func (a *Account) Clone() *Account {
	b := *a
	b.Clients = maps.Clone(a.Clients)
	b.customers = maps.Clone(a.customers)
	b.byCID = maps.Clone(a.byCID)
	b.order, b.email, b.phone, b.search = a.order.Clone(), a.email.clone(), a.phone.clone(), a.search.clone()
	b.tagged = make(map[string]map[string]bool, len(a.tagged))
	for k, v := range a.tagged {
		b.tagged[k] = maps.Clone(v)
	}
	b.tokens = maps.Clone(a.tokens)
	b.tokenOrder = a.tokenOrder.Clone()
	b.tokensByVal = make(map[string][]string, len(a.tokensByVal))
	for k, v := range a.tokensByVal {
		b.tokensByVal[k] = append([]string(nil), v...)
	}
	b.tags, b.tagOrder = maps.Clone(a.tags), a.tagOrder.Clone()
	b.terms, b.termsOrder = maps.Clone(a.terms), a.termsOrder.Clone()
	b.records, b.recordByID, b.recordOrder = maps.Clone(a.records), maps.Clone(a.recordByID), a.recordOrder.Clone()
	b.locations, b.locByLID, b.locOrder = maps.Clone(a.locations), maps.Clone(a.locByLID), a.locOrder.Clone()
	b.Changes = store.Changes{}
	return &b
}

// orderKey is the list position of a record: created_at, then id.
func orderKey(at time.Time, id string) paging.Key { return paging.Key{At: at, ID: id} }
